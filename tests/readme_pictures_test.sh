#!/usr/bin/env bash
# Every picture the README shows (docs/screenshots/*.png) is in the source tree, and git does not ignore it.
# Usage: readme_pictures_test.sh SOURCE_DIR
set -euo pipefail
src=$1
mapfile -t pictures < <(grep -o 'docs/screenshots/[^)]*\.png' "$src/README.md" | sort -u)
[[ ${#pictures[@]} -gt 0 ]] || { echo "FAIL: README.md names no picture under docs/screenshots"; exit 1; }
status=0
for p in "${pictures[@]}"; do
  if [[ ! -s $src/$p ]]; then
    echo "FAIL: README.md shows $p, which is not in the source tree"
    status=1
  elif git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1 && git -C "$src" check-ignore -q "$p"; then
    echo "FAIL: README.md shows $p, which .gitignore leaves out of the repository"
    status=1
  fi
done
[[ $status -eq 0 ]] && echo "readme pictures: ${#pictures[@]} present"
exit $status
