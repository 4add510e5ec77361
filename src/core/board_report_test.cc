// Tests of issued board reports: names and labels, the check of a report about to be issued
// (both sides of every limit, bad input), every sign-off step by every role with four eyes on
// approval, who may see an issued report, and the check of commentary.
#include "core/board_report.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/field_errors_test_util.h"

namespace waymark {
namespace {

using testing::HasError;
using testing::HasField;
using testing::Repeat;

Principal Person(std::optional<Role> role, std::string email = "someone@example.org") {
  Principal p;
  p.user_id = role ? 7 : 0;
  p.email = role ? std::move(email) : "";
  p.role = role;
  return p;
}

IssuedReport GoodReport() {
  IssuedReport report;
  report.plan_id = "barnet-2019-23";
  report.kind = ReportKind::kOutcome;
  report.outcome_id = "be-healthy";
  report.board = "partnership-board";
  report.title = "Outcome report: Be healthy — Q2";
  report.data_as_of = "2026-03-31";
  report.model_json = "{}";
  report.html = "<html></html>";
  return report;
}

TEST(ReportKindTest, NamesLabelsAndParsingRoundTrip) {
  const std::vector<std::string_view> names = {"outcome", "plan", "exceptions", "children"};
  const std::vector<std::string_view> labels = {"Outcome report", "Board pack", "Exception report",
                                                "Children and young people's version"};
  for (std::size_t i = 0; i < kAllReportKinds.size(); ++i) {
    EXPECT_EQ(ReportKindName(kAllReportKinds[i]), names[i]);
    EXPECT_EQ(ReportKindLabel(kAllReportKinds[i]), labels[i]);
    EXPECT_EQ(ParseReportKind(names[i]), kAllReportKinds[i]);
  }
  for (std::string_view bad : {"", "Outcome", "outcomes", "exception", " plan", "board-pack"}) {
    EXPECT_FALSE(ParseReportKind(bad).has_value()) << bad;
  }
}

TEST(ReportStateTest, NamesLabelsParsingAndTheNextStep) {
  const std::vector<std::string_view> names = {"draft", "reviewed", "approved", "published"};
  const std::vector<std::string_view> labels = {"Draft", "Reviewed", "Approved", "Published"};
  for (std::size_t i = 0; i < kAllReportStates.size(); ++i) {
    EXPECT_EQ(ReportStateName(kAllReportStates[i]), names[i]);
    EXPECT_EQ(ReportStateLabel(kAllReportStates[i]), labels[i]);
    EXPECT_EQ(ParseReportState(names[i]), kAllReportStates[i]);
  }
  for (std::string_view bad : {"", "Draft", "signed-off", "published\n"}) {
    EXPECT_FALSE(ParseReportState(bad).has_value()) << bad;
  }
  EXPECT_EQ(NextReportState(ReportState::kDraft), ReportState::kReviewed);
  EXPECT_EQ(NextReportState(ReportState::kReviewed), ReportState::kApproved);
  EXPECT_EQ(NextReportState(ReportState::kApproved), ReportState::kPublished);
  EXPECT_FALSE(NextReportState(ReportState::kPublished).has_value());
}

TEST(CheckIssuedReportTest, AGoodReportHasNoProblems) {
  EXPECT_TRUE(CheckIssuedReport(GoodReport()).empty());
  IssuedReport timed = GoodReport();
  timed.data_as_of = "2026-03-31T09:30:00Z";
  timed.pdf = "";  // a report may be issued without a PDF
  EXPECT_TRUE(CheckIssuedReport(timed).empty());
}

TEST(CheckIssuedReportTest, TheTitleIsRequiredPlainAndAtMostTwoHundredCharacters) {
  IssuedReport report = GoodReport();
  report.title = Repeat("é", 200);
  EXPECT_TRUE(CheckIssuedReport(report).empty());
  report.title = Repeat("é", 201);
  EXPECT_TRUE(
      HasError(CheckIssuedReport(report), "title", "Title must be 200 characters or fewer"));
  report.title = " \t ";
  EXPECT_TRUE(HasError(CheckIssuedReport(report), "title", "Enter a title for the report"));
  report.title = "Line one\nline two";
  EXPECT_TRUE(
      HasError(CheckIssuedReport(report), "title", "Title must not contain control characters"));
  report.title = "Bad \xC3 byte";
  EXPECT_TRUE(HasError(CheckIssuedReport(report), "title", "Title must be plain text (UTF-8)"));
}

TEST(CheckIssuedReportTest, TheOutcomeFollowsTheKind) {
  IssuedReport report = GoodReport();
  report.outcome_id = "";
  EXPECT_TRUE(
      HasError(CheckIssuedReport(report), "outcome", "Choose the outcome the report is about"));
  report.kind = ReportKind::kPlan;
  EXPECT_TRUE(CheckIssuedReport(report).empty());
  report.outcome_id = "be-healthy";
  EXPECT_TRUE(HasError(CheckIssuedReport(report), "outcome",
                       "A board pack covers the whole plan: choose no outcome"));
  for (ReportKind kind : {ReportKind::kExceptions, ReportKind::kChildren}) {
    report.kind = kind;
    report.outcome_id = "be-healthy";
    EXPECT_TRUE(CheckIssuedReport(report).empty());
    report.outcome_id = "";
    EXPECT_TRUE(CheckIssuedReport(report).empty());
    report.outcome_id = "Be Healthy";
    EXPECT_TRUE(HasError(CheckIssuedReport(report), "outcome",
                         "Outcome must be an outcome's id, like be-healthy"));
  }
}

TEST(CheckIssuedReportTest, BoardDateAndBodiesAreChecked) {
  IssuedReport report = GoodReport();
  report.board = "Partnership Board";
  report.data_as_of = "2026-02-30";
  report.model_json = "";
  report.html = "";
  const FieldErrors errors = CheckIssuedReport(report);
  EXPECT_EQ(errors.size(), 4u);
  EXPECT_TRUE(
      HasError(errors, "board", "Board must be a monitoring body's id, like partnership-board"));
  EXPECT_TRUE(
      HasError(errors, "data_as_of", "Data as of must start with a real date, like 2026-03-31"));
  EXPECT_TRUE(HasError(errors, "model_json", "The report model is empty"));
  EXPECT_TRUE(HasError(errors, "html", "The report's HTML is empty"));
  for (std::string_view bad : {"", "2026", "31/03/2026", "2026-13-01T00:00:00Z"}) {
    report = GoodReport();
    report.data_as_of = std::string(bad);
    EXPECT_TRUE(HasField(CheckIssuedReport(report), "data_as_of")) << bad;
  }
  report = GoodReport();
  report.board = "";
  EXPECT_TRUE(HasField(CheckIssuedReport(report), "board"));
}

// The only steps allowed: draft → reviewed by an analyst, reviewed → approved by a board member,
// approved → published by an analyst. Every other pair, by every role and the public, is
// refused: the wrong step first (kConflict), then the wrong role (kValidation).
TEST(ReportTransitionTest, EveryStepByEveryRole) {
  struct Allowed {
    ReportState from;
    ReportState to;
    Role role;
  };
  const std::vector<Allowed> allowed = {
      {ReportState::kDraft, ReportState::kReviewed, Role::kAnalyst},
      {ReportState::kReviewed, ReportState::kApproved, Role::kBoard},
      {ReportState::kApproved, ReportState::kPublished, Role::kAnalyst}};
  std::vector<std::optional<Role>> roles = {std::nullopt};
  roles.insert(roles.end(), kAllRoles.begin(), kAllRoles.end());
  int accepted = 0;
  for (ReportState from : kAllReportStates) {
    for (ReportState to : kAllReportStates) {
      const bool legal_step = NextReportState(from) == to;
      for (const std::optional<Role>& role : roles) {
        const bool expected = std::any_of(allowed.begin(), allowed.end(), [&](const Allowed& a) {
          return a.from == from && a.to == to && role == a.role;
        });
        const Principal who = Person(role, "approver@example.org");
        const Status status = CheckReportTransition(who, from, to, "reviewer@example.org");
        const std::string what = std::string(ReportStateName(from)) + " -> " +
                                 std::string(ReportStateName(to)) + " by " +
                                 std::string(role ? RoleName(*role) : "public");
        ASSERT_EQ(status.has_value(), expected) << what;
        if (expected) {
          ++accepted;
          EXPECT_EQ(ReportTransitionRefusal(who, from, to, "reviewer@example.org"),
                    ReportRefusal::kNone);
          continue;
        }
        EXPECT_EQ(status.error().code, legal_step ? ErrorCode::kValidation : ErrorCode::kConflict)
            << what;
        EXPECT_EQ(ReportTransitionRefusal(who, from, to, "reviewer@example.org"),
                  legal_step ? ReportRefusal::kNotPermitted : ReportRefusal::kWrongStep)
            << what;
      }
    }
  }
  EXPECT_EQ(accepted, 3);
}

TEST(ReportTransitionTest, RefusalsSayWhy) {
  const Principal board = Person(Role::kBoard, "board@example.org");
  const Principal analyst = Person(Role::kAnalyst, "analyst@example.org");
  const Status skip = CheckReportTransition(board, ReportState::kDraft, ReportState::kApproved, "");
  ASSERT_FALSE(skip.has_value());
  EXPECT_EQ(skip.error().message, "a draft report cannot be approved: it must be reviewed next");
  const Status early =
      CheckReportTransition(analyst, ReportState::kReviewed, ReportState::kPublished, "x@y.org");
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().message,
            "a reviewed report cannot be published: it must be approved next");
  const Status back =
      CheckReportTransition(analyst, ReportState::kApproved, ReportState::kDraft, "x@y.org");
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error().message,
            "an approved report cannot be made a draft again: it must be published next");
  const Status final_state =
      CheckReportTransition(analyst, ReportState::kPublished, ReportState::kPublished, "");
  ASSERT_FALSE(final_state.has_value());
  EXPECT_EQ(final_state.error().message,
            "a published report cannot be published: publication is final");
  const Status by_analyst =
      CheckReportTransition(analyst, ReportState::kReviewed, ReportState::kApproved, "a@b.org");
  ASSERT_FALSE(by_analyst.has_value());
  EXPECT_EQ(by_analyst.error().message, "only a board member can approve a report");
  const Status by_board =
      CheckReportTransition(board, ReportState::kDraft, ReportState::kReviewed, "");
  ASSERT_FALSE(by_board.has_value());
  EXPECT_EQ(by_board.error().message, "only an analyst can mark a report reviewed");
  const Status publish_by_board =
      CheckReportTransition(board, ReportState::kApproved, ReportState::kPublished, "a@b.org");
  ASSERT_FALSE(publish_by_board.has_value());
  EXPECT_EQ(publish_by_board.error().message, "only an analyst can publish a report");
}

