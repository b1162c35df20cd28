// Finding kubeconfigs and selecting contexts, as kubectl does.
import { mkdir, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createKubeClusterSources } from "./create-kube-sources";
import { hasKubeConfig, inClusterContext, KubeConfigError, loadKubeConfigs } from "./kube-config";
import { tempDir, writeKubeconfig } from "./testing/kube-fixtures";

let tmp: { dir: string; remove: () => Promise<void> };
const noEnv = {};

beforeEach(async () => {
  tmp = await tempDir();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await tmp.remove();
});

async function threeContexts(): Promise<string> {
  return writeKubeconfig(
    join(tmp.dir, "config"),
    [
      { context: "dev", server: "https://dev.example:6443" },
      { context: "prod-eu", server: "https://eu.example:6443", namespace: "shop" },
      { context: "prod-us", server: "https://us.example:6443" },
    ],
    "prod-eu",
  );
}

describe("hasKubeConfig", () => {
  it("is false with no KUBECONFIG, no ~/.kube/config and no service account", () => {
    expect(hasKubeConfig({ env: noEnv, homeDir: tmp.dir, inClusterRoot: tmp.dir })).toBe(false);
  });

  it("finds ~/.kube/config", async () => {
    await mkdir(join(tmp.dir, ".kube"));
    await writeKubeconfig(join(tmp.dir, ".kube", "config"), [{ context: "a", server: "https://a:6443" }]);
    expect(hasKubeConfig({ env: noEnv, homeDir: tmp.dir })).toBe(true);
  });

  it("uses only KUBECONFIG when it is set, skipping files that do not exist", async () => {
    await mkdir(join(tmp.dir, ".kube"));
    await writeKubeconfig(join(tmp.dir, ".kube", "config"), [{ context: "a", server: "https://a:6443" }]);
    expect(
      hasKubeConfig({
        env: { KUBECONFIG: join(tmp.dir, "missing") },
        homeDir: tmp.dir,
        inClusterRoot: tmp.dir,
      }),
    ).toBe(false);
    const path = await threeContexts();
    expect(hasKubeConfig({ env: { KUBECONFIG: [join(tmp.dir, "missing"), path].join(delimiter) } })).toBe(
      true,
    );
  });

  it("finds the in-cluster service account", async () => {
    const sa = join(tmp.dir, "var/run/secrets/kubernetes.io/serviceaccount");
    await mkdir(sa, { recursive: true });
    await writeFile(join(sa, "token"), "t");
    const env = { KUBERNETES_SERVICE_HOST: "10.0.0.1" };
    expect(hasKubeConfig({ env, homeDir: join(tmp.dir, "nohome"), inClusterRoot: tmp.dir })).toBe(true);
    expect(hasKubeConfig({ env: noEnv, homeDir: join(tmp.dir, "nohome"), inClusterRoot: tmp.dir })).toBe(
      false,
    );
  });
});

describe("loadKubeConfigs", () => {
  it("selects the current context by default", async () => {
    const [only, ...rest] = loadKubeConfigs({ kubeconfig: await threeContexts() });
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      context: "prod-eu",
      server: "https://eu.example:6443",
      namespace: "shop",
      inCluster: false,
    });
    expect(only?.kubeConfig.getCurrentContext()).toBe("prod-eu");
    expect(only?.kubeConfig.getCurrentCluster()?.server).toBe("https://eu.example:6443");
  });

  it("selects several contexts at once, each with its own config", async () => {
    const configs = loadKubeConfigs({ kubeconfig: await threeContexts(), contexts: ["dev", "prod-us"] });
    expect(configs.map((c) => [c.context, c.kubeConfig.getCurrentCluster()?.server])).toEqual([
      ["dev", "https://dev.example:6443"],
      ["prod-us", "https://us.example:6443"],
    ]);
  });

  it("selects every context with allContexts", async () => {
    const configs = loadKubeConfigs({ kubeconfig: await threeContexts(), allContexts: true });
    expect(configs.map((c) => c.context)).toEqual(["dev", "prod-eu", "prod-us"]);
  });

  it("rejects an unknown context, listing the available ones", async () => {
    const kubeconfig = await threeContexts();
    expect(() => loadKubeConfigs({ kubeconfig, contexts: ["staging"] })).toThrow(KubeConfigError);
    expect(() => loadKubeConfigs({ kubeconfig, contexts: ["dev", "staging"] })).toThrow(
      'unknown kubeconfig context "staging"; available: dev, prod-eu, prod-us',
    );
  });

  it("merges KUBECONFIG files like kubectl: the first definition of a name wins", async () => {
    const first = await writeKubeconfig(join(tmp.dir, "first"), [
      { context: "dev", server: "https://first:6443" },
    ]);
    const second = await writeKubeconfig(
      join(tmp.dir, "second"),
      [
        { context: "dev", server: "https://second:6443" },
        { context: "ops", server: "https://ops:6443" },
      ],
      "ops",
    );
    const configs = loadKubeConfigs({
      env: { KUBECONFIG: [first, second].join(delimiter) },
      allContexts: true,
    });
    expect(configs.map((c) => [c.context, c.server])).toEqual([
      ["dev", "https://first:6443"],
      ["ops", "https://ops:6443"],
    ]);
    expect(
      loadKubeConfigs({ env: { KUBECONFIG: [first, second].join(delimiter) } }).map((c) => c.context),
    ).toEqual(["dev"]);
  });

  it("says so when there is nothing to load", () => {
    expect(() => loadKubeConfigs({ env: noEnv, homeDir: tmp.dir, inClusterRoot: tmp.dir })).toThrow(
      /no kubeconfig found/,
    );
  });

  it("loads the in-cluster service account as context in-cluster", async () => {
    const sa = join(tmp.dir, "var/run/secrets/kubernetes.io/serviceaccount");
    await mkdir(sa, { recursive: true });
    await writeFile(join(sa, "token"), "t");
    await writeFile(join(sa, "namespace"), "rollscope");
    // client-node reads the service address from the process environment.
    vi.stubEnv("KUBERNETES_SERVICE_HOST", "10.0.0.1");
    vi.stubEnv("KUBERNETES_SERVICE_PORT", "443");
    const [config] = loadKubeConfigs({
      env: process.env,
      homeDir: join(tmp.dir, "nohome"),
      inClusterRoot: tmp.dir,
    });
    expect(config).toMatchObject({
      context: inClusterContext,
      server: "https://10.0.0.1:443",
      inCluster: true,
    });
  });
});

describe("createKubeClusterSources", () => {
  it("makes one source per context, named after it and labelled with its server", async () => {
    const sources = createKubeClusterSources({
      kubeconfig: await threeContexts(),
      contexts: ["prod-eu", "dev"],
    });
    expect(sources.map((s) => [s.name, s.label, s.kind])).toEqual([
      ["prod-eu", "prod-eu (https://eu.example:6443)", "kube"],
      ["dev", "dev (https://dev.example:6443)", "kube"],
    ]);
    expect(sources[0]?.store).not.toBe(sources[1]?.store);
  });
});
