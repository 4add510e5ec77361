// The headline breakdown rule: each preference on both sides, and the tie-break.
#include "core/headline.h"

#include <gtest/gtest.h>

namespace waymark {
namespace {

Breakdown B(std::string sex, std::string age = "", std::string type = "",
            std::string category = "") {
  return Breakdown{std::move(sex), std::move(age), std::move(type), std::move(category)};
}

TEST(HeadlineBreakdownTest, WholePopulationPersonsAllAgesThenMostFigures) {
  EXPECT_EQ(HeadlineBreakdown({}), std::nullopt);
  // The whole population wins over a category with more figures.
  EXPECT_EQ(HeadlineBreakdown({{B("Persons"), 10}, {B("Persons", "", "Deprivation", "Most"), 90}}),
            B("Persons"));
  // Persons over one sex with more figures.
  EXPECT_EQ(HeadlineBreakdown({{B("Female"), 90}, {B("Persons"), 10}}), B("Persons"));
  // No age band over an age band with more figures.
  EXPECT_EQ(HeadlineBreakdown({{B("Persons", "0-4"), 90}, {B("Persons"), 10}}), B("Persons"));
  // Only age bands: the one with the most figures.
  EXPECT_EQ(HeadlineBreakdown({{B("Persons", "0-4"), 10}, {B("Persons", "<15 yrs"), 90}}),
            B("Persons", "<15 yrs"));
  // Only categories: still a headline (the ward figures of a ward indicator, say).
  EXPECT_EQ(HeadlineBreakdown({{B("Persons", "", "Ward", "A"), 5}}), B("Persons", "", "Ward", "A"));
  // A tie goes to the first in Breakdown order.
  EXPECT_EQ(HeadlineBreakdown({{B("Male"), 10}, {B("Female"), 10}}), B("Female"));
}

}  // namespace
}  // namespace waymark