// Four eyes: whoever reviewed a report (say, before their role changed) may not approve it.
TEST(ReportTransitionTest, TheReviewerMayNotApprove) {
  const Principal board = Person(Role::kBoard, "pat@example.org");
  EXPECT_EQ(ReportTransitionRefusal(board, ReportState::kReviewed, ReportState::kApproved,
                                    "pat@example.org"),
            ReportRefusal::kSameReviewer);
  EXPECT_EQ(ReportTransitionRefusal(board, ReportState::kReviewed, ReportState::kApproved,
                                    "PAT@Example.org"),
            ReportRefusal::kSameReviewer);
  const Status same = CheckReportTransition(board, ReportState::kReviewed, ReportState::kApproved,
                                            "pat@example.org");
  ASSERT_FALSE(same.has_value());
  EXPECT_EQ(same.error().code, ErrorCode::kValidation);
  EXPECT_EQ(same.error().message,
            "the report was reviewed by pat@example.org: someone else must approve it");
  EXPECT_TRUE(CheckReportTransition(board, ReportState::kReviewed, ReportState::kApproved,
                                    "pat@example.org.uk"));
  EXPECT_TRUE(CheckReportTransition(board, ReportState::kReviewed, ReportState::kApproved,
                                    "at@example.org"));
  // The rule is about approval only: an analyst may publish a report they reviewed.
  const Principal analyst = Person(Role::kAnalyst, "pat@example.org");
  EXPECT_TRUE(CheckReportTransition(analyst, ReportState::kApproved, ReportState::kPublished,
                                    "pat@example.org"));
}

