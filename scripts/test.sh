#!/usr/bin/env bash
# The one test command (`npm test`): provisions system tools, then runs lint, typecheck, every unit and
# router suite, builds the web app and runs the browser tests, and ends with one line
# "N passed, N failed" summing them all.
set -uo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d "${TMPDIR:-/tmp}/rollscope-tests.XXXXXX")"
trap 'rm -rf "$results"' EXIT

bash scripts/provision.sh || exit 1

check() { # name, command...
  local name=$1
  shift
  echo "== $name"
  if "$@"; then echo ok >"$results/$name.check"; else echo failed >"$results/$name.check"; fi
}

check lint npx biome check .
check typecheck npx turbo run typecheck --output-logs=errors-only

# Vitest suites, one JSON report per workspace.
for ws in packages/shared apps/api apps/web; do
  [ -f "$ws/vitest.config.ts" ] || continue
  name=$(echo "$ws" | tr / -)
  echo "== $name"
  (cd "$ws" && npx vitest run --reporter=default --reporter=json --outputFile="$results/$name.json")
done

# Browser tests need a production build of the web app.
check web-build bash -c "cd apps/web && npx next build >\"$results/next-build.log\" 2>&1 || { cat \"$results/next-build.log\"; exit 1; }"
if [ "$(cat "$results/web-build.check")" = ok ]; then
  echo "== e2e (Playwright, system Chromium)"
  (cd e2e && PLAYWRIGHT_JSON="$results/e2e.json" npx playwright test)
fi

node scripts/summarize-tests.mjs "$results"
