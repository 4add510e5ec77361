#!/usr/bin/env bash
# Builds the Barnet demo database at PATH (default demo.db) from the files in examples/:
# the published 2019-23 plan, its draft and the 2013-16 plan. An existing file is replaced.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
db="${1:-demo.db}"
waymark="${WAYMARK:-$root/build/waymark}"
[ -x "$waymark" ] || { echo "demo-db: $waymark not found; run 'make build' first" >&2; exit 1; }

tmp="$db.tmp.$$"
trap 'rm -f "$tmp" "$tmp-wal" "$tmp-shm"' EXIT
rm -f "$tmp" "$tmp-wal" "$tmp-shm"
"$waymark" --db "$tmp" init
for plan in barnet-2019-23 barnet-2019-23-draft barnet-2013-16; do
  "$waymark" --db "$tmp" plan import "$root/examples/$plan/plan.toml"
done
# Fold the write-ahead log into the file so that it can be moved as one piece.
sqlite3 "$tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1 || true
rm -f "$db-wal" "$db-shm"
mv "$tmp" "$db"
echo "demo database ready: $db"
