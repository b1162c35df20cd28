// Bundles a server's TypeScript, the workspace packages it imports and its npm dependencies into one
// ES module with esbuild (plus chunks for what only a dynamic import reaches). `npm start` runs the
// bundle with plain Node: no TypeScript loader at run time, which costs the API about 110 MB of
// memory. Takes well under a second, and nothing when no input changed since the last bundle (esbuild
// is then not even loaded).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let esbuild;

/** Ends esbuild's service process, if a bundle was built: it otherwise stays beside the server holding 20–50 MB. */
export async function stopBundler() {
  await esbuild?.stop();
}

/**
 * Dependencies left as imports: libsql loads a native addon that cannot be bundled (esbuild refuses a
 * .node file, so a new native dependency fails the bundle rather than the server). Every other
 * dependency is bundled, tree-shaken: Node then resolves, reads and compiles one file instead of
 * hundreds of modules (zod, kysely and client-node's dependencies), which took a quarter of a second
 * of every start, and the heap is about 3 MB smaller.
 */
const nativeDependencies = ["libsql"];

/**
 * The inputs of the last bundle, written beside it. A start whose inputs are all older than the bundle
 * reuses it: esbuild's service process, briefly about 150 MB, then never starts.
 */
const inputsFileOf = (out) => `${out}.inputs.json`;

function upToDate(out, signature) {
  const inputsFile = inputsFileOf(out);
  if (!existsSync(out) || !existsSync(inputsFile)) return false;
  try {
    const recorded = JSON.parse(readFileSync(inputsFile, "utf8"));
    if (recorded.signature !== signature) return false;
    const builtAt = statSync(out).mtimeMs;
    return recorded.inputs.every((input) => statSync(input).mtimeMs <= builtAt);
  } catch {
    return false; // an input gone or unreadable: build again
  }
}

/** Packages replaced in the bundle by a stand-in (see each file in bundle-shims/). */
const shims = { "whatwg-url": fileURLToPath(new URL("bundle-shims/whatwg-url.cjs", import.meta.url)) };

/** Where code loaded only by a dynamic import() goes, beside the entry's bundle. */
const chunksDir = "chunks";

/**
 * Bundles `<packageDir>/<entry>` into `<packageDir>/<outfile>` unless it is up to date; returns its path.
 * Code reached only through a dynamic import() (the demo, snapshots, OpenID sign-in, PostgreSQL) goes
 * into chunks of its own, read and compiled only by a start that uses it.
 */
export async function bundleServer(packageDir, entry, outfile) {
  const out = join(packageDir, outfile);
  // What else decides the bundle's content: the entry, the dependency lists and installed versions (npm
  // gives installed files a fixed old mtime, so an upgrade shows only in the lockfile), this file.
  const signature = createHash("sha256")
    .update(entry)
    .update(readFileSync(join(packageDir, "package.json")))
    .update(readFileSync(new URL("../package-lock.json", import.meta.url)))
    .update(readFileSync(new URL(import.meta.url)))
    .update(JSON.stringify(Object.values(shims).map((shim) => readFileSync(shim, "utf8"))))
    .digest("hex");
  if (upToDate(out, signature)) return out;
  esbuild ??= await import("esbuild");
  // Chunks are named by content: those of earlier bundles would only pile up.
  rmSync(join(dirname(out), chunksDir), { recursive: true, force: true });
  const entryName = basename(out).replace(/\.js$/, "");
  const result = await esbuild.build({
    entryPoints: { [entryName]: join(packageDir, entry) },
    outdir: dirname(out),
    splitting: true,
    chunkNames: `${chunksDir}/[name]-[hash]`,
    alias: shims,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: nativeDependencies,
    // Some dependencies are CommonJS and call require(); an ES module bundle has none of its own.
    banner: {
      js: "import { createRequire as rollscopeCreateRequire } from 'node:module'; const require = rollscopeCreateRequire(import.meta.url);",
    },
    // Node keeps the source of every module it loads: without whitespace and comments the bundle is
    // about half the size, and Latin-1 only (comments carry "—" and "→"), which V8 stores one byte
    // per character instead of two. Names are kept, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: "linked",
    logLevel: "warning",
    metafile: true,
  });
  // Installed packages are covered by the lockfile in the signature; only the project's own files are
  // checked one by one at each start.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes("node_modules/"))
    .map((input) => join(process.cwd(), input));
  writeFileSync(inputsFileOf(out), JSON.stringify({ signature, inputs }));
  return out;
}
