// The dashboard's pages: the web app exported as static files (apps/web/out, `next build`), served by
// the API on its own port so one process serves the pages and /api. Files are read from disk when asked
// for (the browser keeps the hashed assets for a year, so that is rarely), not held in memory, where
// the export took about 1.6 MB for every tab that never loads a page. A file's gzip is made on its first
// request for it and kept (a fraction of its size). Each page's Content-Security-Policy allows exactly
// its own inline scripts, by their SHA-256 hashes, read from the page once per version of it.
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { pageSecurityHeaders } from "@rollscope/shared/http/security-headers";

const gzipped = promisify(gzip);

/** What is derived from one version of a file (its size and modification time), made when first needed. */
interface FileVersion {
  etag: string;
  /** Made on the first gzip request; null when it came out no smaller. */
  gzipped?: Buffer | null;
  /** For pages: the policy naming the hashes of the page's inline scripts. */
  securityHeaders?: Record<string, string>;
}

interface StaticFile {
  path: string;
  contentType: string;
  /** Whether the type compresses (text, JSON, SVG). */
  compressible: boolean;
  page: boolean;
  version?: FileVersion;
}

export interface StaticPages {
  /** Answers a GET or HEAD for a page or asset; false when no file matches (the caller answers 404). */
  serve(req: IncomingMessage, res: ServerResponse, path: string): boolean;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  // React Server Component payloads of an exported app, fetched when the app navigates.
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

/** The delivery page is exported once, at /d/_/_/_/_ (apps/web/src/lib/delivery-href.ts). */
const deliveryPlaceholder = "_";

/** The hashes a Content-Security-Policy needs to allow the inline scripts of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    const body = match[1] ?? "";
    if (body.length > 0) hashes.add(`'sha256-${createHash("sha256").update(body).digest("base64")}'`);
  }
  return [...hashes];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/**
 * The file a request path names: `/` is index.html, `/x` is x.html or the file x itself, and every
 * `/d/CLUSTER/KIND/NAMESPACE/NAME…` is the delivery page's placeholder export.
 */
export function staticFileKey(path: string): string[] {
  const segments = path.split("/");
  if (segments[1] === "d" && segments.length >= 6) {
    const last = segments[5] ?? "";
    segments[2] = segments[3] = segments[4] = deliveryPlaceholder;
    segments[5] =
      last.endsWith(".txt") && segments.length === 6 ? `${deliveryPlaceholder}.txt` : deliveryPlaceholder;
  }
  const key = segments.join("/");
  if (key === "/") return ["/index.html"];
  return key.endsWith("/") ? [`${key}index.html`, `${key.slice(0, -1)}.html`] : [key, `${key}.html`];
}

export function loadStaticPages(dir: string, options: { dev?: boolean } = {}): StaticPages {
  const files = new Map<string, StaticFile>();
  for (const path of filesUnder(dir)) {
    const contentType = contentTypes[extname(path)] ?? "application/octet-stream";
    files.set(`/${relative(dir, path).split(sep).join("/")}`, {
      path,
      contentType,
      compressible: /^(text\/|application\/json|image\/svg)/.test(contentType),
      page: contentType.startsWith("text/html"),
    });
  }
  const notFound = files.get("/404.html");

  /** The file's version on disk now; a rebuilt export is served as it is, with its own ETag. */
  async function versionOf(file: StaticFile): Promise<{ version: FileVersion; size: number }> {
    const { size, mtimeMs } = await stat(file.path);
    const etag = `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
    if (file.version?.etag !== etag) file.version = { etag };
    return { version: file.version, size };
  }

  async function send(
    req: IncomingMessage,
    res: ServerResponse,
    file: StaticFile,
    status: number,
    key: string,
  ) {
    const { version, size } = await versionOf(file);
    let body: Buffer | undefined;
    const read = async () => {
      body ??= await readFile(file.path);
      return body;
    };
    if (file.page && !version.securityHeaders)
      version.securityHeaders = pageSecurityHeaders({
        scriptHashes: inlineScriptHashes((await read()).toString("utf8")),
        ...(options.dev ? { dev: true } : {}),
      });
    for (const [name, value] of Object.entries(version.securityHeaders ?? {})) res.setHeader(name, value);
    // Hashed build assets never change under their name; pages and payloads are checked each time.
    res.setHeader(
      "cache-control",
      key.startsWith("/_next/static/") ? "public, max-age=31536000, immutable" : "no-cache",
    );
    res.setHeader("etag", version.etag);
    res.setHeader("vary", "accept-encoding");
    if (status === 200 && req.headers["if-none-match"] === version.etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const wantsGzip =
      file.compressible && size > 1024 && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    if (wantsGzip && version.gzipped === undefined) {
      const raw = await read();
      const compressed = await gzipped(raw, { level: 9 });
      version.gzipped = compressed.length < raw.length ? compressed : null;
    }
    const zipped = wantsGzip ? (version.gzipped ?? null) : null;
    const answer = zipped ?? (await read());
    res.writeHead(status, {
      "content-type": file.contentType,
      "content-length": answer.length,
      ...(zipped ? { "content-encoding": "gzip" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : answer);
  }

  function answer(req: IncomingMessage, res: ServerResponse, file: StaticFile, status: number, key: string) {
    send(req, res, file, status, key).catch(() => {
      // The file went away under the server (the export being rebuilt): nothing sensible to send.
      if (!res.headersSent)
        res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "1" });
      res.end("The dashboard's pages are being rebuilt; try again in a moment.");
    });
  }

  return {
    serve(req, res, path) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      for (const key of staticFileKey(path)) {
        const file = files.get(key);
        if (file) {
          answer(req, res, file, 200, key);
          return true;
        }
      }
      if (path.startsWith("/api/") || !notFound) return false;
      answer(req, res, notFound, 404, "/404.html");
      return true;
    },
  };
}
