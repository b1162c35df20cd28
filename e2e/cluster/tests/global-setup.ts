// Starts the test cluster (building what is missing) before the suite and stops it after.
// ROLLSCOPE_CLUSTER_REUSE=1 runs the suite on a cluster that is already up and leaves it running
// (start it with ROLLSCOPE_FLAGGER_INTERVAL=2s, as here, for the same timings).
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const script = (name: string) => join(here, "..", name);
const reuse = process.env.ROLLSCOPE_CLUSTER_REUSE === "1";

export function setup(): void {
  if (reuse) {
    execFileSync("bash", [script("stop.sh"), "--check"], { stdio: "inherit" });
    return;
  }
  execFileSync("bash", [script("start.sh")], {
    stdio: "inherit",
    env: { ...process.env, ROLLSCOPE_FLAGGER_INTERVAL: "2s" },
  });
}

export function teardown(): void {
  if (reuse) return;
  execFileSync("bash", [script("stop.sh")], { stdio: "inherit" });
}
