export { formatImageReference, imageTagOrDigest } from "./format-image";
export {
  DEFAULT_REGISTRY,
  type ImageReference,
  type ImageReferenceResult,
  MAX_NAME_LENGTH,
  normalizedName,
  parseImageReference,
} from "./image-reference";
