// Tests of the core types: errors, dates, slugs, directions and the clock.
#include <gtest/gtest.h>

#include <set>
#include <string_view>

#include "core/clock.h"
#include "core/plan.h"
#include "core/result.h"

namespace waymark {
namespace {

TEST(ErrorTest, FormatsAsMuchOfThePositionAsIsKnown) {
  EXPECT_EQ((Error{ErrorCode::kParse, "bad", {"plan.toml", 3, 7}}).ToString(),
            "plan.toml:3:7: bad");
  EXPECT_EQ((Error{ErrorCode::kParse, "bad", {"plan.toml", 3, 0}}).ToString(), "plan.toml:3: bad");
  EXPECT_EQ((Error{ErrorCode::kIo, "gone", {"plan.toml", 0, 0}}).ToString(), "plan.toml: gone");
  EXPECT_EQ((Error{ErrorCode::kIo, "gone", {}}).ToString(), "gone");
}

Result<int> Half(int n) {
  if (n % 2 != 0) return MakeError(ErrorCode::kInvalidArgument, "odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  WAYMARK_ASSIGN_OR_RETURN(int half, Half(n));
  WAYMARK_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(ResultTest, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  ASSERT_FALSE(Quarter(6).has_value());
  EXPECT_EQ(Quarter(6).error().message, "odd");
  EXPECT_EQ(Quarter(6).error().code, ErrorCode::kInvalidArgument);
}

TEST(SlugTest, AcceptsLowercaseDigitsAndInnerHyphens) {
  EXPECT_TRUE(IsValidSlug("barnet-2019-23"));
  EXPECT_TRUE(IsValidSlug("a"));
  EXPECT_TRUE(IsValidSlug("9"));
  EXPECT_TRUE(IsValidSlug(std::string(64, 'a')));
}

TEST(SlugTest, RejectsEverythingElse) {
  EXPECT_FALSE(IsValidSlug(""));
  EXPECT_FALSE(IsValidSlug(std::string(65, 'a')));
  EXPECT_FALSE(IsValidSlug("-lead"));
  EXPECT_FALSE(IsValidSlug("trail-"));
  EXPECT_FALSE(IsValidSlug("Upper"));
  EXPECT_FALSE(IsValidSlug("with space"));
  EXPECT_FALSE(IsValidSlug("under_score"));
  EXPECT_FALSE(IsValidSlug("caf\xc3\xa9"));
}

TEST(DateTest, ParsesValidCalendarDates) {
  EXPECT_EQ(Date::Parse("2019-04-01"), (Date{2019, 4, 1}));
  EXPECT_EQ(Date::Parse("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2019, 4, 1}).ToString(), "2019-04-01");
}

TEST(DateTest, RejectsInvalidDates) {
  EXPECT_FALSE(Date::Parse("2023-02-29"));
  EXPECT_FALSE(Date::Parse("2019-13-01"));
  EXPECT_FALSE(Date::Parse("2019-4-1"));
  EXPECT_FALSE(Date::Parse("2019/04/01"));
  EXPECT_FALSE(Date::Parse(""));
  EXPECT_FALSE(Date::Parse("20x9-04-01"));
}

TEST(DateTest, OrdersChronologically) {
  EXPECT_LT((Date{2019, 4, 1}), (Date{2019, 4, 2}));
  EXPECT_LT((Date{2019, 12, 31}), (Date{2020, 1, 1}));
}

TEST(PartialDateTest, ParsesAYearAMonthOrADay) {
  EXPECT_EQ(PartialDate::Parse("2023"), (PartialDate{2023, 0, 0}));
  EXPECT_EQ(PartialDate::Parse("2023-03"), (PartialDate{2023, 3, 0}));
  EXPECT_EQ(PartialDate::Parse("2024-02-29"), (PartialDate{2024, 2, 29}));
  for (const char* text : {"2023", "2023-03", "2013-03-14"}) {
    EXPECT_EQ(PartialDate::Parse(text)->ToString(), text);
  }
}

TEST(PartialDateTest, RejectsWhatIsNotADate) {
  for (const char* text : {"", "23", "2023-3", "2023-13", "2023-00", "2023-02-30", "2023-03-1",
                           "March 2023", "2023/03", "0000", "2023-03-14T10:00"}) {
    EXPECT_FALSE(PartialDate::Parse(text).has_value()) << text;
  }
}

TEST(TextKindTest, RoundTripsNames) {
  for (TextKind k : {TextKind::kForeword, TextKind::kWelcome, TextKind::kIntroduction,
                     TextKind::kPledge}) {
    EXPECT_EQ(ParseTextKind(TextKindName(k)), k);
  }
  EXPECT_FALSE(ParseTextKind("preface").has_value());
}

TEST(AimKindTest, RoundTripsNames) {
  for (AimKind k : {AimKind::kObjective, AimKind::kPriority, AimKind::kAmbition, AimKind::kTheme}) {
    EXPECT_EQ(ParseAimKind(AimKindName(k)), k);
  }
  EXPECT_FALSE(ParseAimKind("Priority").has_value());
  EXPECT_FALSE(ParseAimKind("").has_value());
}

TEST(DirectionTest, RoundTripsNames) {
  for (Direction d : {Direction::kIncrease, Direction::kDecrease, Direction::kMaintain,
                      Direction::kNotStated}) {
    EXPECT_EQ(ParseDirection(DirectionName(d)), d);
  }
  EXPECT_EQ(DirectionName(Direction::kNotStated), "not stated");
  EXPECT_FALSE(ParseDirection("up"));
  EXPECT_FALSE(ParseDirection("not-stated"));
  EXPECT_FALSE(ParseDirection("Increase"));
}

TEST(ClockTest, FormatsUtc) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(1795378500), "2026-11-22T20:15:00Z");
  FixedClock clock(100);
  clock.Advance(5);
  EXPECT_EQ(clock.NowUnixSeconds(), 105);
}

TEST(OutcomeKindTest, EveryKindHasANameThatReadsBack) {
  for (OutcomeKind k : {OutcomeKind::kOutcome, OutcomeKind::kTheme, OutcomeKind::kStage,
                        OutcomeKind::kPriority}) {
    EXPECT_EQ(ParseOutcomeKind(OutcomeKindName(k)), k);
  }
  EXPECT_EQ(OutcomeKindName(OutcomeKind::kPriority), "priority");
  EXPECT_EQ(ParseOutcomeKind("Priority"), std::nullopt);
  EXPECT_EQ(ParseOutcomeKind("driver"), std::nullopt);
}

TEST(PlanRecordKindTest, EveryKindHasANameThatReadsBack) {
  std::set<std::string_view> names;
  for (int k = 0; k <= static_cast<int>(PlanRecordKind::kIndexMeasure); ++k) {
    const auto kind = static_cast<PlanRecordKind>(k);
    EXPECT_EQ(ParsePlanRecordKind(PlanRecordKindName(kind)), kind) << k;
    names.insert(PlanRecordKindName(kind));
  }
  EXPECT_EQ(names.size(), 14u);  // no two kinds share a name
  EXPECT_EQ(PlanRecordKindName(PlanRecordKind::kStrategyObjective), "strategy objective");
  EXPECT_EQ(ParsePlanRecordKind("Action"), std::nullopt);
  EXPECT_EQ(ParsePlanRecordKind(""), std::nullopt);
}

}  // namespace
}  // namespace waymark
