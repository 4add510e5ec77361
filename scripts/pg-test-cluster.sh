#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: initdb in a new temporary directory,
# pg_ctl start on a free loopback port (as the unprivileged user `nobody` when run as root, since
# PostgreSQL refuses to run as root), WAYMARK_TEST_PG set to its address for the command, and the
# cluster stopped and deleted afterwards, also when the command fails or is interrupted. The
# command's exit status is the script's.
#   scripts/pg-test-cluster.sh ctest --output-on-failure
# Without Debian's PostgreSQL server (package `postgresql`) it says so and fails.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

bin="${PG_BIN:-}"
if [ -z "$bin" ]; then
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && bin="$dir"; done
fi
[ -n "$bin" ] && [ -x "$bin/initdb" ] ||
  { echo "pg-test-cluster: initdb not found; install Debian's postgresql (scripts/install-deps.sh)" >&2; exit 1; }

dir="$(mktemp -d /tmp/waymark-pg.XXXXXX)"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$dir"
  as_owner=(runuser -u nobody --)
fi

stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U waymark --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# A random loopback port; another, if something already listens there.
port=""
for _ in 1 2 3 4 5; do
  candidate=$((20000 + RANDOM % 40000))
  if "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $candidate -k $dir -c fsync=off -c max_connections=200" \
    start >/dev/null 2>&1; then
    port="$candidate"
    break
  fi
done
[ -n "$port" ] || { cat "$dir/server.log" >&2; echo "pg-test-cluster: the server did not start" >&2; exit 1; }

export WAYMARK_TEST_PG="postgresql://waymark@127.0.0.1:$port/postgres"
echo "pg-test-cluster: PostgreSQL $("$bin/postgres" -V | awk '{print $3}') on 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit "$status"
