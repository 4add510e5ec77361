// Tests of period labels: every published form, canonical labels, ordering and bad labels.
#include "core/period.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

namespace waymark {
namespace {

std::string Canonical(std::string_view label) {
  auto p = ParsePeriod(label);
  return p ? p->Label() : "<invalid>";
}

TEST(PeriodTest, ParsesEveryPublishedForm) {
  EXPECT_EQ(Canonical("2023"), "2023");
  EXPECT_EQ(Canonical(" 2023/24 "), "2023/24");
  EXPECT_EQ(Canonical("1999/00"), "1999/00");
  EXPECT_EQ(Canonical("2021/22-23/24"), "2021/22-23/24");
  EXPECT_EQ(Canonical("2018-20"), "2018-20");
  EXPECT_EQ(Canonical("2018 - 20"), "2018-20");
  EXPECT_EQ(Canonical("2018-2020"), "2018-20");
  EXPECT_EQ(Canonical("2023 Q1"), "2023 Q1");
  EXPECT_EQ(Canonical("2023/24 Q2"), "2023/24 Q2");
  EXPECT_EQ(Canonical("2023-05"), "May 2023");
  EXPECT_EQ(Canonical("May 2023"), "May 2023");
  EXPECT_EQ(Canonical("september 2023"), "Sep 2023");
  EXPECT_EQ(Canonical("2008-05"), "May 2008");
  EXPECT_EQ(ParsePeriod("2021/22-23/24")->years, 3);
  EXPECT_TRUE(ParsePeriod("2023/24")->IsSingleYear());
  EXPECT_FALSE(ParsePeriod("2018-20")->IsSingleYear());
}

TEST(PeriodTest, RejectsMalformedLabels) {
  for (const char* bad : {"", "23", "2023/25", "2023/2024x", "20x3", "2023 Q5", "2023/24 Q0",
                          "2023-2023", "Mayo 2023", "2023-", "2023/24-22/23", "1066",
                          "0223/24 Q4", "0223/24-25/26"}) {
    EXPECT_FALSE(ParsePeriod(bad).has_value()) << bad;
  }
}

TEST(PeriodTest, SortsInTimeOrder) {
  std::vector<std::string> labels = {"2024", "2023/24", "2022", "2021/22-23/24", "2023 Q4",
                                     "2023-01", "2023/24 Q1", "2022/23", "2023"};
  std::vector<Period> periods;
  periods.reserve(labels.size());
  for (const auto& l : labels) periods.push_back(*ParsePeriod(l));
  std::sort(periods.begin(), periods.end());
  std::vector<std::string> sorted;
  sorted.reserve(periods.size());
  for (const auto& p : periods) sorted.push_back(p.Label());
  EXPECT_EQ(sorted, (std::vector<std::string>{"2022", "Jan 2023", "2022/23", "2023/24 Q1", "2023 Q4",
                                              "2023", "2023/24", "2021/22-23/24", "2024"}));
}

TEST(PeriodTest, PreviousPeriod) {
  EXPECT_EQ(ParsePeriod("2023/24")->Previous().Label(), "2022/23");
  EXPECT_EQ(ParsePeriod("2023")->Previous().Label(), "2022");
  EXPECT_EQ(ParsePeriod("2023 Q1")->Previous().Label(), "2022 Q4");
  EXPECT_EQ(ParsePeriod("2023-01")->Previous().Label(), "Dec 2022");
}

// Regression (found by fuzzing): the month label "2003-08" read back as the pooled years
// 2003 to 2008, so months were labelled in a form that could not be misread.
TEST(PeriodTest, EveryCanonicalLabelReadsBackToItsPeriod) {
  for (int year : {1999, 2000, 2003, 2011, 2012, 2023}) {
    for (int month = 1; month <= 12; ++month) {
      const Period p{PeriodKind::kMonth, year, 1, month, false};
      const auto back = ParsePeriod(p.Label());
      ASSERT_TRUE(back.has_value()) << p.Label();
      EXPECT_EQ(*back, p) << p.Label();
    }
  }
  EXPECT_EQ(ParsePeriod("2003-08")->years, 6);  // the ISO-looking form stays a pooled period
  EXPECT_EQ(Canonical("1899-1905"), "1899-1905");  // across a century: the end year in full
  EXPECT_EQ(Canonical("1998-2002"), "1998-2002");
  EXPECT_EQ(Canonical("1998-01"), "Jan 1998");
  for (int start : {1899, 1995, 1999, 2000, 2090}) {
    for (int years = 2; years <= 20; ++years) {
      const Period p{PeriodKind::kCalendarYear, start, years, 0, false};
      const auto back = ParsePeriod(p.Label());
      ASSERT_TRUE(back.has_value()) << p.Label();
      EXPECT_EQ(*back, p) << p.Label();
    }
  }
  EXPECT_EQ(ParsePeriod("Aug 2003")->kind, PeriodKind::kMonth);
}

TEST(PeriodTest, ParsesEesPeriods) {
  EXPECT_EQ(ParseEesPeriod("202324", "Academic year")->Label(), "2023/24");
  EXPECT_EQ(ParseEesPeriod("202324", "Financial year")->Label(), "2023/24");
  EXPECT_EQ(ParseEesPeriod("2025", "Reporting year")->Label(), "2025");
  EXPECT_EQ(ParseEesPeriod("2023", "Calendar year")->Label(), "2023");
  EXPECT_EQ(ParseEesPeriod("2023", "Q2")->Label(), "2023 Q2");
  EXPECT_FALSE(ParseEesPeriod("202325", "Academic year"));
  EXPECT_FALSE(ParseEesPeriod("2023", "Academic year"));
  EXPECT_FALSE(ParseEesPeriod("20234", "Calendar year"));
}

}  // namespace
}  // namespace waymark
