#!/usr/bin/env python3
"""Check the Barnet demo catalogue against the plan and the data shipped in data/.

Usage: scripts/check-demo-data.py [--repo DIR] [--catalogue FILE] [--plan FILE] [--quiet]

Checks:
  * the catalogue parses, has only the keys of docs/indicators.md, valid enumerations, and
    unique slug ids;
  * every link names an id in the plan: outcomes, objectives (the outcomes' objectives, as the
    importer declares them), measures (of those objectives) and index_measures;
  * every lait / fingertips / ees / csv source has rows in the shipped data, including rows for
    Barnet (E09000003), or for a ward-level indicator for Barnet's wards, with a value; EES
    value/count/denominator/filter columns exist;
  * every area code in every shipped CSV is in data/areas/areas.csv or the ward file
    data/areas/barnet_wards_2014.csv (wards of a council), and area parents resolve;
  * every file in data/ees/ is read by some ees indicator (the importer rejects it otherwise);
  * data/derived/counts.csv and data/deprivation/*.csv have the generic CSV header, known
    indicators, no duplicate keys, no negative counts and no numerator above its denominator
    for proportions.
Prints, per indicator, the number of rows and areas and Barnet's periods. Exit status 1 on any
error. Python 3.11+ standard library only.
"""

import argparse
import csv
import glob
import os
import re
import sys
import tomllib
from collections import defaultdict

BARNET = "E09000003"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SYMBOLS = {"c", "x", "z", "low", "u", "k", ":", ".."}

INDICATOR_KEYS = {"id", "title", "definition", "numerator", "denominator", "value_type", "unit",
                  "multiplier", "polarity", "method", "frequency", "caveats", "value_only_reason",
                  "disclosure_min_count", "outcomes", "objectives", "measures", "index_measures",
                  "local", "owner", "source", "targets", "breakdowns"}
REQUIRED = {"id", "title", "value_type", "polarity", "source"}
SOURCE_KEYS = {"name", "format", "code", "url", "value_column", "count_column",
               "denominator_column", "filters"}
TARGET_KEYS = {"area", "period", "value", "baseline_period", "baseline"}
ENUMS = {
    "value_type": {"proportion", "rate", "count", "mean", "score", "rank", "ratio"},
    "polarity": {"high", "low", "neutral"},
    "method": {"wilson", "byar", "dsr", "supplied"},
    "frequency": {"annual", "quarterly", "monthly", "other"},
}
FORMATS = {"fingertips", "lait", "ees", "csv"}
CSV_HEADER = ["indicator", "area_code", "period", "sex", "age", "category_type", "category",
              "value", "lower_95", "upper_95", "lower_99_8", "upper_99_8", "count",
              "denominator", "note"]
EES_GEO = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name",
           "region_code", "region_name", "old_la_code", "new_la_code", "la_name"]

errors = []


def error(msg):
    errors.append(msg)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.DictReader(f)
        return rd.fieldnames or [], list(rd)


def is_value(s):
    s = (s or "").strip()
    if s == "" or s in SYMBOLS:
        return False
    try:
        float(s)
        return True
    except ValueError:
        return False


def ees_area(r):
    lvl = r.get("geographic_level", "")
    if lvl == "National":
        return r.get("country_code", "")
    if lvl == "Regional":
        return r.get("region_code", "")
    return r.get("new_la_code", "")


def plan_ids(plan):
    ids = {"outcomes": set(), "objectives": set(), "measures": set(), "index_measures": set()}
    for o in plan.get("outcomes", []):
        ids["outcomes"].add(o["id"])
        for ob in o.get("objectives", []):
            ids["objectives"].add(ob["id"])
            for m in ob.get("measures", []):
                if isinstance(m, dict) and "id" in m:
                    ids["measures"].add(m["id"])
    for m in plan.get("index", {}).get("measures", []):
        ids["index_measures"].add(m["id"])
    return ids


