import { describe, expect, it } from "vitest";
import { formatImageReference, imageTagOrDigest } from "./format-image";
import { normalizedName, parseImageReference } from "./image-reference";

// Most inputs come from distribution/reference reference_test.go and normalize_test.go.
const F64 = "f".repeat(64);
const D = "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";
const BUSYBOX = "86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa";
const HEX_ID = "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a";
const F128 = "f".repeat(128);
const LONG_PATH = `${"a/".repeat(127)}a`;

// [input, registry, repository, tag, digest]
type ValidRow = [string, string | undefined, string, string?, string?];
const HUB = undefined;

const valid: ValidRow[] = [
  ["nginx", HUB, "nginx"],
  ["nginx:1.25", HUB, "nginx", "1.25"],
  ["docker.io/library/nginx:latest", "docker.io", "library/nginx", "latest"],
  ["localhost:5000/foo/bar:tag", "localhost:5000", "foo/bar", "tag"],
  ["localhost/foo", "localhost", "foo"],
  ["[::1]:5000/foo:tag", "[::1]:5000", "foo", "tag"],
  [`ghcr.io/org/app@sha256:${D}`, "ghcr.io", "org/app", undefined, `sha256:${D}`],
  [
    `registry.example.com:443/team/app:v1.2.3@sha256:${D}`,
    "registry.example.com:443",
    "team/app",
    "v1.2.3",
    `sha256:${D}`,
  ],
  ["argoproj/rollouts-demo:blue", HUB, "argoproj/rollouts-demo", "blue"],
  ["ghcr.io/stefanprodan/podinfo:6.0.1", "ghcr.io", "stefanprodan/podinfo", "6.0.1"],
  ["test_com", HUB, "test_com"],
  // A single component is never a registry, so the colon starts a tag.
  ["test.com:tag", HUB, "test.com", "tag"],
  ["test.com:5000", HUB, "test.com", "5000"],
  ["192.168.1.1", HUB, "192.168.1.1"],
  [`test:5000/repo:tag@sha256:${F64}`, "test:5000", "repo", "tag", `sha256:${F64}`],
  ["lowercase:Uppercase", HUB, "lowercase", "Uppercase"],
  // Exactly 255 characters of name: the tag does not count towards the limit.
  [`${LONG_PATH}:tag-puts-this-over-max`, HUB, LONG_PATH, "tag-puts-this-over-max"],
  ["sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag"],
  [
    "b.gcr.io/test.example.com/my-app:test.example.com",
    "b.gcr.io",
    "test.example.com/my-app",
    "test.example.com",
  ],
  [
    `xn--7o8h.com/myimage:xn--7o8h.com@sha512:${F128}`,
    "xn--7o8h.com",
    "myimage",
    "xn--7o8h.com",
    `sha512:${F128}`,
  ],
  // Upstream Parse calls "foo" a domain here; splitDockerDomain (used by kubelet) does not.
  ["foo/foo_bar.com:8080", HUB, "foo/foo_bar.com", "8080"],
  ["192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050"],
  ["[2001:db8::1]/repo", "[2001:db8::1]", "repo"],
  ["[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag"],
  ["[2001:db8::]:5000/repo", "[2001:db8::]:5000", "repo"],
  ["[fc00:1:2:3:4:5:6:7]:5000/library/debian", "[fc00:1:2:3:4:5:6:7]:5000", "library/debian"],
  ["xn--n3h.com:18080/foo", "xn--n3h.com:18080", "foo"],
  ["test-com:8080/foo", "test-com:8080", "foo"],
  ["127.0.0.1:8000/private/moonbase", "127.0.0.1:8000", "private/moonbase"],
  ["index.docker.io/library/debian", "index.docker.io", "library/debian"],
  ["docker.io/debian", "docker.io", "debian"],
  ["library/foo/bar", HUB, "library/foo/bar"],
  // Uppercase first component: splitDockerDomain treats it as a registry host.
  ["Docker/docker", "Docker", "docker"],
  ["docker---rules/docker", HUB, "docker---rules/docker"],
  ["dock__er/docker", HUB, "dock__er/docker"],
  ["jess/t", HUB, "jess/t"],
  [
    "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
    HUB,
    "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
  ],
  [`docker.io/${HEX_ID}`, "docker.io", HEX_ID],
  [`busybox:latest@sha256:${BUSYBOX}`, HUB, "busybox", "latest", `sha256:${BUSYBOX}`],
  ["app:_build.1", HUB, "app", "_build.1"],
  // Unregistered algorithms only get the generic grammar check (go-digest would call them unsupported).
  [`validname@invaliddigest:${F64}`, HUB, "validname", undefined, `invaliddigest:${F64}`],
];

