// Tests of the assessment engine on small hand-made data: both sides of every threshold.
#include "assess/engine.h"

#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "assess/area_codes_test_util.h"
#include "assess/export.h"
#include "core/recording_progress.h"

namespace waymark::assess {
namespace {

constexpr const char* kLondon = "E12000007";

Indicator Proportion(Polarity polarity = Polarity::kLow) {
  Indicator i;
  i.id = "p";
  i.title = "P";
  i.value_type = ValueType::kProportion;
  i.unit = "%";
  i.multiplier = 100;
  i.polarity = polarity;
  i.method = CiMethod::kWilson;
  i.disclosure_min_count = 5;
  return i;
}

Observation Counts(const std::string& area, const std::string& period, double count, double den) {
  Observation o;
  o.indicator = "p";
  o.area = area;
  o.period = *ParsePeriod(period);
  o.count = count;
  o.denominator = den;
  return o;
}

// England, London and 40 councils: 32 London boroughs (codes E09000001..32) and 8 others.
struct World {
  std::vector<Area> areas;
  std::vector<ComparatorGroup> groups;
  World() {
    areas.push_back({kEngland, "England", AreaType::kCountry, "", ""});
    areas.push_back({kLondon, "London", AreaType::kRegion, kEngland, ""});
    areas.push_back({"E12000008", "South East", AreaType::kRegion, kEngland, ""});
    for (int i = 1; i <= 32; ++i) {
      areas.push_back({fmt("E090000", i), "Borough", AreaType::kCouncil, kLondon, ""});
    }
    for (int i = 1; i <= 8; ++i) {
      areas.push_back({fmt("E060000", i), "Council", AreaType::kCouncil, "E12000008", ""});
    }
    groups.push_back({"sn-2025-E09000003", "SN", kBarnet, {"E09000001", "E09000002", "E06000001"}});
  }
  static std::string fmt(const std::string& prefix, int i) {
    return prefix + (i < 10 ? "0" : "") + std::to_string(i);
  }
};

std::vector<Assessment> Assess(const Indicator& ind, const std::vector<Observation>& obs,
                           const Geography& geo) {
  return AssessIndicator(ind, obs, geo);
}

const Assessment& Find(const std::vector<Assessment>& all, const std::string& area,
                       const std::string& period) {
  for (const auto& a : all) {
    if (a.area == area && a.period.Label() == period) return a;
  }
  static Assessment none;
  ADD_FAILURE() << "no assessment for " << area << " " << period;
  return none;
}

TEST(EngineTest, ComputesWilsonIntervalsFromCounts) {
  World w;
  const Geography geo(w.areas, w.groups);
  const auto out = Assess(Proportion(), {Counts(kBarnet, "2023", 25, 100)}, geo);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_DOUBLE_EQ(out[0].value, 25.0);
  EXPECT_NEAR(out[0].lower95, 17.545211362287677, 1e-9);  // Wilson 95% for 25/100
  EXPECT_NEAR(out[0].upper95, 34.30446354806161, 1e-9);
  EXPECT_LT(out[0].lower998, out[0].lower95);
  EXPECT_EQ(Words(out[0].value_source), "computed");
}

TEST(EngineTest, ComparesWithEnglandOnBothSidesOfTheInterval) {
  World w;
  const Geography geo(w.areas, w.groups);
  // Barnet 25/100 has a 95% interval of about 17.5-34.4; lower is better.
  for (const auto& [england_count, expected] :
       std::vector<std::pair<double, std::string>>{{17000, "Worse"},    // England 17%: lower
                                                   {30000, "Similar"},  // inside
                                                   {35000, "Better"}}) {  // England 35%: higher
    const auto out = Assess(
        Proportion(), {Counts(kBarnet, "2023", 25, 100), Counts(kEngland, "2023", england_count, 100000)},
        geo);
    EXPECT_EQ(Words(Find(out, kBarnet, "2023").vs_england), expected) << england_count;
    EXPECT_EQ(Words(Find(out, kEngland, "2023").vs_england), "Not compared");
  }
  // High is good: the same figures read the other way round.
  const auto high = Assess(Proportion(Polarity::kHigh),
                                    {Counts(kBarnet, "2023", 25, 100), Counts(kEngland, "2023", 17000, 100000)}, geo);
  EXPECT_EQ(Words(Find(high, kBarnet, "2023").vs_england), "Better");
  const auto neutral = Assess(Proportion(Polarity::kNeutral),
                                       {Counts(kBarnet, "2023", 25, 100), Counts(kEngland, "2023", 17000, 100000)}, geo);
  EXPECT_EQ(Words(Find(neutral, kBarnet, "2023").vs_england), "Higher");
}

TEST(EngineTest, ComparesWithTheRegion) {
  World w;
  const Geography geo(w.areas, w.groups);
  const auto out = Assess(
      Proportion(), {Counts(kBarnet, "2023", 25, 100), Counts(kLondon, "2023", 40000, 100000)}, geo);
  EXPECT_EQ(Words(Find(out, kBarnet, "2023").vs_region), "Better");
  EXPECT_EQ(Words(Find(out, kLondon, "2023").vs_region), "Not compared");
}

TEST(EngineTest, SuppressesSmallCountsAndLeavesThemOutOfEverything) {
  World w;
  const Geography geo(w.areas, w.groups);
  auto out = Assess(Proportion(), {Counts(kBarnet, "2023", 4, 100),
                                            Counts("E09000001", "2023", 5, 100),
                                            Counts(kEngland, "2023", 10, 1000)},
                             geo);
  const Assessment& barnet = Find(out, kBarnet, "2023");
  EXPECT_TRUE(barnet.suppressed);
  EXPECT_EQ(barnet.rank_london, 0);
  EXPECT_EQ(Find(out, "E09000001", "2023").rank_london, 1);
  EXPECT_FALSE(Find(out, "E09000001", "2023").suppressed);
  const std::string csv = AssessmentsCsv(out);
  EXPECT_EQ(csv.find(",4,100,"), std::string::npos) << "a suppressed count leaked into the export";
  EXPECT_NE(csv.find(",5,100,"), std::string::npos);
}

TEST(EngineTest, RanksLondonBoroughsByPolarityWithTies) {
  World w;
  const Geography geo(w.areas, w.groups);
  std::vector<Observation> obs = {Counts("E09000001", "2023", 10, 100), Counts("E09000002", "2023", 20, 100),
                                  Counts(kBarnet, "2023", 20, 100), Counts("E06000001", "2023", 5, 100)};
  const auto low = Assess(Proportion(Polarity::kLow), obs, geo);
  EXPECT_EQ(Find(low, "E09000001", "2023").rank_london, 1);
  EXPECT_EQ(Find(low, "E09000002", "2023").rank_london, 2);
  EXPECT_EQ(Find(low, kBarnet, "2023").rank_london, 2);
  EXPECT_EQ(Find(low, "E06000001", "2023").rank_london, 0) << "not a London borough";
  const auto high = Assess(Proportion(Polarity::kHigh), obs, geo);
  EXPECT_EQ(Find(high, "E09000001", "2023").rank_london, 3);
  // Barnet among itself and its neighbours E09000001, E09000002, E06000001.
  EXPECT_EQ(Find(low, kBarnet, "2023").rank_neighbours, 3);
  EXPECT_EQ(Find(low, kBarnet, "2023").neighbours_ranked, 4);
  EXPECT_EQ(Find(high, kBarnet, "2023").rank_neighbours, 1);
}

TEST(EngineTest, QuintilesNeedMostCouncils) {
  World w;
  const Geography geo(w.areas, w.groups);
  std::vector<Observation> obs;
  for (int i = 1; i <= 30; ++i) obs.push_back(Counts(World::fmt("E090000", i), "2023", 10 + i, 100));
  // 30 of 40 councils: exactly three quarters, so quintiles are given.
  auto out = Assess(Proportion(Polarity::kLow), obs, geo);
  EXPECT_EQ(Find(out, "E09000001", "2023").quintile, 1);
  EXPECT_EQ(Find(out, "E09000030", "2023").quintile, 5);
  auto high = Assess(Proportion(Polarity::kHigh), obs, geo);
  EXPECT_EQ(Find(high, "E09000030", "2023").quintile, 1);
  obs.pop_back();  // 29 of 40: too few
  out = Assess(Proportion(Polarity::kLow), obs, geo);
  EXPECT_EQ(Find(out, "E09000001", "2023").quintile, 0);
}

TEST(EngineTest, RecentTrendNeedsFivePoints) {
  World w;
  const Geography geo(w.areas, w.groups);
  std::vector<Observation> obs;
  for (int y = 2019; y <= 2023; ++y) obs.push_back(Counts(kBarnet, std::to_string(y), 1000 + 200 * (y - 2019), 10000));
  const auto out = Assess(Proportion(Polarity::kLow), obs, geo);
  EXPECT_EQ(Words(Find(out, kBarnet, "2022").recent_trend), "Cannot be calculated");
  EXPECT_EQ(Words(Find(out, kBarnet, "2023").recent_trend), "Increasing and getting worse");
  const auto high = Assess(Proportion(Polarity::kHigh), obs, geo);
  EXPECT_EQ(Words(Find(high, kBarnet, "2023").recent_trend), "Increasing and getting better");
}

TEST(EngineTest, RagAgainstTargetAndTrajectory) {
  World w;
  const Geography geo(w.areas, w.groups);
  Indicator ind = Proportion(Polarity::kLow);
  ind.targets.push_back({kBarnet, "2024", 20, "2020", 40});
  // 2024 at the target: 10/100 (interval ~5.5-17.4) is wholly below 20 -> green; 20/100
  // (interval ~13.3-28.9) straddles it -> amber; 35/100 (~26.4-44.7) is wholly above -> red.
  for (const auto& [count, rag] : std::vector<std::pair<double, std::string>>{{10, "green"}, {20, "amber"}, {35, "red"}}) {
    const auto out = Assess(ind, {Counts(kBarnet, "2024", count, 100)}, geo);
    EXPECT_EQ(Words(Find(out, kBarnet, "2024").rag), rag) << count;
    EXPECT_FALSE(Find(out, kBarnet, "2024").rag_rule.empty());
  }
  // 2022 is half-way along the trajectory from 40 (2020) to 20 (2024): the goal is 30.
  const auto mid = Assess(ind, {Counts(kBarnet, "2022", 2000, 10000)}, geo);
  EXPECT_EQ(Words(Find(mid, kBarnet, "2022").rag), "green");
  EXPECT_DOUBLE_EQ(Find(mid, kBarnet, "2022").target, 30);
  // Before the baseline, and for other areas, there is no RAG.
  EXPECT_EQ(Words(Find(Assess(ind, {Counts(kBarnet, "2019", 1, 10)}, geo), kBarnet, "2019").rag),
            "");
  EXPECT_EQ(
      Words(Find(Assess(ind, {Counts("E09000001", "2024", 1, 10)}, geo), "E09000001", "2024").rag),
      "");
}

TEST(EngineTest, SuppliedValuesWithoutIntervalsAreNotCompared) {
  World w;
  const Geography geo(w.areas, w.groups);
  Indicator ind = Proportion();
  ind.method = CiMethod::kSupplied;
  Observation barnet;
  barnet.indicator = "p";
  barnet.area = kBarnet;
  barnet.period = *ParsePeriod("2023");
  barnet.value = 12;
  Observation england = barnet;
  england.area = kEngland;
  england.value = 20;
  const auto out = Assess(ind, {barnet, england}, geo);
  EXPECT_EQ(Words(Find(out, kBarnet, "2023").vs_england), "Not compared");
  EXPECT_EQ(Find(out, kBarnet, "2023").basis, ComparisonBasis::kLondonOnly);
  EXPECT_EQ(Words(Find(out, kBarnet, "2023").value_source), "supplied");
  EXPECT_EQ(Find(out, kBarnet, "2023").rank_london, 1);
}

Observation Supplied(const std::string& area, double value, double lower = kNoValue,
                     double upper = kNoValue) {
  Observation o;
  o.indicator = "p";
  o.area = area;
  o.period = *ParsePeriod("2023");
  o.value = value;
  o.lower95 = lower;
  o.upper95 = upper;
  return o;
}

TEST(EngineTest, EveryJudgementSaysItsBasis) {
  World w;
  const Geography geo(w.areas, w.groups);
  // From counts: Wilson for proportions, Byar for rates.
  auto out = Assess(Proportion(), {Counts(kBarnet, "2023", 25, 100),
                                   Counts("E09000001", "2023", 2, 100),
                                   Counts(kEngland, "2023", 17000, 100000)},
                    geo);
  EXPECT_EQ(Find(out, kBarnet, "2023").basis, ComparisonBasis::kWilson95);
  EXPECT_EQ(Find(out, "E09000001", "2023").basis, ComparisonBasis::kSuppressed);
  EXPECT_EQ(Find(out, kEngland, "2023").basis, ComparisonBasis::kEngland);
  Indicator rate = Proportion();
  rate.value_type = ValueType::kRate;
  rate.method = CiMethod::kByar;
  rate.multiplier = 10000;
  out = Assess(rate, {Counts(kBarnet, "2023", 25, 100000), Counts(kEngland, "2023", 17000, 100000)},
               geo);
  EXPECT_EQ(Find(out, kBarnet, "2023").basis, ComparisonBasis::kByar95);
  // Supplied with an interval: the source's interval; without an England figure: no test.
  Indicator supplied = Proportion();
  supplied.method = CiMethod::kSupplied;
  out = Assess(supplied, {Supplied(kBarnet, 12, 10, 14), Supplied(kEngland, 20)}, geo);
  EXPECT_EQ(Find(out, kBarnet, "2023").basis, ComparisonBasis::kSourceInterval);
  EXPECT_EQ(Words(Find(out, kBarnet, "2023").vs_england), "Better");
  out = Assess(supplied, {Supplied(kBarnet, 12, 10, 14)}, geo);
  EXPECT_EQ(Find(out, kBarnet, "2023").basis, ComparisonBasis::kNoEnglandFigure);
  EXPECT_EQ(Words(Find(out, kBarnet, "2023").vs_england), "Not compared");
  out = Assess(supplied, {Supplied(kBarnet, kNoValue), Supplied(kEngland, 20)}, geo);
  EXPECT_EQ(Find(out, kBarnet, "2023").basis, ComparisonBasis::kNoValue);
  // A local measure has no national counterpart, with or without an interval.
  Indicator local = supplied;
  local.local = true;
  out = Assess(local, {Supplied(kBarnet, 12, 10, 14)}, geo);
  EXPECT_EQ(Find(out, kBarnet, "2023").basis, ComparisonBasis::kLocal);
  out = Assess(local, {Supplied(kBarnet, 12), Supplied(kEngland, 20)}, geo);
  EXPECT_EQ(Find(out, kBarnet, "2023").basis, ComparisonBasis::kLocal);
}

TEST(EngineTest, WithoutAnIntervalCouncilsAreComparedByTheirFifth) {
  World w;
  const Geography geo(w.areas, w.groups);
  Indicator ind = Proportion(Polarity::kLow);
  ind.method = CiMethod::kSupplied;
  // 30 of 40 councils (22 London boroughs, 8 others): exactly three quarters.
  std::vector<Observation> obs;
  for (int i = 1; i <= 22; ++i) obs.push_back(Supplied(World::fmt("E090000", i), 10 + i));
  for (int i = 1; i <= 8; ++i) obs.push_back(Supplied(World::fmt("E060000", i), 40 + i));
  obs.push_back(Supplied(kEngland, 30));
  obs.push_back(Supplied(kLondon, 20));
  auto out = Assess(ind, obs, geo);
  EXPECT_EQ(Words(Find(out, "E09000001", "2023").vs_england), "Best fifth");
  EXPECT_EQ(Find(out, "E09000001", "2023").basis, ComparisonBasis::kQuintile);
  EXPECT_EQ(Words(Find(out, "E06000008", "2023").vs_england), "Worst fifth");
  EXPECT_EQ(Find(out, "E06000008", "2023").quintile, 5);
  EXPECT_EQ(Words(Find(out, "E06000008", "2023").vs_england_998), "Not compared")
      << "a fifth is not a significance result";
  EXPECT_EQ(Find(out, kEngland, "2023").basis, ComparisonBasis::kEngland);
  EXPECT_EQ(Find(out, kLondon, "2023").basis, ComparisonBasis::kNotCouncil);
  ind.polarity = Polarity::kNeutral;
  out = Assess(ind, obs, geo);
  EXPECT_EQ(Words(Find(out, "E09000001", "2023").vs_england), "Lowest fifth");
  EXPECT_EQ(Words(Find(out, "E06000008", "2023").vs_england), "Highest fifth");
  // 29 of 40: too few for fifths; the reason says whether the figures are London's alone.
  ind.polarity = Polarity::kLow;
  obs.erase(obs.begin());
  out = Assess(ind, obs, geo);
  EXPECT_EQ(Find(out, "E09000002", "2023").basis, ComparisonBasis::kFewCouncils);
  EXPECT_EQ(Words(Find(out, "E09000002", "2023").vs_england), "Not compared");
  std::erase_if(obs, [](const Observation& o) { return o.area.starts_with("E06"); });
  out = Assess(ind, obs, geo);
  EXPECT_EQ(Find(out, "E09000002", "2023").basis, ComparisonBasis::kLondonOnly);
}

TEST(EngineTest, AssessAllSplitsByIndicator) {
  World w;
  const Geography geo(w.areas, w.groups);
  Indicator a = Proportion();
  Indicator b = Proportion();
  b.id = "q";
  auto o1 = Counts(kBarnet, "2023", 1, 10);
  auto o2 = Counts(kBarnet, "2023", 2, 10);
  o2.indicator = "q";
  const auto out = AssessAll({a, b}, std::vector<Observation>{o1, o2}, geo);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].indicator, "p");
  EXPECT_EQ(out[1].indicator, "q");
  EXPECT_DOUBLE_EQ(out[1].value, 20);
}


