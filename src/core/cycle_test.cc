// Tests of reporting cycles and action updates: names, the checks of the cycle and update forms
// (both sides of every limit, hostile input), who may write and read updates, the save rule,
// standings and counts, and when the evidence and the update disagree.
#include "core/cycle.h"

#include <gtest/gtest.h>

#include "core/field_errors_test_util.h"

namespace waymark {
namespace {

using testing::HasError;
using testing::HasField;
using testing::Repeat;

CycleInput GoodCycle() { return {"2025–26 Q2", "2025-07-01", "2025-09-30", "2025-10-31"}; }

ActionUpdateInput GoodUpdate() {
  return {"on-track", "Going well.\nMore next month.",
          "https://example.org/report\nhttp://barnet.gov.uk/minutes?id=3", "Hold the review",
          "2026-03-31"};
}

ReportingCycle Cycle(std::int64_t id, CycleState state, Date to, Date due = {2026, 1, 31}) {
  ReportingCycle cycle;
  cycle.id = id;
  cycle.plan_id = "p";
  cycle.name = "Cycle " + std::to_string(id);
  cycle.from = {2025, 1, 1};
  cycle.to = to;
  cycle.due = due;
  cycle.state = state;
  return cycle;
}

Principal PersonOf(std::optional<Role> role, std::string organisation = "") {
  Principal p;
  p.user_id = role ? 1 : 0;
  p.email = role ? "someone@example.org" : "";
  p.organisation = std::move(organisation);
  p.role = role;
  return p;
}

Action SharedAction() { return Action{"a-1", "Do the thing", {"fs", "police"}, {"board"}}; }

// --- names ---

TEST(CycleNames, StatusNamesAndLabelsRoundTrip) {
  const std::vector<std::string_view> names = {"not-started", "on-track", "at-risk",
                                               "off-track",   "complete", "dropped"};
  const std::vector<std::string_view> labels = {"Not started", "On track", "At risk",
                                                "Off track",   "Complete", "Dropped"};
  for (std::size_t i = 0; i < kAllActionStatuses.size(); ++i) {
    EXPECT_EQ(ActionStatusName(kAllActionStatuses[i]), names[i]);
    EXPECT_EQ(ActionStatusLabel(kAllActionStatuses[i]), labels[i]);
    EXPECT_EQ(ParseActionStatus(names[i]), kAllActionStatuses[i]);
  }
  for (std::string_view bad : {"", "On track", "on_track", "ON-TRACK", "done"}) {
    EXPECT_FALSE(ParseActionStatus(bad).has_value()) << bad;
  }
}

TEST(CycleNames, CycleAndUpdateStatesRoundTrip) {
  EXPECT_EQ(CycleStateName(CycleState::kOpen), "open");
  EXPECT_EQ(CycleStateName(CycleState::kClosed), "closed");
  EXPECT_EQ(ParseCycleState("open"), CycleState::kOpen);
  EXPECT_EQ(ParseCycleState("closed"), CycleState::kClosed);
  EXPECT_FALSE(ParseCycleState("Open").has_value());
  EXPECT_EQ(UpdateStateName(UpdateState::kDraft), "draft");
  EXPECT_EQ(UpdateStateName(UpdateState::kSubmitted), "submitted");
  EXPECT_EQ(ParseUpdateState("draft"), UpdateState::kDraft);
  EXPECT_EQ(ParseUpdateState("submitted"), UpdateState::kSubmitted);
  EXPECT_FALSE(ParseUpdateState("").has_value());
}

// --- cycles ---

TEST(CheckCycleInput, AGoodCycleIsAcceptedAsAnOpenCycleOfThePlan) {
  const CycleCheck check = CheckCycleInput("barnet-2019-23", GoodCycle());
  EXPECT_TRUE(check.errors.empty());
  EXPECT_EQ(check.cycle.plan_id, "barnet-2019-23");
  EXPECT_EQ(check.cycle.name, "2025–26 Q2");
  EXPECT_EQ(check.cycle.from, (Date{2025, 7, 1}));
  EXPECT_EQ(check.cycle.to, (Date{2025, 9, 30}));
  EXPECT_EQ(check.cycle.due, (Date{2025, 10, 31}));
  EXPECT_EQ(check.cycle.state, CycleState::kOpen);
  EXPECT_EQ(check.cycle.id, 0);
  EXPECT_EQ(check.cycle.opened_at, "");
}

TEST(CheckCycleInput, TheNameHasOneToEightyCharacters) {
  CycleInput input = GoodCycle();
  input.name = "   ";
  EXPECT_TRUE(HasError(CheckCycleInput("p", input).errors, "name", "Enter a name for the cycle"));
  input.name = "Q";
  EXPECT_TRUE(CheckCycleInput("p", input).errors.empty());
  input.name = Repeat("é", 80);  // 80 characters, 160 bytes
  EXPECT_TRUE(CheckCycleInput("p", input).errors.empty());
  input.name = Repeat("😀", 80);  // four bytes each
  EXPECT_TRUE(CheckCycleInput("p", input).errors.empty());
  input.name = Repeat("é", 81);
  EXPECT_TRUE(
      HasError(CheckCycleInput("p", input).errors, "name", "Name must be 80 characters or fewer"));
  input.name = "  Q3  ";
  EXPECT_EQ(CheckCycleInput("p", input).cycle.name, "Q3");
}

TEST(CheckCycleInput, TheNameRefusesControlCharactersAndBrokenUtf8) {
  CycleInput input = GoodCycle();
  for (const std::string& bad : {std::string("Q1\nQ2"), std::string("Q1\tQ2"), std::string("Q\x7f"),
                                 std::string("Q\0x", 3)}) {
    input.name = bad;
    EXPECT_TRUE(HasError(CheckCycleInput("p", input).errors, "name",
                         "Name must not contain control characters"))
        << bad;
  }
  for (const std::string& bad :
       {std::string("Q\xff"), std::string("Q\xc3"), std::string("\xc0\xaf"),
        std::string("\xed\xa0\x80"), std::string("\xf4\x90\x80\x80"), std::string("\xe2\x82"),
        std::string("\xf0\x9f\x98")}) {
    input.name = bad;
    EXPECT_TRUE(
        HasError(CheckCycleInput("p", input).errors, "name", "Name must be plain text (UTF-8)"));
  }
}

TEST(CheckCycleInput, DatesMustBeRealCalendarDates) {
  CycleInput input = GoodCycle();
  input.from = "2026-02-31";
  input.to = "31/02";
  input.due = "";
  const FieldErrors errors = CheckCycleInput("p", input).errors;
  EXPECT_TRUE(HasError(errors, "from", "Enter a real date, for example 2026-03-31"));
  EXPECT_TRUE(HasError(errors, "to", "Enter a real date, for example 2026-03-31"));
  EXPECT_TRUE(HasError(errors, "due", "Enter the date updates are due"));
  EXPECT_FALSE(HasField(errors, "name"));
  input = GoodCycle();
  input.from = "2024-02-29";  // a leap day
  EXPECT_TRUE(CheckCycleInput("p", input).errors.empty());
  input.from = "2025-02-29";
  EXPECT_TRUE(HasField(CheckCycleInput("p", input).errors, "from"));
}

TEST(CheckCycleInput, FromIsNotAfterToWhichIsNotAfterDue) {
  CycleInput input = GoodCycle();
  input.to = input.from;
  input.due = input.to;  // all the same day: accepted
  EXPECT_TRUE(CheckCycleInput("p", input).errors.empty());
  input = GoodCycle();
  input.to = "2025-06-30";  // the day before from
  FieldErrors errors = CheckCycleInput("p", input).errors;
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "to");
  input = GoodCycle();
  input.due = "2025-09-29";  // the day before to
  errors = CheckCycleInput("p", input).errors;
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "due");
  EXPECT_EQ(errors[0].message, "The due date must be the same as or after the end date");
}