TEST(CanSeeIssuedReportTest, ThePublicAndPartnersSeePublishedReportsOnly) {
  for (ReportState state : kAllReportStates) {
    const bool published = state == ReportState::kPublished;
    EXPECT_EQ(CanSeeIssuedReport(Person(std::nullopt), state), published);
    EXPECT_EQ(CanSeeIssuedReport(Person(Role::kPartner), state), published);
    EXPECT_TRUE(CanSeeIssuedReport(Person(Role::kAnalyst), state));
    EXPECT_TRUE(CanSeeIssuedReport(Person(Role::kAdmin), state));
    EXPECT_TRUE(CanSeeIssuedReport(Person(Role::kBoard), state));
  }
}

TEST(CheckCommentaryTest, SubjectsArePlanOrAKindAndASlug) {
  for (std::string_view good :
       {"plan", "outcome:be-healthy", "objective:bh-1", "indicator:93085", "action:hw-thrive"}) {
    EXPECT_TRUE(CheckCommentary(good, "Fine.").empty()) << good;
  }
  for (std::string_view bad :
       {"", "Plan", "plans", "plan:x", "outcome", "outcome:", "outcome:Be-Healthy", "measure:x",
        "outcome:be healthy", "outcome:-x", ":be-healthy", "outcome:a:b", "Outcome:be-healthy"}) {
    EXPECT_TRUE(HasError(CheckCommentary(bad, "Fine."), "subject",
                         "Subject must be plan, or outcome, objective, indicator or action "
                         "followed by a colon and its id, like outcome:be-healthy"))
        << bad;
  }
  EXPECT_TRUE(HasField(CheckCommentary("outcome:" + Repeat("a", 65), ""), "subject"));
  EXPECT_TRUE(CheckCommentary("outcome:" + Repeat("a", 64), "").empty());
}

