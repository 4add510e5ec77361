#!/usr/bin/env bash
# Load benchmark of the web dashboard: wrk with 64 connections on the outcome page of the demo
# database, served by `waymark serve` and, for comparison in the same run, by nginx serving the
# same page saved as a static file on another loopback port. Prints requests/s, p50/p99 latency
# and errors for both. Environment: WAYMARK_BIN (default build/waymark), DURATION (default 30s),
# CONNECTIONS (default 64), THREADS (wrk threads, default 2), PAGE (default the outcome page),
# GZIP=1 (wrk sends `Accept-Encoding: gzip` and nginx compresses too, at the same level as
# waymark's zlib step, 6, from 1 KB), DB (an existing database to serve instead of a new demo).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
waymark="${WAYMARK_BIN:-$root/build/waymark}"
duration="${DURATION:-30s}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
page="${PAGE:-/outcomes/safe-and-secure}"
gzip="${GZIP:-0}"
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] ||
    { echo "web_load: $tool not found; run scripts/install-deps.sh" >&2; exit 1; }
done
[ -x "$waymark" ] || { echo "web_load: $waymark not found; run 'make build' first" >&2; exit 1; }
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

tmp="$(mktemp -d)"
server_pid=""
nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  [ -n "${KEEP_TMP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT

if [ -n "${DB:-}" ]; then
  cp "$DB" "$tmp/demo.db"
else
  WAYMARK="$waymark" "$root/scripts/demo-db.sh" "$tmp/demo.db" >/dev/null
fi

# waymark serve on a free port; its first line names the address.
mkfifo "$tmp/serve.out"
"$waymark" --db "$tmp/demo.db" serve --port 0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
read -r line <"$tmp/serve.out"
waymark_url="$(grep -o 'http://127.0.0.1:[0-9]*' <<<"$line")"
cat "$tmp/serve.out" >/dev/null &

# The same page as a static file behind nginx (two workers, like the two server threads).
mkdir -p "$tmp/www" "$tmp/nginx"
curl -fsS "$waymark_url$page" -o "$tmp/www/page.html"
chmod a+rx "$tmp" "$tmp/www"  # nginx's workers run as an unprivileged user
chmod a+r "$tmp/www/page.html"
nginx_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat >"$tmp/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  gzip $( [ "$gzip" = 1 ] && echo on || echo off );
  gzip_comp_level 6;
  gzip_min_length 1024;
  gzip_vary on;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
    location / { try_files /page.html =404; }
  }
}
CONF
"$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port"
for _ in $(seq 50); do curl -fsS "$nginx_url/" -o /dev/null 2>/dev/null && break; sleep 0.1; done

# Runs wrk and prints one result line: name, requests/s, p50, p99, errors.
measure() {
  local name="$1" url="$2" out
  local headers=()
  [ "$gzip" = 1 ] && headers=(-H 'Accept-Encoding: gzip')
  out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "${headers[@]}" "$url")"
  echo "$out" >"$tmp/$name.wrk"
  local rps p50 p99 socket_errors non2xx
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  socket_errors="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")"
  printf '%-8s %12s %10s %10s %8s\n' "$name" "$rps" "$p50" "$p99" \
    "$(( ${socket_errors:-0} + ${non2xx:-0} ))"
}

bytes="$(wc -c <"$tmp/www/page.html")"
sent="$bytes"
if [ "$gzip" = 1 ]; then
  sent="$(curl -fsS -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$waymark_url$page")"
  nginx_sent="$(curl -fsS -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$nginx_url/")"
  sent="$sent gzip; nginx $nginx_sent gzip"
fi
echo "GET $page ($bytes bytes; sent: $sent), $connections connections, $threads wrk threads," \
  "$duration each"
printf '%-8s %12s %10s %10s %8s\n' server requests/s p50 p99 errors
measure waymark "$waymark_url$page"
measure nginx "$nginx_url$page"
