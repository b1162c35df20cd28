import { type ImageReference, parseImageReference, tagDigestSuffix } from "./image-reference";

/** Hex characters kept when a digest is shown as a label (same length as `docker images`). */
const SHORT_DIGEST_HEX = 12;

/**
 * Rebuilds the reference string as written (registry kept or omitted, no docker.io/library
 * expansion), so a valid input round-trips: `formatImageReference(parse(s).ref) === s`.
 */
export function formatImageReference(
  ref: Pick<ImageReference, "registry" | "repository" | "tag" | "digest">,
): string {
  const name = ref.registry === undefined ? ref.repository : `${ref.registry}/${ref.repository}`;
  return name + tagDigestSuffix(ref.tag, ref.digest);
}

/**
 * Short version label for the UI: the tag, else `@sha256:abcdef123456`, else "latest"
 * (what the runtime pulls when neither is given). Unparseable images yield "invalid".
 */
export function imageTagOrDigest(image: string): string {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return "invalid";
  const { tag, digest } = parsed.ref;
  if (tag !== undefined) return tag;
  if (digest === undefined) return "latest";
  const sep = digest.indexOf(":");
  return `@${digest.slice(0, sep + 1 + SHORT_DIGEST_HEX)}`;
}
