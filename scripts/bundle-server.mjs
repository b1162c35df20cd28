// Bundles a server's TypeScript (and the workspace packages it imports) into one ES module with
// esbuild, leaving its npm dependencies as imports. `npm start` runs the bundles with plain Node: no
// TypeScript loader at run time, which costs the API about 110 MB of memory. Takes well under a second.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build, stop } from "esbuild";

/** Ends esbuild's service process, which otherwise stays beside the servers holding 20–50 MB. */
export const stopBundler = stop;

/** Bundles `<packageDir>/<entry>` into `<packageDir>/<outfile>`; returns the outfile's path. */
export async function bundleServer(packageDir, entry, outfile) {
  const { dependencies = {} } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const out = join(packageDir, outfile);
  await build({
    entryPoints: [join(packageDir, entry)],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Workspace packages ship TypeScript sources, so they go into the bundle; the rest stays external.
    external: Object.keys(dependencies).filter((name) => !name.startsWith("@rollscope/")),
    // Some dependencies are CommonJS and call require(); an ES module bundle has none of its own.
    banner: {
      js: "import { createRequire as rollscopeCreateRequire } from 'node:module'; const require = rollscopeCreateRequire(import.meta.url);",
    },
    sourcemap: "linked",
    logLevel: "warning",
  });
  return out;
}
