// Images named in as little room as a table cell gives: the repository's last component, and for a
// canary of the same repository as its stable image only the version that differs.
import { imageTagOrDigest } from "./format-image";
import { normalizedName, parseImageReference, tagDigestSuffix } from "./image-reference";

/**
 * The last path component with the tag or digest, e.g. `ghcr.io/stefanprodan/podinfo:6.0.1` →
 * `podinfo:6.0.1`. A reference that does not parse is shown whole, as the cluster has it.
 */
export function shortImageName(image: string): string {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return image;
  const { repository, tag, digest } = parsed.ref;
  return repository.slice(repository.lastIndexOf("/") + 1) + tagDigestSuffix(tag, digest);
}

/** The canary's image beside the stable one: its version alone when both are the same repository. */
export function canaryImageLabel(canary: string, stable: string | undefined): string {
  const canaryRef = parseImageReference(canary);
  const stableRef = stable === undefined ? undefined : parseImageReference(stable);
  const sameRepository =
    canaryRef.ok && stableRef?.ok === true && normalizedName(canaryRef.ref) === normalizedName(stableRef.ref);
  return sameRepository ? imageTagOrDigest(canary) : shortImageName(canary);
}
