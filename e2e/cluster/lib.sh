# Shared settings for build.sh / start.sh / stop.sh. Source it; it defines paths and nothing else.
# shellcheck shell=bash

CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$CLUSTER_DIR/versions.env"

ROLLSCOPE_CACHE="${ROLLSCOPE_CACHE:-$HOME/.cache/rollscope}"

# Go environment shared by CI and developers: module and build caches live beside the binaries.
export GOMODCACHE="${ROLLSCOPE_GOMODCACHE:-$ROLLSCOPE_CACHE/gomod}"
export GOCACHE="${ROLLSCOPE_GOCACHE:-$ROLLSCOPE_CACHE/go-build}"
export GOFLAGS="-trimpath -buildvcs=false"
export CGO_ENABLED=0
export GOTOOLCHAIN=local
export GOWORK=off
export GO111MODULE=on

# The cache directory is keyed by the pinned versions (comments ignored) and the Go toolchain.
versions_hash() {
  {
    grep -Ev '^[[:space:]]*(#|$)' "$CLUSTER_DIR/versions.env"
    go env GOVERSION GOOS GOARCH
  } | sha256sum | cut -c1-12
}

ROLLSCOPE_BUILD_DIR="$ROLLSCOPE_CACHE/$(versions_hash)"
# shellcheck disable=SC2034  # read by start.sh, which sources this file
ROLLSCOPE_BIN="$ROLLSCOPE_BUILD_DIR/bin"
# shellcheck disable=SC2034  # read by start.sh, which sources this file
ROLLSCOPE_CRDS="$ROLLSCOPE_BUILD_DIR/crds"

# Where a running cluster keeps its state (one cluster per cache root).
ROLLSCOPE_CLUSTER_DIR="${ROLLSCOPE_CLUSTER_DIR:-$ROLLSCOPE_CACHE/cluster}"
ROLLSCOPE_KUBECONFIG="${ROLLSCOPE_KUBECONFIG:-$ROLLSCOPE_CLUSTER_DIR/kubeconfig}"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
