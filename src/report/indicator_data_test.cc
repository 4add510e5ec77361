// Tests of the dashboard's indicator figures: each indicator's headline series sorted by period
// then area whatever order its judgements come in, other breakdowns left out, suppressed
// comparisons cleared, and the areas shared between snapshots made from one read.
#include "report/indicator_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace waymark::report {
namespace {

Assessment Judged(const std::string& indicator, const std::string& area, const std::string& period,
                  double value, const std::string& sex = "Persons") {
  Assessment a;
  a.indicator = indicator;
  a.area = area;
  a.period = *ParsePeriod(period);
  a.breakdown.sex = sex;
  a.value = value;
  a.vs_england = Comparison::kBetter;
  return a;
}

Indicator Catalogued(const std::string& id) {
  Indicator i;
  i.id = id;
  i.title = "Indicator " + id;
  return i;
}

// "area period" of each row, in order.
std::vector<std::string> Keys(const IndicatorSeries& s) {
  std::vector<std::string> out;
  out.reserve(s.rows.size());
  for (const Assessment& a : s.rows) out.push_back(a.area + " " + a.period.Label());
  return out;
}

std::shared_ptr<const AreaSet> Places() {
  std::vector<Area> areas = {
      {"E09000003", "Barnet", AreaType::kCouncil, "E12000007", "302"},
      {"E09000002", "Barking and Dagenham", AreaType::kCouncil, "E12000007", "301"},
      {"E08000001", "Bolton", AreaType::kCouncil, "E12000002", "350"},
      {"E05000001", "Ward B", AreaType::kWard, "E09000003", ""},
      {"E05000002", "Ward A", AreaType::kWard, "E09000003", ""}};
  std::vector<ComparatorGroup> groups = {{"n", "Neighbours", "E09000003", {"E09000002"}}};
  return std::make_shared<const AreaSet>(std::move(areas), std::move(groups),
                                         std::vector<AreaBoundary>{});
}

TEST(IndicatorDataTest, EachSeriesIsSortedByPeriodThenAreaWhateverTheOrderGiven) {
  // Every order of the same judgements (the store gives them area by area) gives one series.
  std::vector<Assessment> rows;
  for (const char* area : {"E09000003", "E09000002", "E08000001"}) {
    for (const char* period : {"2019", "2020", "2021", "2022"}) {
      rows.push_back(Judged("a", area, period, static_cast<double>(rows.size())));
    }
  }
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(rows.begin(), rows.end(), random);
    const IndicatorData data(Places(), {Catalogued("a")}, JudgementsByIndicator{{"a", rows}});
    const IndicatorSeries* s = data.Find("a");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(Keys(*s),
              (std::vector<std::string>{"E08000001 2019", "E09000002 2019", "E09000003 2019",
                                        "E08000001 2020", "E09000002 2020", "E09000003 2020",
                                        "E08000001 2021", "E09000002 2021", "E09000003 2021",
                                        "E08000001 2022", "E09000002 2022", "E09000003 2022"}));
    ASSERT_EQ(s->periods.size(), 4U);
    EXPECT_EQ(s->periods.front().Label(), "2019");
    // Each row kept its own figures while moving.
    for (const Assessment& given : rows) {
      const Assessment* found = data.At(*s, given.area, given.period);
      ASSERT_NE(found, nullptr);
      EXPECT_EQ(found->value, given.value);
    }
  }
}

TEST(IndicatorDataTest, OnlyTheHeadlineBreakdownIsKept) {
  std::vector<Assessment> rows = {
      Judged("a", "E09000003", "2021", 1, "Male"), Judged("a", "E09000003", "2020", 2),
      Judged("a", "E09000003", "2019", 3, "Female"), Judged("a", "E09000002", "2019", 4)};
  const IndicatorData data({Catalogued("a")}, {}, {}, rows);
  const IndicatorSeries* s = data.Find("a");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->breakdown.sex, "Persons");
  EXPECT_EQ(Keys(*s), (std::vector<std::string>{"E09000002 2019", "E09000003 2020"}));
}

TEST(IndicatorDataTest, CatalogueOrderUncataloguedLeftOutSuppressedComparisonsCleared) {
  Assessment hidden = Judged("b", "E09000003", "2021", 5);
  hidden.suppressed = true;
  JudgementsByIndicator judged{{"b", {hidden}}, {"z", {Judged("z", "E09000003", "2021", 1)}}};
  const IndicatorData data(Places(), {Catalogued("b"), Catalogued("a")}, std::move(judged));
  ASSERT_EQ(data.Series().size(), 2U);
  EXPECT_EQ(data.Series()[0].indicator.id, "b");
  EXPECT_EQ(data.Series()[1].indicator.id, "a");
  EXPECT_TRUE(data.Series()[1].rows.empty());  // catalogued, no judgements yet
  EXPECT_EQ(data.Find("z"), nullptr);
  const Assessment& b = data.Series()[0].rows.at(0);
  EXPECT_EQ(b.vs_england, Comparison::kNone);
  EXPECT_EQ(b.basis, ComparisonBasis::kSuppressed);
}

TEST(IndicatorDataTest, SnapshotsShareTheirAreas) {
  const auto places = Places();
  const IndicatorData one(places, {Catalogued("a")}, std::vector<Assessment>{});
  const IndicatorData other(places, {Catalogued("b")}, std::vector<Assessment>{});
  EXPECT_EQ(one.Places(), other.Places());
  EXPECT_EQ(one.FindArea("E09000003"), other.FindArea("E09000003"));
  EXPECT_EQ(one.AreaName("E09000003"), "Barnet");
  EXPECT_EQ(one.AreaName("E99999999"), "E99999999");
  EXPECT_EQ(one.LondonBoroughs(), (std::vector<std::string>{"E09000002", "E09000003"}));
  const auto wards = one.WardsOf("E09000003");
  ASSERT_EQ(wards.size(), 2U);
  EXPECT_EQ(wards[0]->name, "Ward A");
  EXPECT_EQ(one.NeighboursOf("E09000003"), (std::vector<std::string>{"E09000002"}));
  EXPECT_TRUE(one.NeighboursOf("E08000001").empty());
  const IndicatorData empty;
  EXPECT_TRUE(empty.Areas().empty());
  EXPECT_EQ(empty.FindArea("E09000003"), nullptr);
}

}  // namespace
}  // namespace waymark::report
