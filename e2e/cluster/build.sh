#!/usr/bin/env bash
# Builds the test cluster's components from the Go module proxy into
#   ~/.cache/rollscope/<hash of versions.env + Go version>/bin/
# plus the CRDs (.../crds/) and kwok's stages (.../kwok/stages.yaml) of the same module versions.
# Only what is missing is built, so a second run takes well under a second.
#
# Usage: e2e/cluster/build.sh [component...]
#   components: crds kwok-stages etcd kube-apiserver kube-controller-manager kube-scheduler kubectl
#               kwok rollouts-controller flagger loadtester dex        (default, or `all`: all of them)
#               oracle (not in the default set: e2e/oracle/*.go built against the same argo-rollouts
#               module as rollouts-controller, binary bin/oracle; rebuilt when those files change)
#               argo-dashboard (not in the default set: the kubectl-argo-rollouts plugin, whose `dashboard`
#               subcommand bench/side-by-side measures; binary bin/kubectl-argo-rollouts)
# Env: ROLLSCOPE_CACHE (default ~/.cache/rollscope; GOMODCACHE and GOCACHE live there too),
#      BUILD_NICE (niceness of the go commands, default 10).
#
# Two phases: first every wrapper module resolves its dependencies (`go get`, network-bound, run
# in parallel), then the binaries are compiled one after the other (CPU-bound; go build already
# uses every core). Timings go to stderr and to <cache dir>/build-times.tsv.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

ALL_COMPONENTS=(crds kwok-stages etcd kube-apiserver kube-controller-manager kube-scheduler kubectl
  kwok rollouts-controller flagger loadtester dex)
# `all` stands for the default set, so `build.sh all oracle` builds the cluster and the oracle in one go.
COMPONENTS=()
for c in "${@:-all}"; do
  if [[ "$c" == all ]]; then COMPONENTS+=("${ALL_COMPONENTS[@]}"); else COMPONENTS+=("$c"); fi
done

WORK="$ROLLSCOPE_BUILD_DIR/work"
TIMES="$ROLLSCOPE_BUILD_DIR/build-times.tsv"
mkdir -p "$ROLLSCOPE_BIN" "$WORK" "$GOMODCACHE" "$GOCACHE"

# One build at a time per cache dir (CI may start a build in the background and start.sh waits).
exec 9>"$ROLLSCOPE_BUILD_DIR/.build.lock"
if ! flock -n 9; then
  log "another build is running in $ROLLSCOPE_BUILD_DIR; waiting for it"
  flock 9
fi

NICE=(nice -n "${BUILD_NICE:-10}")
# -s -w: no symbol table / DWARF in the binaries; -dwarf=false: the compiler does not produce it.
GO_BUILD_FLAGS=(-gcflags=all=-dwarf=false)

# mod_json MODULE@VERSION FIELD -> prints a field of `go mod download -json` (Dir, GoMod, Time...).
mod_json() {
  go mod download -json "$1" | sed -n "s/^[[:space:]]*\"$2\": \"\(.*\)\",\{0,1\}$/\1/p"
}

