// A JSON patch that changes one container's image in a pod template, guarded by a `test` on the
// container's name so it can never hit the wrong container if the list changed meanwhile.
import { parseImageReference } from "../../images";
import type { PodTemplate } from "../../schemas/kube/pod-template";
import type { JsonPatchOperation, ObjectTarget, PlanResult } from "../action-plan";

export interface SetImageInput {
  container: string;
  image: string;
}

export function containerImagePatch(
  template: PodTemplate | null | undefined,
  basePath: string,
  input: SetImageInput,
): { ok: true; ops: JsonPatchOperation[]; previous: string | undefined } | { ok: false; reason: string } {
  const parsed = parseImageReference(input.image);
  if (!parsed.ok) return { ok: false, reason: `Invalid image "${input.image}": ${parsed.error}` };
  const lists = [
    ["containers", template?.spec?.containers ?? []],
    ["initContainers", template?.spec?.initContainers ?? []],
  ] as const;
  for (const [field, containers] of lists) {
    const index = containers.findIndex((c) => c.name === input.container);
    if (index === -1) continue;
    const previous = containers[index]?.image;
    if (previous === input.image)
      return { ok: false, reason: `Container "${input.container}" already runs ${input.image}.` };
    const path = `${basePath}/spec/${field}/${index}`;
    return {
      ok: true,
      previous,
      ops: [
        { op: "test", path: `${path}/name`, value: input.container },
        { op: "replace", path: `${path}/image`, value: input.image },
      ],
    };
  }
  const names = [...lists[0][1], ...lists[1][1]].map((c) => c.name);
  return {
    ok: false,
    reason: `No container named "${input.container}"; containers are: ${names.length > 0 ? names.join(", ") : "none"}.`,
  };
}

export function setImagePlan(
  target: ObjectTarget,
  template: PodTemplate | null | undefined,
  input: SetImageInput,
  describeTarget: string,
): PlanResult {
  const patch = containerImagePatch(template, "/spec/template", input);
  if (!patch.ok) return patch;
  return {
    ok: true,
    plan: {
      action: "setImage",
      lever: "spec patch",
      description: `Set image: change container "${input.container}" of ${describeTarget} from ${patch.previous ?? "(none)"} to ${input.image}; this starts a new revision.`,
      requests: [{ type: "patch", target, patchType: "json", body: patch.ops }],
    },
  };
}
