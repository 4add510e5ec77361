// Tests of issued board reports and commentary in the store: a report round trips with
// its bodies byte for byte (a binary PDF too) and stays so through its sign-off; listings are
// newest first and without bodies; every legal step and every refused one (wrong step, wrong
// role, four eyes) with nothing changed when refused; every change audited with the states
// before and after; commentary created, replaced, refused when stale and deleted; unknown ids;
// and the migration of a schema 9 database.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/temp_dir.h"
#include "store/cycles_test_fixture.h"
#include "store/fresh_store_fixture.h"
#include "store/older_schema_test_util.h"
#include "store/schema.h"
#include "store/sql_store.h"

namespace waymark::store::testing {
namespace {

// A PDF's bytes with what a text column would mangle: NUL bytes, 0xFF and invalid UTF-8.
constexpr char kPdfBytes[] = "%PDF-1.7\n\0\xFF\xFE\x80 binary \0\0 %%EOF\n";
constexpr std::string_view kPdf(kPdfBytes, sizeof(kPdfBytes) - 1);

Principal Person(std::optional<Role> role, std::string email) {
  return Principal{role ? 5 : 0, std::move(email), "", "", role, 0};
}

Principal Analyst() { return Person(Role::kAnalyst, "analyst@example.org"); }
Principal Board() { return Person(Role::kBoard, "board@example.org"); }

Plan SmallPlan(std::string id, std::string body) {
  Plan plan;
  plan.id = std::move(id);
  plan.title = "Plan " + plan.id;
  plan.organisation = "Council";
  plan.start = {2024, 4, 1};
  plan.end = {2027, 3, 31};
  plan.status = "published";
  plan.partners = {{"fs", "Family Services", "council"}};
  plan.bodies = {{std::move(body), "Partnership board", "board"}};
  Outcome outcome;
  outcome.id = "be-healthy";
  outcome.title = "Be healthy";
  plan.outcomes = {outcome};
  return plan;
}

IssuedReport Draft(std::string plan_id = "p", std::string board = "partnership-board") {
  IssuedReport report;
  report.plan_id = std::move(plan_id);
  report.kind = ReportKind::kOutcome;
  report.outcome_id = "be-healthy";
  report.board = std::move(board);
  report.title = "Be healthy — 2026–27 Q2";
  report.data_as_of = "2026-11-01";
  report.model_json = R"({"outcome":"be-healthy","value":12.5,"note":"«ok» 😀"})";
  report.html = "<!doctype html><html lang=\"en\"><p>Délai — 12.5%</p></html>\n";
  report.pdf = std::string(kPdf);
  return report;
}

class StoreReportsTest : public FreshStoreTest {
 protected:
  void SetUp() override {
    FreshStoreTest::SetUp();
    ASSERT_TRUE(store_->ImportPlan(SmallPlan("p", "partnership-board"), {"analyst", "p", kNow}));
    ASSERT_TRUE(store_->ImportPlan(SmallPlan("q", "q-board"), {"analyst", "q", kNow}));
    ReportingCycle cycle;
    cycle.name = "2026–27 Q2";
    cycle.from = {2026, 7, 1};
    cycle.to = {2026, 9, 30};
    cycle.due = {2026, 10, 31};
    for (const char* plan : {"p", "q"}) {
      cycle.plan_id = plan;
      auto opened = store_->OpenCycle(cycle, kNow, Audit());
      ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
      (plan == std::string("p") ? p_cycle_ : q_cycle_) = opened->id;
    }
  }

