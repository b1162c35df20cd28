// The Images line of `kubectl argo rollouts get rollout` (info.Images): images of the Rollout's
// ReplicaSets that have pods, tagged with every flag of their ReplicaSet, then images of its
// Experiments' ReplicaSets that have pods, tagged `Σ:<template>`.
import type { ExperimentSummary, TaggedImage } from "../delivery/delivery";
import { mergeImageAndTags } from "../delivery/tagged-images";
import { ownedBy } from "../kube/pod-summary";
import type { Rollout } from "../schemas/argo/rollout";
import type { ReplicaSet } from "../schemas/kube/replica-set";
import { imageTags, replicaSetFlags } from "./replicaset-tags";
import { podTemplateHash, replicaSetImages } from "./rollout-revisions";

export function rolloutImages(
  rollout: Rollout,
  replicaSets: ReplicaSet[],
  experiments: ExperimentSummary[],
): TaggedImage[] {
  let images: TaggedImage[] = [];
  const owner = { kind: "Rollout", name: rollout.metadata.name, uid: rollout.metadata.uid };
  for (const rs of ownedBy(replicaSets, owner)) {
    if ((rs.status?.replicas ?? 0) <= 0) continue;
    const tags = imageTags(replicaSetFlags(rollout, podTemplateHash(rs) ?? ""));
    for (const image of replicaSetImages(rs)) images = mergeImageAndTags(images, image, tags);
  }
  for (const experiment of experiments) {
    // Each Experiment's images are merged among themselves first (info.ExperimentImages).
    let experimentImages: TaggedImage[] = [];
    for (const rs of experiment.replicaSets) {
      if (rs.replicas.current <= 0) continue;
      const tags = rs.experimentTemplate ? [`Σ:${rs.experimentTemplate}`] : [];
      for (const image of rs.images) experimentImages = mergeImageAndTags(experimentImages, image, tags);
    }
    for (const { image, tags } of experimentImages) images = mergeImageAndTags(images, image, tags);
  }
  return images;
}
