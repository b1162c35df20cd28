// The dashboard's pages: the web app exported as static files (apps/web/out, `next build`), served by
// the API on its own port so one process serves the pages and /api. Every file is read once at start
// (about 2 MB) and answered from memory, gzipped when the browser accepts it: compressed on its first
// such request, not at start, where it took about 35 ms and most files are never asked for. Each page's
// Content-Security-Policy allows exactly its own inline scripts, by their SHA-256 hashes.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { pageSecurityHeaders } from "@rollscope/shared/http/security-headers";

interface StaticFile {
  body: Buffer;
  /** Whether the type compresses; `gzipped` is made on first use, null when it came out no smaller. */
  compressible: boolean;
  gzipped?: Buffer | null;
  contentType: string;
  etag: string;
  /** For pages: the policy naming the hashes of the page's inline scripts. */
  securityHeaders?: Record<string, string>;
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
    const body = readFileSync(path);
    const type = contentTypes[extname(path)] ?? "application/octet-stream";
    const file: StaticFile = {
      body,
      compressible: /^(text\/|application\/json|image\/svg)/.test(type) && body.length > 1024,
      contentType: type,
      etag: `"${createHash("sha1").update(body).digest("base64url")}"`,
    };
    if (type.startsWith("text/html"))
      file.securityHeaders = pageSecurityHeaders({
        scriptHashes: inlineScriptHashes(body.toString("utf8")),
        ...(options.dev ? { dev: true } : {}),
      });
    files.set(`/${relative(dir, path).split(sep).join("/")}`, file);
  }
  const notFound = files.get("/404.html");

  function gzippedOf(file: StaticFile): Buffer | null {
    if (!file.compressible) return null;
    if (file.gzipped === undefined) {
      const gzipped = gzipSync(file.body, { level: 9 });
      file.gzipped = gzipped.length < file.body.length ? gzipped : null;
    }
    return file.gzipped;
  }

  function send(req: IncomingMessage, res: ServerResponse, file: StaticFile, status: number, key: string) {
    for (const [name, value] of Object.entries(file.securityHeaders ?? {})) res.setHeader(name, value);
    // Hashed build assets never change under their name; pages and payloads are checked each time.
    res.setHeader(
      "cache-control",
      key.startsWith("/_next/static/") ? "public, max-age=31536000, immutable" : "no-cache",
    );
    res.setHeader("etag", file.etag);
    res.setHeader("vary", "accept-encoding");
    if (status === 200 && req.headers["if-none-match"] === file.etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const gzipped = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) ? gzippedOf(file) : null;
    const gzip = gzipped !== null;
    const body = gzipped ?? file.body;
    res.writeHead(status, {
      "content-type": file.contentType,
      "content-length": body.length,
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  return {
    serve(req, res, path) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      for (const key of staticFileKey(path)) {
        const file = files.get(key);
        if (file) {
          send(req, res, file, 200, key);
          return true;
        }
      }
      if (path.startsWith("/api/") || !notFound) return false;
      send(req, res, notFound, 404, "/404.html");
      return true;
    },
  };
}