  IssuedReport Issue(const IssuedReport& report = Draft(), std::int64_t now = kNow) {
    auto issued = store_->IssueReport(report, now, Audit("os:analyst"));
    EXPECT_TRUE(issued.has_value()) << issued.error().ToString();
    return issued.value_or(IssuedReport{});
  }
  IssuedReport Step(std::int64_t id, ReportState to, const Principal& who) {
    auto moved = store_->TransitionReport(id, to, who, kNow + 60, Audit(who.email));
    EXPECT_TRUE(moved.has_value()) << moved.error().ToString();
    return moved.value_or(IssuedReport{});
  }
  // A new report taken through the legal steps up to `state`.
  IssuedReport ReportIn(ReportState state) {
    IssuedReport report = Issue();
    if (state >= ReportState::kReviewed)
      report = Step(report.id, ReportState::kReviewed, Analyst());
    if (state >= ReportState::kApproved) report = Step(report.id, ReportState::kApproved, Board());
    if (state >= ReportState::kPublished) {
      report = Step(report.id, ReportState::kPublished, Analyst());
    }
    return report;
  }
  IssuedReport Find(std::int64_t id) {
    auto found = store_->FindIssuedReport(id);
    EXPECT_TRUE(found.has_value()) << found.error().ToString();
    return found.value_or(IssuedReport{});
  }
  std::vector<IssuedReport> List(std::string_view plan_id = "") {
    auto listed = store_->ListIssuedReports(plan_id);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(std::vector<IssuedReport>{});
  }
  std::vector<AuditEntry> AuditOf(std::string entity) {
    AuditFilter filter;
    filter.entity = std::move(entity);
    auto entries = store_->ListAudit(filter);
    EXPECT_TRUE(entries.has_value());
    return entries.value_or(std::vector<AuditEntry>{});
  }
  std::int64_t AuditCount() { return *db().QueryInt("SELECT count(*) FROM audit_log"); }
  // A refused step: `code` with `message`, and nothing stored or audited.
  void ExpectRefused(ReportState from, ReportState to, const Principal& who, ErrorCode code,
                     std::string_view message = "") {
    const IssuedReport report = ReportIn(from);
    const IssuedReport before = Find(report.id);
    const std::int64_t audits = AuditCount();
    auto refused = store_->TransitionReport(report.id, to, who, kNow + 120, Audit(who.email));
    const std::string what = std::string(ReportStateName(from)) + " -> " +
                             std::string(ReportStateName(to)) + " by " + who.email;
    ASSERT_FALSE(refused.has_value()) << what;
    EXPECT_EQ(refused.error().code, code) << what << ": " << refused.error().message;
    if (!message.empty()) {
      EXPECT_EQ(refused.error().message, message) << what;
    }
    EXPECT_EQ(Find(report.id), before) << what;
    EXPECT_EQ(AuditCount(), audits) << what;
  }