def check_catalogue(cat, plan):
    links = plan_ids(plan)
    inds = cat.get("indicators", [])
    if set(cat) - {"catalogue", "indicators"}:
        error(f"catalogue: unknown top-level keys {sorted(set(cat) - {'catalogue', 'indicators'})}")
    want_plan = cat.get("catalogue", {}).get("plan")
    if want_plan != plan.get("plan", {}).get("id"):
        error(f"catalogue.plan = {want_plan!r} but the plan's id is {plan.get('plan', {}).get('id')!r}")
    seen = set()
    for i in inds:
        iid = i.get("id", "?")
        for k in sorted(set(i) - INDICATOR_KEYS):
            error(f"{iid}: unknown key {k!r}")
        for k in sorted(REQUIRED - set(i)):
            error(f"{iid}: missing required key {k!r}")
        if not SLUG.match(iid):
            error(f"{iid}: id is not a slug (a-z, 0-9, '-')")
        if iid in seen:
            error(f"{iid}: duplicate id")
        seen.add(iid)
        for k, allowed in ENUMS.items():
            if k in i and i[k] not in allowed:
                error(f"{iid}: {k} = {i[k]!r} is not one of {sorted(allowed)}")
        src = i.get("source", {})
        for k in sorted(set(src) - SOURCE_KEYS):
            error(f"{iid}: unknown source key {k!r}")
        if src.get("format") not in FORMATS:
            error(f"{iid}: source.format {src.get('format')!r} is not one of {sorted(FORMATS)}")
        for t in i.get("targets", []):
            for k in sorted(set(t) - TARGET_KEYS):
                error(f"{iid}: unknown target key {k!r}")
        for kind in ("outcomes", "objectives", "measures", "index_measures"):
            for ref in i.get(kind, []):
                if ref not in links[kind]:
                    error(f"{iid}: {kind} link {ref!r} is not in the plan")
        if i.get("method") in ("wilson", "byar") and i.get("source", {}).get("format") == "lait":
            error(f"{iid}: LAIT has values only; method must be 'supplied'")
        if i.get("method", "supplied") == "supplied" and not i.get("value_only_reason"):
            error(f"{iid}: figures without counts need a value_only_reason (why no interval)")
        if i.get("value_only_reason") and i.get("method", "supplied") != "supplied":
            error(f"{iid}: value_only_reason is only for method 'supplied'")
        if i.get("local") and not i.get("caveats"):
            error(f"{iid}: a local measure needs a caveat saying it awaits local data")
        if "owner" in i and not i.get("local"):
            error(f"{iid}: owner is only for local measures")
        partners = {p["id"] for p in plan.get("partners", [])}
        if "owner" in i and i["owner"] not in partners:
            error(f"{iid}: owner {i['owner']!r} is not a partner of the plan")
    return inds