TEST(EngineTest, AssessAllTellsProgressTheCatalogueObservationsJudged) {
  World w;
  const Geography geo(w.areas, w.groups);
  Indicator a = Proportion();
  Indicator b = Proportion();
  b.id = "q";
  std::vector<Observation> obs;
  for (const std::string id : {"p", "x", "q"}) {  // x is not in the catalogue
    for (int year = 2015; year <= 2022; ++year) {
      auto o = Counts(kBarnet, std::to_string(year), 10, 100);
      o.indicator = id;
      obs.push_back(o);
    }
  }
  RecordingProgress log;
  const auto table = AssessAll({a, b}, obs, geo, &log);
  ASSERT_EQ(table.size(), 16u);
  ASSERT_GE(log.calls.size(), 2u);
  EXPECT_EQ(log.calls.front(), (std::pair<std::uint64_t, std::uint64_t>{0, 16}));
  EXPECT_EQ(log.calls.back(), (std::pair<std::uint64_t, std::uint64_t>{16, 16}));
  for (std::size_t i = 1; i < log.calls.size(); ++i) {
    EXPECT_GE(log.calls[i].first, log.calls[i - 1].first) << i;
    EXPECT_EQ(log.calls[i].second, 16u);
  }
  EXPECT_TRUE(log.same_thread);
}

