#!/usr/bin/env bash
# Makes sure the system tools the test suites use are present: Chromium (browser tests), Prometheus
# (real PromQL), PostgreSQL (the store's shared back end; tests start their own on loopback) and the
# shell linter, shellcheck. On Debian/Ubuntu as root it installs what is missing; otherwise it stops
# and says exactly what to install.
set -euo pipefail

missing=()
chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_bin" ] || missing+=(chromium)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
# Debian keeps initdb and pg_ctl in /usr/lib/postgresql/<version>/bin, off the PATH.
if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  missing+=(postgresql)
fi
# The real test cluster (e2e/cluster) is built with Go and started with these.
if command -v go >/dev/null 2>&1; then
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "provision: installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "provision: missing ${missing[*]}. Install them, e.g.: sudo apt-get install -y ${missing[*]}" >&2
echo "provision: (or set CHROMIUM_PATH to a Chromium binary)" >&2
exit 1
