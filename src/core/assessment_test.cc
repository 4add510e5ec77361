// Tests of the compact assessment table: each row reads back through its own block's
// dictionaries.
#include "core/assessment.h"

#include <gtest/gtest.h>

namespace waymark {
namespace {

AssessmentRow Row(std::uint32_t block, std::uint32_t area, std::uint32_t rule, double value) {
  AssessmentRow r{};
  r.block = block;
  r.area = area;
  r.rag_rule = rule;
  r.value = value;
  r.lower95 = r.upper95 = r.lower998 = r.upper998 = r.count = r.denominator = r.target = kNoValue;
  return r;
}

AssessmentTable TwoBlocks() {
  AssessmentTable table;
  AssessmentBlock p{"p", {"E09000003", "E92000001"}, {Breakdown{}}, {*ParsePeriod("2023")}, {""}};
  AssessmentBlock q{"q",
                    {"E92000001"},
                    {Breakdown{"Male", "0-4 yrs", "", ""}},
                    {*ParsePeriod("2021/22"), *ParsePeriod("2022/23")},
                    {"", "target 5 for 2022/23"}};
  table.blocks = {p, q};
  table.Allocate(3);
  table.data()[0] = Row(0, 1, 0, 10);
  table.data()[1] = Row(1, 0, 1, 20);
  table.data()[1].period = 1;
  table.data()[1].vs_england = Comparison::kBetter;
  table.data()[1].rag = Rag::kRed;
  table.data()[1].value_source = ValueSource::kComputed;
  table.data()[1].rank_neighbours = 4;
  table.data()[2] = Row(0, 0, 0, 30);
  table.data()[2].suppressed = true;
  return table;
}

TEST(AssessmentTableTest, ReadsEachRowThroughItsBlock) {
  const AssessmentTable table = TwoBlocks();
  ASSERT_EQ(table.size(), 3u);
  const Assessment first = table[0];
  EXPECT_EQ(first.indicator, "p");
  EXPECT_EQ(first.area, "E92000001");
  EXPECT_EQ(first.period.Label(), "2023");
  EXPECT_EQ(first.breakdown, Breakdown{});
  EXPECT_EQ(first.value, 10);
  EXPECT_EQ(first.vs_england, Comparison::kNone);
  EXPECT_EQ(first.rag_rule, "");
  EXPECT_FALSE(first.suppressed);
  const Assessment second = table[1];
  EXPECT_EQ(second.indicator, "q");
  EXPECT_EQ(second.area, "E92000001");
  EXPECT_EQ(second.period.Label(), "2022/23");
  EXPECT_EQ(second.breakdown.age, "0-4 yrs");
  EXPECT_EQ(second.vs_england, Comparison::kBetter);
  EXPECT_EQ(second.rag, Rag::kRed);
  EXPECT_EQ(second.value_source, ValueSource::kComputed);
  EXPECT_EQ(second.rag_rule, "target 5 for 2022/23");
  EXPECT_EQ(second.rank_neighbours, 4);
  EXPECT_TRUE(std::isnan(second.target));
  EXPECT_TRUE(table[2].suppressed);
  EXPECT_EQ(table[2].area, "E09000003");
}

TEST(AssessmentTableTest, GetOverwritesEveryField) {
  const AssessmentTable table = TwoBlocks();
  Assessment a;
  table.Get(1, a);
  table.Get(0, a);
  EXPECT_EQ(a.indicator, "p");
  EXPECT_EQ(a.period.Label(), "2023");
  EXPECT_EQ(a.breakdown.sex, "Persons");
  EXPECT_EQ(a.vs_england, Comparison::kNone);
  EXPECT_EQ(a.rag, Rag::kNone);
  EXPECT_EQ(a.rag_rule, "");
  EXPECT_EQ(a.rank_neighbours, 0);
  EXPECT_EQ(a.value, 10);
}

TEST(AssessmentTableTest, ConvertsEveryRowInOrder) {
  const auto rows = TwoBlocks().ToAssessments();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].value, 10);
  EXPECT_EQ(rows[1].value, 20);
  EXPECT_EQ(rows[2].value, 30);
  EXPECT_TRUE(AssessmentTable{}.ToAssessments().empty());
}

TEST(AssessmentTest, ComparisonsOfGivesTheSixInOrderAndClearingEmptiesThem) {
  Assessment a;
  const auto comparisons = ComparisonsOf(a);
  const Comparison labels[] = {Comparison::kBetter,  Comparison::kWorse998, Comparison::kBetter95,
                               Comparison::kSimilar, Comparison::kLower,    Comparison::kHigher95};
  for (std::size_t i = 0; i < comparisons.size(); ++i) *comparisons[i] = labels[i];
  EXPECT_EQ(a.vs_england, Comparison::kBetter);
  EXPECT_EQ(a.vs_england_998, Comparison::kWorse998);
  EXPECT_EQ(a.vs_england_2level, Comparison::kBetter95);
  EXPECT_EQ(a.vs_region, Comparison::kSimilar);
  EXPECT_EQ(a.vs_region_998, Comparison::kLower);
  EXPECT_EQ(a.vs_region_2level, Comparison::kHigher95);
  ClearSuppressedComparisons(a);  // not suppressed: kept
  EXPECT_EQ(a.vs_region_2level, Comparison::kHigher95);
  a.suppressed = true;
  a.recent_trend = RecentTrend::kNoChange;
  ClearSuppressedComparisons(a);
  for (const Comparison* c : comparisons) EXPECT_EQ(*c, Comparison::kNone);
  EXPECT_EQ(a.basis, ComparisonBasis::kSuppressed);
  EXPECT_EQ(a.recent_trend, RecentTrend::kNoChange);
}

}  // namespace
}  // namespace waymark
