import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { rolloutDelivery } from "../argo/rollout-delivery";
import { loadFixture, loadFixtureDocs, sharedFixturesDir } from "../testing/fixtures";
import { objectNotices, parseObject } from "./parse";
import { isKnownKind } from "./registry";

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return yamlFilesUnder(full);
    return entry.endsWith(".yaml") ? [full] : [];
  });
}

describe.skipIf(!sharedFixturesDir)("every captured and example object parses", () => {
  const root = sharedFixturesDir ?? "";
  const files = sharedFixturesDir
    ? yamlFilesUnder(root).filter(
        (f) => !f.includes("/crds/") && !f.endsWith("istio-crds.yaml") && !f.endsWith("crd.yaml"),
      )
    : [];
  const objects = files.flatMap((file) =>
    loadFixtureDocs(relative(root, file)).map((doc, i) => ({ file: relative(root, file), i, doc })),
  );
  const known = objects.filter(({ doc }) => isKnownKind((doc as { kind?: unknown }).kind));

  // Objects read leniently, each with the notice it must carry; every other object parses as it is.
  const lenient: Record<string, string[]> = {
    "argo-cd/rollout/testdata/degraded_statusPhaseMessage.yaml#0": ["status.conditions"],
  };

  it("finds the objects, Argo CD's Rollout health and action test objects among them", () => {
    expect(known.length).toBeGreaterThan(60);
    expect(known.filter((o) => o.file.startsWith("argo-cd/")).length).toBeGreaterThan(40);
    for (const label of Object.keys(lenient)) {
      expect(known.map((o) => `${o.file}#${o.i}`)).toContain(label);
    }
  });

  it.each(known.map((o) => [`${o.file}#${o.i}`, o.doc] as const))("%s", (label, doc) => {
    const kind = (doc as { kind: string }).kind;
    if (!isKnownKind(kind)) throw new Error("unreachable");
    const result = parseObject(kind, doc);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.metadata.name).toBeTruthy();
    expect(result.notices.map((n) => n.path)).toEqual(lenient[label] ?? []);
  });

  it("reads Argo CD's Rollout whose status.conditions is {} as having no conditions, and says so", () => {
    const raw = loadFixture("argo-cd/rollout/testdata/degraded_statusPhaseMessage.yaml");
    expect((raw.status as { conditions: unknown }).conditions).toEqual({});
    const result = parseObject("Rollout", raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status?.conditions).toBeUndefined();
    const notice = {
      path: "status.conditions",
      message: "is an empty object, not a list: read as no conditions",
    };
    expect(result.notices).toEqual([notice]);
    expect(objectNotices(result.value)).toEqual([notice]);
    // The caller's object is left as it was.
    expect((raw.status as { conditions: unknown }).conditions).toEqual({});

    // Argo CD's expected health for it (health_test.yaml): Degraded, "InvalidSpec".
    const [expected] = (
      loadFixture("argo-cd/rollout/health_test.yaml").tests as Array<{
        inputPath: string;
        healthStatus: { status: string; message: string };
      }>
    ).filter((t) => t.inputPath === "testdata/degraded_statusPhaseMessage.yaml");
    expect(expected?.healthStatus).toEqual({ status: "Degraded", message: "InvalidSpec" });
    const d = rolloutDelivery({ cluster: "c", rollout: result.value });
    expect(d.rawPhase).toBe(expected?.healthStatus.status);
    expect(d.phase).toBe("degraded");
    expect(d.message).toBe(expected?.healthStatus.message);
    expect(d.conditions).toEqual([]);
    expect(d.notices).toEqual([notice]);
  });
});

describe("malformed objects become error values", () => {
  it("names the object and the field", () => {
    const result = parseObject("Rollout", {
      metadata: { name: "web", namespace: "shop" },
      spec: { strategy: { canary: { steps: [{ setWeight: 20 }, { setWeight: "forty" }] } } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.name).toBe("web");
    expect(result.error.namespace).toBe("shop");
    expect(result.error.issues[0]?.path).toBe("spec.strategy.canary.steps[1].setWeight");
    expect(result.error.message).toMatch(
      /^Rollout shop\/web is malformed: spec\.strategy\.canary\.steps\[1\]\.setWeight/,
    );
  });

  it("reports a missing name", () => {
    const result = parseObject("Canary", {
      metadata: {},
      spec: { targetRef: { kind: "Deployment", name: "x" } },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("(unnamed)");
  });

  it("accepts unknown fields and keeps them", () => {
    const result = parseObject("Canary", {
      metadata: { name: "a", namespace: "b" },
      spec: { targetRef: { kind: "Deployment", name: "a" }, somethingNew: { x: 1 } },
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect((result.value.spec as Record<string, unknown>).somethingNew).toEqual({ x: 1 });
  });

  it("reads any Rollout status.conditions that is not a list as none, naming what it found", () => {
    const rollout = (conditions: unknown) => ({
      metadata: { name: "web", namespace: "shop" },
      spec: {},
      status: { phase: "Healthy", conditions },
    });
    const notices = (conditions: unknown) => {
      const result = parseObject("Rollout", rollout(conditions));
      return result.ok ? result.notices.map((n) => n.message) : [result.error.message];
    };
    expect(notices({ type: "Available" })).toEqual(["is an object, not a list: read as no conditions"]);
    expect(notices("Available")).toEqual(["is a string, not a list: read as no conditions"]);
    expect(notices([])).toEqual([]);
    expect(notices(null)).toEqual([]);
    // A list whose items are malformed is still an error: only the wrong container is tolerated.
    expect(notices([{ reason: "x" }])[0]).toMatch(
      /^Rollout shop\/web is malformed: status\.conditions\[0\]\.type/,
    );
    // Other kinds are not lenient.
    const canary = parseObject("Canary", {
      metadata: { name: "web" },
      spec: { targetRef: { kind: "Deployment", name: "web" } },
      status: { conditions: {} },
    });
    expect(canary.ok).toBe(false);
  });

  it("leaves objects that were read as they are without notices", () => {
    const result = parseObject("Rollout", { metadata: { name: "web" }, spec: {} });
    expect(result.ok && result.notices).toEqual([]);
    if (result.ok) expect(objectNotices(result.value)).toEqual([]);
  });

  it("does not throw on non-objects", () => {
    for (const raw of [null, undefined, 42, "x", [], { metadata: null }]) {
      expect(parseObject("Pod", raw).ok).toBe(false);
    }
  });
});
