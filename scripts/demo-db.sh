#!/usr/bin/env bash
# Builds the Barnet demo database at PATH (default demo.db) from the files in examples/ and
# data/: the published 2019-23 plan, its draft, the 2013-16 plan and the current plan (whose
# period is not stated; examples/barnet-current); the area registry and
# statistical neighbours, with Barnet's wards and their outlines; the indicator catalogue with
# its real data; then every judgement; the survey of young people (with a wave open today and
# illustrative responses to its winter 2025 wave) and the "you said, we did" findings. Then the
# demo users: admin@barnet.example, analyst@barnet.example, board@barnet.example and one partner
# user per partner organisation of the 2019-23 plan (ORG@partners.example), all with one
# password: $WAYMARK_DEMO_PASSWORD, or a random one printed at the end. The database is marked
# as a demo (the web pages say so). Last, a current reporting cycle of the 2019-23 plan,
# overdue, with illustrative action updates from the demo partner users (docs/cycles.md).
# An existing file at PATH is replaced only when the whole build succeeds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
db="${1:-demo.db}"
waymark="${WAYMARK:-$root/build/waymark}"
[ -x "$waymark" ] || { echo "demo-db: $waymark not found; run 'make build' first" >&2; exit 1; }

tmp="$db.tmp.$$"
trap 'rm -f "$tmp" "$tmp-wal" "$tmp-shm" "$tmp.survey.toml"' EXIT
rm -f "$tmp" "$tmp-wal" "$tmp-shm"
w() { "$waymark" --db "$tmp" "$@"; }
w init
for plan in barnet-2013-16 barnet-2019-23 barnet-2019-23-draft barnet-current; do
  w plan import "$root/examples/$plan/plan.toml"
done

# Demo users, one password for all; it reaches waymark on standard input, never as an argument.
password="${WAYMARK_DEMO_PASSWORD:-}"
[ -n "$password" ] || password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(12))')"
add_user() { # EMAIL NAME ORG ROLE
  printf '%s\n' "$password" | w user add "$1" --name "$2" --org "$3" --role "$4" >/dev/null
}
started=$SECONDS
add_user admin@barnet.example "Demo Admin" barnet-council admin
add_user analyst@barnet.example "Demo Analyst" barnet-council analyst
add_user board@barnet.example "Demo Board Member" the-partnership board
partners="$(w plan show barnet-2019-23 --format json | python3 -c '
import json, sys
for p in json.load(sys.stdin)["partners"]:
    print(p["id"] + "\t" + p["name"])
')"
users=3
while IFS=$'\t' read -r id name; do
  add_user "$id@partners.example" "$name" "$id" partner
  users=$((users + 1))
done <<<"$partners"
echo "added $users demo users in $((SECONDS - started)) s"
w settings set demo true
w --as analyst@barnet.example finding import "$root/examples/barnet-2019-23/findings.toml" \
  --plan barnet-2019-23
w areas import "$root/data/areas/areas.csv" "$root/data/areas/barnet_wards_2014.csv" \
  --neighbours "$root/data/areas/statistical_neighbours.csv"
w areas boundaries "$root/data/geography/barnet_wards_2014.geojson" --code-property ward_code
# The young people's survey (data/surveys), with the 2019-23 plan's council's wards. When the
# file's last wave has closed, the demo adds a wave open today, so that /s always has a survey.
survey="$root/data/surveys/barnet-young-people.toml"
today="$(date -u +%F)"
last_close="$(grep -E '^closes = ' "$survey" | tail -1 | cut -d' ' -f3)"
if [[ "$today" > "$last_close" ]]; then
  live="$tmp.survey.toml"
  cp "$survey" "$live"
  printf '\n[[waves]]\nid = "demo-live"\nname = "Open now (demo)"\nopens = %s\ncloses = %s\n' \
    "$today" "$(date -u -d "$today +60 days" +%F)" >>"$live"
  survey="$live"