# ------------------------------------------------------------------------------- the components
# component_spec NAME -> sets MODULE VERSION STAGING PKG LDFLAGS (and WRAPPER, MAIN) for a Go component.
# PKG: the packages of MODULE to resolve (and to build, unless MAIN names what to build instead);
# WRAPPER: the wrapper module's name@version when it is not MODULE@VERSION.
component_spec() {
  STAGING="" WRAPPER="" MAIN=""
  case "$1" in
    etcd)
      MODULE=go.etcd.io/etcd/server/v3 VERSION="$ETCD_VERSION" PKG=go.etcd.io/etcd/server/v3
      LDFLAGS="-X go.etcd.io/etcd/api/v3/version.GitSHA=$ETCD_VERSION" ;;
    kube-apiserver | kube-controller-manager | kube-scheduler | kubectl)
      MODULE=k8s.io/kubernetes VERSION="$K8S_VERSION" PKG="k8s.io/kubernetes/cmd/$1"
      STAGING="v0.${K8S_VERSION#v1.}" LDFLAGS="$(k8s_ldflags)" ;;
    kwok)
      MODULE=sigs.k8s.io/kwok VERSION="$KWOK_VERSION" PKG=sigs.k8s.io/kwok/cmd/kwok
      LDFLAGS="-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v}"
      LDFLAGS+=" -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}" ;;
    rollouts-controller)
      MODULE=github.com/argoproj/argo-rollouts VERSION="$ARGO_ROLLOUTS_VERSION"
      PKG=github.com/argoproj/argo-rollouts/cmd/rollouts-controller
      LDFLAGS="-X github.com/argoproj/argo-rollouts/utils/version.version=${ARGO_ROLLOUTS_VERSION#v}" ;;
    oracle)
      # e2e/oracle/*.go, copied into its own wrapper module that requires argo-rollouts with the
      # same replaces as rollouts-controller's; PKG: the packages it imports (see oracle_src) that
      # the wrapper must resolve: the plugin's, and the apiserver's CRD validation of -crds
      # (k8s.io/apiextensions-apiserver, at the version argo-rollouts requires: see fetch).
      MODULE=github.com/argoproj/argo-rollouts VERSION="$ARGO_ROLLOUTS_VERSION"
      WRAPPER="rollscope-oracle@$VERSION" MAIN=.
      PKG="github.com/argoproj/argo-rollouts/pkg/kubectl-argo-rollouts/info"
      PKG+=" github.com/argoproj/argo-rollouts/pkg/kubectl-argo-rollouts/cmd/get"
      PKG+=" github.com/argoproj/argo-rollouts/pkg/kubectl-argo-rollouts/options"
      local apiext=k8s.io/apiextensions-apiserver/pkg
      PKG+=" $apiext/apihelpers $apiext/apis/apiextensions $apiext/apis/apiextensions/v1"
      PKG+=" $apiext/apiserver/schema $apiext/apiserver/schema/defaulting $apiext/apiserver/schema/objectmeta"
      PKG+=" $apiext/apiserver/schema/pruning $apiext/apiserver/validation $apiext/registry/customresource"
      LDFLAGS="-X github.com/argoproj/argo-rollouts/utils/version.version=${ARGO_ROLLOUTS_VERSION#v}" ;;
    argo-dashboard)
      # The plugin binary (`kubectl-argo-rollouts dashboard`) in its own wrapper module, with the same
      # replaces as rollouts-controller's: the plugin imports packages the controller does not.
      MODULE=github.com/argoproj/argo-rollouts VERSION="$ARGO_ROLLOUTS_VERSION"
      WRAPPER="rollscope-argo-dashboard@$VERSION"
      PKG=github.com/argoproj/argo-rollouts/cmd/kubectl-argo-rollouts
      LDFLAGS="-X github.com/argoproj/argo-rollouts/utils/version.version=${ARGO_ROLLOUTS_VERSION#v}" ;;
    flagger | loadtester)
      MODULE=github.com/fluxcd/flagger VERSION="$FLAGGER_VERSION" PKG="github.com/fluxcd/flagger/cmd/$1"
      LDFLAGS="-X github.com/fluxcd/flagger/pkg/version.REVISION=$FLAGGER_VERSION" ;;
    dex)
      # Built from a copy of the module with its gRPC admin API left out: see patch_dex.
      MODULE=github.com/dexidp/dex VERSION="$DEX_VERSION" PKG=github.com/dexidp/dex/cmd/dex
      LDFLAGS="-X main.version=$DEX_VERSION" ;;
    *) return 1 ;;
  esac
}

# Kubernetes refuses nothing unversioned, but Flagger and Argo Rollouts read the server version:
# stamp it as hack/lib/version.sh does, in component-base and in client-go.
k8s_ldflags() {
  local v="${K8S_VERSION#v}" date major minor f=""
  date="$(mod_json "k8s.io/kubernetes@$K8S_VERSION" Time)"
  major="${v%%.*}" minor="$(echo "$v" | cut -d. -f2)"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    f+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    f+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$date"
  done
  echo "$f"
}

