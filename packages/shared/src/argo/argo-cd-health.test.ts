// Rollscope's phase for Argo CD's own Rollout health test objects (../shared/fixtures/argo-cd, copied
// from argoproj/argo-cd resource_customizations/argoproj.io/Rollout), in Argo CD's health words, set
// beside the health its health_test.yaml expects. Rollscope shows what `kubectl argo rollouts get`
// shows; where Argo CD's health.lua says otherwise, each case is listed below with the reason.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { type ArgoCdHealth, argoCdHealth } from "../delivery/argo-cd-health";
import { parseObject } from "../schemas/parse";
import { loadFixture, loadFixtureDocs, sharedFixturesDir } from "../testing/fixtures";
import { rolloutDelivery } from "./rollout-delivery";

const folder = "argo-cd/rollout";

interface HealthTest {
  inputPath: string;
  healthStatus: { status: ArgoCdHealth; message?: string };
}

/** Paths of the YAML files under the fixture folder, relative to it (as health_test.yaml names them). */
function yamlFilesUnder(sub: string): string[] {
  const root = join(sharedFixturesDir ?? "", folder);
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((entry) => {
        const full = join(dir, entry);
        if (statSync(full).isDirectory()) return walk(full);
        return entry.endsWith(".yaml") ? [relative(root, full)] : [];
      });
  return walk(join(root, sub));
}

/** Rollscope's Delivery for one fixture object, read the way the API reads objects from a cluster. */
function deliveryOf(path: string) {
  const [raw] = loadFixtureDocs(`${folder}/${path}`);
  const parsed = parseObject("Rollout", raw);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return rolloutDelivery({ cluster: "argo-cd", rollout: parsed.value });
}

// Statuses written by controllers before v0.8 keep the stable hash only in status.canary.stableRS
// (v0.7 blue-green wrote none). Argo CD's health.lua still reads that field (getStableRS) and accepts a
// blue-green with no stable hash. The plugin's v1 types have no status.canary.stableRS and its
// CalculateRolloutPhase needs status.stableRS == status.currentPodHash, so `kubectl argo rollouts get`
// and the Argo Rollouts dashboard show these as Progressing. Rollscope shows what they show: it is the
// view a person compares Rollscope with, and the plugin oracle (issue #11) checks it field by field.
const legacyStableRS =
  "pre-v0.8 status without status.stableRS: Rollscope follows the plugin, which ignores " +
  "status.canary.stableRS and waits for status.stableRS; Argo CD still honours the old field";

/** Every case where Rollscope's health differs from Argo CD's expected health, and why. */
const statusDifferences: Record<string, { rollscope: ArgoCdHealth; message: string; why: string }> = {
  "testdata/bluegreen/healthy_servingActiveService.yaml": {
    rollscope: "Progressing",
    message: "waiting for post-promotion verification to complete",
    why: legacyStableRS,
  },
  "testdata/canary/healthy_emptyStepsList.yaml": {
    rollscope: "Progressing",
    message: "waiting for all steps to complete",
    why: legacyStableRS,
  },
  "testdata/canary/healthy_executedAllStepsPreV0.8.yaml": {
    rollscope: "Progressing",
    message: "waiting for all steps to complete",
    why: legacyStableRS,
  },
  "testdata/canary/healthy_noSteps.yaml": {
    rollscope: "Progressing",
    message: "waiting for all steps to complete",
    why: legacyStableRS,
  },
  // The workload-generation annotation (2) is ahead of status.workloadObservedGeneration (1): the
  // referenced Deployment changed and the controller has not written status since. Argo CD says
  // Progressing. The plugin's GetRolloutPhase makes the same check only when spec.TemplateResolvedFromRef
  // is set, a `json:"-"` field the controller sets in memory after resolving workloadRef; a client reading
  // the object never has it, so the plugin shows status.phase (Healthy). A difference of opinion:
  // Rollscope keeps the plugin's answer, as for every other field, until the controller writes status.
  "testdata/progressing_newWorkloadGeneration.yaml": {
    rollscope: "Healthy",
    message: "",
    why:
      "workloadRef generation not yet observed: the plugin checks it only inside the controller " +
      "(TemplateResolvedFromRef), so it and Rollscope show status.phase; Argo CD checks the annotation",
  },
};