  std::int64_t p_cycle_ = 0;
  std::int64_t q_cycle_ = 0;
};

IssuedReport WithoutBodies(IssuedReport report) {
  report.model_json = report.html = report.pdf = "";
  return report;
}

// --- issuing, finding, listing ---

TEST_F(StoreReportsTest, AnIssuedReportRoundTripsWithItsBodiesByteForByte) {
  IssuedReport given = Draft();
  given.cycle_id = p_cycle_;
  given.state = ReportState::kPublished;  // the store decides the state and sign-off fields
  given.reviewed_by = "someone@example.org";
  given.approved_at = "2020-01-01T00:00:00Z";
  const IssuedReport issued = Issue(given);
  EXPECT_GT(issued.id, 0);
  IssuedReport expected = Draft();
  expected.id = issued.id;
  expected.cycle_id = p_cycle_;
  expected.state = ReportState::kDraft;
  expected.issued_at = "2026-11-22T20:15:00Z";
  expected.issued_by = "os:analyst";
  EXPECT_EQ(issued, expected);
  const IssuedReport found = Find(issued.id);
  EXPECT_EQ(found, expected);
  EXPECT_EQ(found.pdf.size(), 30u);
  EXPECT_EQ(found.pdf[9], '\0');
  EXPECT_EQ(found.pdf, kPdf);

  const std::vector<AuditEntry> log = AuditOf("report");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "report.issue");
  EXPECT_EQ(log[0].actor, "os:analyst");
  EXPECT_EQ(log[0].entity_id, std::to_string(issued.id));
  EXPECT_EQ(log[0].before, "");
  const nlohmann::json after = Json(log[0].after);
  EXPECT_EQ(after["state"], "draft");
  EXPECT_EQ(after["kind"], "outcome");
  EXPECT_EQ(after["cycle_id"], p_cycle_);
  EXPECT_FALSE(after.contains("html"));
  EXPECT_FALSE(after.contains("pdf"));
  EXPECT_FALSE(after.contains("model_json"));
}

TEST_F(StoreReportsTest, AWholePlanReportWithoutACycleOrPdfRoundTrips) {
  IssuedReport pack = Draft();
  pack.kind = ReportKind::kPlan;
  pack.outcome_id = "";
  pack.pdf = "";
  const IssuedReport issued = Issue(pack);
  const IssuedReport found = Find(issued.id);
  EXPECT_EQ(found, issued);
  EXPECT_FALSE(found.cycle_id.has_value());
  EXPECT_EQ(found.pdf, "");
  EXPECT_EQ(found.kind, ReportKind::kPlan);
}

TEST_F(StoreReportsTest, BadReportsAreRefusedAndChangeNothing) {
  const std::int64_t audits = AuditCount();
  auto expect_refused = [&](const IssuedReport& report, ErrorCode code, std::string_view message) {
    auto refused = store_->IssueReport(report, kNow, Audit());
    ASSERT_FALSE(refused.has_value()) << message;
    EXPECT_EQ(refused.error().code, code) << refused.error().message;
    EXPECT_EQ(refused.error().message, message);
  };
  IssuedReport bad = Draft();
  bad.title = "";
  bad.board = "Partnership Board";
  expect_refused(bad, ErrorCode::kInvalidArgument,
                 "title: Enter a title for the report; board: Board must be a monitoring body's "
                 "id, like partnership-board");
  bad = Draft();
  bad.html = "";
  expect_refused(bad, ErrorCode::kInvalidArgument, "html: The report's HTML is empty");
  expect_refused(Draft("nope"), ErrorCode::kNotFound, "no plan 'nope'");
  bad = Draft();
  bad.outcome_id = "be-safe";
  expect_refused(bad, ErrorCode::kNotFound, "plan 'p' has no outcome 'be-safe'");
  expect_refused(Draft("p", "q-board"), ErrorCode::kNotFound,
                 "plan 'p' has no monitoring body 'q-board'");
  bad = Draft();
  bad.cycle_id = 999;
  expect_refused(bad, ErrorCode::kNotFound, "no reporting cycle with id 999");
  bad.cycle_id = q_cycle_;
  expect_refused(bad, ErrorCode::kInvalidArgument,
                 "cycle " + std::to_string(q_cycle_) + " belongs to plan 'q', not 'p'");
  EXPECT_TRUE(List().empty());
  EXPECT_EQ(AuditCount(), audits);
}

TEST_F(StoreReportsTest, ListingIsNewestFirstWithoutBodies) {
  const IssuedReport first = Issue(Draft(), kNow);
  const IssuedReport other_plan = Issue(Draft("q", "q-board"), kNow + 60);
  const IssuedReport same_time = Issue(Draft(), kNow + 60);
  const IssuedReport last = Issue(Draft(), kNow + 3600);

  const std::vector<IssuedReport> all = List();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0], WithoutBodies(last));
  EXPECT_EQ(all[1], WithoutBodies(same_time));  // the same time: the higher id first
  EXPECT_EQ(all[2], WithoutBodies(other_plan));
  EXPECT_EQ(all[3], WithoutBodies(first));
  for (const IssuedReport& listed : all) {
    EXPECT_TRUE(listed.html.empty());
    EXPECT_TRUE(listed.model_json.empty());
    EXPECT_TRUE(listed.pdf.empty());
  }
  const std::vector<IssuedReport> of_p = List("p");
  ASSERT_EQ(of_p.size(), 3u);
  EXPECT_EQ(of_p[0].id, last.id);
  EXPECT_EQ(of_p[1].id, same_time.id);
  EXPECT_EQ(of_p[2].id, first.id);
  EXPECT_EQ(List("q").size(), 1u);
  EXPECT_TRUE(List("nope").empty());
}

TEST_F(StoreReportsTest, UnknownReportsAreNotFound) {
  auto found = store_->FindIssuedReport(42);
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(found.error().message, "no issued report with id 42");
  auto moved = store_->TransitionReport(42, ReportState::kReviewed, Analyst(), kNow, Audit());
  ASSERT_FALSE(moved.has_value());
  EXPECT_EQ(moved.error().code, ErrorCode::kNotFound);
}

// --- sign-off ---

