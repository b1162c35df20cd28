// Builds the oracle (and the CRDs it validates against) with e2e/cluster/build.sh and says where they
// and the pinned argo-rollouts module are. Undefined when Go is not installed.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export interface BuiltOracle {
  binary: string;
  /** The Argo Rollouts CRDs of the pinned version (build.sh's crds target). */
  crdsDir: string;
  argoModuleDir: string;
}

function hasGo(): boolean {
  try {
    execFileSync("go", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function buildOracle(repoRoot: string): BuiltOracle | undefined {
  if (!hasGo()) return undefined;
  const cluster = join(repoRoot, "e2e/cluster");
  execFileSync("bash", [join(cluster, "build.sh"), "oracle", "crds"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const [buildDir, modCache, version] = execFileSync(
    "bash",
    [
      "-c",
      `source "${cluster}/lib.sh" && echo "$ROLLSCOPE_BUILD_DIR" && echo "$GOMODCACHE" && echo "$ARGO_ROLLOUTS_VERSION"`,
    ],
    { encoding: "utf8" },
  )
    .trim()
    .split("\n");
  return {
    binary: join(buildDir as string, "bin/oracle"),
    crdsDir: join(buildDir as string, "crds"),
    argoModuleDir: join(modCache as string, `github.com/argoproj/argo-rollouts@${version}`),
  };
}
