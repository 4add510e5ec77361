#!/usr/bin/env python3
"""Derive data/derived/counts.csv (Waymark generic CSV) from the shipped originals.

Usage:
  scripts/derive-counts.py [--repo DIR]
      Rebuild data/derived/counts.csv from the files already in data/ (derived/inputs/, ees/,
      lait/, areas/). Prints how well the derived rates agree with DfE's published rates.
  scripts/derive-counts.py --prepare SHARED_DATA_DIR [--repo DIR]
      First re-create the trimmed copies from the original downloads (the folder that holds
      lait/, statistical_neighbours/, neet/, ...): data/lait/*.csv, data/areas/areas.csv and
      data/areas/statistical_neighbours.csv. Then derive the counts as above.

Python 3 standard library only. Every step is described in data/*/PROVENANCE.md.
"""

import argparse
import csv
import os
import sys

# ----------------------------------------------------------------------------------------------
# Which LAIT measures the demo catalogue uses (examples/barnet-2019-23/indicators.toml), plus the
# counts and published rates that the derivation below needs or is checked against.
# ----------------------------------------------------------------------------------------------
LAIT_CORE = [
    "16-17 NEET", "16-17_not known_NEET", "16-17Ed&Training", "AVG_Attain8_Score",
    "AVG_Prog8_Score", "CMH_0-17yrs", "CPP_Total_Rateper10,000", "CareLeaverAcc",
    "CareLeaverEET", "ChildPov", "DAP_KS4_ATT8", "DAP_KS4_Prog8", "EngMaths9-4", "ExcessRec",
    "ExcessYr6", "FSP_NEW_GOODDEV", "FirstYJS", "HCP_PHOF", "Hosp_Adm_Alc_<18yrs", "InfMort",
    "KS2RWM_Expected_STD", "Low_Birth_Weight_Babies", "PriFSM", "SEN_EHC_All_20wks",
    "SEN_TotStat", "SecFSM", "Section_47", "SusEd_All", "TotFixedEx", "TotPerAbNew",
    "TotPermEx", "Under18concep",
    # derivation inputs (counts) and published rates used to check the derivation
    "CPP_Num", "LACnum", "CIN", "CPP_rate", "LAC",
]
# Only in LAIT's London + statistical-neighbour extract (47 areas).
LAIT_LONDON_SN = [
    "3&4yr_Ofsted_rating", "%_2yr_olds", "SEN_Stat_AVG_Attain8_Score",
    "SEN_WoStat_AVG_Attain8_Score", "NEW_KS2_RWM_Sen_W/Osta", "16-17YroldSEN_ET",
    "LACStable_2016on", "LAC_LongStable%", "Work_Force_TO_Rate", "RTA",
]
# Rows dropped because the published figure is known to be wrong (see data/lait/PROVENANCE.md).
LAIT_DROP = {("FirstYJS", "E92000001")}

REGION_CODES = {
    "North East": "E12000001", "North West": "E12000002",
    "Yorkshire and The Humber": "E12000003", "Yorkshire and the Humber": "E12000003",
    "East Midlands": "E12000004", "West Midlands": "E12000005",
    "East of England": "E12000006", "London": "E12000007", "Inner London": "E12000007",
    "Outer London": "E12000007", "South East": "E12000008", "South West": "E12000009",
}
# GSS codes that DfE files still use for councils whose code changed (same DfE LA number).
HISTORIC_CODES = {
    "E10000002": ("Buckinghamshire (county code to 2020)", "825", "E12000008"),
    "E10000023": ("North Yorkshire (county code to 2023)", "815", "E12000003"),
    "E10000027": ("Somerset (county code to 2023)", "933", "E12000009"),
}

HEADER = ["indicator", "area_code", "period", "sex", "age", "category_type", "category",
          "value", "lower_95", "upper_95", "lower_99_8", "upper_99_8", "count",
          "denominator", "note"]