# wrapper_dir NAME@VERSION (WRAPPER, or MODULE@VERSION)
wrapper_dir() { echo "$WORK/$(echo "$1" | tr '/' '_')"; }

# The oracle's source files (e2e/oracle/*.go, package main) and the hash of their names and contents
# that says whether bin/oracle was built from them.
oracle_src() { printf '%s\n' "$CLUSTER_DIR"/../oracle/*.go; }
oracle_src_hash() {
  local f
  while read -r f; do basename "$f"; cat "$f"; done < <(oracle_src) | sha256sum | cut -c1-64
}

# fetch WRAPPER MODULE VERSION STAGING PKG... : makes the wrapper module that requires MODULE@VERSION and
# carries MODULE's replace directives, and resolves PKG...'s imports into its go.mod/go.sum.
# Replacements by another module are copied as they are; replacements by a local path
# (k8s.io/kubernetes's ./staging/src/k8s.io/X) become `X => X STAGING`, the published copy of that
# staging module, when STAGING is given, and are dropped otherwise (etcd's ../api, Dex's ./api/v2:
# the published module of the required version is used).
fetch() {
  local wrapper="$1" module="$2" version="$3" staging="$4"; shift 4
  local dir gomod goversion line old new
  dir="$(wrapper_dir "$wrapper")"
  [[ -f "$dir/.fetched" ]] && return 0
  rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
  gomod="$(mod_json "$module@$version" GoMod)"
  goversion="$(go mod edit -json "$gomod" | sed -n 's/^[[:space:]]*"Go": "\(.*\)",\{0,1\}$/\1/p')"
  printf 'module rollscope.local/build/%s\n\ngo %s\n\nrequire %s %s\n' \
    "$(basename "${wrapper%@*}")" "$goversion" "$module" "$version" >go.mod
  # `go mod edit -print` normalises the file: each replace is `old [v] => new [v]`, inside a
  # `replace (` block or after `replace `.
  while read -r line; do
    old="${line%% => *}" new="${line#* => }"
    old="${old// /@}"
    if [[ "$new" == ./* || "$new" == ../* ]]; then
      if [[ -n "$staging" ]]; then go mod edit -replace="$old=${old%@*}@$staging"; fi
    else
      go mod edit -replace="$old=${new// /@}"
    fi
  done < <(go mod edit -print "$gomod" | awk '
      /^replace \($/ { inblock = 1; next }
      inblock && /^\)$/ { inblock = 0; next }
      inblock { print; next }
      /^replace / { sub(/^replace /, ""); print }')
  # `pkg@version`: a bare `go get pkg` would move the module to its latest version.
  local args=() others=() p v
  for p in "$@"; do
    if [[ "$p" == "$module" || "$p" == "$module"/* ]]; then args+=("$p@$version"); else others+=("$p"); fi
  done
  "${NICE[@]}" go get "${args[@]}" >get.log 2>&1 || { cat get.log >&2; return 1; }
  # Packages of other modules: at the version MODULE's requirements select, so that nothing moves.
  if ((${#others[@]})); then
    args=()
    for p in "${others[@]}"; do v="$(selected_version "$p")" || return 1; args+=("$p@$v"); done
    "${NICE[@]}" go get "${args[@]}" >>get.log 2>&1 || { cat get.log >&2; return 1; }
  fi
  [[ "$(go list -m "$module")" == "$module $version" ]] ||
    { log "$dir: $module resolved to $(go list -m "$module"), not $version"; return 1; }
  if [[ "$module" == github.com/dexidp/dex ]]; then patch_dex "$dir"; fi
  touch .fetched
}

# selected_version PKG (in a wrapper dir) -> the version the build list selects for the module that
# provides PKG (the longest module path that is a prefix of it).
selected_version() {
  local path version best="" best_version=""
  while read -r path version; do
    if [[ "$1" == "$path" || "$1" == "$path"/* ]] && ((${#path} > ${#best})); then
      best="$path" best_version="$version"
    fi
  done < <(go list -m -f '{{.Path}} {{.Version}}' all)
  [[ -n "$best_version" ]] || { log "$1: no module of the build list provides it"; return 1; }
  echo "$best_version"
}

# Dex's repository builds its gRPC admin API (server/apiserver, served only when the config sets
# grpc.addr) against the nested module github.com/dexidp/dex/api/v2 through `replace => ./api/v2`.
# A nested module is not part of the module zip, and at DEX_VERSION server/apiserver needs messages
# (Client.AllowedConnectors, AuthSession, UserIdentity, MFA...) newer than any api/v2 the proxy serves
# (v2.4.0, which Dex's go.mod names, is the newest). So Dex is built from a copy of its module in the
# wrapper (`replace github.com/dexidp/dex => ./dex-src`) in which cmd/dex registers api/v2's
# UnimplementedDexServer instead of server/apiserver's: every gRPC admin call would answer
# Unimplemented. Nothing else changes; the test cluster sets no grpc.addr, so no gRPC port is opened.
patch_dex() {
  local dir="$1" src f
  src="$(mod_json "github.com/dexidp/dex@$DEX_VERSION" Dir)"
  rm -rf "$dir/dex-src"; cp -r "$src" "$dir/dex-src"; chmod -R u+w "$dir/dex-src"
  f="$dir/dex-src/cmd/dex/serve.go"
  local import='^[[:space:]]*"github.com/dexidp/dex/server/apiserver"$'
  local register='api\.RegisterDexServer(grpcSrv, apiserver\.NewAPI(.*))$'
  if [[ "$(grep -c "$import" "$f")" != 1 || "$(grep -c "$register" "$f")" != 1 ]]; then
    log "patch_dex: $f no longer imports server/apiserver once and registers apiserver.NewAPI once;"
    log "  check whether api/v2 at the version Dex requires builds server/apiserver, and adjust"
    return 1
  fi
  sed -i -e "\|$import|d" \
    -e "s/$register/api.RegisterDexServer(grpcSrv, api.UnimplementedDexServer{})/" "$f"
  ! grep -q apiserver "$f" || { log "patch_dex: $f still names apiserver"; return 1; }
  go mod edit -replace="github.com/dexidp/dex=./dex-src"
}

# The binary a component builds: its own name, but for argo-dashboard (the plugin's name).
binary_name() { if [[ "$1" == argo-dashboard ]]; then echo kubectl-argo-rollouts; else echo "$1"; fi; }

compile() {
  local c="$1" dir out hash="" f
  out="$ROLLSCOPE_BIN/$(binary_name "$c")"
  component_spec "$c"
  dir="$(wrapper_dir "${WRAPPER:-$MODULE@$VERSION}")"
  if [[ "$c" == oracle ]]; then
    hash="$(oracle_src_hash)"
    rm -f "$dir"/*.go
    while read -r f; do cp "$f" "$dir/"; done < <(oracle_src)
  fi
  (cd "$dir" && "${NICE[@]}" go build "${GO_BUILD_FLAGS[@]}" -ldflags "-s -w $LDFLAGS" \
    -o "$out.tmp" "${MAIN:-$PKG}")
  mv "$out.tmp" "$out"
  if [[ -n "$hash" ]]; then echo "$hash" >"$out.src-sha256"; fi
}

build_crds() {
  local argo flagger istio tmp="$ROLLSCOPE_CRDS.tmp"
  rm -rf "$tmp"; mkdir -p "$tmp"
  argo="$(mod_json "github.com/argoproj/argo-rollouts@$ARGO_ROLLOUTS_VERSION" Dir)"
  flagger="$(mod_json "github.com/fluxcd/flagger@$FLAGGER_VERSION" Dir)"
  istio="$(mod_json "istio.io/api@$ISTIO_API_VERSION" Dir)"
  for f in "$argo"/manifests/crds/*-crd.yaml; do cp "$f" "$tmp/argo-rollouts-$(basename "$f")"; done
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
    { log "expected 2 Istio CRDs in istio.io/api@$ISTIO_API_VERSION"; return 1; }
  chmod -R u+w "$tmp"
  rm -rf "$ROLLSCOPE_CRDS"; mv "$tmp" "$ROLLSCOPE_CRDS"
  touch "$ROLLSCOPE_CRDS/.done"
}

# The kwok binary has no built-in stages (kwokctl passes them): take kwokctl's default set
# (kustomize/stage/fast: node initialise, node heartbeat with lease, pod ready/complete/delete).
build_kwok_stages() {
  local dir out="$ROLLSCOPE_BUILD_DIR/kwok/stages.yaml"
  dir="$(mod_json "sigs.k8s.io/kwok@$KWOK_VERSION" Dir)/kustomize/stage"
  mkdir -p "$(dirname "$out")"
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
    pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    echo "---"; cat "$dir/$f"
  done >"$out.tmp"
  mv "$out.tmp" "$out"
}

is_built() {
  case "$1" in
    crds) [[ -f "$ROLLSCOPE_CRDS/.done" ]] ;;
    kwok-stages) [[ -f "$ROLLSCOPE_BUILD_DIR/kwok/stages.yaml" ]] ;;
    oracle) [[ -x "$ROLLSCOPE_BIN/oracle" &&
      "$(cat "$ROLLSCOPE_BIN/oracle.src-sha256" 2>/dev/null)" == "$(oracle_src_hash)" ]] ;;
    *) [[ -x "$ROLLSCOPE_BIN/$(binary_name "$1")" ]] ;;
  esac
}

record() { printf '%s\t%s\t%s\n' "$1" "$2" "$(date -u +%FT%TZ)" >>"$TIMES"; }

# ------------------------------------------------------------------------------------------ main
log "cache: $ROLLSCOPE_BUILD_DIR ($(go env GOVERSION); GOMODCACHE=$GOMODCACHE GOCACHE=$GOCACHE)"
T0="$(now)"
todo=() files=()
for c in "${COMPONENTS[@]}"; do
  if is_built "$c"; then continue; fi
  case "$c" in
    crds | kwok-stages) files+=("$c") ;;
    *) component_spec "$c" || { log "unknown component: $c"; exit 2; }; todo+=("$c") ;;
  esac
done

for c in "${files[@]}"; do
  t="$(now)"
  if [[ "$c" == crds ]]; then build_crds; else build_kwok_stages; fi
  log "$c: done in $(elapsed "$t")s"; record "$c" "$(elapsed "$t")"
done

if ((${#todo[@]})); then
  # Phase 1: one `go get` per wrapper module (all its packages at once), wrappers in parallel.
  t="$(now)"
  declare -A pkgs=() spec=()
  for c in "${todo[@]}"; do
    component_spec "$c"
    key="${WRAPPER:-$MODULE@$VERSION}"
    spec[$key]="$MODULE $VERSION ${STAGING:--}"
    pkgs[$key]+=" $PKG"
  done
  pids=() names=()
  for key in "${!spec[@]}"; do
    read -r m v s <<<"${spec[$key]}"
    [[ "$s" == - ]] && s=""
    # shellcheck disable=SC2086
    (fetch "$key" "$m" "$v" "$s" ${pkgs[$key]}) &
    pids+=($!) names+=("$key")
  done
  failed=0
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then log "resolving ${names[$i]} failed"; failed=1; fi
  done
  ((failed == 0)) || exit 1
  log "modules resolved and downloaded in $(elapsed "$t")s (${names[*]})"
  record "download" "$(elapsed "$t")"

  # Phase 2: compile, one binary after the other.
  for c in "${todo[@]}"; do
    t="$(now)"
    log "$c: compiling"
    compile "$c"
    log "$c: compiled in $(elapsed "$t")s"; record "$c" "$(elapsed "$t")"
  done
fi

log "build done in $(elapsed "$T0")s (${#todo[@]} binaries built; cold-build timings in $TIMES)"
echo "$ROLLSCOPE_BIN"