TEST(CurrentCycle, IsTheOpenOneElseTheOneThatEndedLast) {
  EXPECT_EQ(CurrentCycle({}), nullptr);
  std::vector<ReportingCycle> cycles = {Cycle(1, CycleState::kClosed, {2025, 3, 31}),
                                        Cycle(2, CycleState::kOpen, {2025, 6, 30}),
                                        Cycle(3, CycleState::kClosed, {2025, 9, 30})};
  EXPECT_EQ(CurrentCycle(cycles)->id, 2);
  cycles[1].state = CycleState::kClosed;
  EXPECT_EQ(CurrentCycle(cycles)->id, 3);
  cycles.push_back(Cycle(4, CycleState::kClosed, {2025, 9, 30}));  // same end: higher id
  EXPECT_EQ(CurrentCycle(cycles)->id, 4);
  cycles.push_back(Cycle(0, CycleState::kClosed, {2025, 9, 30}));
  EXPECT_EQ(CurrentCycle(cycles)->id, 4);
}

TEST(CycleOverdue, OnlyAnOpenCycleAfterItsDueDate) {
  ReportingCycle cycle = Cycle(1, CycleState::kOpen, {2025, 9, 30}, {2025, 10, 31});
  EXPECT_FALSE(CycleOverdue(cycle, {2025, 10, 30}));
  EXPECT_FALSE(CycleOverdue(cycle, {2025, 10, 31}));  // due today: not yet overdue
  EXPECT_TRUE(CycleOverdue(cycle, {2025, 11, 1}));
  EXPECT_TRUE(CycleOverdue(cycle, {2026, 1, 1}));
  cycle.state = CycleState::kClosed;
  EXPECT_FALSE(CycleOverdue(cycle, {2026, 1, 1}));
}

