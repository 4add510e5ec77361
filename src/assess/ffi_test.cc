// Tests of the composite index from assessments on small hand-made data: polarity, the coverage
// rule on both sides, carrying forward, a measure awaiting local data, seeded rank bands.
#include "assess/ffi.h"

#include <cmath>
#include <map>

#include <gtest/gtest.h>

namespace waymark::assess {
namespace {

Assessment Figure(const std::string& indicator, const std::string& area, int year, double value) {
  Assessment a;
  a.indicator = indicator;
  a.area = area;
  a.period = *ParsePeriod(std::to_string(year));
  a.value = value;
  return a;
}

Indicator Catalogued(const std::string& id, Polarity polarity, const std::string& measure) {
  Indicator i;
  i.id = id;
  i.title = id;
  i.polarity = polarity;
  i.plan = "p";
  i.index_measures = {measure};
  return i;
}

class FfiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    plan_.id = "p";
    plan_.organisation = "London Borough of Alpha";
    CompositeIndex index;
    index.id = "ffi";
    index.title = "FFI";
    for (const char* m : {"m-high", "m-low", "m-local"}) {
      IndexMeasure measure;
      measure.id = m;
      measure.title = m;
      index.measures.push_back(measure);
    }
    index.method.runs = 200;
    plan_.index = index;
    indicators_ = {Catalogued("a", Polarity::kHigh, "m-high"),
                   Catalogued("b", Polarity::kLow, "m-low"),
                   Catalogued("survey", Polarity::kHigh, "m-local")};
    areas_.push_back(Area{"E12000007", "London", AreaType::kRegion, "E92000001", ""});
    const std::vector<std::string> names = {"Alpha", "Beta", "Gamma", "Delta", "Epsilon"};
    for (int i = 0; i < 5; ++i) {
      areas_.push_back(
          Area{"E0900000" + std::to_string(i + 1), names[i], AreaType::kCouncil, "E12000007", ""});
    }
    areas_.push_back(Area{"E06000001", "Elsewhere", AreaType::kCouncil, "E12000001", ""});
    // a: higher is better; b: lower is better. Alpha is best on both, Gamma worst.
    const std::map<std::string, std::pair<double, double>> data = {{"E09000001", {90, 10}},
                                                                   {"E09000002", {60, 40}},
                                                                   {"E09000003", {20, 80}},
                                                                   {"E09000004", {50, 50}},
                                                                   {"E06000001", {100, 0}}};
    for (const auto& [area, v] : data) {
      for (int year : {2020, 2021}) {
        assessments_.push_back(Figure("a", area, year, v.first + year - 2020));
        // Delta's b for 2021 is missing: carried forward from 2020.
        if (!(area == "E09000004" && year == 2021)) {
          assessments_.push_back(Figure("b", area, year, v.second));
        }
      }
    }
    // Epsilon has only a (one of two measures, below two thirds), so it is not scored.
    assessments_.push_back(Figure("a", "E09000005", 2020, 95));
    assessments_.push_back(Figure("a", "E09000005", 2021, 95));
  }

  Result<IndexComputation> Compute(IndexOptions options = {}) {
    return ComputeIndex(IndexInputs{plan_, indicators_, areas_, groups_, assessments_}, options);
  }

  static const store::IndexAreaYear* Row(const IndexComputation& c, const std::string& area,
                                         int year) {
    for (const auto& r : c.results.rows) {
      if (r.area == area && r.year == year) return &r;
    }
    return nullptr;
  }

  Plan plan_;
  std::vector<Indicator> indicators_;
  std::vector<Area> areas_;
  std::vector<ComparatorGroup> groups_;
  std::vector<Assessment> assessments_;
};

TEST_F(FfiTest, ScoresLondonBoroughsWithPolarityAndCoverage) {
  auto c = Compute();
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_EQ(c->home_area, "E09000001");
  EXPECT_EQ(c->comparison_size, 5u);  // London boroughs only
  EXPECT_EQ(c->years, (std::vector<int>{2020, 2021}));
  EXPECT_EQ(c->results.measures_used, (std::vector<std::string>{"m-high", "m-low"}));
  EXPECT_EQ(c->results.measures_awaiting, (std::vector<std::string>{"m-local"}));
  EXPECT_EQ(Row(*c, "E06000001", 2020), nullptr);  // not in the comparison set
  // Coverage: Epsilon has one of two measures (50% < 2/3) and gets no score.
  EXPECT_EQ(Row(*c, "E09000005", 2020), nullptr);
  EXPECT_EQ(c->areas_scored, 4u);
  // Carried forward: Delta is scored in 2021 with its 2020 value of b.
  ASSERT_NE(Row(*c, "E09000004", 2021), nullptr);
  const auto* alpha = Row(*c, "E09000001", 2021);
  const auto* gamma = Row(*c, "E09000003", 2021);
  ASSERT_NE(alpha, nullptr);
  ASSERT_NE(gamma, nullptr);
  EXPECT_EQ(alpha->rank, 1);
  EXPECT_EQ(gamma->rank, 4);
  EXPECT_GT(alpha->score, gamma->score);
  // Arithmetic mean of two equally weighted measures: contributions add up to the score.
  ASSERT_EQ(alpha->measures.size(), 2u);
  EXPECT_NEAR(alpha->measures[0].contribution + alpha->measures[1].contribution, alpha->score,
              1e-9);
  EXPECT_LE(alpha->rank_p05, alpha->rank_median);
  EXPECT_LE(alpha->rank_median, alpha->rank_p95);
}

