/**
 * Container image references, validated before we patch a Rollout/Deployment image.
 *
 * Grammar: github.com/distribution/reference (regexp.go, reference.go). The registry split
 * follows its splitDockerDomain (what kubelet/containerd use), not the bare Parse regexp,
 * so `foo/bar` is a Docker Hub repository rather than registry `foo`.
 */

export interface ImageReference {
  /** Registry `host[:port]` exactly as written; undefined means Docker Hub. */
  registry: string | undefined;
  /** Repository path without the registry, e.g. `argoproj/rollouts-demo`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** The string that was parsed. */
  original: string;
  /** Docker UI form: `docker.io` and `library/` dropped, e.g. `nginx:1.25`. */
  familiar: string;
}

export type ImageReferenceResult = { ok: true; ref: ImageReference } | { ok: false; error: string };

export const DEFAULT_REGISTRY = "docker.io";
const LEGACY_REGISTRY = "index.docker.io";
const OFFICIAL_PREFIX = "library/";
export const MAX_NAME_LENGTH = 255;
const MAX_TAG_LENGTH = 128;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST_LABEL = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
// Zone IDs (%eth0) and embedded IPv4 are deliberately excluded upstream.
const IPV6_BODY = /^[a-fA-F0-9:]+$/;
const PORT = /^[0-9]+$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST_ALGORITHM = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/;
const HEX = /^[0-9a-fA-F]+$/;
// A bare 64-hex string is an image ID; upstream ParseNormalizedNamed refuses it as a name.
const IMAGE_ID = /^[a-f0-9]{64}$/;
// go-digest's registered algorithms have a fixed, lowercase encoding.
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const DIGEST_HINT = "digest must be algorithm:hex, e.g. sha256:<64 hex chars>";

const fail = (error: string): ImageReferenceResult => ({ ok: false, error });

/** Keeps error messages readable in a dialog when the offending value is huge. */
const show = (value: string): string => (value.length > 48 ? `${value.slice(0, 45)}...` : value);

export function parseImageReference(input: string): ImageReferenceResult {
  if (input.length === 0) return fail("image reference is empty");
  const space = input.search(/\s/);
  if (space !== -1) return fail(`image reference contains whitespace at position ${space + 1}`);
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.exec(input);
  if (scheme) return fail(`registry must be written without a URL scheme: remove '${scheme[0]}'`);
  if (IMAGE_ID.test(input)) {
    return fail(
      "repository name cannot be a 64-character hex image ID; to pin an image use name@sha256:<hex>",
    );
  }

  const at = input.indexOf("@");
  const nameAndTag = at === -1 ? input : input.slice(0, at);
  const digest = at === -1 ? undefined : input.slice(at + 1);

  // The tag separator is the first ':' after the last '/'; earlier colons belong to the registry port.
  const lastSlash = nameAndTag.lastIndexOf("/");
  if (lastSlash === -1 && nameAndTag.startsWith("[")) {
    return fail(`registry '${nameAndTag}' must be followed by '/' and a repository path`);
  }
  const colon = nameAndTag.indexOf(":", lastSlash + 1);
  const name = colon === -1 ? nameAndTag : nameAndTag.slice(0, colon);
  const tag = colon === -1 ? undefined : nameAndTag.slice(colon + 1);

  if (name === "") return fail(`repository name is missing before '${input.charAt(0)}'`);
  if (name.length > MAX_NAME_LENGTH) {
    return fail(`repository name is longer than ${MAX_NAME_LENGTH} characters (got ${name.length})`);
  }

  const [first = "", ...rest] = name.split("/");
  const registry = rest.length > 0 && looksLikeRegistry(first) ? first : undefined;
  const repository = registry === undefined ? name : rest.join("/");

  const error =
    (registry === undefined ? undefined : checkRegistry(registry)) ??
    checkRepository(repository, registry) ??
    (tag === undefined ? undefined : checkTag(tag)) ??
    (digest === undefined ? undefined : checkDigest(digest));
  if (error !== undefined) return fail(error);

  const ref: ImageReference = { registry, repository, original: input, familiar: "" };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  ref.familiar = familiarName(registry, repository) + tagDigestSuffix(tag, digest);
  return { ok: true, ref };
}

/**
 * Fully qualified name without tag/digest (`nginx` -> `docker.io/library/nginx`), like upstream
 * ParseNormalizedNamed. Use it to decide whether two images are the same repository.
 */
export function normalizedName(ref: Pick<ImageReference, "registry" | "repository">): string {
  const custom = nonHubRegistry(ref.registry);
  if (custom !== undefined) return `${custom}/${ref.repository}`;
  const path = ref.repository.includes("/") ? ref.repository : OFFICIAL_PREFIX + ref.repository;
  return `${DEFAULT_REGISTRY}/${path}`;
}

/** `:tag` and/or `@digest` as they appear after a name. */
export function tagDigestSuffix(tag: string | undefined, digest: string | undefined): string {
  return (tag === undefined ? "" : `:${tag}`) + (digest === undefined ? "" : `@${digest}`);
}

/** The registry unless it is (an alias of) Docker Hub. */
function nonHubRegistry(registry: string | undefined): string | undefined {
  return registry === DEFAULT_REGISTRY || registry === LEGACY_REGISTRY ? undefined : registry;
}