TEST(DateOfUnixSeconds, GivesTheUtcCalendarDate) {
  EXPECT_EQ(DateOfUnixSeconds(0), (Date{1970, 1, 1}));
  EXPECT_EQ(DateOfUnixSeconds(86399), (Date{1970, 1, 1}));
  EXPECT_EQ(DateOfUnixSeconds(86400), (Date{1970, 1, 2}));
  EXPECT_EQ(DateOfUnixSeconds(951782400), (Date{2000, 2, 29}));  // a leap century
  EXPECT_EQ(DateOfUnixSeconds(951868800), (Date{2000, 3, 1}));
  EXPECT_EQ(DateOfUnixSeconds(1709164800), (Date{2024, 2, 29}));
  EXPECT_EQ(DateOfUnixSeconds(1709251199), (Date{2024, 2, 29}));
  EXPECT_EQ(DateOfUnixSeconds(1709251200), (Date{2024, 3, 1}));
  EXPECT_EQ(DateOfUnixSeconds(1677628800), (Date{2023, 3, 1}));  // 2023 has no 29 February
  EXPECT_EQ(DateOfUnixSeconds(4107542400), (Date{2100, 3, 1}));  // 2100 is not a leap year
  EXPECT_EQ(DateOfUnixSeconds(1795378500), (Date{2026, 11, 22}));
  EXPECT_EQ(DateOfUnixSeconds(-1), (Date{1969, 12, 31}));
}

// --- updates ---

TEST(CheckActionUpdate, AGoodUpdateIsAcceptedWithEveryField) {
  const ActionUpdateCheck check = CheckActionUpdate(GoodUpdate(), true);
  EXPECT_TRUE(check.errors.empty());
  EXPECT_EQ(check.fields.status, ActionStatus::kOnTrack);
  EXPECT_EQ(check.fields.narrative, "Going well.\nMore next month.");
  EXPECT_EQ(check.fields.evidence, (std::vector<std::string>{"https://example.org/report",
                                                             "http://barnet.gov.uk/minutes?id=3"}));
  EXPECT_EQ(check.fields.next_steps, "Hold the review");
  EXPECT_EQ(check.fields.expected_completion, (Date{2026, 3, 31}));
}

TEST(CheckActionUpdate, ADraftMayBeEmptyButASubmissionNeedsStatusAndNarrative) {
  const ActionUpdateCheck draft = CheckActionUpdate({}, false);
  EXPECT_TRUE(draft.errors.empty());
  EXPECT_EQ(draft.fields, ActionUpdateFields{});
  const FieldErrors errors = CheckActionUpdate({"", "  \n ", "", "", ""}, true).errors;
  EXPECT_EQ(errors.size(), 2u);
  EXPECT_TRUE(HasField(errors, "status"));
  EXPECT_TRUE(HasError(errors, "narrative", "Enter a narrative of how the action is going"));
}

