// Tests of the label codes: every label the engine can give is one the stored judgement blocks
// write as a fixed code (store::KnownJudgementTexts), so no block has to carry it as text.
#include "assess/label_codes.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "store/judgement_block.h"

namespace waymark::assess {
namespace {

TEST(LabelCodesTest, EveryLabelTheEngineGivesIsStoredAsACode) {
  AssessmentTable table;
  RegisterLabels(table);
  ASSERT_GT(table.labels.size(), 30u);
  const auto known = store::KnownJudgementTexts();
  for (const std::string_view label : table.labels) {
    EXPECT_NE(std::find(known.begin(), known.end(), label), known.end()) << label;
  }
}

TEST(LabelCodesTest, EachPolarityHasItsOwnWordsForTheSameJudgement) {
  AssessmentTable table;
  const auto codes = RegisterLabels(table);
  const auto better = static_cast<std::size_t>(stats::Significance::kBetter);
  const auto& high = codes[static_cast<std::size_t>(Polarity::kHigh)];
  const auto& neutral = codes[static_cast<std::size_t>(Polarity::kNeutral)];
  EXPECT_EQ(table.labels[high.one_level[better]], "Better");
  EXPECT_EQ(table.labels[neutral.one_level[better]], "Higher");
  EXPECT_EQ(table.labels[high.fifth[1]], "Best fifth");
  EXPECT_EQ(table.labels[neutral.fifth[1]], "Lowest fifth");
  EXPECT_EQ(table.labels[0], "");
}

}  // namespace
}  // namespace waymark::assess
