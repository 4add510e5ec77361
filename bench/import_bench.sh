#!/usr/bin/env bash
# Import speed: generates a Fingertips-format export of ROWS rows (default 5,000,000) for one
# catalogue indicator across the demo's areas, then times `waymark data import` into a fresh
# database and reports wall time, rows per second and peak memory (maximum resident set size)
# beside the file's size, and the CPU time used (user + system, both threads), which varies less
# than the wall time on a shared machine. With REIMPORT=1 the same file is then imported a
# second time into the same database (every row unchanged: each one is looked up, compared and
# given the new import as its provenance) and that run is reported too. KEEP=DIR keeps the file
# and the database in DIR instead of a temporary directory, and a file generated there before
# with the same ROWS is used again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${ROWS:-5000000}"
waymark="${WAYMARK:-$root/build/waymark}"
if [[ -n "${KEEP:-}" ]]; then
  work="$KEEP"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

cat > "$work/catalogue.toml" <<'TOML'
[[indicators]]
id = "bench-injuries"
title = "Generated injury admissions"
value_type = "rate"
multiplier = 10000
polarity = "low"
method = "byar"
  [indicators.source]
  format = "fingertips"
  code = "90284"
TOML

# One row per area × period × sex × age band until ROWS rows are written.
if [[ ! -f "$work/export.csv" || "$(cat "$work/rows" 2>/dev/null)" != "$rows" ]]; then
awk -F, -v rows="$rows" 'NR > 1 { codes[n++] = $1 }
END {
  print "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to Regions (statistical) value or percentiles,Time period Sortable,New data,Compared to goal,Time period range"
  split("Persons Male Female", sexes, " ")
  written = 0; seed = 12345
  for (age = 0; written < rows; age++)
    for (s = 1; s <= 3 && written < rows; s++)
      for (y = 2000; y < 2020 && written < rows; y++)
        for (a = 0; a < n && written < rows; a++) {
          seed = (seed * 1103515245 + 12345) % 2147483648
          den = 10000 + seed % 90000; count = seed % 1000
          printf "90284,Generated,E92000001,England,%s,Area,UA,%s,age %d,,,%d/%02d,%.4f,,,,,%d,%d,,,Similar,Similar,%d0000,,,1y\n", codes[a], sexes[s], age, y, (y + 1) % 100, count / den * 10000, count, den, y
          written++
        }
}' "$root/data/areas/areas.csv" > "$work/export.csv"
echo "$rows" > "$work/rows"
fi

# BACKEND=postgres imports into a new database of the cluster at WAYMARK_TEST_PG instead (run
# it as `BACKEND=postgres scripts/pg-test-cluster.sh bench/import_bench.sh`).
if [[ "${BACKEND:-sqlite}" == postgres ]]; then
  [[ -n "${WAYMARK_TEST_PG:-}" ]] ||
    { echo "import_bench: BACKEND=postgres runs under scripts/pg-test-cluster.sh" >&2; exit 1; }
  name="import_bench_$$"
  psql "$WAYMARK_TEST_PG" -q -c "CREATE DATABASE $name ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0"
  db="${WAYMARK_TEST_PG%/*}/$name"
  "$waymark" --db "$db" migrate > /dev/null
else
  db="$work/bench.db"
  rm -f "$db" "$db-wal" "$db-shm"
  "$waymark" --db "$db" init > /dev/null
fi
"$waymark" --db "$db" areas import "$root/data/areas/areas.csv" > /dev/null
"$waymark" --db "$db" indicators import "$work/catalogue.toml" > /dev/null
size=$(stat -c %s "$work/export.csv")

# Imports the file once and prints one line of results labelled $1.
timed_import() {
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f '%M %U %S' -o "$work/rss" "$waymark" --db "$db" data import --format fingertips \
    "$work/export.csv"
  end=$(date +%s.%N)
  awk -v label="$1" -v rows="$rows" -v s="$start" -v e="$end" -v size="$size" '{
    t = e - s; rss = $1; cpu = $2 + $3
    printf "%s: %d rows in %.2f s = %.0f rows/s (CPU %.2f s = %.0f rows per CPU second); " \
      "peak memory %.0f MiB; file %.0f MiB (%.1f%% of the file)\n",
      label, rows, t, rows / t, cpu, rows / cpu, rss / 1024, size / 1048576, 100 * rss * 1024 / size
  }' "$work/rss"
}

timed_import import
if [[ "${REIMPORT:-0}" == 1 ]]; then timed_import reimport; fi
