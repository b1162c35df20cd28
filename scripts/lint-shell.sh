#!/usr/bin/env bash
# Lints every shell script of the repository with Debian's shellcheck (settings in .shellcheckrc):
# files named *.sh and files whose first line runs bash or sh, tracked or new (git's ignores apply).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v shellcheck >/dev/null 2>&1; then
  echo "lint-shell: shellcheck is not installed (Debian/Ubuntu: apt-get install shellcheck)" >&2
  exit 1
fi

list_files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard
  else
    find . \( -name node_modules -o -name .next -o -name .git \) -prune -o -type f -print0
  fi
}

scripts=()
while IFS= read -r -d '' file; do
  [[ -f "$file" ]] || continue # deleted from the work tree, still in the index
  if [[ "$file" == *.sh ]] || head -n 1 "$file" | grep -Eq '^#!.*[/ ](ba)?sh([[:space:]]|$)'; then
    scripts+=("$file")
  fi
done < <(list_files)

shellcheck "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts, no findings"
