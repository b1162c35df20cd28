#!/usr/bin/env bash
# Stops the test cluster started by start.sh and removes its state (data, certs, kubeconfig, logs).
# Usage: stop.sh [--keep-state]   keep $ROLLSCOPE_CLUSTER_DIR (logs, etcd data) for inspection
#        stop.sh --check          exit 0 if any process of the cluster is running, 1 if none
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

STATE="$ROLLSCOPE_CLUSTER_DIR"
KEEP=0 CHECK=0
for a in "$@"; do
  case "$a" in
    --keep-state) KEEP=1 ;;
    --check) CHECK=1 ;;
    *) echo "usage: $0 [--keep-state|--check]" >&2; exit 2 ;;
  esac
done

# Only processes recorded in the pids file, and only while their command line still names the
# component (a PID reused by another program after the component died is left alone).
# Stop order: the controllers first, then the control plane, etcd last (whatever order ctl.sh
# restarts left in the pids file).
ORDER=(mesh dex loadtester flagger rollouts-controller prometheus kwok kube-scheduler
  kube-controller-manager kube-apiserver etcd)
alive=()
if [[ -f "$STATE/pids" ]]; then
  for name in "${ORDER[@]}"; do
    while read -r pid; do
      if kill -0 "$pid" 2>/dev/null &&
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$name"; then
        alive+=("$name:$pid")
      fi
    done < <(awk -v n="$name" '$1 == n { print $2 }' "$STATE/pids")
  done
fi

if ((CHECK)); then
  ((${#alive[@]})) && { printf '%s\n' "${alive[@]}"; exit 0; }
  exit 1
fi

for np in "${alive[@]}"; do
  log "stopping ${np%%:*} (pid ${np##*:})"
  kill -TERM "${np##*:}" 2>/dev/null || true
done
deadline=$((SECONDS + 15))
for np in "${alive[@]}"; do
  pid="${np##*:}"
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    log "${np%%:*} (pid $pid) did not stop in time; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
done

if ((KEEP)); then
  log "stopped; state kept in $STATE"
else
  [[ -f "$ROLLSCOPE_KUBECONFIG" ]] && rm -f "$ROLLSCOPE_KUBECONFIG"
  rm -rf "$STATE"
  log "stopped; removed $STATE"
fi
