// What the oracle (e2e/oracle/main.go) prints per Rollout: the kubectl-argo-rollouts plugin's own view,
// and, with -crds, one line per object that fails its CRD schema. Field meanings: e2e/oracle/README.md.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export interface PluginImage {
  image: string;
  tags: string[];
}

export interface PluginReplicaSet {
  name: string;
  revision: number;
  status: string;
  tags: string[];
  replicas: number;
  available: number;
  images: string[];
  template?: string;
  scaleDownDeadline?: string;
  experiment?: string;
}

export interface PluginPod {
  name: string;
  replicaSet: string;
  status: string;
  ready: string;
  restarts: number;
}

export interface PluginAnalysisRun {
  name: string;
  revision: number;
  status: string;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  jobs: Array<{ name: string; status: string }>;
  experiment?: string;
}

export interface PluginView {
  cluster: string;
  namespace: string;
  name: string;
  error?: string;
  status?: string;
  message?: string;
  strategy?: string;
  step?: string;
  setWeight?: string;
  actualWeight?: string;
  generation?: string;
  restartedAt?: string;
  images: PluginImage[];
  revisions: number[];
  replicaSets: PluginReplicaSet[];
  pods: PluginPod[];
  analysisRuns: PluginAnalysisRun[];
  experiments: Array<{ name: string; revision: number; status: string; message?: string }>;
  replicas?: { desired: number; current: number; updated: number; ready: number; available: number };
}

export interface InvalidObject {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
  errors: string[];
}

export interface OracleOutput {
  views: PluginView[];
  invalid: InvalidObject[];
}

/** Runs the oracle binary on one snapshot folder, validating custom resources against `crdsDir`. */
export async function runOracle(binary: string, crdsDir: string, snapshotDir: string): Promise<OracleOutput> {
  const { stdout } = await promisify(execFile)(binary, ["-crds", crdsDir, snapshotDir], {
    maxBuffer: 1024 * 1024 * 1024,
  });
  const output: OracleOutput = { views: [], invalid: [] };
  for (const line of stdout.split("\n")) {
    if (!line.trim()) continue;
    const parsed = JSON.parse(line) as PluginView | { invalid: InvalidObject };
    if ("invalid" in parsed) output.invalid.push(parsed.invalid);
    else output.views.push(parsed);
  }
  return output;
}
