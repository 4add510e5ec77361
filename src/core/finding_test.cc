// Tests of "you said, we did": names both ways, every rule of CheckFinding on both sides, the
// titles of answer targets, and a change refused unless made against the stored version.
#include "core/finding.h"

#include <string>

#include <gtest/gtest.h>

#include "core/field_errors_test_util.h"

namespace waymark {
namespace {

using testing::HasField;

Plan SmallPlan() {
  Plan plan;
  plan.id = "p";
  Outcome o{"safe", "Safe", "", OutcomeKind::kOutcome, {}, {}, {}};
  Objective obj{"streets", "Safe streets", "", {}, {}};
  obj.actions = {{"lights", "Better street lighting", {}, {}}};
  o.objectives = {obj};
  plan.outcomes = {o};
  return plan;
}

Finding SampleFinding() {
  Finding f;
  f.plan_id = "p";
  f.outcome_id = "safe";
  f.said = "We do not feel safe walking home after dark.";
  f.source = FindingSource::kSurvey;
  f.source_name = "Young People's Perception Survey 2017";
  f.date = *Date::Parse("2017-06-30");
  f.participants = 1500;
  f.answers = {{"action:lights", AnswerKind::kWeDid, "We put in brighter lights on 12 streets.",
                *Date::Parse("2019-03-01"), "Community Safety", true}};
  return f;
}

TEST(Finding, NamesRoundTrip) {
  for (FindingSource s : kAllFindingSources) {
    EXPECT_EQ(ParseFindingSource(FindingSourceName(s)), s);
    EXPECT_FALSE(FindingSourceLabel(s).empty());
  }
  for (AnswerKind k : kAllAnswerKinds) {
    EXPECT_EQ(ParseAnswerKind(AnswerKindName(k)), k);
  }
  EXPECT_EQ(AnswerKindLabel(AnswerKind::kWeCannot), "We cannot");
  EXPECT_EQ(ParseFindingSource("Survey"), std::nullopt);
  EXPECT_EQ(ParseAnswerKind("we did"), std::nullopt);
}

TEST(Finding, TheSampleIsSound) {
  const FieldErrors errors = CheckFinding(SampleFinding(), SmallPlan());
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].field + ": " + errors[0].message);
}

TEST(Finding, AKeyIsOptionalButASlugWhenGiven) {
  Finding f = SampleFinding();
  f.key = "";
  EXPECT_FALSE(HasField(CheckFinding(f, SmallPlan()), "key"));
  f.key = "safe-walking-home";
  EXPECT_FALSE(HasField(CheckFinding(f, SmallPlan()), "key"));
  for (const char* bad : {"Safe", "safe walking", "safe-", "-safe"}) {
    f.key = bad;
    EXPECT_TRUE(HasField(CheckFinding(f, SmallPlan()), "key")) << bad;
  }
  f.key = std::string(64, 'a');
  EXPECT_FALSE(HasField(CheckFinding(f, SmallPlan()), "key"));
  f.key = std::string(65, 'a');
  EXPECT_TRUE(HasField(CheckFinding(f, SmallPlan()), "key"));
}

TEST(Finding, TargetsAreObjectivesAndActionsOfThePlan) {
  const Plan plan = SmallPlan();
  EXPECT_EQ(FindingTargetTitle(plan, "action:lights"), "Better street lighting");
  EXPECT_EQ(FindingTargetTitle(plan, "objective:streets"), "Safe streets");
  EXPECT_EQ(FindingTargetTitle(plan, "action:streets"), "");
  EXPECT_EQ(FindingTargetTitle(plan, "outcome:safe"), "");
  EXPECT_EQ(FindingTargetTitle(plan, "lights"), "");
  Finding f = SampleFinding();
  f.answers.push_back(f.answers[0]);
  EXPECT_TRUE(HasField(CheckFinding(f, plan), "answers[1].target"));  // answered twice
  f.answers[1].target = "objective:streets";
  EXPECT_TRUE(CheckFinding(f, plan).empty());
  f.answers[1].target = "action:nowhere";
  EXPECT_TRUE(HasField(CheckFinding(f, plan), "answers[1].target"));
}

