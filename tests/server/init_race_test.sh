#!/bin/bash
# `server init` of two databases of one cluster at the same moment, on a fresh cluster (no alsmeds role yet):
# both succeed. Roles are the cluster's and the advisory lock holds within one database only: before the fix,
# about half the rounds failed with 'duplicate key value violates unique constraint "pg_authid_rolname_index"'.
# A race, so several rounds, each on a throwaway cluster of its own (pg_cluster.sh).
set -u
cli=$1 cluster=$2 rounds=${3:-3}
failed=0
for i in $(seq "$rounds"); do
  dir=$(mktemp -d /tmp/alsmeds-init-race.XXXXXX)
  chmod 755 "$dir"
  if ! bash "$cluster" start "$dir" >"$dir.log" 2>&1; then
    cat "$dir.log"; echo "FAIL: could not start a cluster"; rm -rf "$dir" "$dir.log"; exit 1
  fi
  for db in clinic_a clinic_b; do
    psql -h "$dir" -U postgres -d postgres -qc "CREATE DATABASE $db" || { failed=$((failed + 1)); }
  done
  "$cli" --db "postgresql:///clinic_a?host=$dir&user=postgres" server init >"$dir.a" 2>&1 &
  a=$!
  "$cli" --db "postgresql:///clinic_b?host=$dir&user=postgres" server init >"$dir.b" 2>&1 &
  b=$!
  wait "$a"; ra=$?
  wait "$b"; rb=$?
  if [[ $ra -ne 0 || $rb -ne 0 ]]; then
    failed=$((failed + 1))
    echo "round $i: server init exit codes $ra and $rb"; cat "$dir.a" "$dir.b"
  fi
  bash "$cluster" stop "$dir" >/dev/null 2>&1
  rm -rf "$dir" "$dir.log" "$dir.a" "$dir.b"
done
[[ $failed -eq 0 ]] || { echo "FAIL: $failed of $rounds rounds"; exit 1; }
echo "server init of two databases at once: $rounds of $rounds rounds both succeeded"