TEST(EngineTest, AssessAllMatchesAssessIndicatorWhateverTheOrder) {
  World w;
  const Geography geo(w.areas, w.groups);
  Indicator a = Proportion(Polarity::kHigh);
  Indicator b = Proportion();
  b.id = "q";
  std::vector<Observation> obs;
  // Interleaved runs of p and q, observations of an indicator not in the catalogue between
  // them, an area not in the registry, and years out of order.
  for (int year : {2019, 2017, 2021, 2018, 2020, 2022}) {
    for (const std::string area : {kEngland, kBarnet, "E09000001", "E99999999"}) {
      for (const std::string id : {"p", "x", "q"}) {
        auto o = Counts(area, std::to_string(year), 10 + year % 7 + static_cast<double>(area.size()),
                        100 + year % 3);
        o.indicator = id;
        obs.push_back(o);
      }
    }
  }
  const auto table = AssessAll({a, b}, obs, geo);
  ASSERT_EQ(table.size(), 48u);
  const auto p_rows = AssessIndicator(a, obs, geo);
  const auto q_rows = AssessIndicator(b, obs, geo);
  const auto all = table.ToAssessments();
  ASSERT_EQ(p_rows.size() + q_rows.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Assessment& want = i < p_rows.size() ? p_rows[i] : q_rows[i - p_rows.size()];
    EXPECT_EQ(all[i].indicator, want.indicator) << i;
    EXPECT_EQ(all[i].area, want.area) << i;
    EXPECT_EQ(all[i].period, want.period) << i;
    EXPECT_DOUBLE_EQ(all[i].value, want.value) << i;
    EXPECT_EQ(all[i].vs_england, want.vs_england) << i;
    EXPECT_EQ(all[i].recent_trend, want.recent_trend) << i;
    EXPECT_EQ(all[i].rank_london, want.rank_london) << i;
    EXPECT_EQ(all[i].rank_neighbours, want.rank_neighbours) << i;
  }
  // The series in time order reach five points in 2021 and 2022.
  EXPECT_NE(Words(Find(p_rows, kBarnet, "2022").recent_trend), "Cannot be calculated");
  EXPECT_EQ(Words(Find(p_rows, kBarnet, "2020").recent_trend), "Cannot be calculated");
  // An area outside the registry is compared with England but has no region; nor has London
  // any figures here.
  EXPECT_NE(Words(Find(p_rows, "E99999999", "2022").vs_england), "Not compared");
  EXPECT_EQ(Words(Find(p_rows, "E99999999", "2022").vs_region), "Not compared");
  EXPECT_EQ(Words(Find(q_rows, kBarnet, "2017").vs_region), "Not compared");
  EXPECT_NE(Words(Find(q_rows, kBarnet, "2017").vs_england), "Not compared");
}

}  // namespace
}  // namespace waymark::assess