TEST(CheckActionUpdate, AnUnknownStatusIsRefused) {
  ActionUpdateInput input = GoodUpdate();
  input.status = "on track";
  EXPECT_TRUE(
      HasError(CheckActionUpdate(input, false).errors, "status", "Select a status from the list"));
  for (ActionStatus status : kAllActionStatuses) {
    input.status = std::string(ActionStatusName(status));
    const ActionUpdateCheck check = CheckActionUpdate(input, true);
    EXPECT_TRUE(check.errors.empty());
    EXPECT_EQ(check.fields.status, status);
  }
}

TEST(CheckActionUpdate, TheNarrativeHasAtMostFiveThousandCharacters) {
  ActionUpdateInput input = GoodUpdate();
  input.narrative = Repeat("é", 5000);  // characters, not bytes
  EXPECT_TRUE(CheckActionUpdate(input, true).errors.empty());
  input.narrative = Repeat("é", 5001);
  EXPECT_TRUE(HasError(CheckActionUpdate(input, true).errors, "narrative",
                       "Narrative must be 5,000 characters or fewer"));
  input.narrative = std::string(1 << 20, 'x');  // 1 MB
  const FieldErrors errors = CheckActionUpdate(input, true).errors;
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "narrative");
}

TEST(CheckActionUpdate, BrowserLineBreaksCountAsOneCharacter) {
  ActionUpdateInput input = GoodUpdate();
  input.narrative = Repeat("ab\r\n", 1666) + "ab";  // 5000 characters once "\r\n" is "\n"
  const ActionUpdateCheck check = CheckActionUpdate(input, true);
  EXPECT_TRUE(check.errors.empty());
  EXPECT_EQ(check.fields.narrative, Repeat("ab\n", 1666) + "ab");
}

TEST(CheckActionUpdate, TextRefusesControlCharactersAndBrokenUtf8) {
  ActionUpdateInput input = GoodUpdate();
  input.narrative = "Line one\nLine two\r\n\tindented";  // line breaks and tabs are fine
  EXPECT_TRUE(CheckActionUpdate(input, true).errors.empty());
  input.narrative = std::string("bell\x07");
  EXPECT_TRUE(HasError(CheckActionUpdate(input, true).errors, "narrative",
                       "Narrative must not contain control characters"));
  input.narrative = std::string("nul\0here", 8);
  EXPECT_TRUE(HasField(CheckActionUpdate(input, true).errors, "narrative"));
  input.narrative = "caf\xe9";  // Latin-1, not UTF-8
  EXPECT_TRUE(HasError(CheckActionUpdate(input, true).errors, "narrative",
                       "Narrative must be plain text (UTF-8)"));
  input = GoodUpdate();
  input.next_steps = std::string("esc\x1b[31m");
  EXPECT_TRUE(HasError(CheckActionUpdate(input, false).errors, "next_steps",
                       "Next steps must not contain control characters"));
  input.next_steps = Repeat("x", 2000);
  EXPECT_TRUE(CheckActionUpdate(input, false).errors.empty());
  input.next_steps = Repeat("x", 2001);
  EXPECT_TRUE(HasError(CheckActionUpdate(input, false).errors, "next_steps",
                       "Next steps must be 2,000 characters or fewer"));
}

TEST(CheckActionUpdate, EvidenceIsOneLinkALineTrimmedWithBlankLinesIgnored) {
  ActionUpdateInput input = GoodUpdate();
  input.evidence = "\r\n  https://a.example/x  \r\n\r\n\thttps://b.example\n\n";
  const ActionUpdateCheck check = CheckActionUpdate(input, true);
  EXPECT_TRUE(check.errors.empty());
  EXPECT_EQ(check.fields.evidence,
            (std::vector<std::string>{"https://a.example/x", "https://b.example"}));
  input.evidence = "HTTPS://Example.org/Report\nhttp://user@host.example:8080/p#s";
  EXPECT_TRUE(CheckActionUpdate(input, true).errors.empty());
}

TEST(CheckActionUpdate, EvidenceLinksMustBeHttpOrHttpsNamingTheLine) {
  ActionUpdateInput input = GoodUpdate();
  input.evidence =
      "https://ok.example\njavascript:alert(1)\ndata:text/html,<b>x</b>\nftp://files.example/a";
  const FieldErrors errors = CheckActionUpdate(input, true).errors;
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_TRUE(HasError(errors, "evidence", "Evidence link 2 must start with http:// or https://"));
  EXPECT_TRUE(HasError(errors, "evidence", "Evidence link 3 must start with http:// or https://"));
  EXPECT_TRUE(HasError(errors, "evidence", "Evidence link 4 must start with http:// or https://"));
  input.evidence = "\n\nexample.org/report";  // the line number counts blank lines
  EXPECT_TRUE(HasError(CheckActionUpdate(input, true).errors, "evidence",
                       "Evidence link 3 must start with http:// or https://"));
}

