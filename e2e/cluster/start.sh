#!/usr/bin/env bash
# Starts the test cluster on loopback: etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# kwok (one fake node), the CRDs of Argo Rollouts, Flagger and Istio, the Argo Rollouts controller,
# Flagger and its loadtester, Prometheus when a `prometheus` binary is on PATH, the simulated mesh
# (e2e/cluster/mesh: Istio telemetry for Prometheus, and the network proxy host processes use), and
# Dex, an OpenID provider with static users (e2e/cluster/dex/config.yaml), with RBAC for their groups
# (e2e/cluster/rbac/rbac.yaml) and the API server's audit log (e2e/cluster/rbac/audit-policy.yaml).
# Builds what is missing first (build.sh). Waits until everything is ready, then prints what it
# started, the versions, and how long the start took.
#
# Writes:  $ROLLSCOPE_KUBECONFIG (default ~/.cache/rollscope/cluster/kubeconfig)
#          $ROLLSCOPE_CLUSTER_DIR/state.env  (ports, PIDs, versions; `source` it)
#          $ROLLSCOPE_CLUSTER_DIR/logs/<component>.log, logs/apiserver-audit.log
#          $ROLLSCOPE_CLUSTER_DIR/dex/ (Dex's config and the client secret), kubeconfig-impersonator and
#          kubeconfig-verbs (Rollscope's least-privilege service accounts)
# Stop with stop.sh.
#
# Env: ROLLSCOPE_CACHE, ROLLSCOPE_CLUSTER_DIR, ROLLSCOPE_KUBECONFIG, ROLLSCOPE_PORT_BASE (default 17000:
#      every port is this plus a fixed offset), ROLLSCOPE_PROMETHEUS (auto|off|path, default auto),
#      ROLLSCOPE_NO_BUILD=1 (fail instead of building), ROLLSCOPE_START_TIMEOUT (s, default 120),
#      ROLLSCOPE_FLAGGER_INTERVAL (Flagger's -control-loop-interval, default 10s as upstream).
set -Eeuo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

T0="$(now)"
BIN="$ROLLSCOPE_BIN"
STATE="$ROLLSCOPE_CLUSTER_DIR"
TIMEOUT="${ROLLSCOPE_START_TIMEOUT:-120}"

# ---------------------------------------------------------------------------------------- ports
BASE="${ROLLSCOPE_PORT_BASE:-17000}"
P_ETCD=$((BASE + 379)) P_ETCD_PEER=$((BASE + 380)) P_APISERVER=$((BASE + 443))
P_KCM=$((BASE + 257)) P_SCHED=$((BASE + 259)) P_KWOK=$((BASE + 247))
P_ROLLOUTS_HEALTHZ=$((BASE + 80)) P_ROLLOUTS_METRICS=$((BASE + 90))
P_FLAGGER=$((BASE + 81)) P_LOADTESTER=$((BASE + 82)) P_PROMETHEUS=$((BASE + 909))
P_MESH=$((BASE + 83)) P_NETWORK_PROXY=$((BASE + 84)) P_DEX=$((BASE + 556))
# Host processes reach Services through the mesh's network proxy (e2e/cluster/mesh/network-proxy.ts):
# the API server's service proxy and Flagger's webhooks (http://flagger-loadtester.test/...).
# Loopback addresses (etcd, the API server, Prometheus) never go through it.
CLUSTER_NETWORK=(env "HTTP_PROXY=http://127.0.0.1:$P_NETWORK_PROXY" "NO_PROXY=127.0.0.1,localhost")

# --------------------------------------------------------------------------------- preconditions
case "$(realpath -m "$STATE")" in
  / | "$(realpath -m "$HOME")" | "$(realpath -m "$ROLLSCOPE_CACHE")")
    log "refusing to use $STATE as the cluster dir (start.sh empties it)"; exit 1 ;;
esac
if "$CLUSTER_DIR/stop.sh" --check >/dev/null 2>&1; then
  log "a cluster is already running (state in $STATE); run stop.sh first"
  exit 1