fi
w --as analyst@barnet.example survey import "$survey" --plan barnet-2019-23
w --as analyst@barnet.example survey aggregates "$root/data/surveys/barnet-young-people-2017.csv" \
  --survey barnet-young-people --wave 2017
# Illustrative responses to the winter 2025 wave (invented for the demo; data/surveys/
# PROVENANCE.md), so that its results pages have figures and show suppressed cells.
w --as admin@barnet.example survey responses \
  "$root/data/surveys/barnet-young-people-winter-2025-illustrative.csv" \
  --survey barnet-young-people --wave winter-2025
rm -f "$tmp.survey.toml"
w indicators import "$root/examples/barnet-2019-23/indicators.toml"
for f in "$root"/data/lait/*.csv; do w data import --format lait "$f"; done
for f in "$root"/data/fingertips/*.csv; do w data import --format fingertips "$f"; done
for f in "$root"/data/ees/*.csv; do w data import --format ees "$f"; done
w data import --format csv "$root/data/derived/counts.csv"
for f in "$root"/data/local/*.csv; do w data import --format csv "$f"; done
for f in "$root"/data/deprivation/*.csv; do w data import --format csv "$f"; done
w assess
# The illustrative winter 2025 results are published: their figures for the five indicators the
# survey feeds become those indicators' 2025 figures for Barnet (their source names the wave,
# whose name says the responses are illustrative).
w --as analyst@barnet.example survey publish --survey barnet-young-people --wave winter-2025
# The Family Friendly Index of both plans that declare it: the 2019-23 plan and the current plan
# share one index, computed from the catalogue's indicators (docs/family-friendly-index.md §6).
w index compute --plan barnet-2019-23
w index compute --plan barnet-cypp

# The current reporting cycle of the 2019-23 plan: the financial-year quarter that ended most
# recently before today, due 5 days ago (or on its last day, if that is later), so that the
# actions still without an update are overdue. Its updates (examples/barnet-2019-23/
# updates-illustrative.csv) are illustrative, as the cycle's name says: written by the demo
# partner users, with about 10 actions left without an update and 5 as drafts.
quarter_start="$(date -u -d "$today" +%Y)-$(printf '%02d' $(( ($(date -u -d "$today" +%-m) - 1) / 3 * 3 + 1 )))-01"
cycle_from="$(date -u -d "$quarter_start -3 months" +%F)"
cycle_to="$(date -u -d "$quarter_start -1 day" +%F)"
cycle_due="$(date -u -d "$today -5 days" +%F)"
[[ "$cycle_due" > "$cycle_to" ]] || cycle_due="$cycle_to"
from_month="$(date -u -d "$cycle_from" +%-m)"
fy_start="$(date -u -d "$cycle_from" +%Y)"
[ "$from_month" -ge 4 ] || fy_start=$((fy_start - 1))
quarter=$(( (from_month + 8) % 12 / 3 + 1 ))  # April-June is Q1, January-March Q4
cycle_name="$fy_start–$(printf '%02d' $(( (fy_start + 1) % 100 ))) Q$quarter (illustrative)"
w --as analyst@barnet.example cycle open --plan barnet-2019-23 --name "$cycle_name" \
  --from "$cycle_from" --to "$cycle_to" --due "$cycle_due"
cycle_id="$(w cycle list --plan barnet-2019-23 --format json | python3 -c '
import json, sys
print(next(c["id"] for c in json.load(sys.stdin) if c["state"] == "open"))
')"
w --as analyst@barnet.example update import --cycle "$cycle_id" \
  "$root/examples/barnet-2019-23/updates-illustrative.csv"
rm -f "$db-wal" "$db-shm"
mv "$tmp" "$db"
echo "demo database ready: $db"
if [ -n "${WAYMARK_DEMO_PASSWORD:-}" ]; then shown="(WAYMARK_DEMO_PASSWORD)"; else shown="$password"; fi
echo "demo users: admin@barnet.example, analyst@barnet.example, board@barnet.example and" \
  "ORG@partners.example; password: $shown"