TEST_F(StoreReportsTest, TheFullSignOffRecordsWhoAndWhenAndKeepsTheBodies) {
  const IssuedReport issued = Issue();
  const IssuedReport reviewed = Step(issued.id, ReportState::kReviewed, Analyst());
  EXPECT_EQ(reviewed.state, ReportState::kReviewed);
  EXPECT_EQ(reviewed.reviewed_by, "analyst@example.org");
  EXPECT_EQ(reviewed.reviewed_at, "2026-11-22T20:16:00Z");
  EXPECT_TRUE(reviewed.html.empty());  // the step answers without the bodies
  const IssuedReport approved = Step(issued.id, ReportState::kApproved, Board());
  EXPECT_EQ(approved.approved_by, "board@example.org");
  EXPECT_EQ(approved.reviewed_by, "analyst@example.org");
  const Principal other_analyst = Person(Role::kAnalyst, "second@example.org");
  const IssuedReport published = Step(issued.id, ReportState::kPublished, other_analyst);
  EXPECT_EQ(published.published_by, "second@example.org");
  EXPECT_EQ(published.published_at, "2026-11-22T20:16:00Z");

  const IssuedReport found = Find(issued.id);
  EXPECT_EQ(WithoutBodies(found), published);
  EXPECT_EQ(found.model_json, issued.model_json);
  EXPECT_EQ(found.html, issued.html);
  EXPECT_EQ(found.pdf, kPdf);
  EXPECT_EQ(found.pdf.size(), kPdf.size());
  EXPECT_EQ(found.issued_at, issued.issued_at);
  EXPECT_EQ(found.issued_by, issued.issued_by);

  const std::vector<AuditEntry> log = AuditOf("report");  // newest first
  ASSERT_EQ(log.size(), 4u);
  const std::vector<std::string> actions = {"report.publish", "report.approve", "report.review",
                                            "report.issue"};
  const std::vector<std::string> states = {"published", "approved", "reviewed", "draft"};
  for (std::size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].action, actions[i]);
    EXPECT_EQ(log[i].entity_id, std::to_string(issued.id));
    EXPECT_EQ(Json(log[i].after)["state"], states[i]);
    if (i + 1 < log.size()) {
      EXPECT_EQ(Json(log[i].before)["state"], states[i + 1]);
    }
  }
  EXPECT_EQ(log[0].actor, "second@example.org");
  EXPECT_EQ(log[1].actor, "board@example.org");
  EXPECT_EQ(Json(log[1].after)["approved_by"], "board@example.org");
  EXPECT_EQ(Json(log[1].before)["approved_by"], "");
}

TEST_F(StoreReportsTest, StepsOutOfOrderAreRefusedWithNothingChanged) {
  using S = ReportState;
  ExpectRefused(S::kDraft, S::kApproved, Board(), ErrorCode::kConflict,
                "a draft report cannot be approved: it must be reviewed next");
  ExpectRefused(S::kDraft, S::kPublished, Analyst(), ErrorCode::kConflict,
                "a draft report cannot be published: it must be reviewed next");
  ExpectRefused(S::kDraft, S::kDraft, Analyst(), ErrorCode::kConflict);
  ExpectRefused(S::kReviewed, S::kPublished, Analyst(), ErrorCode::kConflict,
                "a reviewed report cannot be published: it must be approved next");
  ExpectRefused(S::kReviewed, S::kReviewed, Analyst(), ErrorCode::kConflict);
  ExpectRefused(S::kReviewed, S::kDraft, Analyst(), ErrorCode::kConflict);
  ExpectRefused(S::kApproved, S::kReviewed, Analyst(), ErrorCode::kConflict);
  ExpectRefused(S::kApproved, S::kApproved, Board(), ErrorCode::kConflict);
  ExpectRefused(S::kPublished, S::kPublished, Analyst(), ErrorCode::kConflict,
                "a published report cannot be published: publication is final");
  ExpectRefused(S::kPublished, S::kDraft, Analyst(), ErrorCode::kConflict);
}

TEST_F(StoreReportsTest, StepsByTheWrongRoleAreRefusedWithNothingChanged) {
  using S = ReportState;
  const Principal admin = Person(Role::kAdmin, "admin@example.org");
  const Principal partner = Person(Role::kPartner, "partner@example.org");
  const Principal anyone = Person(std::nullopt, "");
  const Principal board = Board();
  const Principal analyst = Analyst();
  for (const Principal* who : {&board, &admin, &partner, &anyone}) {
    ExpectRefused(S::kDraft, S::kReviewed, *who, ErrorCode::kValidation,
                  "only an analyst can mark a report reviewed");
    ExpectRefused(S::kApproved, S::kPublished, *who, ErrorCode::kValidation,
                  "only an analyst can publish a report");
  }
  for (const Principal* who : {&analyst, &admin, &partner, &anyone}) {
    ExpectRefused(S::kReviewed, S::kApproved, *who, ErrorCode::kValidation,
                  "only a board member can approve a report");
  }
}

