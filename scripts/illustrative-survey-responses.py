#!/usr/bin/env python3
"""Write the demo's illustrative responses to the young people's survey.

Usage:
  scripts/illustrative-survey-responses.py [--repo DIR] [--count N]
      Writes data/surveys/barnet-young-people-winter-2025-illustrative.csv: N (default 400)
      invented responses to wave "winter-2025" of data/surveys/barnet-young-people.toml, in the
      response file format of docs/survey-format.md ("Responses from paper"), for
      `waymark survey responses`. The same seed gives the same file every time.

The responses are illustrative, made up for the demo so that its results pages have figures:
no child gave them. Their shares are set near the 2017 figures the 2019-23 plan publishes
(data/surveys/barnet-young-people-2017.csv: 84% agree Barnet is family friendly, 57% that young
people are involved in decisions, 54% that adults listen, 52% kept informed, 73% satisfied with
leisure centres), and the about-you answers are spread unevenly over the bands (one ward, the
oldest age band and children in care have few responses) so that results by band show
suppressed cells. Routing and required questions are respected, and the few written answers
are harmless and say they are illustrative.

Python 3 standard library only. data/surveys/PROVENANCE.md describes the file.
"""

import argparse
import csv
import datetime
import os
import random

SEED = 20251101
WAVE_OPENS = datetime.date(2025, 11, 1)
WAVE_CLOSES = datetime.date(2026, 1, 31)
OUTPUT = "data/surveys/barnet-young-people-winter-2025-illustrative.csv"

# The survey's question ids, in its order (data/surveys/barnet-young-people.toml).
COLUMNS = [
    "day", "family-friendly", "feel-safe", "get-on-well", "involved-in-decisions",
    "concerns-listened-to", "kept-informed", "hear-about-things", "goes-to-clubs", "club-days",
    "things-to-do", "leisure-centres", "one-change", "age", "school-phase", "gender", "ward",
    "send", "care",
]

# The wards the children live in (codes of data/areas/barnet_wards_2014.csv), as if the schools
# that ran the survey on paper drew on five of Barnet's wards: four with many responses and one
# with few, so that its figures by ward are suppressed.
WARDS = {"E05000043": 1.0, "E05000044": 1.2, "E05000045": 0.9, "E05000046": 1.1,
         "E05000047": 0.12}

# Each question's answers with their weights ("" is no answer: optional questions are skipped
# now and then). Every answer of a question other than the about-you ones is given often enough
# (about 4% at least) to be shown in the whole wave's figures: the small cells are in the
# results by band.
AGREE5 = ["strongly-agree", "agree", "neither", "disagree", "strongly-disagree"]
WEIGHTS = {
    # about 84% strongly agree or agree (2017: 84%)
    "family-friendly": {"strongly-agree": 31, "agree": 50, "neither": 9, "disagree": 5,
                        "strongly-disagree": 4},
    "feel-safe": {"always": 30, "often": 36, "sometimes": 20, "rarely": 6, "never": 4, "": 3},
    "get-on-well": {"strongly-agree": 22, "agree": 44, "neither": 19, "disagree": 8,
                    "strongly-disagree": 4, "": 3},
    # about 57% (2017: 57%)
    "involved-in-decisions": {"strongly-agree": 15, "agree": 42, "neither": 24, "disagree": 13,
                              "strongly-disagree": 6},
    # about 54% of those who answer (2017: 54%)
    "concerns-listened-to": {"agree": 52, "not-sure": 30, "disagree": 14, "": 4},
    # about 52% of those who answer (2017: 52%)
    "kept-informed": {"strongly-agree": 12, "agree": 38, "neither": 27, "disagree": 15,
                      "strongly-disagree": 4, "": 4},
    "goes-to-clubs": {"yes": 62, "no": 34, "": 4},
    "things-to-do": {"very-happy": 14, "happy": 36, "okay": 30, "unhappy": 12,
                     "very-unhappy": 4, "": 4},
    # about 73% of those who answer (2017: 73%)
    "leisure-centres": {"very-satisfied": 26, "satisfied": 48, "neither": 14, "dissatisfied": 7,
                        "very-dissatisfied": 4, "not-used": 5, "": 4},
    "age": {"8-10": 14, "11-13": 31, "14-16": 31, "17-19": 13, "20-25": 4,
            "prefer-not-to-say": 3, "": 4},
    "gender": {"girl": 47, "boy": 45, "another-way": 2, "prefer-not-to-say": 3, "": 3},
    "send": {"yes": 13, "no": 72, "not-sure": 7, "prefer-not-to-say": 4, "": 4},
    "care": {"in-care": 2, "care-experienced": 2, "neither": 86, "prefer-not-to-say": 5, "": 5},
}