TEST(CheckActionUpdate, EvidenceLinksNeedAHostAndNoSpaces) {
  ActionUpdateInput input = GoodUpdate();
  for (std::string bad : {"https://", "http:///path", "https://:443/", "https://user@/x",
                          "https://?q=1", "https://#top"}) {
    input.evidence = bad;
    const FieldErrors errors = CheckActionUpdate(input, true).errors;
    ASSERT_EQ(errors.size(), 1u) << bad;
    EXPECT_EQ(errors[0].message,
              "Evidence link 1 must include a website name, like https://example.org")
        << bad;
  }
  for (const std::string& bad :
       {std::string("https://a.example/a b"), std::string("https://a\x01.example"),
        std::string("https://a.example/\x7f")}) {
    input.evidence = bad;
    EXPECT_TRUE(HasError(CheckActionUpdate(input, true).errors, "evidence",
                         "Evidence link 1 must not contain spaces or control characters"))
        << bad;
  }
  input.evidence = "https://a.example/\xff";
  EXPECT_TRUE(HasError(CheckActionUpdate(input, true).errors, "evidence",
                       "Evidence link 1 must be plain text (UTF-8)"));
  input.evidence = "https://例え.jp/報告";
  EXPECT_TRUE(CheckActionUpdate(input, true).errors.empty());
}

TEST(CheckActionUpdate, AtMostTwentyLinksOfAtMostTwoThousandCharacters) {
  ActionUpdateInput input = GoodUpdate();
  input.evidence = Repeat("https://a.example/\n", 20);
  EXPECT_TRUE(CheckActionUpdate(input, true).errors.empty());
  input.evidence = Repeat("https://a.example/\n", 21);
  EXPECT_TRUE(HasError(CheckActionUpdate(input, true).errors, "evidence",
                       "Enter 20 evidence links or fewer (there are 21)"));
  const std::string prefix = "https://a.example/";
  input.evidence = prefix + std::string(2000 - prefix.size(), 'x');
  EXPECT_TRUE(CheckActionUpdate(input, true).errors.empty());
  input.evidence = prefix + std::string(2001 - prefix.size(), 'x');
  EXPECT_TRUE(HasError(CheckActionUpdate(input, true).errors, "evidence",
                       "Evidence link 1 must be 2,000 characters or fewer"));
}

TEST(CheckActionUpdate, ExpectedCompletionIsEmptyOrARealDate) {
  ActionUpdateInput input = GoodUpdate();
  input.expected_completion = "";
  ActionUpdateCheck check = CheckActionUpdate(input, true);
  EXPECT_TRUE(check.errors.empty());
  EXPECT_FALSE(check.fields.expected_completion.has_value());
  for (std::string bad : {"31/02", "2026-02-31", "2026-13-01", "tomorrow", "2026-3-1"}) {
    input.expected_completion = bad;
    EXPECT_TRUE(HasError(CheckActionUpdate(input, true).errors, "expected_completion",
                         "Enter a real date, for example 2026-03-31"))
        << bad;
  }
  input.expected_completion = "2028-02-29";
  EXPECT_EQ(CheckActionUpdate(input, true).fields.expected_completion, (Date{2028, 2, 29}));
}

TEST(CheckActionUpdate, EveryProblemIsListed) {
  const ActionUpdateInput input{"finished", std::string(5001, 'x'), "javascript:void(0)",
                                std::string("\x01"), "31/02"};
  const FieldErrors errors = CheckActionUpdate(input, true).errors;
  EXPECT_EQ(errors.size(), 5u);
  for (std::string_view field :
       {"status", "narrative", "evidence", "next_steps", "expected_completion"}) {
    EXPECT_TRUE(HasField(errors, field)) << field;
  }
}