// splitDockerDomain: an uppercase first component is also a host, since paths must be lowercase.
function looksLikeRegistry(component: string): boolean {
  return (
    component.includes(".") ||
    component.includes(":") ||
    component === "localhost" ||
    component !== component.toLowerCase()
  );
}

function familiarName(registry: string | undefined, repository: string): string {
  const custom = nonHubRegistry(registry);
  if (custom !== undefined) return `${custom}/${repository}`;
  // Only single-level official images lose the prefix: `library/foo/bar` stays as is.
  const official = repository.startsWith(OFFICIAL_PREFIX)
    ? repository.slice(OFFICIAL_PREFIX.length)
    : undefined;
  return official !== undefined && !official.includes("/") ? official : repository;
}

function checkRegistry(registry: string): string | undefined {
  let host = registry;
  let port: string | undefined;
  if (registry.startsWith("[")) {
    const close = registry.indexOf("]");
    if (close === -1) return `registry '${registry}' is invalid: missing ']' after the IPv6 address`;
    if (!IPV6_BODY.test(registry.slice(1, close))) {
      return `registry '${registry}' is invalid: IPv6 addresses may only contain hex digits and ':' (no zone IDs or embedded IPv4)`;
    }
    const after = registry.slice(close + 1);
    if (after !== "" && !after.startsWith(":")) {
      return `registry '${registry}' is invalid: only ':port' may follow the IPv6 address`;
    }
    if (after !== "") port = after.slice(1);
  } else {
    const sep = registry.indexOf(":");
    if (sep !== -1) {
      host = registry.slice(0, sep);
      port = registry.slice(sep + 1);
    }
    const label = host.split(".").find((part) => !HOST_LABEL.test(part));
    if (label === "") {
      return `registry '${registry}' is invalid: its host name has an empty part between dots`;
    }
    if (label !== undefined) {
      return `registry '${registry}' is invalid: host name part '${label}' must contain only letters, digits and '-', and cannot start or end with '-'`;
    }
  }
  if (port !== undefined && !PORT.test(port)) {
    const why = port.includes(":")
      ? "put IPv6 addresses in brackets, e.g. [fc00::1]:5000"
      : "the port must be a number";
    return `invalid port in registry '${registry}': ${why}`;
  }
  return undefined;
}

function checkRepository(repository: string, registry: string | undefined): string | undefined {
  if (repository === "" && registry !== undefined)
    return `repository path is missing after registry '${registry}/'`;
  for (const component of repository.split("/")) {
    if (component === "") {
      return `repository path '${show(repository)}' has an empty component: remove the extra '/'`;
    }
    if (PATH_COMPONENT.test(component)) continue;
    const bad = /[^a-zA-Z0-9._-]/.exec(component);
    if (bad) {
      return `path component '${show(component)}' is invalid: character '${bad[0]}' is not allowed; use lowercase letters, digits, '.', '_' or '-'`;
    }
    // Checked after bad characters so that 'Foo$' reports the '$', not the case.
    if (/[A-Z]/.test(component)) return `repository name must be lowercase: '${show(repository)}'`;
    const why = /^[._-]|[._-]$/.test(component)
      ? "components start and end with a lowercase letter or digit"
      : "separators between letters or digits must be one '.', one or two '_', or one or more '-'";
    return `path component '${show(component)}' is invalid: ${why}`;
  }
  return undefined;
}

function checkTag(tag: string): string | undefined {
  if (tag === "") return "tag is empty: remove the trailing ':' or add a tag";
  if (TAG.test(tag)) return undefined;
  if (!/^\w/.test(tag)) return `tag '${show(tag)}' is invalid: tags must start with a letter, digit or '_'`;
  const length = tag.length > MAX_TAG_LENGTH ? ` (got ${tag.length})` : "";
  return `tag '${show(tag)}' is invalid: tags may contain letters, digits, '_', '.', '-' and at most ${MAX_TAG_LENGTH} characters${length}`;
}

function checkDigest(digest: string): string | undefined {
  if (digest === "") return `digest is empty after '@': ${DIGEST_HINT}`;
  const sep = digest.indexOf(":");
  const algorithm = sep === -1 ? digest : digest.slice(0, sep);
  const hex = sep === -1 ? "" : digest.slice(sep + 1);
  if (!DIGEST_ALGORITHM.test(algorithm) || !HEX.test(hex)) {
    return `digest '${show(digest)}' is invalid: ${DIGEST_HINT}`;
  }

  const expected = DIGEST_HEX_LENGTH[algorithm];
  if (expected === undefined) {
    // Unknown algorithms only get upstream's generic grammar check (at least 32 hex chars).
    return hex.length >= 32
      ? undefined
      : `digest '${show(digest)}' is invalid: the hex part needs at least 32 characters (got ${hex.length})`;
  }
  if (hex.length !== expected) {
    return `${algorithm} digest must have ${expected} hexadecimal characters (got ${hex.length})`;
  }
  if (hex !== hex.toLowerCase()) return `${algorithm} digest must use lowercase hexadecimal characters`;
  return undefined;
}
