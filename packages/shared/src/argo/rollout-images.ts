// The Images line of `kubectl argo rollouts get rollout`: images of the rollout's ReplicaSets that have
// pods, tagged with their roles, plus images of its Experiments' ReplicaSets tagged `Σ:<template>`.
import type { TaggedImage } from "../delivery/delivery";
import type { Revision } from "../delivery/revision";
import { imagesOfRevisions, mergeImageAndTags } from "../delivery/tagged-images";
import { ownedBy } from "../kube/pod-summary";
import type { Experiment } from "../schemas/argo/experiment";
import type { Rollout } from "../schemas/argo/rollout";
import type { ReplicaSet } from "../schemas/kube/replica-set";
import { templateImages } from "./rollout-revisions";

export function rolloutImages(
  rollout: Rollout,
  revisions: Revision[],
  replicaSets: ReplicaSet[],
  experiments: Experiment[],
): TaggedImage[] {
  let images = imagesOfRevisions(revisions);
  const owner = { kind: "Rollout", name: rollout.metadata.name, uid: rollout.metadata.uid };
  for (const exp of ownedBy(experiments, owner)) {
    let experimentImages: TaggedImage[] = [];
    for (const rs of ownedBy(replicaSets, {
      kind: "Experiment",
      name: exp.metadata.name,
      uid: exp.metadata.uid,
    })) {
      if ((rs.status?.replicas ?? 0) <= 0) continue;
      const template = rs.metadata.annotations?.["experiment.argoproj.io/template-name"];
      const tags = template ? [`Σ:${template}`] : [];
      for (const image of templateImages(rs.spec?.template)) {
        experimentImages = mergeImageAndTags(experimentImages, image, tags);
      }
    }
    for (const { image, tags } of experimentImages) images = mergeImageAndTags(images, image, tags);
  }
  return images;
}
