// Starts the test cluster (building what is missing) before the suite and stops it after.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const script = (name: string) => join(here, "..", name);

export function setup(): void {
  execFileSync("bash", [script("start.sh")], {
    stdio: "inherit",
    env: { ...process.env, ROLLSCOPE_FLAGGER_INTERVAL: "2s" },
  });
}

export function teardown(): void {
  execFileSync("bash", [script("stop.sh")], { stdio: "inherit" });
}
