// The dashboard's pages as the API serves them: an export laid out as `next build` writes it
// (output: "export"), read from disk when asked for, through the API's front door.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../observability/logger";
import { createServices, type RunningServices } from "../runtime/create-services";
import { createApiServer, listen } from "./http-server";
import { inlineScriptHashes, loadStaticPages, staticFileKey } from "./static-pages";
import { rawRequest } from "./test-http";

const themeScript = `try{document.documentElement.dataset.theme="dark"}catch(e){}`;
const flight = `self.__next_f.push([1,"0:{\\"b\\":\\"build\\"}"])`;
const page = (title: string) =>
  `<!DOCTYPE html><html lang="en"><head><script src="/_next/static/chunks/main-abc.js" async=""></script>` +
  `<script>${themeScript}</script></head><body><h1>${title}</h1>` +
  `<script>${flight}</script><script id="_R_">(globalThis.TURBOPACK||=[]).push({})</script></body></html>`;
const bigScript = `console.log(${JSON.stringify("x".repeat(5000))});`;

function writeExport(): string {
  const dir = mkdtempSync(join(tmpdir(), "rollscope-pages-"));
  const files: Record<string, string> = {
    "index.html": page("Overview"),
    "index.txt": "0:overview payload",
    "404.html": page("Not found"),
    "d/_/_/_/_.html": page("Delivery"),
    "d/_/_/_/_.txt": "0:delivery payload",
    "d/_/_/_/_/__next._tree.txt": "0:delivery tree",
    "_next/static/chunks/main-abc.js": bigScript,
    "icon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
  };
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("staticFileKey", () => {
  it("maps every delivery address, its payload and its segment files to the placeholder export", () => {
    expect(staticFileKey("/")).toEqual(["/index.html"]);
    expect(staticFileKey("/d/prod-eu/rollout/shop/checkout")).toEqual(["/d/_/_/_/_", "/d/_/_/_/_.html"]);
    expect(staticFileKey("/d/prod-eu/canary/shop/checkout.txt")).toEqual([
      "/d/_/_/_/_.txt",
      "/d/_/_/_/_.txt.html",
    ]);
    expect(staticFileKey("/d/a/rollout/b/c/__next._tree.txt")[0]).toBe("/d/_/_/_/_/__next._tree.txt");
    expect(staticFileKey("/_next/static/chunks/x.js")[0]).toBe("/_next/static/chunks/x.js");
    // Fewer segments than a delivery address names no delivery page.
    expect(staticFileKey("/d/a/b")[0]).toBe("/d/a/b");
  });
});

describe("inlineScriptHashes", () => {
  it("hashes each inline script once and no script loaded from a file", () => {
    const hashes = inlineScriptHashes(page("x") + page("y"));
    expect(hashes).toHaveLength(3);
    expect(hashes).toContain(sha256(themeScript));
    expect(hashes).toContain(sha256(flight));
  });
});

describe("the dashboard's pages on the API's port", () => {
  let running: RunningServices;
  let server: Server;
  let base: string;
  let host: string;
  let exported: string;
  beforeAll(async () => {
    exported = writeExport();
    running = await createServices([], {
      dataDir: mkdtempSync(join(tmpdir(), "rollscope-pages-data-")),
      readOnly: false,
      log: silentLogger(),
    });
    await running.start();
    server = createApiServer(running.services, {
      allowedOrigins: [],
      pages: loadStaticPages(exported),
    });
    const port = await listen(server, "127.0.0.1", 0);
    base = `http://127.0.0.1:${port}`;
    host = `localhost:${port}`;
  });
  afterAll(async () => {
    server.close();
    await running.stop();
  });

  it("serves the overview with a policy that allows exactly its inline scripts", async () => {
    const answer = await rawRequest(base, "/", { headers: { host } });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("<h1>Overview</h1>");
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    const policy = String(answer.headers["content-security-policy"]);
    expect(policy).toContain(`script-src 'self' ${sha256(themeScript)}`);
    expect(policy).toContain(sha256(flight));
    expect(policy).not.toContain("unsafe-inline' 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(answer.headers["x-frame-options"]).toBe("DENY");
    expect(answer.headers["cache-control"]).toBe("no-cache");
  });

  it("serves the delivery page and its payloads for any delivery's address", async () => {
    const html = await rawRequest(base, "/d/prod/rollout/shop/checkout", { headers: { host } });
    expect(html.status).toBe(200);
    expect(html.body).toContain("<h1>Delivery</h1>");
    const payload = await rawRequest(base, "/d/prod/canary/shop/web.txt?_rsc=1x2y", { headers: { host } });
    expect(payload.body).toBe("0:delivery payload");
    expect(payload.headers["content-type"]).toBe("text/plain; charset=utf-8");
    const tree = await rawRequest(base, "/d/prod/canary/shop/web/__next._tree.txt", { headers: { host } });
    expect(tree.body).toBe("0:delivery tree");
  });

  it("answers build assets as immutable, gzipped when asked, and revalidates by ETag", async () => {
    const plain = await rawRequest(base, "/_next/static/chunks/main-abc.js", { headers: { host } });
    expect(plain.body).toBe(bigScript);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const zipped = await new Promise<Buffer>((resolve, reject) => {
      import("node:http").then(({ get }) =>
        get(
          `${base}/_next/static/chunks/main-abc.js`,
          { headers: { host, "accept-encoding": "gzip, br" } },
          (res) => {
            expect(res.headers["content-encoding"]).toBe("gzip");
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve(Buffer.concat(chunks)));
          },
        ).on("error", reject),
      );
    });
    expect(zipped.length).toBeLessThan(bigScript.length / 10);
    expect(gunzipSync(zipped).toString("utf8")).toBe(bigScript);
    const again = await rawRequest(base, "/_next/static/chunks/main-abc.js", {
      headers: { host, "if-none-match": String(plain.headers.etag) },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
  });

  it("answers an unknown page with the exported 404 page, and an unknown API path with a plain 404", async () => {
    const page404 = await rawRequest(base, "/no/such/page", { headers: { host } });
    expect(page404.status).toBe(404);
    expect(page404.body).toContain("<h1>Not found</h1>");
    const api404 = await rawRequest(base, "/api/nothing", { headers: { host } });
    expect(api404.status).toBe(404);
    expect(api404.body).toBe("not found");
  });

  it("refuses a DNS-rebinding Host for pages too, and changes nothing on a POST", async () => {
    const rebound = await rawRequest(base, "/", { headers: { host: "evil.example" } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain("<h1>");
    const post = await rawRequest(base, "/", { method: "POST", headers: { host }, body: "x" });
    expect(post.status).toBe(404);
  });

  it("cannot be walked out of its folder", async () => {
    for (const path of ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/_next/../../package.json"]) {
      const answer = await rawRequest(base, path, { headers: { host } });
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain("root:");
    }
  });

  it("serves what is on disk now: a page rebuilt after the start, with its new ETag and policy", async () => {
    const before = await rawRequest(base, "/index.txt", { headers: { host } });
    expect(before.body).toBe("0:overview payload");
    const script = `console.log("rebuilt")`;
    writeFileSync(join(exported, "index.txt"), "0:rebuilt payload, longer than before");
    writeFileSync(join(exported, "index.html"), page("Rebuilt").replace(themeScript, script));
    // A rebuild within the same millisecond as the first write would keep the time; the size differs.
    utimesSync(join(exported, "index.html"), new Date(), new Date(Date.now() + 5_000));
    const after = await rawRequest(base, "/index.txt", { headers: { host } });
    expect(after.body).toBe("0:rebuilt payload, longer than before");
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const stale = await rawRequest(base, "/index.txt", {
      headers: { host, "if-none-match": String(before.headers.etag) },
    });
    expect(stale.status).toBe(200);
    const html = await rawRequest(base, "/", { headers: { host } });
    expect(html.body).toContain("<h1>Rebuilt</h1>");
    const policy = String(html.headers["content-security-policy"]);
    expect(policy).toContain(sha256(script));
    expect(policy).not.toContain(sha256(themeScript));
  });

  it("answers 503 with a retry for a file that went away under it, and serves the rest", async () => {
    rmSync(join(exported, "icon.svg"));
    const gone = await rawRequest(base, "/icon.svg", { headers: { host } });
    expect(gone.status).toBe(503);
    expect(gone.headers["retry-after"]).toBe("1");
    expect(gone.body).toMatch(/being rebuilt/);
    expect((await rawRequest(base, "/d/a/rollout/b/c", { headers: { host } })).status).toBe(200);
  });
});
