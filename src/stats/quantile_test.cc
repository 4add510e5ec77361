// Tests of ranks, PIM quantile groups and Fingertips quintiles/quartiles.
#include "stats/quantile.h"

#include <gtest/gtest.h>

#include <map>
#include <numeric>

#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::RefTable;

TEST(RanksTest, TiesTakeTheMinimumRank) {
  const std::vector<double> values = {3, 1, kMissing, 3, 2, 5};
  std::vector<double> up = Ranks(values);
  EXPECT_EQ(up[0], 3);
  EXPECT_EQ(up[1], 1);
  EXPECT_TRUE(IsMissing(up[2]));
  EXPECT_EQ(up[3], 3);
  EXPECT_EQ(up[4], 2);
  EXPECT_EQ(up[5], 5);
  std::vector<double> down = Ranks(values, RankOrder::kDescending);
  EXPECT_EQ(down[5], 1);
  EXPECT_EQ(down[0], 2);
  EXPECT_EQ(down[3], 2);
  EXPECT_EQ(down[4], 4);
  EXPECT_EQ(down[1], 5);
}

bool InvertFromPolarity(const std::string& polarity) {
  return polarity == "RAG - Low is good" || polarity == "TRUE";
}

// Every "Good" row of testdata_Quantiles: grouped as the PIM tests group them.
TEST(QuantileGroupsTest, ReproducesPimQuantileTable) {
  RefTable t("quantiles.csv");
  struct Group {
    std::vector<size_t> rows;
    std::vector<double> values;
    bool invert = false;
    int nquantiles = 0;
  };
  std::map<std::string, Group> groups;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    if (t.Str(r, "Test").rfind("Good", 0) != 0) continue;
    const std::string& set = t.Str(r, "GroupSet");
    const std::string& key = set;
    Group* g = nullptr;
    if (set == "IndSexReg") {
      g = &groups[key + "|" + t.Str(r, "IndSexRef") + "|" + t.Str(r, "ParentCode")];
      g->nquantiles = 10;
      g->invert = InvertFromPolarity(t.Str(r, "Polarity"));
    } else if (set == "IndSex") {
      g = &groups[key + "|" + t.Str(r, "IndSexRef")];
      g->nquantiles = 7;
      g->invert = InvertFromPolarity(t.Str(r, "Polarity"));
    } else {
      g = &groups[key];
      g->nquantiles = 4;
      g->invert = true;
    }
    g->rows.push_back(r);
    g->values.push_back(t.Num(r, "Value"));
  }
  size_t checked = 0;
  for (const auto& [key, g] : groups) {
    auto result = QuantileGroups(g.values, g.nquantiles, g.invert);
    ASSERT_TRUE(result.has_value());
    for (size_t i = 0; i < g.rows.size(); ++i) {
      EXPECT_NEAR_REL((*result)[i], t.Num(g.rows[i], "QuantileInGrp"), 0)
          << key << " row " << g.rows[i] + 2;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 982u);
}

TEST(QuantileGroupsTest, TooFewValuesGiveMissingAndBadCountIsAnError) {
  auto few = QuantileGroups(std::vector<double>{1, 2, 3}, 4, true);
  ASSERT_TRUE(few.has_value());
  for (double q : *few) EXPECT_TRUE(IsMissing(q));
  EXPECT_FALSE(QuantileGroups(std::vector<double>{1, 2, 3}, 0, true).has_value());
}

std::vector<double> Range(int from, int to) {
  std::vector<double> v(to - from + 1);
  std::iota(v.begin(), v.end(), from);
  return v;
}

TEST(FingertipsCategoryTest, ReproducesFingertipsCategoryCases) {
  RefTable t("fingertips_category_cases.csv");
  ASSERT_EQ(t.RowCount(), 27u);
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const std::string& spec = t.Str(r, "values");
    std::vector<double> values;
    if (spec == "1..50") values = Range(1, 50);
    if (spec == "1..10") values = Range(1, 10);
    if (spec == "1,2,3,4") values = Range(1, 4);
    if (spec == "1,2,3") values = Range(1, 3);
    const int n = static_cast<int>(t.Num(r, "n_categories"));
    if (t.Str(r, "kind") == "bounds") {
      std::vector<double> bounds = CategoryBounds(values, n);
      ASSERT_EQ(bounds.size(), static_cast<size_t>(n + 1));
      EXPECT_DOUBLE_EQ(bounds[static_cast<size_t>(t.Num(r, "bound_index"))], t.Num(r, "expected"))
          << "row " << r + 2;
    } else {
      const Polarity polarity =
          t.Num(r, "polarity_id") == 1 ? Polarity::kHighIsGood : Polarity::kLowIsGood;
      EXPECT_EQ(Category(t.Num(r, "value"), values, n, polarity), t.Num(r, "expected"))
          << "row " << r + 2;
    }
  }
}

TEST(FingertipsCategoryTest, QuartilesAreNeverReversed) {
  const std::vector<double> values = Range(1, 10);
  EXPECT_EQ(Category(1, values, 4, Polarity::kHighIsGood), 1);
  EXPECT_EQ(Category(10, values, 4, Polarity::kHighIsGood), 4);
  EXPECT_EQ(Category(1, values, 5, Polarity::kNeutral), 1);
  EXPECT_EQ(Category(kMissing, values, 5, Polarity::kNeutral), 0);
  EXPECT_EQ(Category(5, values, 5, Polarity::kNotApplicable), 0);
}

TEST(FingertipsCategoryTest, QuintileLabelsFollowThePolarity) {
  const std::vector<double> values = Range(1, 50);
  // Highest value, high is good: the best fifth; low is good: the worst; neutral: the highest.
  EXPECT_EQ(QuintileLabel(Category(50, values, 5, Polarity::kHighIsGood), Polarity::kHighIsGood),
            "Best fifth");
  EXPECT_EQ(QuintileLabel(Category(50, values, 5, Polarity::kLowIsGood), Polarity::kLowIsGood),
            "Worst fifth");
  EXPECT_EQ(QuintileLabel(Category(50, values, 5, Polarity::kNeutral), Polarity::kNeutral),
            "Highest fifth");
  EXPECT_EQ(QuintileLabel(Category(1, values, 5, Polarity::kNeutral), Polarity::kNeutral),
            "Lowest fifth");
  // Either side of the first bound (10.8 for 1..50), and past the second (20.6).
  EXPECT_EQ(QuintileLabel(Category(10, values, 5, Polarity::kLowIsGood), Polarity::kLowIsGood),
            "Best fifth");
  EXPECT_EQ(QuintileLabel(Category(11, values, 5, Polarity::kLowIsGood), Polarity::kLowIsGood),
            "Second-best fifth");
  EXPECT_EQ(QuintileLabel(Category(21, values, 5, Polarity::kLowIsGood), Polarity::kLowIsGood),
            "Middle fifth");
  EXPECT_EQ(QuintileLabel(4, Polarity::kHighIsGood), "Second-worst fifth");
  EXPECT_EQ(QuintileLabel(4, Polarity::kNeutral), "Second-highest fifth");
  EXPECT_EQ(QuintileLabel(0, Polarity::kHighIsGood), "");
  EXPECT_EQ(QuintileLabel(6, Polarity::kHighIsGood), "");
  EXPECT_EQ(QuintileLabel(3, Polarity::kNotApplicable), "");
}

}  // namespace
}  // namespace waymark::stats
