#!/usr/bin/env bash
# The deployment guide tried as written (docs/deploy.md): a PostgreSQL database made as the guide
# makes it, the demo data copied into it with `waymark copy`, two `waymark serve` nodes, and
# nginx with deploy/nginx/waymark.conf (TLS with a self-signed certificate, the upstream of two
# nodes, static files kept by nginx); then wrk through nginx, 64 connections, on the outcome page
# and an API call, beside the same two nodes and nginx on the SQLite file. Needs a PostgreSQL
# cluster: run it as `scripts/pg-test-cluster.sh bench/deploy_drill.sh` (WAYMARK_TEST_PG).
# Environment: WAYMARK_BIN (default build/waymark), DURATION (default 20s), CONNECTIONS (64).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
waymark="${WAYMARK_BIN:-$root/build/waymark}"
duration="${DURATION:-20s}"
connections="${CONNECTIONS:-64}"
[ -n "${WAYMARK_TEST_PG:-}" ] ||
  { echo "deploy_drill: run it under scripts/pg-test-cluster.sh" >&2; exit 1; }
for tool in wrk nginx curl openssl psql; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] ||
    { echo "deploy_drill: $tool not found; run scripts/install-deps.sh" >&2; exit 1; }
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

tmp="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  [ -n "${KEEP_TMP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "deploy_drill: demo database (SQLite)"
WAYMARK="$waymark" "$root/scripts/demo-db.sh" "$tmp/demo.db" >/dev/null

# The guide's database: UTF-8, ordered by code point, made and filled by a copy.
psql "$WAYMARK_TEST_PG" -q -c "CREATE DATABASE waymark ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0"
pg="$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/waymark")))' "$WAYMARK_TEST_PG")"
"$waymark" copy --from "$tmp/demo.db" --to "$pg"

# The guide's backup and restore drill: pg_dump, a new database, pg_restore, and the restored
# database must give the same exports as the one dumped.
pg_dump --format custom --file "$tmp/waymark.dump" "$pg"
psql "$WAYMARK_TEST_PG" -q -c "CREATE DATABASE waymark_restore ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0"
restored="${pg%/waymark}/waymark_restore"
pg_restore --no-owner --dbname "$restored" "$tmp/waymark.dump"
for args in "export assessments" "audit list --format csv" "plan history barnet-2019-23"; do
  # shellcheck disable=SC2086
  cmp <("$waymark" --db "$pg" $args) <("$waymark" --db "$restored" $args) ||
    { echo "deploy_drill: the restored database differs in '$args'" >&2; exit 1; }
done
echo "deploy_drill: pg_dump $(du -h "$tmp/waymark.dump" | cut -f1), restored, exports identical"

# A self-signed certificate for the drill's TLS.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=cypp.example.gov.uk" \
  -keyout "$tmp/cypp.key" -out "$tmp/cypp.pem" 2>/dev/null

# Starts two nodes on DB; sets node_a and node_b to their ports.
start_nodes() {
  local db="$1" port
  for name in a b; do
    port="$(free_port)"
    WAYMARK_DB="$db" "$waymark" serve --port "$port" --threads 2 --trusted-proxy 127.0.0.1 \
      --log-file "$tmp/access-$name.log" >"$tmp/node-$name.out" 2>&1 &
    pids+=("$!")
    for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/readyz" -o /dev/null 2>/dev/null && break; sleep 0.1; done
    eval "node_$name=$port"
  done
}

# nginx with deploy/nginx/waymark.conf, its ports and paths made the drill's.
start_nginx() {
  local conf="$tmp/nginx-$1" https
  mkdir -p "$conf/cache"
  https="$(free_port)"
  sed -e "s|127.0.0.1:8081|127.0.0.1:$node_a|; s|127.0.0.1:8082|127.0.0.1:$node_b|" \
      -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https ssl http2;|; s|listen 80;|listen 127.0.0.1:$(free_port);|" \
      -e "s|/etc/ssl/certs/cypp.pem|$tmp/cypp.pem|; s|/etc/ssl/private/cypp.key|$tmp/cypp.key|" \
      -e "s|/var/cache/nginx/waymark|$conf/cache|" "$root/deploy/nginx/waymark.conf" >"$conf/site.conf"
  cat >"$conf/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $conf/nginx.pid;
error_log $conf/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $conf/body;
  proxy_temp_path $conf/proxy;
  fastcgi_temp_path $conf/fastcgi;
  uwsgi_temp_path $conf/uwsgi;
  scgi_temp_path $conf/scgi;
  include $conf/site.conf;
}
CONF
  "$nginx_bin" -p "$conf" -c "$conf/nginx.conf" &
  pids+=("$!")
  site="https://127.0.0.1:$https"
  for _ in $(seq 50); do curl -kfsS "$site/healthz" -o /dev/null 2>/dev/null && break; sleep 0.1; done
}

measure() {  # NAME URL: one line of requests/s, p50, p99, errors
  local out rps p50 p99 errors
  out="$(wrk -t2 -c"$connections" -d"$duration" --latency "$2")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(awk '/Socket errors:/ {gsub(",", ""); e = $4 + $6 + $8 + $10} /Non-2xx/ {n = $5} END {print e + n}' <<<"$out")"
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "$errors"
}

page=/outcomes/safe-and-secure
api="/api/v1/indicators/excess-weight-year-6/data?area=E09000003"
echo "| run (two nodes behind nginx, TLS, $connections connections, $duration) | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
for backend in postgresql sqlite; do
  db="$pg"
  [ "$backend" = sqlite ] && db="$tmp/demo.db"
  start_nodes "$db"
  start_nginx "$backend"
  # The drill's checks: both nodes answer through nginx, /metrics is not public, the static
  # files are kept by nginx after the first request.
  curl -kfsS "$site$page" -o /dev/null
  [ "$(curl -ks -o /dev/null -w '%{http_code}' "$site/metrics")" = 404 ]
  measure "$backend: outcome page" "$site$page"
  measure "$backend: API (indicator data, one area)" "$site$api"
  served_a="$(wc -l <"$tmp/access-a.log")"
  served_b="$(wc -l <"$tmp/access-b.log")"
  echo "|   requests answered by node a / node b | $served_a / $served_b | | | |"
  for i in $(seq ${#pids[@]}); do kill "${pids[$((i - 1))]}" 2>/dev/null; wait "${pids[$((i - 1))]}" 2>/dev/null || true; done
  pids=()
  rm -f "$tmp"/access-*.log
done