TEST(CheckReopenReason, NeedsOneToAThousandCharactersOfText) {
  EXPECT_EQ(CheckReopenReason("  ")->field, "reason");
  EXPECT_EQ(CheckReopenReason("")->message, "Enter why the update is being reopened");
  EXPECT_FALSE(CheckReopenReason("Wrong status").has_value());
  EXPECT_FALSE(CheckReopenReason(Repeat("é", 1000)).has_value());
  EXPECT_EQ(CheckReopenReason(Repeat("é", 1001))->message,
            "Reason must be 1,000 characters or fewer");
  EXPECT_TRUE(CheckReopenReason(std::string("a\x02")).has_value());
  EXPECT_TRUE(CheckReopenReason("a\xff").has_value());
}

// --- who may write and read ---

TEST(CanUpdateAction, AnalystsAnyActionPartnersTheirOwnOthersNever) {
  const Action action = SharedAction();
  EXPECT_TRUE(CanUpdateAction(PersonOf(Role::kAnalyst, "someone-else"), action));
  EXPECT_TRUE(CanUpdateAction(PersonOf(Role::kAnalyst), action));
  EXPECT_TRUE(CanUpdateAction(PersonOf(Role::kPartner, "fs"), action));
  EXPECT_TRUE(CanUpdateAction(PersonOf(Role::kPartner, "police"), action));
  EXPECT_FALSE(CanUpdateAction(PersonOf(Role::kPartner, "ph"), action));
  EXPECT_FALSE(CanUpdateAction(PersonOf(Role::kPartner, ""), action));
  EXPECT_FALSE(CanUpdateAction(PersonOf(Role::kPartner, "FS"), action));
  EXPECT_FALSE(CanUpdateAction(PersonOf(Role::kAdmin, "fs"), action));
  EXPECT_FALSE(CanUpdateAction(PersonOf(Role::kBoard, "fs"), action));
  EXPECT_FALSE(CanUpdateAction(PersonOf(std::nullopt, "fs"), action));
  Action unowned = action;
  unowned.responsible.clear();
  EXPECT_FALSE(CanUpdateAction(PersonOf(Role::kPartner, ""), unowned));
}

TEST(CanSeeUpdate, SubmittedUpdatesArePublicDraftsAreNot) {
  const Action action = SharedAction();
  ActionUpdate update;
  update.state = UpdateState::kSubmitted;
  for (std::optional<Role> role : {std::optional<Role>(), std::optional<Role>(Role::kPartner)}) {
    EXPECT_TRUE(CanSeeUpdate(PersonOf(role, "ph"), action, update));
  }
  update.state = UpdateState::kDraft;
  EXPECT_FALSE(CanSeeUpdate(PersonOf(std::nullopt), action, update));
  EXPECT_FALSE(CanSeeUpdate(PersonOf(Role::kPartner, "ph"), action, update));
  EXPECT_TRUE(CanSeeUpdate(PersonOf(Role::kPartner, "fs"), action, update));
  EXPECT_TRUE(CanSeeUpdate(PersonOf(Role::kAnalyst), action, update));
  EXPECT_TRUE(CanSeeUpdate(PersonOf(Role::kAdmin), action, update));
  EXPECT_TRUE(CanSeeUpdate(PersonOf(Role::kBoard), action, update));
}

// --- the save rule ---

TEST(CheckSave, ClosedLockedStaleOrNone) {
  ReportingCycle open = Cycle(1, CycleState::kOpen, {2025, 9, 30});
  ReportingCycle closed = Cycle(1, CycleState::kClosed, {2025, 9, 30});
  ActionUpdate draft;
  draft.version = 3;
  ActionUpdate submitted = draft;
  submitted.state = UpdateState::kSubmitted;

  EXPECT_EQ(CheckSave(open, nullptr, 0), SaveRefusal::kNone);
  EXPECT_EQ(CheckSave(open, nullptr, 1), SaveRefusal::kStale);
  EXPECT_EQ(CheckSave(open, &draft, 3), SaveRefusal::kNone);
  EXPECT_EQ(CheckSave(open, &draft, 2), SaveRefusal::kStale);
  EXPECT_EQ(CheckSave(open, &draft, 4), SaveRefusal::kStale);
  EXPECT_EQ(CheckSave(open, &draft, 0), SaveRefusal::kStale);
  EXPECT_EQ(CheckSave(open, &submitted, 3), SaveRefusal::kLocked);
  EXPECT_EQ(CheckSave(open, &submitted, 2), SaveRefusal::kLocked);
  EXPECT_EQ(CheckSave(closed, nullptr, 0), SaveRefusal::kCycleClosed);
  EXPECT_EQ(CheckSave(closed, &draft, 3), SaveRefusal::kCycleClosed);
  EXPECT_EQ(CheckSave(closed, &submitted, 3), SaveRefusal::kCycleClosed);
}

