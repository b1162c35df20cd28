export { formatImageReference, imageTagOrDigest } from "./format-image";
export { canaryImageLabel, shortImageName } from "./image-labels";
export {
  DEFAULT_REGISTRY,
  type ImageReference,
  type ImageReferenceResult,
  MAX_NAME_LENGTH,
  normalizedName,
  parseImageReference,
} from "./image-reference";
