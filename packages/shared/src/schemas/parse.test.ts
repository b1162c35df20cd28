import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFixtureDocs, sharedFixturesDir } from "../testing/fixtures";
import { parseObject } from "./parse";
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

  it("finds the objects", () => {
    expect(known.length).toBeGreaterThan(60);
  });

  it.each(known.map((o) => [`${o.file}#${o.i}`, o.doc] as const))("%s", (_label, doc) => {
    const kind = (doc as { kind: string }).kind;
    if (!isKnownKind(kind)) throw new Error("unreachable");
    const result = parseObject(kind, doc);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.metadata.name).toBeTruthy();
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

  it("does not throw on non-objects", () => {
    for (const raw of [null, undefined, 42, "x", [], { metadata: null }]) {
      expect(parseObject("Pod", raw).ok).toBe(false);
    }
  });
});