// --- standings and counts ---

TEST(StandingOf, ASubmittedStatusElseNoUpdateOverdueAfterTheDueDate) {
  const ReportingCycle cycle = Cycle(1, CycleState::kOpen, {2025, 9, 30}, {2025, 10, 31});
  const Date before{2025, 10, 31};
  const Date after{2025, 11, 1};
  ActionStanding none = StandingOf(cycle, nullptr, after);
  EXPECT_FALSE(none.status.has_value());
  EXPECT_TRUE(none.overdue);
  EXPECT_FALSE(StandingOf(cycle, nullptr, before).overdue);

  ActionUpdate update;
  update.fields.status = ActionStatus::kAtRisk;
  update.state = UpdateState::kDraft;  // a draft does not count
  EXPECT_FALSE(StandingOf(cycle, &update, after).status.has_value());
  EXPECT_TRUE(StandingOf(cycle, &update, after).overdue);
  update.state = UpdateState::kSubmitted;
  const ActionStanding submitted = StandingOf(cycle, &update, after);
  EXPECT_EQ(submitted.status, ActionStatus::kAtRisk);
  EXPECT_FALSE(submitted.overdue);
}

TEST(AddToCounts, CountsByStatusAndNoUpdateWithOverdue) {
  StatusCounts counts;
  AddToCounts(counts, {ActionStatus::kOnTrack, false});
  AddToCounts(counts, {ActionStatus::kOnTrack, false});
  AddToCounts(counts, {ActionStatus::kDropped, false});
  AddToCounts(counts, {std::nullopt, true});
  AddToCounts(counts, {std::nullopt, false});
  EXPECT_EQ(counts.total, 5);
  EXPECT_EQ(counts.Of(ActionStatus::kOnTrack), 2);
  EXPECT_EQ(counts.Of(ActionStatus::kDropped), 1);
  EXPECT_EQ(counts.Of(ActionStatus::kAtRisk), 0);
  EXPECT_EQ(counts.no_update, 2);
  EXPECT_EQ(counts.overdue, 1);
}

// --- evidence and update ---

TEST(EvidenceDisagrees, OnTrackOrCompleteWhileAnIndicatorGetsWorse) {
  const std::vector<RecentTrend> worse = {RecentTrend::kNoChange,
                                          RecentTrend::kIncreasingGettingWorse};
  const std::vector<RecentTrend> falling = {RecentTrend::kDecreasingGettingWorse};
  EXPECT_TRUE(EvidenceDisagrees(ActionStatus::kOnTrack, worse));
  EXPECT_TRUE(EvidenceDisagrees(ActionStatus::kComplete, worse));
  EXPECT_TRUE(EvidenceDisagrees(ActionStatus::kOnTrack, falling));
  for (ActionStatus status : {ActionStatus::kNotStarted, ActionStatus::kAtRisk,
                              ActionStatus::kOffTrack, ActionStatus::kDropped}) {
    EXPECT_FALSE(EvidenceDisagrees(status, worse)) << ActionStatusName(status);
  }
  EXPECT_FALSE(EvidenceDisagrees(std::nullopt, worse));
  const std::vector<RecentTrend> fine = {RecentTrend::kNoChange,
                                         RecentTrend::kIncreasingGettingBetter,
                                         RecentTrend::kDecreasingGettingBetter,
                                         RecentTrend::kIncreasing,
                                         RecentTrend::kDecreasing,
                                         RecentTrend::kCannotBeCalculated,
                                         RecentTrend::kNone};
  EXPECT_FALSE(EvidenceDisagrees(ActionStatus::kOnTrack, fine));
  EXPECT_FALSE(EvidenceDisagrees(ActionStatus::kOnTrack, {}));
}

}  // namespace
}  // namespace waymark