TEST(Finding, EveryFieldIsCheckedOnBothSidesOfItsLimit) {
  const Plan plan = SmallPlan();
  Finding f = SampleFinding();
  f.outcome_id = "nowhere";
  f.said = "";
  f.source_name = std::string(kMaxFindingName + 1, 'a');
  f.date = Date{2017, 2, 30};
  f.participants = -1;
  FieldErrors e = CheckFinding(f, plan);
  for (const char* field : {"outcome", "said", "source_name", "date", "participants"}) {
    EXPECT_TRUE(HasField(e, field)) << field;
  }
  f = SampleFinding();
  f.said = std::string(kMaxFindingSaid, 'a');
  f.source_name = std::string(kMaxFindingName, 'a');
  f.participants = kMaxFindingParticipants;
  EXPECT_TRUE(CheckFinding(f, plan).empty());
  f.said = std::string(kMaxFindingSaid + 1, 'a');
  f.participants = kMaxFindingParticipants + 1;
  e = CheckFinding(f, plan);
  EXPECT_TRUE(HasField(e, "said"));
  EXPECT_TRUE(HasField(e, "participants"));
  f = SampleFinding();
  f.participants = 0;  // not known
  f.said = "Line one\nline two";
  EXPECT_TRUE(CheckFinding(f, plan).empty());
  f.source_name = "Forum\nsecond line";  // one line only
  EXPECT_TRUE(HasField(CheckFinding(f, plan), "source_name"));
}

TEST(Finding, AnAnswerSaysWhatWasDoneWhenAndByWhom) {
  const Plan plan = SmallPlan();
  Finding f = SampleFinding();
  f.answers[0].text = "";
  f.answers[0].date = Date{};
  f.answers[0].answered_by = "";
  FieldErrors e = CheckFinding(f, plan);
  for (const char* field : {"answers[0].text", "answers[0].date", "answers[0].answered_by"}) {
    EXPECT_TRUE(HasField(e, field)) << field;
  }
  f = SampleFinding();
  f.answers[0].date = *Date::Parse("2017-06-29");  // the day before it was said
  EXPECT_TRUE(HasField(CheckFinding(f, plan), "answers[0].date"));
  f.answers[0].date = f.date;  // the same day is fine
  EXPECT_TRUE(CheckFinding(f, plan).empty());
  f.answers[0].text = std::string(kMaxFindingAnswer + 1, 'a');
  EXPECT_TRUE(HasField(CheckFinding(f, plan), "answers[0].text"));
  f.answers[0].text = "bell\a";
  EXPECT_TRUE(HasField(CheckFinding(f, plan), "answers[0].text"));
}

TEST(Finding, WeCannotSaysWhy) {
  const Plan plan = SmallPlan();
  Finding f = SampleFinding();
  f.answers[0].kind = AnswerKind::kWeCannot;
  f.answers[0].text = "The lights are not ours.";
  FieldErrors e = CheckFinding(f, plan);
  ASSERT_TRUE(HasField(e, "answers[0].text"));
  EXPECT_EQ(e[0].message, "Say why it cannot be done, with \"because\"");
  f.answers[0].text = "We cannot, Because the lights belong to the highways authority.";
  EXPECT_TRUE(CheckFinding(f, plan).empty());
}

TEST(Finding, AChangeIsSavedOnlyAgainstTheStoredVersion) {
  Finding stored = SampleFinding();
  stored.version = 3;
  EXPECT_EQ(CheckFindingVersion(stored, 3), std::nullopt);
  for (int expected : {0, 2, 4, -1}) {
    const auto refused = CheckFindingVersion(stored, expected);
    ASSERT_TRUE(refused) << expected;
    EXPECT_EQ(refused->field, "version");
    EXPECT_EQ(refused->message,
              "Someone else changed this finding after you opened it (it is now at version 3, "
              "you opened version " + std::to_string(expected) + ")");
  }
  stored.version = 1;
  EXPECT_EQ(CheckFindingVersion(stored, 1), std::nullopt);
  EXPECT_TRUE(CheckFindingVersion(stored, 2));
}

TEST(Finding, TheSameContentIgnoresIdAndVersionOnly) {
  Finding a = SampleFinding();
  Finding b = SampleFinding();
  b.id = 7;
  b.version = 4;
  EXPECT_TRUE(SameFindingContent(a, b));
  EXPECT_TRUE(SameFindingContent(b, a));
  EXPECT_NE(a, b);
  b.said = "Something else.";
  EXPECT_FALSE(SameFindingContent(a, b));
  b = SampleFinding();
  b.answers[0].illustrative = false;
  EXPECT_FALSE(SameFindingContent(a, b));
}

TEST(Date, IsRealDateOnBothSides) {
  EXPECT_TRUE(IsRealDate(Date{2024, 2, 29}));
  EXPECT_FALSE(IsRealDate(Date{2023, 2, 29}));
  EXPECT_FALSE(IsRealDate(Date{}));
  EXPECT_FALSE(IsRealDate(Date{2024, 13, 1}));
  EXPECT_FALSE(IsRealDate(Date{10000, 1, 1}));
  EXPECT_TRUE(IsRealDate(Date{1, 1, 1}));
}

}  // namespace
}  // namespace waymark
