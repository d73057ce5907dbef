#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (ctest fixtures pg-cluster-start / pg-cluster-stop):
#   pg_cluster.sh start DIR   initdb in DIR, listening only on a Unix socket in DIR (no TCP), trust for local
#                             logins (tests log in with user=...); run as the postgres user when we are root
#   pg_cluster.sh stop DIR    stops it (immediate: nothing in it is kept) and removes DIR
#   pg_cluster.sh kill DIR / restart DIR   (fault tests) pg_ctl stop -m immediate / start again
#   pg_cluster.sh start-tcp DIR PORT  the same, also listening on 127.0.0.1:PORT where every login gives its
#                             password (scram-sha-256), as a clinic's server would (the attack tests)
# fsync=off: the tests kill the server process, never the machine, so what the server wrote survives.
set -euo pipefail
action=$1
dir=$2
bin=/usr/lib/postgresql/15/bin
as_pg=()
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); fi
ctl() { "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" "$@"; }
start_server() {
  local listen="-c listen_addresses=''"
  if [[ -f $dir/tcp-port ]]; then
    listen="-c listen_addresses=127.0.0.1 -c port=$(cat "$dir/tcp-port") -c password_encryption=scram-sha-256"
  fi
  ctl -l "$dir/server.log" -w -t 60 \
    -o "$listen -c unix_socket_directories='$dir' -c fsync=off -c max_connections=60" \
    start >/dev/null
}
case $action in
  start|start-tcp)
    if [[ -d $dir/data ]]; then ctl stop -m immediate >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    mkdir -m 0700 "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
    if [[ $action == start-tcp ]]; then
      echo "$3" >"$dir/tcp-port"
      printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n' >"$dir/data/pg_hba.conf"
    fi
    start_server
    ;;
  kill) ctl stop -m immediate >/dev/null ;;
  restart) start_server ;;
  stop)
    if [[ -d $dir/data ]]; then ctl stop -m immediate >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop|kill|restart DIR" >&2; exit 2 ;;
esac
