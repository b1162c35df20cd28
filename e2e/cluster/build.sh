#!/usr/bin/env bash
# Builds the test cluster's components from the Go module proxy into
#   ~/.cache/rollscope/<hash of versions.env + Go version>/bin/
# and copies the CRDs of the same module versions into .../crds/.
# Only what is missing is built, so a second run takes seconds.
#
# Usage: e2e/cluster/build.sh [component...]
#   components: etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok
#               rollouts-controller flagger loadtester crds   (default: all)
# Env: ROLLSCOPE_CACHE (default ~/.cache/rollscope), BUILD_NICE (default 10).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ALL_COMPONENTS=(crds etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok
  rollouts-controller flagger loadtester)
if (($# > 0)); then COMPONENTS=("$@"); else COMPONENTS=("${ALL_COMPONENTS[@]}"); fi

WORK="$ROLLSCOPE_BUILD_DIR/work"
TIMES="$ROLLSCOPE_BUILD_DIR/build-times.tsv"
mkdir -p "$ROLLSCOPE_BIN" "$ROLLSCOPE_CRDS" "$WORK" "$GOMODCACHE" "$GOCACHE"

# One build at a time per cache dir (CI may start a build in the background and start.sh waits).
exec 9>"$ROLLSCOPE_BUILD_DIR/.build.lock"
if ! flock -n 9; then
  log "another build is running in $ROLLSCOPE_BUILD_DIR; waiting for it"
  flock 9
fi

NICE=(nice -n "${BUILD_NICE:-10}")

# mod_json MODULE@VERSION FIELD -> prints a field of `go mod download -json` (Dir, GoMod, Time...).
mod_json() {
  go mod download -json "$1" | sed -n "s/^[[:space:]]*\"$2\": \"\(.*\)\",\{0,1\}$/\1/p"
}

# wrapper MODULE VERSION [STAGING_VERSION] -> prints the dir of a wrapper module that requires
# MODULE@VERSION and carries MODULE's replace directives: replacements by another module are
# copied as they are; replacements by a local path (k8s.io/kubernetes's ./staging/src/k8s.io/X)
# become `X => X STAGING_VERSION`, the published copy of that staging module, when STAGING_VERSION
# is given, and are dropped otherwise.
wrapper() {
  local module="$1" version="$2" staging="${3:-}"
  local dir="$WORK/$(echo "$module" | tr '/' '_')@$version"
  if [[ -f "$dir/.ready" ]]; then echo "$dir"; return; fi
  rm -rf "$dir"; mkdir -p "$dir"
  local gomod; gomod="$(mod_json "$module@$version" GoMod)"
  (
    cd "$dir"
    cat >go.mod <<EOM
module rollscope.local/build/$(basename "$module")

go $(go mod edit -json "$gomod" | sed -n 's/^[[:space:]]*"Go": "\(.*\)",\{0,1\}$/\1/p')

require $module $version
EOM
    # `go mod edit -print` normalises the file: replace lines are `old [v] => new [v]`,
    # either inside a `replace (` block or after `replace `.
    go mod edit -print "$gomod" | awk '
      /^replace \($/ { inblock = 1; next }
      inblock && /^\)$/ { inblock = 0; next }
      inblock { print; next }
      /^replace / { sub(/^replace /, ""); print }
    ' | while read -r line; do
      local old="${line%% => *}" new="${line#* => }"
      old="${old// /@}"   # "path v1" -> "path@v1"
      if [[ "$new" == ./* || "$new" == ../* ]]; then
        # A local replace of a sibling module: only k8s.io/kubernetes's staging modules are mapped;
        # others (etcd's ../api ...) are dropped: the required published versions are the same code.
        [[ -n "$staging" ]] && go mod edit -replace="$old=${old%@*}@$staging"
      else
        go mod edit -replace="$old=${new// /@}"
      fi
    done
  ) >&2
  touch "$dir/.ready"
  echo "$dir"
}

# gobuild WRAPPER_DIR OUTPUT MODULE@VERSION PACKAGE LDFLAGS
gobuild() {
  local dir="$1" out="$2" modver="$3" pkg="$4" ldflags="$5"
  (
    cd "$dir"
    # Resolve the package's imports into the wrapper's go.mod/go.sum (downloads modules once),
    # at the pinned version (a bare `go get pkg` would upgrade to the latest).
    "${NICE[@]}" go get "$pkg@${modver#*@}" >/dev/null 2>"$dir/get.log" ||
      { cat "$dir/get.log" >&2; exit 1; }
    [[ "$(go list -m "${modver%@*}")" == "${modver%@*} ${modver#*@}" ]] ||
      { log "$dir: ${modver%@*} is not at ${modver#*@}: $(go list -m "${modver%@*}")"; exit 1; }
    "${NICE[@]}" go build -ldflags "-s -w $ldflags" -o "$out.tmp" "$pkg"
    mv "$out.tmp" "$out"
  )
}

k8s_ldflags() {
  local v="${K8S_VERSION#v}" date; date="$(mod_json "k8s.io/kubernetes@$K8S_VERSION" Time)"
  local major="${v%%.*}" minor; minor="$(echo "$v" | cut -d. -f2)"
  local f=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    f+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    f+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$date"
  done
  echo "$f"
}

build_one() {
  local c="$1" dir
  case "$c" in
    etcd)
      dir="$(wrapper go.etcd.io/etcd/server/v3 "$ETCD_VERSION")"
      gobuild "$dir" "$ROLLSCOPE_BIN/etcd" "go.etcd.io/etcd/server/v3@$ETCD_VERSION" go.etcd.io/etcd/server/v3 \
        "-X go.etcd.io/etcd/api/v3/version.GitSHA=$ETCD_VERSION"
      ;;
    kube-apiserver | kube-controller-manager | kube-scheduler | kubectl)
      dir="$(wrapper k8s.io/kubernetes "$K8S_VERSION" "v0.${K8S_VERSION#v1.}")"
      gobuild "$dir" "$ROLLSCOPE_BIN/$c" "k8s.io/kubernetes@$K8S_VERSION" "k8s.io/kubernetes/cmd/$c" \
        "$(k8s_ldflags)"
      ;;
    kwok)
      dir="$(wrapper sigs.k8s.io/kwok "$KWOK_VERSION")"
      gobuild "$dir" "$ROLLSCOPE_BIN/kwok" "sigs.k8s.io/kwok@$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok \
        "-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}"
      ;;
    rollouts-controller)
      dir="$(wrapper github.com/argoproj/argo-rollouts "$ARGO_ROLLOUTS_VERSION")"
      gobuild "$dir" "$ROLLSCOPE_BIN/rollouts-controller" \
        "github.com/argoproj/argo-rollouts@$ARGO_ROLLOUTS_VERSION" \
        github.com/argoproj/argo-rollouts/cmd/rollouts-controller \
        "-X github.com/argoproj/argo-rollouts/utils/version.version=${ARGO_ROLLOUTS_VERSION#v}"
      ;;
    flagger | loadtester)
      dir="$(wrapper github.com/fluxcd/flagger "$FLAGGER_VERSION")"
      gobuild "$dir" "$ROLLSCOPE_BIN/$c" "github.com/fluxcd/flagger@$FLAGGER_VERSION" \
        "github.com/fluxcd/flagger/cmd/$c" \
        "-X github.com/fluxcd/flagger/pkg/version.REVISION=$FLAGGER_VERSION"
      ;;
    crds)
      local argo flagger istio tmp="$ROLLSCOPE_CRDS.tmp"
      rm -rf "$tmp"; mkdir -p "$tmp"
      argo="$(mod_json "github.com/argoproj/argo-rollouts@$ARGO_ROLLOUTS_VERSION" Dir)"
      flagger="$(mod_json "github.com/fluxcd/flagger@$FLAGGER_VERSION" Dir)"
      istio="$(mod_json "istio.io/api@$ISTIO_API_VERSION" Dir)"
      for f in "$argo"/manifests/crds/*-crd.yaml; do
        cp "$f" "$tmp/argo-rollouts-$(basename "$f")"
      done
      cp "$flagger/artifacts/flagger/crd.yaml" "$tmp/flagger-crd.yaml"
      # Only the two Istio CRDs the controllers use; the file holds 15, separated by `---`.
      awk '
        function flush() { if (keep) printf "---\n%s", doc; doc = ""; keep = 0 }
        /^---/ { flush(); next }
        { doc = doc $0 "\n" }
        /^  name: (virtualservices|destinationrules)\.networking\.istio\.io$/ { keep = 1 }
        END { flush() }
      ' "$istio/kubernetes/customresourcedefinitions.gen.yaml" >"$tmp/istio-crds.yaml"
      [[ "$(grep -c '^kind: CustomResourceDefinition' "$tmp/istio-crds.yaml")" == 2 ]] ||
        { log "expected 2 Istio CRDs"; exit 1; }
      chmod -R u+w "$tmp"
      rm -rf "$ROLLSCOPE_CRDS"; mv "$tmp" "$ROLLSCOPE_CRDS"
      touch "$ROLLSCOPE_CRDS/.done"
      ;;
    *) log "unknown component $c"; exit 2 ;;
  esac
}

is_built() {
  case "$1" in
    crds) [[ -f "$ROLLSCOPE_CRDS/.done" ]] ;;
    *) [[ -x "$ROLLSCOPE_BIN/$1" ]] ;;
  esac
}

log "cache: $ROLLSCOPE_BUILD_DIR ($(go env GOVERSION), GOMODCACHE=$GOMODCACHE, GOCACHE=$GOCACHE)"
total_start="$(now)"
built=0
for c in "${COMPONENTS[@]}"; do
  if is_built "$c"; then
    log "$c: cached"
    continue
  fi
  log "$c: building"
  t="$(now)"
  build_one "$c"
  secs="$(elapsed "$t")"
  built=$((built + 1))
  log "$c: built in ${secs}s"
  printf '%s\t%s\t%s\n' "$c" "$secs" "$(date -u +%FT%TZ)" >>"$TIMES"
done
log "done in $(elapsed "$total_start")s ($built built; timings of cold builds in $TIMES)"
echo "$ROLLSCOPE_BIN"