// Four eyes: a reviewer whose role became board may not approve what they reviewed.
TEST_F(StoreReportsTest, TheReviewerMayNotApprove) {
  const Principal same_person = Person(Role::kBoard, "analyst@example.org");
  ExpectRefused(ReportState::kReviewed, ReportState::kApproved, same_person, ErrorCode::kValidation,
                "the report was reviewed by analyst@example.org: someone else must approve it");
  const IssuedReport reviewed = ReportIn(ReportState::kReviewed);
  EXPECT_EQ(Step(reviewed.id, ReportState::kApproved, Board()).state, ReportState::kApproved);
}

TEST_F(StoreReportsTest, AStepNeedsTheEmailOfWhoTakesIt) {
  const IssuedReport report = Issue();
  const std::int64_t audits = AuditCount();
  auto refused = store_->TransitionReport(report.id, ReportState::kReviewed,
                                          Person(Role::kAnalyst, ""), kNow, Audit());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Find(report.id).state, ReportState::kDraft);
  EXPECT_EQ(AuditCount(), audits);
}

// The database itself refuses any change to what was issued; only the sign-off may change.
TEST_F(StoreReportsTest, TheFrozenColumnsCannotBeUpdated) {
  const IssuedReport report = Issue();
  const std::string id = std::to_string(report.id);
  for (const char* set : {"html = 'changed'", "model_json = '{}'", "pdf = x'00'", "title = 'Other'",
                          "data_as_of = '2030-01-01'", "issued_at = ''"}) {
    EXPECT_FALSE(db().Exec(std::string("UPDATE issued_reports SET ") + set + " WHERE id = " + id))
        << set;
  }
  EXPECT_EQ(Find(report.id), report);
  EXPECT_TRUE(db().Exec("UPDATE issued_reports SET state = 'draft' WHERE id = " + id));
}

// --- commentary ---

Commentary Note(std::string subject, std::string text, std::optional<std::int64_t> cycle_id) {
  Commentary c;
  c.plan_id = "p";
  c.cycle_id = cycle_id;
  c.subject = std::move(subject);
  c.text = std::move(text);
  c.author = "analyst@example.org";
  return c;
}

class StoreCommentaryTest : public StoreReportsTest {
 protected:
  Commentary Save(const Commentary& c, int expected_version, std::int64_t now = kNow) {
    auto saved = store_->SaveCommentary(c, expected_version, now, Audit());
    EXPECT_TRUE(saved.has_value()) << saved.error().ToString();
    return saved.value_or(Commentary{});
  }
  std::vector<Commentary> Notes(std::optional<std::int64_t> cycle_id,
                                const std::string& plan = "p") {
    auto listed = store_->ListCommentary(plan, cycle_id);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(std::vector<Commentary>{});
  }
  void ExpectRefused(const Commentary& c, int expected_version, ErrorCode code,
                     std::string_view message) {
    const std::vector<Commentary> before = Notes(c.cycle_id);
    const std::int64_t audits = AuditCount();
    auto refused = store_->SaveCommentary(c, expected_version, kNow + 60, Audit());
    ASSERT_FALSE(refused.has_value()) << message;
    EXPECT_EQ(refused.error().code, code) << refused.error().message;
    EXPECT_EQ(refused.error().message, message);
    EXPECT_EQ(Notes(c.cycle_id), before);
    EXPECT_EQ(AuditCount(), audits);
  }
};