class Data:
    """Rows of the shipped data, grouped per catalogue indicator."""

    def __init__(self, repo):
        self.repo = repo
        self.area_codes = {}   # file -> set of codes
        self.lait = defaultdict(list)      # measure_short -> rows
        self.fingertips = defaultdict(list)
        self.ees = {}          # stem -> (header, rows)
        self.csv = defaultdict(list)
        self.csv_paths = [p for p in [os.path.join(repo, "data/derived/counts.csv")] +
                          sorted(glob.glob(os.path.join(repo, "data/deprivation/*.csv"))) +
                          sorted(glob.glob(os.path.join(repo, "data/local/*.csv")))
                          if os.path.exists(p)]

        for p in sorted(glob.glob(os.path.join(repo, "data/lait/*.csv"))):
            hdr, rows = read_csv(p)
            if hdr != ["measure_short", "year_label", "area_code", "value"]:
                error(f"{p}: not a LAIT file (header {hdr})")
            for r in rows:
                self.lait[r["measure_short"]].append(r)
            self.area_codes[p] = {r["area_code"] for r in rows}
        for p in sorted(glob.glob(os.path.join(repo, "data/fingertips/*.csv"))):
            hdr, rows = read_csv(p)
            for r in rows:
                self.fingertips[r["Indicator ID"]].append(r)
            self.area_codes[p] = ({r["Area Code"] for r in rows}
                                  | {r["Parent Code"] for r in rows if r["Parent Code"]})
        for p in sorted(glob.glob(os.path.join(repo, "data/ees/*.csv"))):
            hdr, rows = read_csv(p)
            missing = [c for c in EES_GEO if c not in hdr]
            if missing:
                error(f"{p}: EES columns missing: {missing}")
            self.ees[os.path.splitext(os.path.basename(p))[0]] = (hdr, rows)
            codes = set()
            for r in rows:
                for c in ("country_code", "region_code", "new_la_code"):
                    if r.get(c):
                        codes.add(r[c])
            self.area_codes[p] = codes
        for p in sorted(glob.glob(os.path.join(repo, "data/derived/inputs/*.csv"))):
            hdr, rows = read_csv(p)
            self.area_codes[p] = {r[c] for r in rows
                                  for c in ("country_code", "region_code", "new_la_code") if r.get(c)}
        for path in self.csv_paths:
            hdr, rows = read_csv(path)
            if hdr != CSV_HEADER:
                error(f"{path}: header is not the generic CSV header")
            for r in rows:
                self.csv[r["indicator"]].append(r)
            self.area_codes[path] = {r["area_code"] for r in rows}
        sn = os.path.join(repo, "data/areas/statistical_neighbours.csv")
        if os.path.exists(sn):
            hdr, rows = read_csv(sn)
            if hdr != ["area_code", "neighbour_code", "rank", "closeness", "model"]:
                error(f"{sn}: unexpected header {hdr}")
            self.area_codes[sn] = {r["area_code"] for r in rows} | {r["neighbour_code"] for r in rows}
            per = defaultdict(int)
            for r in rows:
                per[(r["area_code"], r["model"])] += 1
            for (a, m), n in per.items():
                if n != 10:
                    error(f"{sn}: {a} has {n} neighbours in model {m} (expected 10)")
            if (BARNET, "2021") not in per or (BARNET, "2025") not in per:
                error(f"{sn}: Barnet's 2021 or 2025 neighbours are missing")

    def rows_for(self, ind):
        """(rows as (area, period, value_cell, count_cell)) for one indicator, or None."""
        src = ind["source"]
        fmt, code = src["format"], src.get("code", "")
        out = []
        if fmt == "lait":
            for r in self.lait.get(code, []):
                out.append((r["area_code"], r["year_label"], r["value"], ""))
        elif fmt == "fingertips":
            for r in self.fingertips.get(code, []):
                if r["Category Type"] or r["Sex"] != "Persons":
                    continue
                out.append((r["Area Code"], r["Time period"], r["Value"], r["Count"]))
        elif fmt == "ees":
            stems = [s for s in self.ees if s.startswith(code)]
            if not stems:
                error(f"{ind['id']}: no EES file in data/ees/ whose name starts with {code!r}")
            filters = src.get("filters", {})
            cols = [c for c in (src.get("value_column"), src.get("count_column"),
                                src.get("denominator_column")) if c]
            for s in stems:
                hdr, rows = self.ees[s]
                for c in list(filters) + cols:
                    if c not in hdr:
                        error(f"{ind['id']}: column {c!r} is not in data/ees/{s}.csv")
                if any(c not in hdr for c in list(filters) + cols):
                    continue
                matched = 0
                for r in rows:
                    if all(r[k] == v for k, v in filters.items()):
                        matched += 1
                        out.append((ees_area(r), r["time_period"], r[src["value_column"]],
                                    r[src["count_column"]] if src.get("count_column") else ""))
                if not matched:
                    error(f"{ind['id']}: filters {filters} match no row of data/ees/{s}.csv")
        elif fmt == "csv":
            for r in self.csv.get(ind["id"], []):
                out.append((r["area_code"], r["period"], r["value"], r["count"]))
        return out


def check_generic_csvs(data, inds):
    for path in data.csv_paths:
        check_generic_csv(data, inds, path)


