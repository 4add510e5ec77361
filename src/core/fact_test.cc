// Tests of the fact rules: units, figures as a plan prints them, the agreement of a catalogue
// figure at the printed decimals (both sides of the rounding line) and area codes.
#include "core/fact.h"

#include <gtest/gtest.h>

namespace waymark {
namespace {

TEST(FactTest, UnitsHaveNamesThatReadBack) {
  for (FactUnit u : {FactUnit::kPercent, FactUnit::kNumber, FactUnit::kRank}) {
    EXPECT_EQ(ParseFactUnit(FactUnitName(u)), u);
  }
  EXPECT_EQ(ParseFactUnit("Percent"), std::nullopt);
  EXPECT_EQ(ParseFactUnit(""), std::nullopt);
}

TEST(FactTest, FiguresAreWrittenAsThePlanPrintsThem) {
  EXPECT_EQ(FormatFactFigure(14, FactUnit::kPercent), "14%");
  EXPECT_EQ(FormatFactFigure(13.1, FactUnit::kPercent), "13.1%");
  EXPECT_EQ(FormatFactFigure(0.25, FactUnit::kPercent), "0.25%");
  EXPECT_EQ(FormatFactFigure(99152, FactUnit::kNumber), "99,152");
  EXPECT_EQ(FormatFactFigure(999, FactUnit::kNumber), "999");
  EXPECT_EQ(FormatFactFigure(1000, FactUnit::kNumber), "1,000");
  EXPECT_EQ(FormatFactFigure(1234567.5, FactUnit::kNumber), "1,234,567.5");
  EXPECT_EQ(FormatFactFigure(-1234, FactUnit::kNumber), "-1,234");
  EXPECT_EQ(FormatFactFigure(-123, FactUnit::kNumber), "-123");
  const std::pair<int, const char*> ranks[] = {{1, "1st"},   {2, "2nd"},   {3, "3rd"},
                                               {4, "4th"},   {11, "11th"}, {12, "12th"},
                                               {13, "13th"}, {21, "21st"}, {22, "22nd"},
                                               {23, "23rd"}, {101, "101st"}, {111, "111th"},
                                               {152, "152nd"}};
  for (const auto& [n, text] : ranks) EXPECT_EQ(FormatFactFigure(n, FactUnit::kRank), text);
  EXPECT_EQ(FormatFactFigure(2.5, FactUnit::kRank), "2.5");  // not a whole rank
}

TEST(FactTest, DecimalsAreThoseTheFigureIsGivenTo) {
  EXPECT_EQ(FactDecimals(14), 0);
  EXPECT_EQ(FactDecimals(13.1), 1);
  EXPECT_EQ(FactDecimals(19.93), 2);
  EXPECT_EQ(FactDecimals(0.001), 3);
  EXPECT_EQ(FactDecimals(1.0 / 3.0), 6);
}

TEST(FactTest, ACatalogueFigureAgreesWhenItRoundsToThePrintedOne) {
  EXPECT_TRUE(FactFigureAgrees(13.1, 13.1));
  EXPECT_TRUE(FactFigureAgrees(13.1, 13.14));
  EXPECT_TRUE(FactFigureAgrees(13.1, 13.06));
  EXPECT_FALSE(FactFigureAgrees(13.1, 13.16));
  EXPECT_FALSE(FactFigureAgrees(13.1, 13.04));
  EXPECT_TRUE(FactFigureAgrees(19, 19.39));   // printed whole: 19.39 is 19
  EXPECT_FALSE(FactFigureAgrees(19, 19.93));  // 19.93 is 20
  EXPECT_FALSE(FactFigureAgrees(16.7, 16.9));
  EXPECT_TRUE(FactFigureAgrees(158, 157.6));
  EXPECT_FALSE(FactFigureAgrees(158, 154.9));
}

TEST(FactTest, AreaCodesAreALetterAndEightDigits) {
  EXPECT_TRUE(IsAreaCode("E09000003"));
  EXPECT_TRUE(IsAreaCode("E92000001"));
  EXPECT_TRUE(IsAreaCode("W06000015"));
  EXPECT_FALSE(IsAreaCode("e09000003"));
  EXPECT_FALSE(IsAreaCode("E0900000"));
  EXPECT_FALSE(IsAreaCode("E090000031"));
  EXPECT_FALSE(IsAreaCode("E0900000X"));
  EXPECT_FALSE(IsAreaCode("Barnet"));
  EXPECT_FALSE(IsAreaCode(""));
}

TEST(FactTest, TheValueReadsAsTheFigureTheWordsOrNotStated) {
  Fact fact{"Label", "", ""};
  EXPECT_EQ(FactValueText(fact), "not stated");
  fact.value = "second highest";
  EXPECT_EQ(FactValueText(fact), "second highest");
  fact.value.clear();
  fact.figure = 51.6;
  fact.unit = FactUnit::kPercent;
  EXPECT_EQ(FactValueText(fact), "51.6%");
}

}  // namespace
}  // namespace waymark