TEST_F(FfiTest, CoverageRuleAdmitsAreasAtTheThreshold) {
  plan_.index->method.min_coverage = 0.5;
  auto c = Compute();
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_NE(Row(*c, "E09000005", 2020), nullptr);
  EXPECT_EQ(c->areas_scored, 5u);
}

TEST_F(FfiTest, MeasurePolarityOverridesTheIndicators) {
  plan_.index->measures[1].polarity = "high";
  plan_.index->measures[1].weight = 3;
  auto c = Compute();
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  // b now counts as higher-is-better with three times the weight: Gamma (b = 80) leads.
  EXPECT_EQ(Row(*c, "E09000003", 2020)->rank, 1);
}

TEST_F(FfiTest, SameSeedGivesTheSameBands) {
  auto first = Compute(IndexOptions{100, 5, 0});
  auto second = Compute(IndexOptions{100, 5, 0});
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(first->results.runs, 100);
  EXPECT_EQ(first->results.seed, 5u);
  ASSERT_EQ(first->results.rows.size(), second->results.rows.size());
  for (std::size_t i = 0; i < first->results.rows.size(); ++i) {
    const auto& a = first->results.rows[i];
    const auto& b = second->results.rows[i];
    EXPECT_EQ(a.rank_median, b.rank_median);
    EXPECT_EQ(a.rank_p05, b.rank_p05);
    EXPECT_EQ(a.rank_p95, b.rank_p95);
  }
}

TEST_F(FfiTest, LocalDataForOneCouncilIsNotCompared) {
  assessments_.push_back(Figure("survey", "E09000001", 2020, 70));
  auto c = Compute();
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_EQ(c->results.measures_awaiting, (std::vector<std::string>{"m-local"}));
  ASSERT_EQ(c->notes.size(), 1u);
  EXPECT_NE(c->notes[0].find("E09000001 only"), std::string::npos);
  EXPECT_NE(c->notes[0].find("goalposts"), std::string::npos);
}

// With goalposts the one council's survey counts for it, on the others' scale, and costs the
// others nothing.
TEST_F(FfiTest, LocalDataWithGoalpostsCountsForItsCouncil) {
  const auto without = Compute();
  ASSERT_TRUE(without.has_value());
  assessments_.push_back(Figure("survey", "E09000003", 2020, 70));
  plan_.index->measures[2].goalposts = std::make_pair(0.0, 100.0);
  auto c = Compute();
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_TRUE(c->results.measures_awaiting.empty());
  EXPECT_EQ(c->results.measures_goalposts, (std::vector<std::string>{"m-local"}));
  EXPECT_EQ(c->results.failed_runs, 0);
  const auto* gamma = Row(*c, "E09000003", 2020);
  ASSERT_NE(gamma, nullptr);
  ASSERT_EQ(gamma->measures.size(), 3u);
  EXPECT_DOUBLE_EQ(gamma->measures[2].score, 70);  // min-max [0, 100]: 70% of the way
  // Gamma's score is the mean of its three measures; it was the mean of two before.
  EXPECT_NEAR(gamma->score, (gamma->measures[0].score + gamma->measures[1].score + 70) / 3, 1e-9);
  EXPECT_GT(gamma->score, Row(*without, "E09000003", 2020)->score);
  // Carried forward into 2021 (at most two years), not imputed into anyone else.
  EXPECT_DOUBLE_EQ(Row(*c, "E09000003", 2021)->measures[2].score, 70);
  EXPECT_TRUE(std::isnan(Row(*c, "E09000001", 2020)->measures[2].score));
  EXPECT_DOUBLE_EQ(Row(*c, "E09000001", 2020)->score, Row(*without, "E09000001", 2020)->score);
  // Epsilon (one comparable measure of two) stays unscored: the survey lends no coverage.
  EXPECT_EQ(Row(*c, "E09000005", 2020), nullptr);
}