SYMBOLS = {"c", "x", "z", "low", "u", "k", ":", ".."}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# ----------------------------------------------------------------------------------------------
# --prepare: trimmed LAIT copies, areas, statistical neighbours
# ----------------------------------------------------------------------------------------------
def prepare(shared, repo):
    def trim(src, dst, keep):
        out, seen = [], set()
        for r in read_csv(os.path.join(shared, "lait", src)):
            m = r["measure_short"]
            if m in keep and (m, r["area_code"]) not in LAIT_DROP:
                out.append([m, r["year_label"], r["area_code"], r["value"]])
                seen.add(m)
        missing = set(keep) - seen
        if missing:
            sys.exit(f"LAIT measures not found in {src}: {sorted(missing)}")
        write_csv(os.path.join(repo, "data/lait", dst),
                  ["measure_short", "year_label", "area_code", "value"], out)
        print(f"data/lait/{dst}: {len(out)} rows, {len(keep)} measures")

    trim("lait_all_areas_cypp_core.csv", "lait_cypp.csv", LAIT_CORE)
    trim("lait_london_sn_regions_all_measures.csv", "lait_london_sn_extra.csv", LAIT_LONDON_SN)

    # areas.csv
    areas = {}
    for r in read_csv(os.path.join(shared, "lait", "lait_areas.csv")):
        code, lvl = r["area_code"], r["geographic_level"]
        if code == "E92000001":
            areas[code] = [code, "England", "country", "", ""]
        elif code.startswith("E12"):
            areas[code] = [code, r["area_name"], "region", "E92000001", ""]
        elif code.startswith("E13"):
            areas[code] = [code, r["area_name"], "region-group", "E12000007", ""]
        else:
            assert lvl == "Local authority", r
            areas[code] = [code, r["area_name"], "council", REGION_CODES[r["region"]],
                           r["la_number"]]
    for code, (name, la, parent) in HISTORIC_CODES.items():
        areas[code] = [code, name, "council", parent, la]
    rows = sorted(areas.values(), key=lambda a: ({"country": 0, "region": 1, "region-group": 2,
                                                  "council": 3}[a[2]], a[0]))
    write_csv(os.path.join(repo, "data/areas/areas.csv"),
              ["code", "name", "type", "parent_code", "old_code"], rows)
    print(f"data/areas/areas.csv: {len(rows)} areas")

    # statistical_neighbours.csv: LA numbers -> current GSS codes (LAIT's lookup)
    la_to_code = {a[4]: a[0] for a in areas.values()
                  if a[2] == "council" and a[0] not in HISTORIC_CODES}
    sn = []
    d = os.path.join(shared, "statistical_neighbours")
    with open(os.path.join(d, "New_Statistical_Neighbour_Groupings_April_2021.csv"),
              newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        next(rd)  # header repeats the name "SNP": read by position
        for row in rd:
            if not row or not row[0].strip():
                continue
            for i in range(10):
                nb, close = row[5 + 2 * i].strip(), row[6 + 2 * i].strip()
                if nb:
                    sn.append([la_to_code[row[0].strip()], la_to_code[nb], i + 1,
                               close.capitalize(), "2021"])
    for r in read_csv(os.path.join(d, "sn_model_2025_wide.csv")):
        for i in range(1, 11):
            nb = r[f"SN_{i}"].strip()
            if nb:
                sn.append([la_to_code[r["old_la_code"].strip()], la_to_code[nb], i,
                           r[f"SN_{i}P"].strip().capitalize(), "2025"])
    write_csv(os.path.join(repo, "data/areas/statistical_neighbours.csv"),
              ["area_code", "neighbour_code", "rank", "closeness", "model"], sn)
    print(f"data/areas/statistical_neighbours.csv: {len(sn)} rows")


# ----------------------------------------------------------------------------------------------
# counts.csv
# ----------------------------------------------------------------------------------------------
def num(s):
    s = (s or "").strip()
    if s == "" or s in SYMBOLS:
        return None
    return float(s)


def fmt(x, dp):
    s = f"{x:.{dp}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def ees_code(r):
    lvl = r["geographic_level"]
    if lvl == "National":
        return r["country_code"]
    if lvl == "Regional":
        return r["region_code"]
    return r["new_la_code"]


def derive(repo):
    data = os.path.join(repo, "data")
    out = []

    # ONS mid-year 0-17 population by area code and by DfE LA number. A DfE figure "at 31 March
    # Y" (reporting year Y) is divided by the mid-(Y-1) estimate, as DfE does.
    pop, pop_la = {}, {}
    for r in read_csv(os.path.join(data, "derived/inputs/ons_mye_children_0_17_la_2012_2024.csv")):
        y, p = int(r["time_period"]), num(r["population_estimate"])
        if p is None:
            continue
        p = int(p)
        pop[(ees_code(r), y)] = p
        if r["geographic_level"] == "Local authority":
            pop_la[(r["old_la_code"], y)] = p
    areas = read_csv(os.path.join(data, "areas/areas.csv"))
    code_to_la = {a["code"]: a["old_code"] for a in areas if a["type"] == "council"}

    def population(code, year):
        if (code, year - 1) in pop:
            return pop[(code, year - 1)]
        la = code_to_la.get(code)
        return pop_la.get((la, year - 1)) if la else None

    lait = {}
    for r in read_csv(os.path.join(data, "lait/lait_cypp.csv")):
        lait[(r["measure_short"], r["area_code"], r["year_label"])] = r["value"]

    def rate_row(ind, code, year, count, note=""):
        den = population(code, year)
        if den is None:
            return None
        if count is None:
            return [ind, code, str(year), "", "", "", "", "x", "", "", "", "", "", str(den),
                    note or "count not available in source"]
        return [ind, code, str(year), "", "", "", "", fmt(count / den * 10000, 2), "", "", "",
                "", fmt(count, 0), str(den), note]

    checks = []  # (indicator, published code, derived value, published value)

    # 1. Rates per 10,000 children from a DfE children in need table's counts for England,
    #    the regions, London and Barnet's neighbours over the ONS population, and LAIT's
    #    published rate (value only) for every other council:
    #    - children in need at 31 March: table B1, At31_episodes (LAIT CIN);
    #    - referrals in the year to 31 March: table C1, referral_count (LAIT
    #      CPP_Total_Rateper10,000, which counts referrals despite its name);
    #    - section 47 enquiries started in the year: table C4, Section47 (LAIT Section_47).
    def rate_with_published(ind, path, count_col, lait_code):
        have = set()
        for r in read_csv(os.path.join(data, path)):
            code, y = ees_code(r), int(r["time_period"])
            row = rate_row(ind, code, y, num(r[count_col]))
            if row:
                out.append(row)
                have.add((code, y))
                pub = lait.get((lait_code, code, str(y)))
                if pub and row[7] != "x":
                    checks.append((ind, code, y, float(row[7]), float(pub)))
        for (m, code, yl), v in lait.items():
            if m == lait_code and yl.isdigit() and (code, int(yl)) not in have and v != "":
                out.append([ind, code, yl, "", "", "", "", v, "", "", "", "", "", "",
                            f"published rate (LAIT {lait_code}); count not in the shipped data"])

    rate_with_published("children-in-need-rate",
                        "derived/inputs/b1_children_in_need_2013_to_2025.csv", "At31_episodes",
                        "CIN")
    rate_with_published("referrals-rate",
                        "ees/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
                        "referral_count", "CPP_Total_Rateper10,000")
    rate_with_published("section-47-enquiries-rate",
                        "derived/inputs/c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
                        "Section47", "Section_47")

    # 2/3. Child protection plans and children looked after at 31 March per 10,000 children:
    #      LAIT counts (CPP_Num, LACnum; every council) over the ONS population.
    for ind, cnt, pub in (("child-protection-plan-rate", "CPP_Num", "CPP_rate"),
                          ("children-looked-after-rate", "LACnum", "LAC")):
        for (m, code, yl), v in sorted(lait.items()):
            if m != cnt or not yl.isdigit():
                continue
            row = rate_row(ind, code, int(yl), num(v))
            if row is None:
                continue
            out.append(row)
            p = lait.get((pub, code, yl))
            if p and row[7] != "x":
                checks.append((ind, code, int(yl), float(row[7]), float(p)))

    # 4. Proportions of looked-after children / care leavers whose numerator and denominator
    #    are on different rows of the same DfE table.
    def proportion(path, group_col, group, num_col, num_val, den_val, ind, count_col, pct_col):
        rows = read_csv(os.path.join(data, path))
        den = {}
        for r in rows:
            if r[group_col] == group and r[num_col] == den_val:
                den[(ees_code(r), r["time_period"])] = r[count_col]
        for r in rows:
            if r[group_col] != group or r[num_col] != num_val:
                continue
            key = (ees_code(r), r["time_period"])
            n, d = r[count_col].strip(), den.get(key, "").strip()
            dn, nn = num(d), num(n)
            if dn is None or dn == 0:
                continue  # no cohort: nothing to report
            if nn is None:
                out.append([ind, key[0], key[1], "", "", "", "", n or "x", "", "", "", "", "",
                            fmt(dn, 0), "numerator suppressed or not available in source"])
                continue
            out.append([ind, key[0], key[1], "", "", "", "", fmt(nn / dn * 100, 2), "", "", "",
                        "", fmt(nn, 0), fmt(dn, 0), ""])
            if num(r[pct_col]) is not None:
                checks.append((ind, key[0], key[1], nn / dn * 100, num(r[pct_col])))

    health = "ees/la_conviction_health_outcome_cla.csv"
    h = "Health assessments: Children looked after all ages"
    proportion(health, "characteristic", h, "breakdown", "Had their immunisations up to date",
               "Total all ages", "cla-immunisations", "children_count", "children_percent")
    proportion(health, "characteristic", h, "breakdown", "Had their annual health assessment",
               "Total all ages", "cla-health-assessments", "children_count", "children_percent")
    proportion(health, "characteristic", h, "breakdown", "Had their teeth checked by a dentist",
               "Total all ages", "cla-dental-checks", "children_count", "children_percent")
    proportion(health, "characteristic", "Convictions: Children looked after Ages 10 to 17 years",
               "breakdown",
               "Convicted or subject to youth cautions, or youth conditional cautions during the year",
               "Total ages 10 to 17 years", "cla-convictions", "children_count",
               "children_percent")
    proportion("derived/inputs/la_care_leavers_activity.csv", "care_leaver_age", "17 to 18 years", "breakdown",
               "Total in education, employment or training", "Total",
               "care-leavers-eet-17-18", "care_leaver_count", "care_leaver_percent")

    # duplicates would be rejected by the importer: fail here instead
    keys = [tuple(r[:7]) for r in out]
    if len(keys) != len(set(keys)):
        sys.exit("duplicate rows in derived counts")
    out.sort(key=lambda r: (r[0], r[1], r[2]))
    write_csv(os.path.join(data, "derived/counts.csv"), HEADER, out)
    print(f"data/derived/counts.csv: {len(out)} rows")

    # agreement with the published figures (rates rounded to 1 dp or to whole numbers, and
    # percentages to whole numbers, so compare after rounding to the published precision)
    by = {}
    for ind, code, y, mine, pub in checks:
        tol = 0.5 if float(pub).is_integer() else 0.05
        ok = abs(mine - pub) <= tol + 1e-6
        s = by.setdefault(ind, [0, 0, []])
        s[0] += 1
        s[1] += ok
        if not ok:
            s[2].append((code, y, round(mine, 2), pub))
    for ind, (n, ok, bad) in sorted(by.items()):
        print(f"  {ind}: {ok}/{n} derived values equal the published value after rounding")
        years = {}
        for code, y, mine, pub in bad:
            years[y] = years.get(y, 0) + 1
        if bad:
            print("    differences by year: " + ", ".join(f"{y}: {n}" for y, n in sorted(years.items())))
        for code, y, mine, pub in bad[:3]:
            print(f"    e.g. {code} {y}: derived {mine}, published {pub}")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                   ".."))
    ap.add_argument("--prepare", metavar="SHARED_DATA_DIR")
    a = ap.parse_args()
    repo = os.path.abspath(a.repo)
    if a.prepare:
        prepare(a.prepare, repo)
    derive(repo)


if __name__ == "__main__":
    main()