TEST_F(StoreCommentaryTest, CommentaryIsCreatedReplacedAndDeleted) {
  const Commentary created =
      Save(Note("outcome:be-healthy", "Better than\nlast year.", p_cycle_), 0);
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.version, 1);
  EXPECT_EQ(created.updated_at, "2026-11-22T20:15:00Z");
  EXPECT_EQ(created.author, "analyst@example.org");
  ASSERT_EQ(Notes(p_cycle_).size(), 1u);
  EXPECT_EQ(Notes(p_cycle_)[0], created);

  Commentary edit = Note("outcome:be-healthy", "Much better — «good» 😀", p_cycle_);
  edit.author = "";  // taken from the audit entry's actor
  const Commentary replaced = Save(edit, 1, kNow + 60);
  EXPECT_EQ(replaced.id, created.id);
  EXPECT_EQ(replaced.version, 2);
  EXPECT_EQ(replaced.text, "Much better — «good» 😀");
  EXPECT_EQ(replaced.updated_at, "2026-11-22T20:16:00Z");
  EXPECT_EQ(replaced.author, "analyst@example.org");
  EXPECT_EQ(Notes(p_cycle_), std::vector<Commentary>{replaced});

  const Commentary deleted = Save(Note("outcome:be-healthy", " \n ", p_cycle_), 2);
  EXPECT_EQ(deleted.version, 0);
  EXPECT_EQ(deleted.text, "");
  EXPECT_TRUE(Notes(p_cycle_).empty());
  const Commentary again = Save(Note("outcome:be-healthy", "Back.", p_cycle_), 0);
  EXPECT_EQ(again.version, 1);

  const std::vector<AuditEntry> log = AuditOf("commentary");  // newest first
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[3].action, "commentary.save");
  EXPECT_EQ(log[3].before, "");
  EXPECT_EQ(log[2].action, "commentary.save");
  EXPECT_EQ(Json(log[2].before)["version"], 1);
  EXPECT_EQ(Json(log[2].after)["version"], 2);
  EXPECT_EQ(Json(log[2].after)["text"], "Much better — «good» 😀");
  EXPECT_EQ(log[1].action, "commentary.delete");
  EXPECT_EQ(Json(log[1].before)["version"], 2);
  EXPECT_EQ(log[1].after, "");
  EXPECT_EQ(log[1].entity_id, "p/cycle-" + std::to_string(p_cycle_) + "/outcome:be-healthy");
}

TEST_F(StoreCommentaryTest, DeletingNothingChangesNothing) {
  const std::int64_t audits = AuditCount();
  const Commentary none = Save(Note("plan", "", std::nullopt), 0);
  EXPECT_EQ(none.version, 0);
  EXPECT_EQ(none.id, 0);
  EXPECT_TRUE(Notes(std::nullopt).empty());
  EXPECT_EQ(AuditCount(), audits);
}

TEST_F(StoreCommentaryTest, StaleSavesAreRefusedWithNothingChanged) {
  Save(Note("plan", "First.", p_cycle_), 0);
  Save(Note("plan", "Second.", p_cycle_), 1);
  ExpectRefused(Note("plan", "Late.", p_cycle_), 1, ErrorCode::kConflict,
                "the commentary on plan cannot be saved: it has changed since it was read "
                "(version 2)");
  ExpectRefused(Note("plan", "New?", p_cycle_), 0, ErrorCode::kConflict,
                "the commentary on plan cannot be saved: it has changed since it was read "
                "(version 2)");
  ExpectRefused(Note("plan", "", p_cycle_), 1, ErrorCode::kConflict,
                "the commentary on plan cannot be saved: it has changed since it was read "
                "(version 2)");
  ExpectRefused(Note("action:hw-thrive", "Gone?", p_cycle_), 3, ErrorCode::kConflict,
                "the commentary on action:hw-thrive cannot be saved: it has been deleted since "
                "it was read");
  EXPECT_EQ(Notes(p_cycle_)[0].text, "Second.");
}

TEST_F(StoreCommentaryTest, BadCommentaryIsRefusedWithNothingChanged) {
  ExpectRefused(Note("outcome:Be Healthy", "Text", p_cycle_), 0, ErrorCode::kInvalidArgument,
                "subject: Subject must be plan, or outcome, objective, indicator or action "
                "followed by a colon and its id, like outcome:be-healthy");
  ExpectRefused(Note("plan", std::string(2001, 'a'), p_cycle_), 0, ErrorCode::kInvalidArgument,
                "text: Commentary must be 2,000 characters or fewer");
  ExpectRefused(Note("plan", "tab\there", p_cycle_), 0, ErrorCode::kInvalidArgument,
                "text: Commentary must not contain control characters");
  Commentary unknown_plan = Note("plan", "Text", std::nullopt);
  unknown_plan.plan_id = "nope";
  ExpectRefused(unknown_plan, 0, ErrorCode::kNotFound, "no plan 'nope'");
  ExpectRefused(Note("plan", "Text", 999), 0, ErrorCode::kNotFound,
                "no reporting cycle with id 999");
  ExpectRefused(Note("plan", "Text", q_cycle_), 0, ErrorCode::kInvalidArgument,
                "cycle " + std::to_string(q_cycle_) + " belongs to plan 'q', not 'p'");
  EXPECT_TRUE(Save(Note("plan", std::string(2000, 'a'), p_cycle_), 0).version == 1);
}

