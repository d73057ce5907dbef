#!/usr/bin/env bash
# Bounded libFuzzer runs of every target (default 60 s each), starting from the committed seed corpus.
# A crash fails the run; its input is left in the printed folder: copy it to tests/fuzz/regressions/<target>/
# so that it is replayed by ctest from then on.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
cmake --preset fuzz >/dev/null && cmake --build --preset fuzz
work=$(mktemp -d /tmp/alsmeds-fuzz.XXXXXX)
for target in parsers csv_import text; do
  mkdir -p "$work/$target/corpus" "$work/$target/crashes"
  cp tests/fuzz/corpus/$target/* "$work/$target/corpus/"
  echo "== fuzz $target for ${seconds}s"
  if ! build/fuzz/tests/fuzz/fuzz_$target -max_total_time="$seconds" -print_final_stats=0 \
       -artifact_prefix="$work/$target/crashes/" "$work/$target/corpus" 2> "$work/$target/log"; then
    tail -40 "$work/$target/log"
    echo "fuzz: $target crashed; inputs in $work/$target/crashes/" >&2
    exit 1
  fi
  grep -E "^Done|DONE" "$work/$target/log" | tail -1 || true
done
rm -rf "$work"