// [input, familiar, normalized name]
const familiarAndNormalized: Array<[string, string, string]> = [
  ["nginx", "nginx", "docker.io/library/nginx"],
  ["docker.io/library/nginx:latest", "nginx:latest", "docker.io/library/nginx"],
  ["index.docker.io/library/debian", "debian", "docker.io/library/debian"],
  ["docker.io/debian", "debian", "docker.io/library/debian"],
  ["index.docker.io/fooo/bar", "fooo/bar", "docker.io/fooo/bar"],
  ["argoproj/rollouts-demo:blue", "argoproj/rollouts-demo:blue", "docker.io/argoproj/rollouts-demo"],
  ["library/ubuntu", "ubuntu", "docker.io/library/ubuntu"],
  ["library/foo/bar", "library/foo/bar", "docker.io/library/foo/bar"],
  [`docker.io/${HEX_ID}`, HEX_ID, `docker.io/library/${HEX_ID}`],
  [`busybox:latest@sha256:${BUSYBOX}`, `busybox:latest@sha256:${BUSYBOX}`, "docker.io/library/busybox"],
  ["localhost:5000/foo/bar:tag", "localhost:5000/foo/bar:tag", "localhost:5000/foo/bar"],
  ["127.0.0.1:8000/privatebase", "127.0.0.1:8000/privatebase", "127.0.0.1:8000/privatebase"],
  ["example.com/private/moonbase", "example.com/private/moonbase", "example.com/private/moonbase"],
  ["Foo/bar", "Foo/bar", "Foo/bar"],
];

const invalid: Array<[string, string]> = [
  ["", "image reference is empty"],
  ["nginx :1.25", "contains whitespace at position 6"],
  [" nginx", "contains whitespace"],
  ["nginx\n", "contains whitespace"],
  ["Nginx", "repository name must be lowercase: 'Nginx'"],
  ["Uppercase:tag", "repository name must be lowercase: 'Uppercase'"],
  ["test:5000/Uppercase/lowercase:tag", "repository name must be lowercase: 'Uppercase/lowercase'"],
  ["docker.io/docker/Docker", "repository name must be lowercase: 'docker/Docker'"],
  ["nginx:", "tag is empty"],
  [":justtag", "repository name is missing before ':'"],
  [`@sha256:${F64}`, "repository name is missing before '@'"],
  ["a//b", "repository path 'a//b' has an empty component"],
  ["docker///docker", "has an empty component"],
  ["docker/", "repository path 'docker/' has an empty component"],
  ["-a/b", "path component '-a' is invalid: components start and end with a lowercase letter or digit"],
  ["-foo", "path component '-foo' is invalid"],
  ["docker-/docker", "path component 'docker-' is invalid"],
  ["____/____", "path component '____' is invalid"],
  ["docker/dock..er", "path component 'dock..er' is invalid: separators"],
  ["docker/dock_.er", "path component 'dock_.er' is invalid: separators"],
  // With a '.' the first component is a registry, so upstream's "dock..er/docker" fails as a host.
  ["dock..er/docker", "registry 'dock..er' is invalid: its host name has an empty part"],
  ["dock-.er/docker", "registry 'dock-.er' is invalid: host name part 'dock-'"],
  ["ghcr.io/", "repository path is missing after registry 'ghcr.io/'"],
  ["foo/Bar$", "path component 'Bar$' is invalid: character '$' is not allowed"],
  ["aa/asdf$$^/aa", "path component 'asdf$$^' is invalid: character '$' is not allowed"],
  [`${"a/".repeat(128)}a:tag`, "repository name is longer than 255 characters (got 257)"],
  [`nginx:${"a".repeat(129)}`, "and at most 128 characters (got 129)"],
  [
    "nginx:v1+2",
    "tag 'v1+2' is invalid: tags may contain letters, digits, '_', '.', '-' and at most 128 characters",
  ],
  ["nginx:-rc1", "tag '-rc1' is invalid: tags must start with a letter, digit or '_'"],
  ["foo:bar:baz", "tag 'bar:baz' is invalid"],
  [
    "foo@sha256:short",
    "digest 'sha256:short' is invalid: digest must be algorithm:hex, e.g. sha256:<64 hex chars>",
  ],
  ["foo@sha256:abcdef123456", "sha256 digest must have 64 hexadecimal characters (got 12)"],
  [`repo@sha256:${"f".repeat(34)}`, "sha256 digest must have 64 hexadecimal characters (got 34)"],
  [`foo@sha256:${F64.toUpperCase()}`, "sha256 digest must use lowercase hexadecimal characters"],
  ["foo@", "digest is empty after '@'"],
  [`foo@${D}`, "digest must be algorithm:hex"],
  [`foo@1sha:${D}`, "digest '1sha:"],
  ["foo@md5:0123456789abcdef", "the hex part needs at least 32 characters (got 16)"],
  [`foo@sha256:${D}@sha256:${D}`, "digest must be algorithm:hex"],
  ["host:abc/app", "invalid port in registry 'host:abc': the port must be a number"],
  ["localhost:/app", "invalid port in registry 'localhost:'"],
  ["fc00::1:5000/debian", "invalid port in registry 'fc00::1:5000': put IPv6 addresses in brackets"],
  ["[fc00::1]", "registry '[fc00::1]' must be followed by '/' and a repository path"],
  ["[fc00::1]:5000", "registry '[fc00::1]:5000' must be followed by '/'"],
  ["[fe80::1%eth0]:5000/debian", "registry '[fe80::1%eth0]:5000' is invalid: IPv6 addresses"],
  ["[2001:db8:3:4::192.0.2.33]:5000/debian", "registry '[2001:db8:3:4::192.0.2.33]:5000' is invalid"],
  ["[::1/foo", "registry '[::1' is invalid: missing ']'"],
  ["-docker.io/docker/docker", "registry '-docker.io' is invalid: host name part '-docker'"],
  ["exa_mple.com/app", "registry 'exa_mple.com' is invalid: host name part 'exa_mple'"],
  ["https://github.com/docker/docker", "registry must be written without a URL scheme: remove 'https://'"],
  [HEX_ID, "cannot be a 64-character hex image ID"],
];

