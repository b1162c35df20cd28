// Merging images and role tags the way the Argo plugin does (info.mergeImageAndTags): a new image keeps
// its tags in the order given; an image seen again gets the sorted union; the list is sorted by image.
// Sorting is Go's: byte order, not UTF-16 order.
import { compareGoStrings } from "../argo/go-order";
import type { TaggedImage } from "./delivery";
import type { Revision } from "./revision";

export function mergeImageAndTags(images: TaggedImage[], image: string, tags: string[]): TaggedImage[] {
  const existing = images.find((i) => i.image === image);
  const merged = existing
    ? images.map((i) =>
        i === existing ? { image, tags: [...new Set([...i.tags, ...tags])].sort(compareGoStrings) } : i,
      )
    : [...images, { image, tags: [...tags] }];
  return merged.sort((a, b) => compareGoStrings(a.image, b.image));
}

/** Plugin tag order for one revision: canary, stable, active, preview, ping, pong (then primary). */
const tagOrder = ["canary", "stable", "active", "preview", "ping", "pong", "primary"] as const;

/** Images of the revisions that have pods (status.replicas > 0), tagged with their roles (Flagger). */
export function imagesOfRevisions(revisions: Revision[], initial: TaggedImage[] = []): TaggedImage[] {
  let images = initial;
  for (const rev of revisions) {
    if (rev.replicas.current <= 0) continue;
    const tags = tagOrder.filter((t) => rev.roles.includes(t));
    for (const image of rev.images) images = mergeImageAndTags(images, image, tags);
  }
  return images;
}
