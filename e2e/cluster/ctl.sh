#!/usr/bin/env bash
# Stops or restarts one component of the running test cluster (for fault tests: the API server
# going away mid-rollout and coming back). The component is restarted with the exact command line
# start.sh used (kept in $ROLLSCOPE_CLUSTER_DIR/cmd/<name>), on the same data, ports and certs.
#
# Usage: ctl.sh stop NAME | start NAME | restart NAME | status
#   NAME: etcd kube-apiserver kube-controller-manager kube-scheduler kwok prometheus
#         rollouts-controller flagger loadtester mesh dex
#   (Dex keeps everything in memory: after a restart its signing keys are new, so ID tokens issued
#   before no longer verify, and sign-ins in progress are lost.)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
STATE="$ROLLSCOPE_CLUSTER_DIR"
[[ -f "$STATE/pids" ]] || { log "no cluster state in $STATE"; exit 1; }

pid_of() { awk -v n="$1" '$1 == n { p = $2 } END { print p }' "$STATE/pids"; }
running() {
  local pid; pid="$(pid_of "$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$1"
}

do_stop() {
  local pid; pid="$(pid_of "$1")"
  running "$1" || { log "$1 is not running"; return 0; }
  kill -TERM "$pid"
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  log "$1 (pid $pid) stopped"
}

do_start() {
  [[ -f "$STATE/cmd/$1" ]] || { log "unknown component $1"; exit 2; }
  running "$1" && { log "$1 is already running"; return 0; }
  local cmd; cmd="$(cat "$STATE/cmd/$1")"
  eval "setsid $cmd >>\"\$STATE/logs/$1.log\" 2>&1 </dev/null &"
  echo "$1 $!" >>"$STATE/pids"
  sed -i "s/^PID_$(echo "$1" | tr 'a-z-' 'A-Z_')=.*/PID_$(echo "$1" | tr 'a-z-' 'A-Z_')=$!/" \
    "$STATE/state.env"
  if [[ "$1" == kube-apiserver ]]; then
    # shellcheck source=/dev/null  # state.env is written by start.sh when the cluster starts
    source "$STATE/state.env"
    local ok=0
    for _ in $(seq 600); do
      if curl -fs --max-time 2 -o /dev/null --cacert "$STATE/pki/ca.crt" "$APISERVER_URL/readyz"; then
        ok=1; break
      fi
      sleep 0.1
    done
    ((ok)) || { log "kube-apiserver not ready after 60s; see $STATE/logs/kube-apiserver.log"; exit 1; }
  fi
  log "$1 started (pid $!)"
}

case "${1:-}" in
  stop) do_stop "$2" ;;
  start) do_start "$2" ;;
  restart) do_stop "$2"; do_start "$2" ;;
  status)
    for f in "$STATE"/cmd/*; do
      n="$(basename "$f")"
      if running "$n"; then echo "$n running $(pid_of "$n")"; else echo "$n stopped"; fi
    done ;;
  *) echo "usage: $0 stop|start|restart NAME | status" >&2; exit 2 ;;
esac