describe("parseImageReference", () => {
  it.each(valid)("parses %s", (input, registry, repository, tag, digest) => {
    const result = parseImageReference(input);
    if (!result.ok) throw new Error(`expected ${input} to parse, got: ${result.error}`);
    expect(result.ref).toStrictEqual({
      registry,
      repository,
      original: input,
      familiar: expect.any(String),
      ...(tag === undefined ? {} : { tag }),
      ...(digest === undefined ? {} : { digest }),
    });
    expect(formatImageReference(result.ref)).toBe(input);
  });

  it.each(invalid)("rejects %j", (input, message) => {
    const result = parseImageReference(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe("familiar form and normalizedName", () => {
  it.each(familiarAndNormalized)("%s -> %s, %s", (input, familiar, normalized) => {
    const result = parseImageReference(input);
    if (!result.ok) throw new Error(result.error);
    expect(result.ref.familiar).toBe(familiar);
    expect(normalizedName(result.ref)).toBe(normalized);
  });

  it("treats familiar and fully qualified Docker Hub names as the same image", () => {
    const names = [
      "nginx:1.25",
      "docker.io/nginx",
      "index.docker.io/library/nginx:latest",
      `library/nginx@sha256:${D}`,
    ];
    const normalized = names.map((name) => {
      const result = parseImageReference(name);
      return result.ok ? normalizedName(result.ref) : result.error;
    });
    expect(new Set(normalized)).toStrictEqual(new Set(["docker.io/library/nginx"]));
  });
});

describe("imageTagOrDigest", () => {
  it.each([
    ["nginx:1.25", "1.25"],
    ["nginx", "latest"],
    ["localhost:5000/app", "latest"],
    [`ghcr.io/org/app@sha256:${D}`, "@sha256:dbcc1c35ac38"],
    [`ghcr.io/org/app:v2@sha256:${D}`, "v2"],
    ["Not A Valid Image", "invalid"],
  ])("labels %s as %s", (image, label) => {
    expect(imageTagOrDigest(image)).toBe(label);
  });
});