# Where children learn, by age band (mostly; some skip the question).
PHASE_BY_AGE = {
    "8-10": {"primary": 92, "": 8},
    "11-13": {"primary": 8, "secondary": 86, "": 6},
    "14-16": {"secondary": 90, "college": 4, "": 6},
    "17-19": {"secondary": 25, "college": 55, "not-in-education": 14, "": 6},
    "20-25": {"college": 35, "not-in-education": 60, "": 5},
}
PHASE_OTHERWISE = {"primary": 15, "secondary": 55, "college": 15, "not-in-education": 5,
                   "prefer-not-to-say": 4, "": 6}

HEAR_ABOUT = {"school": 60, "social-media": 45, "website": 12, "youth-club": 15, "family": 30,
              "other": 10}

# The written answers: harmless, each saying it is illustrative. About one response in twenty
# has one.
ONE_CHANGE = [
    "Illustrative answer: more youth clubs open at the weekend.",
    "Illustrative answer: cheaper buses for young people.",
    "Illustrative answer: more places to play football in the park.",
    "Illustrative answer: a quiet place to do homework after school.",
    "Illustrative answer: more benches and bins in the parks.",
    "Illustrative answer: longer opening hours at the library, with space for groups.",
    "Illustrative answer: safer cycle paths to school.",
    "Illustrative answer: more art and music clubs for teenagers.",
    "Illustrative answer: tell young people about events on social media.",
    "Illustrative answer: free swimming in the holidays.",
]


def pick(rng, weights):
    """One key of `weights`, chosen with its weight."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def multiple(rng, weights, most):
    """Up to `most` distinct keys of `weights`, each chosen with its weight; sometimes none."""
    count = rng.choices([0, 1, 2, 3], weights=[6, 30, 38, 26])[0]
    chosen = []
    while len(chosen) < min(count, most):
        key = pick(rng, weights)
        if key not in chosen:
            chosen.append(key)
    order = list(weights)
    return "+".join(sorted(chosen, key=order.index))


def day(rng):
    """A day of the wave, with fewer responses over the winter holidays."""
    span = (WAVE_CLOSES - WAVE_OPENS).days
    while True:
        d = WAVE_OPENS + datetime.timedelta(days=rng.randint(0, span))
        holiday = datetime.date(2025, 12, 20) <= d <= datetime.date(2026, 1, 4)
        if not holiday or rng.random() < 0.2:
            return d


def response(rng):
    """One response as a row of COLUMNS."""
    row = {"day": day(rng).isoformat()}
    for question in ["family-friendly", "feel-safe", "get-on-well", "involved-in-decisions",
                     "concerns-listened-to", "kept-informed"]:
        row[question] = pick(rng, WEIGHTS[question])
    row["hear-about-things"] = multiple(rng, HEAR_ABOUT, 3)
    row["goes-to-clubs"] = pick(rng, WEIGHTS["goes-to-clubs"])
    # club-days is asked only after "yes" (its show_if); some skip it.
    row["club-days"] = ""
    if row["goes-to-clubs"] == "yes" and rng.random() < 0.95:
        row["club-days"] = str(rng.choices(range(1, 8), weights=[30, 28, 18, 10, 8, 4, 2])[0])
    row["things-to-do"] = pick(rng, WEIGHTS["things-to-do"])
    row["leisure-centres"] = pick(rng, WEIGHTS["leisure-centres"])
    row["one-change"] = rng.choice(ONE_CHANGE) if rng.random() < 1 / 20 else ""
    row["age"] = pick(rng, WEIGHTS["age"])
    row["school-phase"] = pick(rng, PHASE_BY_AGE.get(row["age"], PHASE_OTHERWISE))
    row["gender"] = pick(rng, WEIGHTS["gender"])
    row["ward"] = pick(rng, WARDS)
    if rng.random() < 0.1:
        row["ward"] = rng.choice(["prefer-not-to-say", ""])
    row["send"] = pick(rng, WEIGHTS["send"])
    row["care"] = pick(rng, WEIGHTS["care"])
    return [row[c] for c in COLUMNS]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", default=os.path.join(os.path.dirname(__file__), ".."))
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(SEED)
    rows = [response(rng) for _ in range(args.count)]
    rows.sort(key=lambda r: r[0])  # by day, as a school would type its piles in
    path = os.path.join(args.repo, OUTPUT)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"wrote {len(rows)} illustrative responses to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