def check_generic_csv(data, inds, path):
    by_id = {i["id"]: i for i in inds}
    keys = set()
    _, rows = read_csv(path)
    for n, r in enumerate(rows, start=2):
        where = f"{os.path.relpath(path, data.repo)}:{n}"
        ind = by_id.get(r["indicator"])
        if ind is None:
            error(f"{where}: unknown indicator {r['indicator']!r}")
            continue
        if ind["source"]["format"] != "csv":
            error(f"{where}: indicator {r['indicator']} is not a csv-format indicator")
        k = tuple(r[c] for c in ("indicator", "area_code", "period", "sex", "age",
                                 "category_type", "category"))
        if k in keys:
            error(f"{where}: duplicate key {k}")
        keys.add(k)
        for c in ("value", "lower_95", "upper_95", "lower_99_8", "upper_99_8", "count",
                  "denominator"):
            v = r[c].strip()
            if v and v not in SYMBOLS and not is_value(v):
                error(f"{where}: {c} {v!r} is not a number")
        if not r["value"].strip() and not r["count"].strip():
            error(f"{where}: neither value nor count")
        cnt, den = r["count"].strip(), r["denominator"].strip()
        if is_value(cnt) and float(cnt) < 0 or is_value(den) and float(den) < 0:
            error(f"{where}: negative count or denominator")
        if (ind["value_type"] == "proportion" and is_value(cnt) and is_value(den)
                and float(cnt) > float(den)):
            error(f"{where}: numerator {cnt} > denominator {den}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", default=os.path.join(here, ".."))
    ap.add_argument("--catalogue", default="examples/barnet-2019-23/indicators.toml")
    ap.add_argument("--plan", default="examples/barnet-2019-23/plan.toml")
    ap.add_argument("--quiet", action="store_true", help="print errors and the summary only")
    args = ap.parse_args()
    repo = os.path.abspath(args.repo)

    with open(os.path.join(repo, args.plan), "rb") as f:
        plan = tomllib.load(f)
    with open(os.path.join(repo, args.catalogue), "rb") as f:
        cat = tomllib.load(f)
    inds = check_catalogue(cat, plan)
    data = Data(repo)

    # areas
    area_file = os.path.join(repo, "data/areas/areas.csv")
    ward_file = os.path.join(repo, "data/areas/barnet_wards_2014.csv")
    arows = []
    for path, types in ((area_file, ("country", "region", "region-group", "council")),
                        (ward_file, ("ward",))):
        hdr, rows = read_csv(path)
        if hdr != ["code", "name", "type", "parent_code", "old_code"]:
            error(f"{path}: unexpected header {hdr}")
        for r in rows:
            if r["type"] not in types:
                error(f"{path}: {r['code']} has type {r['type']!r}")
        arows += rows
    areas = {r["code"]: r for r in arows}
    if len(areas) != len(arows):
        error(f"{area_file}: duplicate codes")
    for r in arows:
        if r["parent_code"] and r["parent_code"] not in areas:
            error(f"{area_file}: {r['code']} has unknown parent {r['parent_code']}")
        if r["type"] != "country" and not r["parent_code"]:
            error(f"{area_file}: {r['code']} has no parent")
        if r["type"] == "ward" and areas.get(r["parent_code"], {}).get("type") != "council":
            error(f"{ward_file}: ward {r['code']} is not in a council")
    for need in ["E92000001", BARNET] + [f"E1200000{i}" for i in range(1, 10)]:
        if need not in areas:
            error(f"{area_file}: {need} missing")
    for path, codes in sorted(data.area_codes.items()):
        unknown = sorted(c for c in codes if c and c not in areas)
        if unknown:
            error(f"{os.path.relpath(path, repo)}: {len(unknown)} area codes not in areas.csv, "
                  f"e.g. {unknown[:5]}")

    check_generic_csvs(data, inds)

    # the EES importer rejects a file that no catalogue indicator reads
    ees_codes = [i["source"].get("code", "") for i in inds
                 if i["source"].get("format") == "ees" and not i.get("local")]
    for stem in sorted(data.ees):
        if not any(c and stem.startswith(c) for c in ees_codes):
            error(f"data/ees/{stem}.csv: no ees indicator has a source.code that is a prefix of "
                  "its name (the importer would reject it)")

    # per indicator
    lines = []
    counts = defaultdict(int)
    for i in inds:
        fmt = i["source"]["format"]
        counts["local" if i.get("local") else fmt] += 1
        if i.get("local"):
            rows = data.rows_for(i) if fmt == "csv" else []
            lines.append((i["id"], "local", len(rows), 0, []))
            continue
        rows = data.rows_for(i)
        if not rows:
            error(f"{i['id']}: no rows in the shipped data for {fmt} code "
                  f"{i['source'].get('code', i['id'])!r}")
            lines.append((i["id"], fmt, 0, 0, []))
            continue
        home = {BARNET}
        if all(areas.get(ar, {}).get("type") == "ward" for ar, *_ in rows):
            home = {c for c, r in areas.items() if r["type"] == "ward" and r["parent_code"] == BARNET}
        barnet = sorted({p for ar, p, v, c in rows if ar in home and (is_value(v) or is_value(c))})
        if not barnet:
            error(f"{i['id']}: no Barnet ({BARNET}) value, or Barnet ward values, in the shipped data")
        bad = sorted({ar for ar, *_ in rows if ar and ar not in areas})
        if bad:
            error(f"{i['id']}: areas not in areas.csv: {bad[:5]}")
        lines.append((i["id"], fmt, len(rows), len({ar for ar, *_ in rows}), barnet))
        for t in i.get("targets", []):
            if t.get("area") and t["area"] not in areas:
                error(f"{i['id']}: target area {t['area']} not in areas.csv")

    if not args.quiet:
        print(f"{'indicator':45} {'source':10} {'rows':>6} {'areas':>5} {'Barnet periods'}")
        for iid, fmt, n, na, barnet in lines:
            span = f"{len(barnet):>2}  {barnet[0]} .. {barnet[-1]}" if barnet else " 0"
            print(f"{iid:45} {fmt:10} {n:>6} {na:>5} {span}")
    total = 0
    for p in glob.glob(os.path.join(repo, "data/**/*"), recursive=True):
        if os.path.isfile(p):
            total += os.path.getsize(p)
    print(f"\n{len(inds)} indicators ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); "
          f"{len(areas)} areas; data/ is {total / 1e6:.1f} MB")
    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
