#!/usr/bin/env bash
# National scale, side by side: generates the national dataset (bench/national_gen.mjs: every
# English upper-tier council, region and England, 220 indicators of three kinds, 15 years, sexes
# and deprivation deciles, about 5.08 million observations with counts, as a Fingertips-format
# export) and runs on the same file, in one go:
#   Waymark: `data import`, `assess`, and a cold `serve` (the first answered API request and
#     indicator page after the start, then REQUESTS more; bench/national_serve.mjs);
#   DuckDB (npm @duckdb/node-api, bench/national_duckdb.mjs): `read_csv` into a database file,
#     then SQL computing the same judgements (limits, comparisons with England and the region,
#     quintiles among councils, recent trends) stored as a table.
# Each step's wall time and peak memory (maximum resident set size, /usr/bin/time) and each
# database's size are printed as a Markdown table with the ratios, the machine and the versions,
# and written to OUT (default DIR/national.md, or build/national.md with a temporary DIR).
#
# Environment: ROWS (stop after the indicator that reaches this many rows; default all),
# INDICATORS (default 220), YEARS (default 15), REQUESTS (default 1000), CHECK=1 to export
# Waymark's judgements afterwards and count those that differ from DuckDB's (exits 1 if any),
# KEEP=DIR to keep the files and databases in DIR (a dataset generated there before with the
# same settings is used again), WAYMARK (default build/waymark), OUT.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
waymark="${WAYMARK:-$root/build/waymark}"
requests="${REQUESTS:-1000}"
[[ -x "$waymark" ]] || { echo "national: $waymark not found; run 'make build' first" >&2; exit 1; }
[[ -d "$root/node_modules/@duckdb/node-api" ]] ||
  { echo "national: @duckdb/node-api not installed; run 'npm ci' (scripts/install-deps.sh)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "national: /usr/bin/time not found (Debian package time)" >&2; exit 1; }
if [[ -n "${KEEP:-}" ]]; then
  work="$(mkdir -p "$KEEP" && cd "$KEEP" && pwd)"
  out="${OUT:-$work/national.md}"
else
  work="$(mktemp -d)"
  out="${OUT:-$root/build/national.md}"
fi
# A copy of the program, so that a rebuild during the run does not change it between steps.
cp "$waymark" "$work/waymark.bin"
waymark="$work/waymark.bin"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  [[ -n "${KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

# The dataset, generated again only when its settings changed.
settings="ROWS=${ROWS:-} INDICATORS=${INDICATORS:-} YEARS=${YEARS:-}"
if [[ ! -f "$work/export.csv" || "$(cat "$work/settings" 2>/dev/null)" != "$settings" ]]; then
  rm -f "$work/settings"
  echo "national: generating the dataset in $work" >&2
  node "$root/bench/national_gen.mjs" "$root/data/areas/areas.csv" "$work" > "$work/dataset.txt"
  echo "$settings" > "$work/settings"
fi
dataset="$(cat "$work/dataset.txt")"
rows="${dataset%% rows*}"
file_size=$(stat -c %s "$work/export.csv")

# Runs a command under /usr/bin/time; sets `secs` (wall) and `rss` (peak KiB).
timed() {
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@"
  read -r secs rss < "$work/time.txt"
}
# The total size in bytes of the files given that exist (a database and its write-ahead log).
size_of() {
  local total=0 f
  for f in "$@"; do [[ -f "$f" ]] && total=$((total + $(stat -c %s "$f"))); done
  echo "$total"
}

wdb="$work/waymark.db"
rm -f "$wdb" "$wdb-wal" "$wdb-shm"
"$waymark" --db "$wdb" --quiet init > /dev/null
"$waymark" --db "$wdb" --quiet areas import "$root/data/areas/areas.csv" > /dev/null
"$waymark" --db "$wdb" --quiet indicators import "$work/catalogue.toml" > /dev/null
echo "national: waymark data import ($rows rows)" >&2
timed "$waymark" --db "$wdb" --quiet data import --format fingertips "$work/export.csv" > "$work/import.txt"
w_import_s=$secs; w_import_rss=$rss; w_import_size=$(size_of "$wdb" "$wdb-wal")
echo "national: waymark assess" >&2
timed "$waymark" --db "$wdb" --quiet assess > "$work/assess.txt"
w_assess_s=$secs; w_assess_rss=$rss; w_assess_size=$(size_of "$wdb" "$wdb-wal")

# A cold server: the time from its launch to the first answers, then REQUESTS more.
echo "national: waymark serve" >&2
indicators="$(tail -n +2 "$work/indicators.csv" | cut -d, -f1 | paste -sd,)"
councils="$(awk -F, '$3 == "council" { print $1 }' "$root/data/areas/areas.csv" | paste -sd,)"
rm -f "$work/serve.fifo"
mkfifo "$work/serve.fifo"
start_ms=$(($(date +%s%N) / 1000000))
"$waymark" --db "$wdb" serve --port 0 --assets "$root/node_modules/govuk-frontend/dist/govuk" > "$work/serve.fifo" 2> "$work/serve.err" &
server_pid=$!
read -r line < "$work/serve.fifo"
url="$(grep -o 'http://127.0.0.1:[0-9]*' <<< "$line")"
cat "$work/serve.fifo" > /dev/null &
serve_json="$(node "$root/bench/national_serve.mjs" "$url" "$start_ms" "$requests" "$indicators" "$councils")"
serve_hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
json() { node -e "const o = JSON.parse(process.argv[1]); console.log(o[process.argv[2]])" "$serve_json" "$1"; }

ddb="$work/duckdb.db"
rm -f "$ddb" "$ddb.wal"
echo "national: duckdb read_csv" >&2
timed node "$root/bench/national_duckdb.mjs" load "$ddb" "$work/export.csv" "$work/indicators.csv" \
  "$root/data/areas/areas.csv" > /dev/null
d_load_s=$secs; d_load_rss=$rss; d_load_size=$(size_of "$ddb" "$ddb.wal")
echo "national: duckdb judgements" >&2
timed node "$root/bench/national_duckdb.mjs" judge "$ddb" > /dev/null
d_judge_s=$secs; d_judge_rss=$rss; d_judge_size=$(size_of "$ddb" "$ddb.wal")

check_line=""
if [[ "${CHECK:-0}" == 1 ]]; then
  echo "national: checking Waymark's judgements against DuckDB's" >&2
  if "$waymark" --db "$wdb" --quiet export assessments -o "$work/waymark_assessments.csv"; then
    check_line="$(node "$root/bench/national_duckdb.mjs" check "$ddb" "$work/waymark_assessments.csv" |
      head -n 1)" || check_status=$?
  else
    check_status=1; check_line="waymark export assessments failed"
  fi
fi

# One new period (2024, the same figures as 2023) of the first indicator, imported and judged
# again: `assess` judges only the indicators the import marked out of date (here the one).
echo "national: one new period of one indicator" >&2
first_code="$(sed -n 2p "$work/indicators.csv" | cut -d, -f2)"
awk -F, -v code="$first_code" 'NR == 1 { print; next }
  $1 != code { exit }
  $(NF - 3) == "20230000" { sub(/,2023,/, ",2024,"); sub(/,20230000,/, ",20240000,"); print }' \
  "$work/export.csv" > "$work/new_period.csv"
new_rows=$(($(wc -l < "$work/new_period.csv") - 1))
timed "$waymark" --db "$wdb" --quiet data import --format fingertips "$work/new_period.csv" > /dev/null
w_new_import_s=$secs
timed "$waymark" --db "$wdb" --quiet assess > /dev/null
w_new_assess_s=$secs; w_new_assess_rss=$rss

duckdb_version="$(cd "$root" && node -e "import('@duckdb/node-api').then(async (d) => {
  const i = await d.DuckDBInstance.create(':memory:'); const c = await i.connect();
  console.log((await c.runAndReadAll('SELECT version()')).getRows()[0][0]); })")"
npm_version="$(node -p "require('$root/node_modules/@duckdb/node-api/package.json').version")"

{
  awk -v rows="$rows" -v size="$file_size" -v dataset="$dataset" 'BEGIN {
    printf "National benchmark: %s; Fingertips-format file of %.0f MiB (%d bytes).\n\n", dataset, size / 1048576, size }'
  echo "| step | Waymark | DuckDB | Waymark ÷ DuckDB |"
  echo "|---|---|---|---|"
  awk -v wi="$w_import_s" -v wa="$w_assess_s" -v dl="$d_load_s" -v dj="$d_judge_s" \
      -v wir="$w_import_rss" -v war="$w_assess_rss" -v dlr="$d_load_rss" -v djr="$d_judge_rss" \
      -v wis="$w_import_size" -v was="$w_assess_size" -v dls="$d_load_size" -v djs="$d_judge_size" 'BEGIN {
    printf "| load the file into a database file (time) | %.2f s | %.2f s | %.2f |\n", wi, dl, wi / dl
    printf "| derive every judgement and store it (time) | %.2f s | %.2f s | %.2f |\n", wa, dj, wa / dj
    printf "| load + judgements (time) | %.2f s | %.2f s | %.2f |\n", wi + wa, dl + dj, (wi + wa) / (dl + dj)
    printf "| peak memory, load | %.0f MiB | %.0f MiB | %.2f |\n", wir / 1024, dlr / 1024, wir / dlr
    printf "| peak memory, judgements | %.0f MiB | %.0f MiB | %.2f |\n", war / 1024, djr / 1024, war / djr
    printf "| database size after load | %.0f MiB | %.0f MiB | %.2f |\n", wis / 1048576, dls / 1048576, wis / dls
    printf "| database size after judgements | %.0f MiB | %.0f MiB | %.2f |\n", was / 1048576, djs / 1048576, was / djs
  }'
  awk -v a="$(json first_api_s)" -v am="$(json first_api_ms)" -v p="$(json first_page_s)" \
      -v pm="$(json first_page_ms)" -v n="$(json requests)" -v last="$(json last_ms)" \
      -v p50="$(json p50_ms)" -v p99="$(json p99_ms)" -v mx="$(json max_ms)" -v rps="$(json requests_per_s)" \
      -v hwm="$serve_hwm_kb" 'BEGIN {
    printf "| serve: start to first answer of /api/v1/assessments?indicator=&area= | %.2f s (the request itself %.0f ms) | — | |\n", a, am
    printf "| serve: start to first answer of an indicator page (after the API) | %.2f s (the request itself %.0f ms) | — | |\n", p, pm
    printf "| serve: the %dth request after those (API and pages, one connection) | %.1f ms (p50 %.1f, p99 %.1f, max %.0f ms; %.0f requests/s) | — | |\n", n, last, p50, p99, mx, rps
    printf "| serve: peak memory (VmHWM) | %.0f MiB | — | |\n", hwm / 1024
  }'
  awk -v n="$new_rows" -v i="$w_new_import_s" -v a="$w_new_assess_s" -v r="$w_new_assess_rss" 'BEGIN {
    printf "| one new period of one indicator (%d rows): import, then `assess` | %.2f s + %.2f s (peak %.0f MiB) | — | |\n", n, i, a, r / 1024
  }'
  echo
  echo "Machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1)), $(free -g | awk '/^Mem:/ { print $2 }') GiB memory, Linux $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "Versions: $("$waymark" --version) ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)), DuckDB $duckdb_version (npm @duckdb/node-api $npm_version), Node $(node --version)."
  echo "Times are wall times of whole processes (/usr/bin/time), peak memory their maximum resident set size."
  if [[ -n "$check_line" ]]; then echo "Waymark's judgements against DuckDB's, rows that differ by column: ${check_line#check: }"; fi
} | tee "$out"
echo "national: table written to $out" >&2
exit "${check_status:-0}"