TEST(CheckCommentaryTest, TextIsPlainUtf8OfAtMostTwoThousandCharacters) {
  EXPECT_TRUE(CheckCommentary("plan", "").empty());  // empty: deletes
  EXPECT_TRUE(CheckCommentary("plan", "Line one\nline two — «ok» 😀").empty());
  EXPECT_TRUE(CheckCommentary("plan", Repeat("é", 2000)).empty());
  EXPECT_TRUE(CheckCommentary("plan", Repeat("😀", 2000)).empty());
  EXPECT_TRUE(HasError(CheckCommentary("plan", Repeat("é", 2001)), "text",
                       "Commentary must be 2,000 characters or fewer"));
  EXPECT_TRUE(HasField(CheckCommentary("plan", Repeat("a", 2001)), "text"));
  for (std::string_view control :
       {std::string_view("a\tb"), std::string_view("a\r\nb"), std::string_view("a\x7f"),
        std::string_view("a\0b", 3), std::string_view("\x1b[31m")}) {
    EXPECT_TRUE(HasError(CheckCommentary("plan", control), "text",
                         "Commentary must not contain control characters"))
        << control;
  }
  for (std::string_view bad : {"\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                               "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "\xFF", "a\x80"}) {
    EXPECT_TRUE(
        HasError(CheckCommentary("plan", bad), "text", "Commentary must be plain text (UTF-8)"))
        << bad;
  }
  const FieldErrors both = CheckCommentary("nope", "\xFF");
  EXPECT_EQ(both.size(), 2u);
}

TEST(CommentaryFromFormTest, LineBreaksBecomeNewlinesAndBlanksAroundGo) {
  EXPECT_EQ(CommentaryFromForm("  One\r\nTwo\rThree\n\tFour \r\n "), "One\nTwo\nThree\n Four");
  EXPECT_EQ(CommentaryFromForm(" \r\n\t "), "");
  EXPECT_TRUE(CheckCommentary("plan", CommentaryFromForm("a\tb\r\nc")).empty());
}

}  // namespace
}  // namespace waymark