TEST_F(FfiTest, SobolIndicesPerUncertainInputWhenAsked) {
  // Delta now ties Beta on the nominal method (a 55 against 60, b 35 against 40, on min-max
  // 0.5 + 0.64 against 0.57 + 0.57), so every method choice can swap them.
  for (Assessment& a : assessments_) {
    if (a.area != "E09000004") continue;
    a.value = a.indicator == "b" ? 35 : 55 + (a.period.start_year - 2020);
  }
  IndexOptions options;
  options.runs = 50;
  options.sensitivity_runs = 40;
  auto c = Compute(options);
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_EQ(c->results.sensitivity_runs, 40);
  ASSERT_EQ(c->results.sensitivity.size(), 4u);  // no leave-one-out: one indicator per measure
  EXPECT_EQ(c->results.sensitivity[0].factor, "weights");
  EXPECT_EQ(c->results.sensitivity[1].factor, "normalisation");
  for (const auto& s : c->results.sensitivity) {
    EXPECT_FALSE(std::isnan(s.total)) << s.factor;
    EXPECT_GE(s.total, 0) << s.factor;
    EXPECT_LE(s.total_p05, s.total_p95) << s.factor;
  }
  options.sensitivity_runs = 0;
  EXPECT_TRUE(Compute(options)->results.sensitivity.empty());
}

// When no choice moves any rank the indices are undefined: the index is still computed, and the
// note says why there are no indices.
TEST_F(FfiTest, RanksThatNeverMoveGiveANoteNotAnError) {
  IndexOptions options;
  options.runs = 20;
  options.sensitivity_runs = 20;
  auto c = Compute(options);
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_TRUE(c->results.sensitivity.empty());
  EXPECT_EQ(c->results.sensitivity_runs, 0);
  ASSERT_FALSE(c->notes.empty());
  EXPECT_NE(c->notes.back().find("sensitivity"), std::string::npos);
}

// A plan that declares the same index as the catalogue's plan shares its indicators; a plan
// with another index, or indicators of a plan that does not share it, do not.
TEST_F(FfiTest, IndicatorsOfAPlanSharingTheIndexCount) {
  auto own = Compute();
  ASSERT_TRUE(own.has_value()) << own.error().ToString();
  Plan current = plan_;
  current.id = "current";
  current.start.reset();
  current.end.reset();
  const auto alone = ComputeIndex(IndexInputs{current, indicators_, areas_, groups_, assessments_},
                                  IndexOptions{});
  EXPECT_FALSE(alone.has_value());  // the catalogue is plan p's: no data for "current"
  const auto shared = ComputeIndex(
      IndexInputs{current, indicators_, areas_, groups_, assessments_, {"p"}}, IndexOptions{});
  ASSERT_TRUE(shared.has_value()) << shared.error().ToString();
  EXPECT_EQ(shared->results.measures_used, own->results.measures_used);
  EXPECT_EQ(shared->results.plan_id, "current");
  ASSERT_EQ(shared->results.rows.size(), own->results.rows.size());
  for (std::size_t i = 0; i < own->results.rows.size(); ++i) {
    EXPECT_EQ(shared->results.rows[i].area, own->results.rows[i].area);
    EXPECT_EQ(shared->results.rows[i].rank, own->results.rows[i].rank);
  }
  const auto other = ComputeIndex(
      IndexInputs{current, indicators_, areas_, groups_, assessments_, {"q"}}, IndexOptions{});
  EXPECT_FALSE(other.has_value());

  Plan same = current;
  Plan different = current;
  different.id = "different";
  different.index->id = "another-index";
  Plan none = current;
  none.id = "none";
  none.index.reset();
  EXPECT_EQ(PlansSharingIndex(plan_, {plan_, same, different, none}),
            (std::vector<std::string>{"current"}));
  EXPECT_TRUE(PlansSharingIndex(none, {plan_, same}).empty());
}

TEST_F(FfiTest, NoDataAndNoIndexAreErrors) {
  assessments_.clear();
  EXPECT_EQ(Compute().error().code, ErrorCode::kValidation);
  plan_.index.reset();
  EXPECT_EQ(Compute().error().code, ErrorCode::kNotFound);
}

TEST(FfiSpecTest, DefaultsAreTheFfiNominalSpec) {
  auto spec = NominalIndexSpec(IndexMethod{});
  ASSERT_TRUE(spec.has_value());
  const index::MethodSpec ffi = index::FfiNominalSpec();
  EXPECT_EQ(spec->normalise.method, ffi.normalise.method);
  EXPECT_EQ(spec->aggregate.method, ffi.aggregate.method);
  EXPECT_EQ(spec->aggregate.dat_threshold, ffi.aggregate.dat_threshold);
  EXPECT_EQ(spec->impute.method, ffi.impute.method);
  EXPECT_EQ(spec->impute.max_gap, ffi.impute.max_gap);
  EXPECT_EQ(spec->treat, ffi.treat);
  IndexMethod bad;
  bad.normalisation = "nonsense";
  EXPECT_FALSE(NominalIndexSpec(bad).has_value());
}

}  // namespace
}  // namespace waymark::assess