// Where both say the same health, the messages say the same thing once the wording each side adds
// is set aside: Argo CD's "Waiting for roll out to finish: " and capitals, the plugin's "<Reason>: "
// before a condition's message. These cases say something else, and why.
const messageDifferences: Record<string, { rollscope: string; why: string }> = {
  "testdata/newRolloutWithoutStatus.yaml": {
    rollscope: "more replicas need to be updated",
    why:
      "no status at all: Argo CD waits for the spec to be observed; the plugin's strconv.Atoi fails " +
      "on the empty observedGeneration, counts the spec as observed and computes the phase itself",
  },
  "testdata/suspended_controllerPause.yaml": {
    rollscope: "CanaryPauseStep",
    why: "Argo CD says 'Rollout is paused' for any pre-1.0 pause; the plugin names the pause reason",
  },
  "testdata/suspended_userPause.yaml": {
    rollscope: "manually paused",
    why: "Argo CD says 'Rollout is paused' for any pre-1.0 pause; the plugin says spec.paused is set",
  },
};

const argoCdWords = (message: string) =>
  message.replace(/^Waiting for roll out to finish: /, "").toLowerCase();
const pluginWords = (message: string) =>
  message.replace(/^(InvalidSpec|RolloutAborted|ProgressDeadlineExceeded): /, "").toLowerCase();

describe("Argo CD health words for Rollscope's phases", () => {
  it("maps each phase, Paused to Suspended as Argo CD's Rollout check does", () => {
    expect(argoCdHealth("healthy")).toBe("Healthy");
    expect(argoCdHealth("progressing")).toBe("Progressing");
    expect(argoCdHealth("paused")).toBe("Suspended");
    expect(argoCdHealth("degraded")).toBe("Degraded");
    expect(argoCdHealth("terminated")).toBe("Unknown");
    expect(argoCdHealth("unknown")).toBe("Unknown");
  });
});

describe.skipIf(!sharedFixturesDir)("Rollscope against Argo CD's Rollout health tests", () => {
  const tests = sharedFixturesDir ? (loadFixture(`${folder}/health_test.yaml`).tests as HealthTest[]) : [];
  const byPath = new Map(tests.map((t) => [t.inputPath, t.healthStatus]));

  it("has Argo CD's expected health for every object in testdata/, and an object for each", () => {
    expect(tests.length).toBe(24);
    expect([...byPath.keys()].sort()).toEqual(yamlFilesUnder("testdata"));
    for (const path of [...Object.keys(statusDifferences), ...Object.keys(messageDifferences)]) {
      expect(byPath.has(path), path).toBe(true);
    }
  });

  it.each(tests.map((t) => [t.inputPath, t.healthStatus] as const))("%s", (path, expected) => {
    const d = deliveryOf(path);
    const health = argoCdHealth(d.phase);
    const listed = statusDifferences[path];
    if (listed) {
      expect({ health, message: d.message }).toEqual({ health: listed.rollscope, message: listed.message });
      expect(health, listed.why).not.toBe(expected.status);
      return;
    }
    expect(health).toBe(expected.status);
    const wording = messageDifferences[path];
    if (wording) {
      expect(d.message).toBe(wording.rollscope);
      expect(pluginWords(d.message), wording.why).not.toBe(argoCdWords(expected.message ?? ""));
      return;
    }
    expect(pluginWords(d.message)).toBe(argoCdWords(expected.message ?? ""));
  });

  it("reads the object whose status.conditions is {} as having none, and Argo CD agrees it is Degraded", () => {
    const d = deliveryOf("testdata/degraded_statusPhaseMessage.yaml");
    expect(d.notices?.map((n) => n.path)).toEqual(["status.conditions"]);
    expect(d.conditions).toEqual([]);
    expect([argoCdHealth(d.phase), d.message]).toEqual(["Degraded", "InvalidSpec"]);
  });

  // Argo CD's action tests (actions-testdata/) come without an expected health, so there is nothing of
  // Argo CD's to compare with: each is read as the API reads it and given a health word. The plugin
  // oracle (e2e/oracle) compares them with the plugin.
  const actionObjects = sharedFixturesDir ? yamlFilesUnder("actions-testdata") : [];
  it("finds Argo CD's action test objects", () => {
    expect(actionObjects.length).toBe(20);
  });
  it.each(actionObjects)("%s (no expected health in Argo CD's tests) is read and mapped", (path) => {
    expect(byPath.has(path)).toBe(false);
    expect(argoCdHealth(deliveryOf(path).phase)).not.toBe("Unknown");
  });
});
