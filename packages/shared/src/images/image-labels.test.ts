import { describe, expect, it } from "vitest";
import { canaryImageLabel, shortImageName } from "./image-labels";

const DIGEST = "sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";

describe("shortImageName", () => {
  it.each([
    ["ghcr.io/stefanprodan/podinfo:6.0.1", "podinfo:6.0.1"],
    ["argoproj/rollouts-demo:blue", "rollouts-demo:blue"],
    ["nginx", "nginx"],
    // The registry's port is not a tag.
    ["localhost:5000/team/app", "app"],
    [`registry.example.com:443/team/app:v1.2.3@${DIGEST}`, `app:v1.2.3@${DIGEST}`],
    ["Not A/Reference", "Not A/Reference"],
  ])("%s → %s", (image, expected) => {
    expect(shortImageName(image)).toBe(expected);
  });
});

describe("canaryImageLabel", () => {
  it.each<[string, string | undefined, string]>([
    ["argoproj/rollouts-demo:yellow", "argoproj/rollouts-demo:blue", "yellow"],
    // The same repository, written in full on one side.
    ["docker.io/library/nginx:1.27", "nginx:1.25", "1.27"],
    [`ghcr.io/org/app@${DIGEST}`, "ghcr.io/org/app:v1", "@sha256:dbcc1c35ac38"],
    ["ghcr.io/org/app", "ghcr.io/org/app:v1", "latest"],
    ["localhost:5000/app:v2", "localhost:5000/app:v1", "v2"],
    ["ghcr.io/stefanprodan/podinfo:6.0.1", "ghcr.io/other/podinfo:6.0.0", "podinfo:6.0.1"],
    ["ghcr.io/stefanprodan/podinfo:6.0.1", undefined, "podinfo:6.0.1"],
  ])("%s beside %s → %s", (canary, stable, expected) => {
    expect(canaryImageLabel(canary, stable)).toBe(expected);
  });
});
