// Bundles a server's TypeScript (and the workspace packages it imports) into one ES module with
// esbuild, leaving its npm dependencies as imports. `npm start` runs the bundles with plain Node: no
// TypeScript loader at run time, which costs the API about 110 MB of memory. Takes well under a second,
// and nothing when no input changed since the last bundle.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build, stop } from "esbuild";

const require = createRequire(import.meta.url);

/** Ends esbuild's service process, which otherwise stays beside the servers holding 20–50 MB. */
export const stopBundler = stop;

/**
 * Dependencies bundled (tree-shaken) rather than loaded whole: client-node's generated API is one
 * module graph of every Kubernetes API group (a 6 MB ObservableAPI.js among them), and Node keeps the
 * source of every loaded module in memory. Their own dependencies stay external.
 */
const bundledDependencies = ["@kubernetes/client-node"];

function dependenciesOf(packageJson) {
  return Object.keys(JSON.parse(readFileSync(packageJson, "utf8")).dependencies ?? {});
}

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

/** Bundles `<packageDir>/<entry>` into `<packageDir>/<outfile>` unless it is up to date; returns its path. */
export async function bundleServer(packageDir, entry, outfile) {
  const own = dependenciesOf(join(packageDir, "package.json"));
  const bundled = bundledDependencies.filter((name) => own.includes(name));
  const external = [
    ...own.filter((name) => !name.startsWith("@rollscope/") && !bundled.includes(name)),
    ...bundled.flatMap((name) =>
      dependenciesOf(require.resolve(`${name}/package.json`, { paths: [packageDir] })),
    ),
  ];
  const out = join(packageDir, outfile);
  // What else decides the bundle's content: the entry, the dependency lists and installed versions (npm
  // gives installed files a fixed old mtime, so an upgrade shows only in the lockfile), this file.
  const signature = createHash("sha256")
    .update(entry)
    .update(readFileSync(join(packageDir, "package.json")))
    .update(readFileSync(new URL("../package-lock.json", import.meta.url)))
    .update(readFileSync(new URL(import.meta.url)))
    .digest("hex");
  if (upToDate(out, signature)) return out;
  const result = await build({
    entryPoints: [join(packageDir, entry)],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Workspace packages ship TypeScript sources, so they go into the bundle, with `bundled`.
    external,
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
  const inputs = Object.keys(result.metafile.inputs).map((input) => join(process.cwd(), input));
  writeFileSync(inputsFileOf(out), JSON.stringify({ signature, inputs }));
  return out;
}