fi
for cmd in openssl curl flock setsid; do
  command -v "$cmd" >/dev/null || { log "missing command: $cmd"; exit 1; }
done

COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok
  rollouts-controller flagger loadtester dex)
missing=()
for c in "${COMPONENTS[@]}"; do [[ -x "$BIN/$c" ]] || missing+=("$c"); done
[[ -f "$ROLLSCOPE_CRDS/.done" ]] || missing+=(crds)
[[ -f "$ROLLSCOPE_BUILD_DIR/kwok/stages.yaml" ]] || missing+=(kwok-stages)
if ((${#missing[@]})); then
  if [[ "${ROLLSCOPE_NO_BUILD:-}" == 1 ]]; then
    log "not built: ${missing[*]} (run e2e/cluster/build.sh)"; exit 1
  fi
  log "building missing components: ${missing[*]}"
  "$CLUSTER_DIR/build.sh" "${missing[@]}" >/dev/null
fi
T_BUILD="$(elapsed "$T0")"

busy=()
for p in $P_ETCD $P_ETCD_PEER $P_APISERVER $P_KCM $P_SCHED $P_KWOK $P_ROLLOUTS_HEALTHZ \
  $P_ROLLOUTS_METRICS $P_FLAGGER $P_LOADTESTER $P_PROMETHEUS $P_MESH $P_NETWORK_PROXY $P_DEX; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then busy+=("$p"); fi
done
if ((${#busy[@]})); then
  log "ports already in use on 127.0.0.1: ${busy[*]} (set ROLLSCOPE_PORT_BASE)"; exit 1
fi

rm -rf "$STATE"
mkdir -p "$STATE/pki" "$STATE/logs" "$STATE/cmd" "$STATE/etcd" "$STATE/dex"
chmod 700 "$STATE/pki" "$STATE/etcd" "$STATE/dex"
: >"$STATE/pids"

on_error() {
  log "start failed; logs are in $STATE/logs; stopping what was started"
  "$CLUSTER_DIR/stop.sh" --keep-state >&2 || true
}
trap on_error ERR

# ------------------------------------------------------------------------------------------ PKI
T="$(now)"
PKI="$STATE/pki"
(
  cd "$PKI"
  exec 2>openssl.log
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
    -subj "/CN=rollscope-test-ca"
  # sign NAME SUBJECT EXTENSIONS
  sign() {
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2"
    printf '%b' "$3" >"$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -out "$1.crt" -extfile "$1.ext"
  }
  sign apiserver "/CN=kube-apiserver" \
    "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.96.0.1\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
  sign admin "/O=system:masters/CN=rollscope-admin" \
    "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n"
  # Front-proxy client (aggregation layer); also lets the controller-manager and scheduler find a
  # requestheader CA, so they do not log errors about a missing one.
  sign front-proxy-client "/CN=front-proxy-client" \
    "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n"
  openssl genrsa -out sa.key 2048
  openssl rsa -in sa.key -pubout -out sa.pub
)
b64() { base64 -w0 <"$1"; }
mkdir -p "$(dirname "$ROLLSCOPE_KUBECONFIG")"
cat >"$ROLLSCOPE_KUBECONFIG" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: rollscope-test
  cluster:
    server: https://127.0.0.1:$P_APISERVER
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: rollscope-admin
  user:
    client-certificate-data: $(b64 "$PKI/admin.crt")
    client-key-data: $(b64 "$PKI/admin.key")
contexts:
- name: rollscope-test
  context:
    cluster: rollscope-test
    user: rollscope-admin
current-context: rollscope-test
EOF
chmod 600 "$ROLLSCOPE_KUBECONFIG"
KC="$ROLLSCOPE_KUBECONFIG"
kubectl() { "$BIN/kubectl" --kubeconfig "$KC" "$@"; }
T_PKI="$(elapsed "$T")"

# ------------------------------------------------------------------------------------ processes
# start NAME CMD...: runs CMD detached (own session) with its output in logs/NAME.log, records
# its PID in pids and its command line in cmd/NAME (so a test can stop and restart one component).
start() {
  local name="$1"; shift
  printf '%q ' "$@" >"$STATE/cmd/$name"
  setsid "$@" >>"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo "$name $!" >>"$STATE/pids"
}

# wait_for NAME DESCRIPTION CMD...: polls CMD until it succeeds; fails after TIMEOUT or when the
# process NAME has exited, printing the end of its log.
wait_for() {
  local name="$1" what="$2"; shift 2
  local deadline=$((SECONDS + TIMEOUT)) pid
  pid="$(awk -v n="$name" '$1 == n { print $2 }' "$STATE/pids" | tail -1)"
  until "$@" >/dev/null 2>&1; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited while waiting for $what; end of $STATE/logs/$name.log:"
      tail -25 "$STATE/logs/$name.log" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "timed out after ${TIMEOUT}s waiting for $what; end of $STATE/logs/$name.log:"
      tail -25 "$STATE/logs/$name.log" >&2
      return 1
    fi
    sleep 0.2
  done
}
http_ok() { curl -fsS --max-time 2 -o /dev/null "$@"; }
https_ok() { curl -fsS --max-time 2 -o /dev/null --cacert "$PKI/ca.crt" "$@"; }

# Dex: the OpenID provider (issuer on loopback, in-memory storage, static clients and users; see
# dex/config.yaml). Nothing depends on it, so it starts first and is waited for with the controllers.
DEX_ISSUER="http://127.0.0.1:$P_DEX/dex"
DEX_CLIENT_SECRET="$(openssl rand -hex 24)"
(
  umask 077
  printf '%s' "$DEX_CLIENT_SECRET" >"$STATE/dex/client-secret"
  sed -e "s|@ISSUER@|$DEX_ISSUER|" -e "s|@LISTEN@|127.0.0.1:$P_DEX|" \
    -e "s|@CLIENT_SECRET@|$DEX_CLIENT_SECRET|" "$CLUSTER_DIR/dex/config.yaml" >"$STATE/dex/config.yaml"
)
start dex env DEX_CONFIG_DISALLOW_UNKNOWN_FIELDS=true "$BIN/dex" serve "$STATE/dex/config.yaml"

# etcd: loopback only, data in the state dir, no fsync (a test cluster, thrown away on stop).
T="$(now)"
start etcd "$BIN/etcd" --name rollscope --data-dir "$STATE/etcd" \
  --listen-client-urls "http://127.0.0.1:$P_ETCD" --advertise-client-urls "http://127.0.0.1:$P_ETCD" \
  --listen-peer-urls "http://127.0.0.1:$P_ETCD_PEER" \
  --initial-advertise-peer-urls "http://127.0.0.1:$P_ETCD_PEER" \
  --initial-cluster "rollscope=http://127.0.0.1:$P_ETCD_PEER" \
  --unsafe-no-fsync --quota-backend-bytes 2147483648 --log-level warn
wait_for etcd "etcd /health" http_ok "http://127.0.0.1:$P_ETCD/health"
T_ETCD="$(elapsed "$T")"

T="$(now)"
# The API server's own audit log: who changed Rollouts, Canaries, Deployments, opened gates through
# the service proxy, wrote Events or asked for access reviews, and as whom (impersonatedUser).
AUDIT_LOG="$STATE/logs/apiserver-audit.log"
cp "$CLUSTER_DIR/rbac/audit-policy.yaml" "$STATE/audit-policy.yaml"
start kube-apiserver "${CLUSTER_NETWORK[@]}" "$BIN/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$P_ETCD" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$P_APISERVER" \
  --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
  --client-ca-file "$PKI/ca.crt" \
  --requestheader-client-ca-file "$PKI/ca.crt" --requestheader-allowed-names front-proxy-client \
  --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
  --requestheader-extra-headers-prefix X-Remote-Extra- \
  --proxy-client-cert-file "$PKI/front-proxy-client.crt" \
  --proxy-client-key-file "$PKI/front-proxy-client.key" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
  --service-cluster-ip-range 10.96.0.0/16 \
  --authorization-mode RBAC \
  --audit-policy-file "$STATE/audit-policy.yaml" --audit-log-path "$AUDIT_LOG" \
  --audit-log-format json --audit-log-mode blocking \
  --enable-admission-plugins NamespaceLifecycle,ServiceAccount,DefaultTolerationSeconds \
  --disable-admission-plugins StorageObjectInUseProtection,PersistentVolumeClaimResize,DefaultStorageClass,RuntimeClass,DefaultIngressClass,Priority,PodSecurity,LimitRanger,ResourceQuota,TaintNodesByCondition,CertificateApproval,CertificateSigning,CertificateSubjectRestriction,ClusterTrustBundleAttest,PodTopologyLabels,MutatingAdmissionPolicy,ValidatingAdmissionPolicy,MutatingAdmissionWebhook,ValidatingAdmissionWebhook \
  --endpoint-reconciler-type none \
  --profiling=false --v 1
wait_for kube-apiserver "kube-apiserver /readyz" https_ok "https://127.0.0.1:$P_APISERVER/readyz"
T_APISERVER="$(elapsed "$T")"

# Controllers that Deployments, ReplicaSets, Services and namespaces need; no node lifecycle,
# no HPA (no metrics API here), no jobs, volumes or certificates.
T="$(now)"
start kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig "$KC" --authentication-kubeconfig "$KC" --authorization-kubeconfig "$KC" \
  --bind-address 127.0.0.1 --secure-port "$P_KCM" --leader-elect=false \
  --controllers deployment-controller,replicaset-controller,garbage-collector-controller,namespace-controller,serviceaccount-controller,serviceaccount-token-controller,root-ca-certificate-publisher-controller,endpoints-controller,endpointslice-controller,endpointslice-mirroring-controller,pod-garbage-collector-controller,clusterrole-aggregation-controller,service-cidr-controller \
  --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
  --use-service-account-credentials=false \
  --kube-api-qps 100 --kube-api-burst 200 --profiling=false --v 1
start kube-scheduler "$BIN/kube-scheduler" \
  --kubeconfig "$KC" --authentication-kubeconfig "$KC" --authorization-kubeconfig "$KC" \
  --bind-address 127.0.0.1 --secure-port "$P_SCHED" --leader-elect=false --profiling=false --v 1
# kwok fakes the node(s) annotated kwok.x-k8s.io/node=fake and the pods bound to them:
# pods go Running/Ready, nodes keep their heartbeat.
start kwok "$BIN/kwok" --kubeconfig "$KC" \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
  --node-ip 127.0.0.1 --cidr 10.244.0.1/16 --server-address "127.0.0.1:$P_KWOK" \
  --node-lease-duration-seconds 40 --config "$ROLLSCOPE_BUILD_DIR/kwok/stages.yaml"
kubectl apply -f - >/dev/null <<'EOF'
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-0
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    type: kwok
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: kwok-node-0
    kubernetes.io/os: linux
    kubernetes.io/role: agent
    node-role.kubernetes.io/agent: ""
status:
  allocatable: {cpu: "64", memory: 256Gi, pods: "500"}
  capacity: {cpu: "64", memory: 256Gi, pods: "500"}
  nodeInfo:
    architecture: amd64
    kubeletVersion: fake
    kubeProxyVersion: fake
    operatingSystem: linux
EOF

# CRDs (server-side: the Rollout CRD is too large for the last-applied annotation).
kubectl apply --server-side --force-conflicts -f "$ROLLSCOPE_CRDS" >/dev/null 2>>"$STATE/logs/kubectl.log"
kubectl wait --for condition=established --timeout "${TIMEOUT}s" crd --all >/dev/null
T_CRDS="$(elapsed "$T")"

# ------------------------------------------------------------------------------------------ RBAC
# Roles for the groups Dex puts in the ID token (rollout-operators, viewers, promoters), and two
# service accounts for Rollscope itself, each with a kubeconfig of its own (rbac/rbac.yaml explains).
T="$(now)"
kubectl apply -f "$CLUSTER_DIR/rbac/rbac.yaml" >/dev/null
# sa_kubeconfig NAME FILE: a kubeconfig (context rollscope-test) with a token of rollscope/NAME.
sa_kubeconfig() {
  local token
  token="$(kubectl -n rollscope create token "$1" --duration 8760h)"
  (
    umask 077
    cat >"$2" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: rollscope-test
  cluster:
    server: https://127.0.0.1:$P_APISERVER
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: $1
  user:
    token: $token
contexts:
- name: rollscope-test
  context:
    cluster: rollscope-test
    user: $1
current-context: rollscope-test
EOF
  )
}
sa_kubeconfig rollscope-impersonator "$STATE/kubeconfig-impersonator"
sa_kubeconfig rollscope-verbs "$STATE/kubeconfig-verbs"
T_RBAC="$(elapsed "$T")"

# ----------------------------------------------------------------------------------- Prometheus
PROMETHEUS="${ROLLSCOPE_PROMETHEUS:-auto}"
if [[ "$PROMETHEUS" == auto ]]; then PROMETHEUS="$(command -v prometheus || true)"; fi
[[ "$PROMETHEUS" == off ]] && PROMETHEUS=""
if [[ -n "$PROMETHEUS" ]]; then
  mkdir -p "$STATE/prometheus"
  # Scrape targets are added by the tests (the simulated mesh) through file_sd in this dir.
  cat >"$STATE/prometheus/prometheus.yml" <<EOF
global: {scrape_interval: 5s, evaluation_interval: 5s}
scrape_configs:
- job_name: mesh
  file_sd_configs: [{files: ["$STATE/prometheus/targets/*.json"], refresh_interval: 5s}]
EOF
  mkdir -p "$STATE/prometheus/targets"
  start prometheus "$PROMETHEUS" --config.file "$STATE/prometheus/prometheus.yml" \
    --storage.tsdb.path "$STATE/prometheus/data" --web.listen-address "127.0.0.1:$P_PROMETHEUS" \
    --log.level warn
fi

# ----------------------------------------------------------------------------------------- mesh
# The simulated Istio mesh (traffic by the real VirtualService weights, Istio telemetry for
# Prometheus) and the network proxy. It runs on the repo's Node dependencies.
REPO="$(cd "$CLUSTER_DIR/../.." && pwd)"
MESH=""
if [[ -d "$REPO/node_modules/tsx" && -d "$REPO/node_modules/@kubernetes/client-node" ]]; then
  MESH=1
  start mesh env -C "$REPO" node --import tsx e2e/cluster/mesh/main.ts --kubeconfig "$KC" \
    --metrics-port "$P_MESH" --proxy-port "$P_NETWORK_PROXY" \
    ${PROMETHEUS:+--targets-dir "$STATE/prometheus/targets"}
else
  log "mesh not started: run npm install in $REPO first (no traffic, no gates through Services)"
fi

# ------------------------------------------------------------------------------ the controllers
T="$(now)"
kubectl create namespace argo-rollouts >/dev/null
start rollouts-controller "${CLUSTER_NETWORK[@]}" POD_NAMESPACE=argo-rollouts "$BIN/rollouts-controller" \
  --kubeconfig "$KC" --namespace argo-rollouts --leader-elect=false \
  --healthzPort "$P_ROLLOUTS_HEALTHZ" --metricsPort "$P_ROLLOUTS_METRICS" --loglevel info
start flagger "${CLUSTER_NETWORK[@]}" "$BIN/flagger" -kubeconfig "$KC" -mesh-provider istio \
  -metrics-server "http://127.0.0.1:$P_PROMETHEUS" -port "$P_FLAGGER" \
  -control-loop-interval "${ROLLSCOPE_FLAGGER_INTERVAL:-10s}" \
  -enable-leader-election=false -log-level info
start loadtester "$BIN/loadtester" -port "$P_LOADTESTER" -log-level info

# ------------------------------------------------------------------------------------ readiness
wait_for kube-controller-manager "kube-controller-manager /healthz" \
  https_ok -k "https://127.0.0.1:$P_KCM/healthz"
wait_for kube-scheduler "kube-scheduler /healthz" https_ok -k "https://127.0.0.1:$P_SCHED/healthz"
wait_for kwok "kwok /healthz" http_ok "http://127.0.0.1:$P_KWOK/healthz"
wait_for kwok "node kwok-node-0 Ready" kubectl wait --for condition=Ready --timeout 1s node/kwok-node-0
wait_for kube-controller-manager "ServiceAccount default/default" \
  kubectl get serviceaccount default -n default
wait_for rollouts-controller "rollouts-controller /healthz" \
  http_ok "http://127.0.0.1:$P_ROLLOUTS_HEALTHZ/healthz"
wait_for rollouts-controller "rollouts-controller /metrics" \
  http_ok "http://127.0.0.1:$P_ROLLOUTS_METRICS/metrics"
wait_for flagger "flagger /healthz" http_ok "http://127.0.0.1:$P_FLAGGER/healthz"
wait_for loadtester "loadtester /healthz" http_ok "http://127.0.0.1:$P_LOADTESTER/healthz"
if [[ -n "$MESH" ]]; then
  wait_for mesh "mesh /metrics" http_ok "http://127.0.0.1:$P_MESH/metrics"
fi
if [[ -n "$PROMETHEUS" ]]; then
  wait_for prometheus "prometheus /-/ready" http_ok "http://127.0.0.1:$P_PROMETHEUS/-/ready"
fi
wait_for dex "dex discovery" http_ok "$DEX_ISSUER/.well-known/openid-configuration"
T_CONTROLLERS="$(elapsed "$T")"
trap - ERR

# ---------------------------------------------------------------------------------------- state
first_line() { "$@" 2>&1 | head -1 || true; }
V_K8S="$(kubectl version -o json | sed -n 's/^ *"gitVersion": "\(.*\)",$/\1/p' | tail -1)"
V_ETCD="$("$BIN/etcd" --version | sed -n 's/^etcd Version: //p')"
V_KWOK="$(first_line "$BIN/kwok" --version)"
V_ROLLOUTS="$(first_line "$BIN/rollouts-controller" --version)"
V_FLAGGER="$(first_line "$BIN/flagger" -version)"
V_PROMETHEUS="$([[ -n "$PROMETHEUS" ]] && first_line "$PROMETHEUS" --version || echo "not started")"
V_DEX="$("$BIN/dex" version 2>&1 | sed -n 's/^Dex Version: //p')"
TOTAL="$(elapsed "$T0")"
{
  echo "# written by e2e/cluster/start.sh at $(date -u +%FT%TZ); source it"
  echo "ROLLSCOPE_KUBECONFIG=$ROLLSCOPE_KUBECONFIG"
  echo "ROLLSCOPE_BIN=$BIN"
  echo "ROLLSCOPE_CLUSTER_DIR=$STATE"
  echo "APISERVER_URL=https://127.0.0.1:$P_APISERVER"
  echo "ETCD_URL=http://127.0.0.1:$P_ETCD"
  echo "PROMETHEUS_URL=$([[ -n "$PROMETHEUS" ]] && echo "http://127.0.0.1:$P_PROMETHEUS")"
  echo "PROMETHEUS_TARGETS_DIR=$([[ -n "$PROMETHEUS" ]] && echo "$STATE/prometheus/targets")"
  echo "FLAGGER_URL=http://127.0.0.1:$P_FLAGGER"
  echo "LOADTESTER_URL=http://127.0.0.1:$P_LOADTESTER"
  echo "MESH_METRICS_URL=$([[ -n "$MESH" ]] && echo "http://127.0.0.1:$P_MESH/metrics")"
  echo "NETWORK_PROXY_URL=$([[ -n "$MESH" ]] && echo "http://127.0.0.1:$P_NETWORK_PROXY")"
  echo "ROLLOUTS_METRICS_URL=http://127.0.0.1:$P_ROLLOUTS_METRICS/metrics"
  echo "APISERVER_AUDIT_LOG=$AUDIT_LOG"
  # Sign-in (dex/config.yaml, rbac/rbac.yaml). The passwords are fixed test passwords (their bcrypt
  # hashes are in dex/config.yaml); the client secret is new on every start.
  echo "DEX_ISSUER=$DEX_ISSUER"
  echo "DEX_CLIENT_ID=rollscope"
  echo "DEX_CLIENT_SECRET=$DEX_CLIENT_SECRET"
  echo "DEX_CLIENT_SECRET_FILE=$STATE/dex/client-secret"
  echo "DEX_REDIRECT_PORTS=3100,3101,3190,3191,3192,3193,3194,3195,3196,3197,3198,3199"
  echo "DEX_PUBLIC_CLIENT_ID=rollscope-public"
  echo "DEX_ALICE_PASSWORD=alice-password"
  echo "DEX_BOB_PASSWORD=bob-password"
  echo "DEX_CAROL_PASSWORD=carol-password"
  echo "DEX_DAVE_PASSWORD=dave-password"
  echo "ROLLSCOPE_IMPERSONATOR_KUBECONFIG=$STATE/kubeconfig-impersonator"
  echo "ROLLSCOPE_VERBS_KUBECONFIG=$STATE/kubeconfig-verbs"
  while read -r name pid; do
    echo "PID_$(echo "$name" | tr 'a-z-' 'A-Z_')=$pid"
  done <"$STATE/pids"
  printf 'VERSION_KUBERNETES=%q\nVERSION_ETCD=%q\nVERSION_KWOK=%q\n' "$V_K8S" "$V_ETCD" "$V_KWOK"
  printf 'VERSION_ARGO_ROLLOUTS=%q\nVERSION_FLAGGER=%q\nVERSION_PROMETHEUS=%q\n' \
    "$V_ROLLOUTS" "$V_FLAGGER" "$V_PROMETHEUS"
  printf 'VERSION_DEX=%q\n' "$V_DEX"
  echo "START_SECONDS=$TOTAL"
} >"$STATE/state.env"

MESH_TEXT="not started (npm install first)"
[[ -n "$MESH" ]] && MESH_TEXT="metrics http://127.0.0.1:$P_MESH/metrics, network proxy http://127.0.0.1:$P_NETWORK_PROXY"
cat <<EOF
rollscope test cluster is up in ${TOTAL}s (build check ${T_BUILD}s, certs ${T_PKI}s, etcd ${T_ETCD}s, kube-apiserver ${T_APISERVER}s, controller-manager+scheduler+kwok+CRDs ${T_CRDS}s, RBAC ${T_RBAC}s, controllers+dex ${T_CONTROLLERS}s)
  kubeconfig:          $ROLLSCOPE_KUBECONFIG
  state / logs:        $STATE/state.env  $STATE/logs/
  etcd                 $V_ETCD  http://127.0.0.1:$P_ETCD
  kube-apiserver       $V_K8S  https://127.0.0.1:$P_APISERVER (+ controller-manager, scheduler)
  kwok                 $V_KWOK  node kwok-node-0
  rollouts-controller  $V_ROLLOUTS  metrics http://127.0.0.1:$P_ROLLOUTS_METRICS/metrics
  flagger              $V_FLAGGER  http://127.0.0.1:$P_FLAGGER (mesh istio)
  loadtester           http://127.0.0.1:$P_LOADTESTER
  mesh                 $MESH_TEXT
  prometheus           $V_PROMETHEUS${PROMETHEUS:+  http://127.0.0.1:$P_PROMETHEUS}
  dex                  $V_DEX  $DEX_ISSUER (clients rollscope, rollscope-public; users alice, bob, carol, dave @example.com)
  audit log            $AUDIT_LOG
EOF