// One commentary per plan, cycle (or none) and subject: the same subject in another cycle, in
// no cycle or in another plan is another commentary.
TEST_F(StoreCommentaryTest, CommentaryIsKeptPerPlanCycleAndSubject) {
  const Commentary in_cycle = Save(Note("outcome:be-healthy", "In the cycle.", p_cycle_), 0);
  const Commentary no_cycle = Save(Note("outcome:be-healthy", "Whole plan.", std::nullopt), 0);
  const Commentary plan_note = Save(Note("plan", "Overall.", p_cycle_), 0);
  const Commentary indicator = Save(Note("indicator:93085", "Worse than England.", p_cycle_), 0);
  Commentary other_plan = Note("outcome:be-healthy", "Other plan.", q_cycle_);
  other_plan.plan_id = "q";
  Save(other_plan, 0);
  EXPECT_NE(in_cycle.id, no_cycle.id);
  EXPECT_EQ(Notes(p_cycle_), (std::vector<Commentary>{indicator, in_cycle, plan_note}));
  EXPECT_EQ(Notes(std::nullopt), std::vector<Commentary>{no_cycle});
  EXPECT_EQ(Notes(q_cycle_, "q").size(), 1u);
  EXPECT_TRUE(Notes(q_cycle_).empty());
  EXPECT_TRUE(Notes(std::nullopt, "nope").empty());
  // A second commentary on the same subject in no cycle is refused by the database as well.
  EXPECT_FALSE(
      db().Exec("INSERT INTO report_commentary (plan_id, cycle_id, subject, body, "
                "author, updated_at, version) VALUES ('p', NULL, "
                "'outcome:be-healthy', 'x', 'a', 't', 1)"));
}

// --- schema ---

TEST_F(StoreReportsTest, AFreshStoreHasTheReportTables) {
  EXPECT_EQ(store_->SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  EXPECT_EQ(SchemaObjects("'issued_reports', 'report_commentary', 'issued_reports_frozen', "
                          "'issued_reports_by_plan', 'report_commentary_per_cycle', "
                          "'report_commentary_per_plan'"),
            6);
}

// A database at schema 9 opens, is migrated to 10, keeps what it held, and takes reports and
// commentary for the plans it already had.
TEST(SqliteReportsMigrationTest, ASchemaNineDatabaseMigratesKeepingItsData) {
  TempDir dir;
  const std::string path = dir.File("v9.db");
  {
    auto db = SqliteAtVersion(path, 9);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    ASSERT_TRUE(db->Exec("PRAGMA foreign_keys = ON"));
    ASSERT_TRUE(db->Exec(
        "INSERT INTO plans (id, title, organisation, start_date, end_date, status, revision, "
        "created_at, updated_at) VALUES ('p', 'Old plan', 'Council', '2019-04-01', "
        "'2023-03-31', 'published', 1, 't', 't');"
        "INSERT INTO bodies (plan_id, id, position, name, kind) VALUES ('p', "
        "'partnership-board', 0, 'Board', 'board');"
        "INSERT INTO outcomes (plan_id, id, position, title, description, kind) VALUES ('p', "
        "'be-healthy', 0, 'Be healthy', '', 'outcome');"
        "INSERT INTO audit_log (at, actor, via, action, entity, entity_id) VALUES "
        "('2026-01-01T00:00:00Z', 'os:root', 'waymark init', 'plan.import', 'plan', 'p')"));
  }
  auto opened = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  Store& store = **opened;
  EXPECT_EQ(store.SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  EXPECT_EQ(store.ListPlans()->size(), 1u);
  EXPECT_EQ(store.ListAudit({})->size(), 1u);
  EXPECT_TRUE(store.ListIssuedReports("")->empty());
  auto issued = store.IssueReport(Draft(), kNow, Audit());
  ASSERT_TRUE(issued.has_value()) << issued.error().ToString();
  EXPECT_EQ(store.FindIssuedReport(issued->id)->pdf, kPdf);
  ASSERT_TRUE(store.SaveCommentary(Note("plan", "Fine.", std::nullopt), 0, kNow, Audit()));
  EXPECT_EQ(store.ListAudit({})->size(), 3u);
  EXPECT_TRUE(store.CheckIntegrity().has_value());
}

}  // namespace
}  // namespace waymark::store::testing
