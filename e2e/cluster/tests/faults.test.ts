// The API server goes away mid-rollout and comes back: Rollscope shows the cluster as reconnecting,
// then converges to the true state (the controller's progress, objects created and deleted right after
// the restart) within seconds, with no ghost objects.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argoRollout } from "./argo-objects";
import { apply, kubectl, rollscope, stateDir, waitFor } from "./cluster";

const ns = "argo-faults";

function rollout(name: string, image: string) {
  return argoRollout({
    namespace: ns,
    name,
    image,
    replicas: 2,
    container: "app",
    steps: [{ setWeight: 20 }, { pause: { duration: "15s" } }, { setWeight: 60 }, { pause: {} }],
  });
}

/** ctl.sh stop|start NAME on the running cluster. */
const ctl = (verb: "stop" | "start", name: string) =>
  execFileSync("bash", [join(dirname(fileURLToPath(import.meta.url)), "..", "ctl.sh"), verb, name], {
    env: { ...process.env, ROLLSCOPE_CLUSTER_DIR: stateDir },
    stdio: "inherit",
  });

describe("API server outage mid-rollout", () => {
  let api: Awaited<ReturnType<typeof rollscope>>;
  const health = async () => (await api.caller.clusters.list()).find((c) => c.name === api.name)?.health;
  const names = async () =>
    (await api.caller.deliveries.list({ namespace: ns })).map((d) => d.ref.name).sort();
  const get = (name: string) =>
    api.caller.deliveries
      .get({ cluster: api.name, kind: "Rollout", namespace: ns, name })
      .then((d) => d.delivery);

  beforeAll(async () => {
    api = await rollscope();
    apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    apply(rollout("web", "argoproj/rollouts-demo:blue"), rollout("doomed", "argoproj/rollouts-demo:blue"));
  });
  afterAll(async () => {
    ctl("start", "kube-apiserver"); // whatever happened, leave the cluster running
    await api?.running.stop();
  });

  it("shows reconnecting while the API server is down and converges after it returns", async () => {
    await waitFor(
      "both healthy",
      () => api.caller.deliveries.list({ namespace: ns }),
      (l) => l.length === 2 && l.every((d) => d.rawPhase === "Healthy"),
    );
    kubectl(
      "-n",
      ns,
      "patch",
      "rollout",
      "web",
      "--type",
      "json",
      "-p",
      '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"argoproj/rollouts-demo:yellow"}]',
    );
    await waitFor(
      "in the timed pause",
      () => get("web"),
      (x) => x.step?.index === 1,
    );
    expect((await health())?.state).toBe("connected");

    ctl("stop", "kube-apiserver");
    const down = await waitFor("reconnecting", health, (h) => h?.state === "reconnecting", 60_000);
    expect(down?.lastError).toBeTruthy();
    // Outlast the 15 s pause: the controller cannot move on until the API server is back.
    await new Promise((r) => setTimeout(r, 16_000));
    expect((await get("web")).step?.index).toBe(1);

    ctl("start", "kube-apiserver");
    const back = Date.now();
    // Changed while Rollscope is still reconnecting: one rollout deleted, one created.
    kubectl("-n", ns, "delete", "rollout", "doomed", "--wait=false");
    apply(rollout("newcomer", "argoproj/rollouts-demo:green"));

    const since = () => `${((Date.now() - back) / 1000).toFixed(1)} s`;
    await waitFor("connected", health, (h) => h?.state === "connected", 60_000);
    const connected = since();
    await waitFor("no ghost, newcomer present", names, (n) => n.join() === "newcomer,web", 60_000);
    const objectsRight = since();
    // The truth first (kubectl), then how long Rollscope takes to show it.
    const currentStep = () =>
      kubectl("-n", ns, "get", "rollout", "web", "-o", "jsonpath={.status.currentStepIndex}");
    await waitFor("the controller moves on", currentStep, (i) => Number(i) >= 3, 90_000);
    const truth = Date.now();
    const web = await waitFor(
      "Rollscope shows it",
      () => get("web"),
      (x) => (x.step?.index ?? 0) >= 3,
    );
    console.log(
      `after the API server was ready again: Rollscope connected at ${connected}, objects right at ${objectsRight}; ` +
        `the controller's next step shown ${((Date.now() - truth) / 1000).toFixed(1)} s after kubectl saw it`,
    );
    expect(web.setWeight).toBe(60);
    expect(kubectl("-n", ns, "get", "rollout", "web", "-o", "jsonpath={.status.currentStepIndex}")).toBe("3");
  });
});
