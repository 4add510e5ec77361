// Tests of reporting cycles and action updates in the store: round trips of every field,
// one open cycle per plan, saves that create, replace or are refused (stale, locked, closed)
// with nothing changed, reopening, listing, the progress version, racing saves, every change
// audited; and the migration of a schema 8 database to schema 9. Batches of saves are in
// sql_update_batch_test.cc.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/temp_dir.h"
#include "store/cycles_test_fixture.h"
#include "store/older_schema_test_util.h"
#include "store/schema.h"
#include "store/sql_store.h"

namespace waymark::store::testing {
namespace {

// --- cycles ---

TEST_F(StoreCyclesTest, AnOpenedCycleRoundTripsAndIsAudited) {
  const ReportingCycle opened = Open();
  EXPECT_GT(opened.id, 0);
  ReportingCycle expected =
      NewCycle("p", "2026–27 Q2", {2026, 7, 1}, {2026, 9, 30}, {2026, 10, 31});
  expected.id = opened.id;
  expected.opened_at = "2026-11-22T20:15:00Z";
  expected.opened_by = "analyst@example.org";
  EXPECT_EQ(opened, expected);
  EXPECT_EQ(*store_->FindCycle(opened.id), expected);
  EXPECT_EQ(*store_->ListCycles("p"), std::vector<ReportingCycle>{expected});
  EXPECT_TRUE(store_->ListCycles("q")->empty());

  const AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "cycle.open");
  EXPECT_EQ(entry.entity, "cycle");
  EXPECT_EQ(entry.entity_id, std::to_string(opened.id));
  EXPECT_EQ(entry.actor, "analyst@example.org");
  EXPECT_EQ(entry.via, "test");
  EXPECT_EQ(entry.before, "");
  EXPECT_EQ(Json(entry.after), Json(R"({"id": )" + std::to_string(opened.id) +
                                    R"(, "plan_id": "p", "name": "2026–27 Q2", "from": "2026-07-01",
                 "to": "2026-09-30", "due": "2026-10-31", "state": "open",
                 "opened_at": "2026-11-22T20:15:00Z", "opened_by": "analyst@example.org",
                 "closed_at": "", "closed_by": ""})"));
}

TEST_F(StoreCyclesTest, APlanHasAtMostOneOpenCycle) {
  const ReportingCycle first = Open();
  const std::int64_t audits = AuditCount();
  auto again = store_->OpenCycle(
      NewCycle("p", "Another", {2026, 10, 1}, {2026, 12, 31}, {2027, 1, 31}), kNow, Audit());
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message.find("2026–27 Q2"), std::string::npos) << again.error().message;
  EXPECT_EQ(Count("reporting_cycles"), 1);
  EXPECT_EQ(AuditCount(), audits);
  // The schema itself refuses a second open cycle of a plan.
  EXPECT_FALSE(
      db().Exec("INSERT INTO reporting_cycles (plan_id, name, date_from, date_to, due, "
                "state, opened_at, opened_by) VALUES ('p', 'x', '2026-01-01', "
                "'2026-01-02', '2026-01-03', 'open', 't', 'u')"));
  // Another plan may have its own; once closed, the plan may open the next.
  Open("q");
  ASSERT_TRUE(store_->CloseCycle(first.id, kNow + 1, Audit()));
  const ReportingCycle next = Open("p", {2026, 10, 1}, {2026, 12, 31}, {2027, 1, 31});
  EXPECT_NE(next.id, first.id);
  EXPECT_EQ(store_->ListCycles("p")->size(), 2u);
}

TEST_F(StoreCyclesTest, AnUnknownPlanOrABadCycleIsRefusedAndNothingIsWritten) {
  const std::int64_t audits = AuditCount();
  auto unknown = store_->OpenCycle(
      NewCycle("nope", "Q1", {2026, 1, 1}, {2026, 3, 31}, {2026, 4, 30}), kNow, Audit());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_NE(unknown.error().message.find("nope"), std::string::npos);
  for (const ReportingCycle& bad :
       {NewCycle("p", "Q1", {2026, 3, 31}, {2026, 1, 1}, {2026, 4, 30}),  // ends before it starts
        NewCycle("p", "", {2026, 1, 1}, {2026, 3, 31}, {2026, 4, 30}),
        NewCycle("p", "Q1", {}, {}, {})}) {
    auto refused = store_->OpenCycle(bad, kNow, Audit());
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().message.rfind("cycle ", 0), 0u) << refused.error().message;
  }
  EXPECT_EQ(Count("reporting_cycles"), 0);
  EXPECT_EQ(AuditCount(), audits);
}

TEST_F(StoreCyclesTest, CyclesAreListedNewestFirstByPlan) {
  const ReportingCycle q1 = Open("p", {2026, 1, 1}, {2026, 3, 31}, {2026, 4, 30});
  ASSERT_TRUE(store_->CloseCycle(q1.id, kNow, Audit()));
  const ReportingCycle q3 = Open("p", {2026, 7, 1}, {2026, 9, 30}, {2026, 10, 31});
  ASSERT_TRUE(store_->CloseCycle(q3.id, kNow, Audit()));
  const ReportingCycle q2 = Open("p", {2026, 4, 1}, {2026, 6, 30}, {2026, 7, 31});
  ASSERT_TRUE(store_->CloseCycle(q2.id, kNow, Audit()));
  const ReportingCycle q2_again = Open("p", {2026, 4, 1}, {2026, 6, 30}, {2026, 7, 31});
  const ReportingCycle other = Open("q", {2025, 1, 1}, {2025, 3, 31}, {2025, 4, 30});
  auto ids = [&](std::string_view plan_id) {
    const std::vector<ReportingCycle> cycles =
        store_->ListCycles(plan_id).value_or(std::vector<ReportingCycle>{});
    std::vector<std::int64_t> out;
    out.reserve(cycles.size());
    for (const ReportingCycle& c : cycles) out.push_back(c.id);
    return out;
  };
  EXPECT_EQ(ids("p"), (std::vector<std::int64_t>{q3.id, q2_again.id, q2.id, q1.id}));
  EXPECT_EQ(ids(""), (std::vector<std::int64_t>{q3.id, q2_again.id, q2.id, q1.id, other.id}));
  EXPECT_TRUE(store_->ListCycles("nope")->empty());
}

TEST_F(StoreCyclesTest, ClosingIsAuditedOnceAndClosingAgainChangesNothing) {
  const ReportingCycle opened = Open();
  auto closed = store_->CloseCycle(opened.id, kNow + 3600, Audit("lead@example.org"));
  ASSERT_TRUE(closed.has_value()) << closed.error().ToString();
  EXPECT_EQ(closed->state, CycleState::kClosed);
  EXPECT_EQ(closed->closed_at, "2026-11-22T21:15:00Z");
  EXPECT_EQ(closed->closed_by, "lead@example.org");
  EXPECT_EQ(closed->opened_at, opened.opened_at);
  EXPECT_EQ(*store_->FindCycle(opened.id), *closed);
  const AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "cycle.close");
  EXPECT_EQ(entry.entity_id, std::to_string(opened.id));
  EXPECT_EQ(Json(entry.before)["state"], "open");
  EXPECT_EQ(Json(entry.after)["state"], "closed");
  EXPECT_EQ(Json(entry.after)["closed_by"], "lead@example.org");

  const std::int64_t audits = AuditCount();
  auto again = store_->CloseCycle(opened.id, kNow + 7200, Audit("someone@example.org"));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, *closed);
  EXPECT_EQ(*store_->FindCycle(opened.id), *closed);
  EXPECT_EQ(AuditCount(), audits);

  EXPECT_EQ(store_->CloseCycle(999, kNow, Audit()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindCycle(999).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(AuditCount(), audits);
}

// --- updates ---

TEST_F(StoreCyclesTest, AnUpdateRoundTripsEveryField) {
  const ReportingCycle cycle = Open();
  const ActionUpdate given = FullUpdate(cycle.id, "a-1");
  const ActionUpdate saved = Save(given, 0);
  ActionUpdate expected = given;
  expected.id = saved.id;
  expected.version = 1;
  expected.updated_at = "2026-11-22T20:15:00Z";
  EXPECT_GT(saved.id, 0);
  EXPECT_EQ(saved, expected);
  EXPECT_EQ(Updates(), std::vector<ActionUpdate>{expected});

  const AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "action-update.save");
  EXPECT_EQ(entry.entity, "action-update");
  EXPECT_EQ(entry.entity_id, std::to_string(cycle.id) + "/a-1");
  EXPECT_EQ(entry.actor, "partner@fs.example");
  EXPECT_EQ(entry.before, "");
  const nlohmann::json after = Json(entry.after);
  EXPECT_EQ(after["status"], "at-risk");
  EXPECT_EQ(after["narrative"], given.fields.narrative);
  EXPECT_EQ(after["evidence"], nlohmann::json(given.fields.evidence));
  EXPECT_EQ(after["expected_completion"], "2027-02-28");
  EXPECT_EQ(after["version"], 1);
  EXPECT_EQ(after["state"], "draft");
  EXPECT_EQ(after["author_name"], "Zoë O'Brien");
}

TEST_F(StoreCyclesTest, AnUpdateWithEveryOptionalFieldEmptyRoundTrips) {
  const ReportingCycle cycle = Open();
  ActionUpdate empty;
  empty.cycle_id = cycle.id;
  empty.action_id = "a-2";  // no plan id: the cycle's is taken
  const ActionUpdate saved = Save(empty, 0);
  EXPECT_EQ(saved.plan_id, "p");
  EXPECT_FALSE(saved.fields.status.has_value());
  EXPECT_TRUE(saved.fields.evidence.empty());
  EXPECT_FALSE(saved.fields.expected_completion.has_value());
  const std::vector<ActionUpdate> stored = Updates();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0], saved);
  EXPECT_EQ(stored[0].fields, ActionUpdateFields{});
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM action_updates WHERE status IS NULL AND "
                           "evidence = '[]' AND expected_completion = ''"),
            1);
  EXPECT_TRUE(Json(LastAudit().after)["status"].is_null());
}

TEST_F(StoreCyclesTest, ASaveAtTheStoredVersionReplacesItAndSubmittingLocksIt) {
  const ReportingCycle cycle = Open();
  ActionUpdate update = FullUpdate(cycle.id, "a-1");
  const ActionUpdate first = Save(update, 0);
  update.fields.narrative = "Better now";
  update.fields.status = ActionStatus::kOnTrack;
  update.organisation = "police";
  update.author = "other@police.example";
  const ActionUpdate second = Save(update, 1, kNow + 60);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(second.updated_at, "2026-11-22T20:16:00Z");
  EXPECT_EQ(second.organisation, "police");
  EXPECT_EQ(second.submitted_at, "");
  AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "action-update.save");
  EXPECT_EQ(Json(entry.before)["narrative"], FullUpdate(0, "").fields.narrative);
  EXPECT_EQ(Json(entry.before)["version"], 1);
  EXPECT_EQ(Json(entry.after)["narrative"], "Better now");
  EXPECT_EQ(Json(entry.after)["version"], 2);

  update.state = UpdateState::kSubmitted;
  const ActionUpdate submitted = Save(update, 2, kNow + 120);
  EXPECT_EQ(submitted.version, 3);
  EXPECT_EQ(submitted.state, UpdateState::kSubmitted);
  EXPECT_EQ(submitted.submitted_at, "2026-11-22T20:17:00Z");
  EXPECT_EQ(LastAudit().action, "action-update.submit");
  EXPECT_EQ(Updates(), std::vector<ActionUpdate>{submitted});
  EXPECT_EQ(Count("action_updates"), 1);
}

TEST_F(StoreCyclesTest, AStaleSaveIsRefusedAndChangesNothing) {
  const ReportingCycle cycle = Open();
  ActionUpdate update = FullUpdate(cycle.id, "a-1");
  ExpectRefused(update, 1, "the update has changed since it was read (version 0)");
  EXPECT_EQ(Count("action_updates"), 0);
  Save(update, 0);
  Save(update, 1);
  update.fields.narrative = "Written against an old version";
  ExpectRefused(update, 0, "the update has changed since it was read (version 2)");
  ExpectRefused(update, 1, "the update has changed since it was read (version 2)");
  ExpectRefused(update, 3, "the update has changed since it was read (version 2)");
  EXPECT_EQ(Updates()[0].fields.narrative, FullUpdate(0, "").fields.narrative);
}

TEST_F(StoreCyclesTest, ASubmittedUpdateIsLocked) {
  const ReportingCycle cycle = Open();
  ActionUpdate update = FullUpdate(cycle.id, "a-1");
  update.state = UpdateState::kSubmitted;
  Save(update, 0);
  update.state = UpdateState::kDraft;
  update.fields.narrative = "Changed after submitting";
  ExpectRefused(update, 1, "the update has been submitted");
  EXPECT_EQ(Updates()[0].state, UpdateState::kSubmitted);
}

TEST_F(StoreCyclesTest, NoSaveIsAcceptedInAClosedCycle) {
  const ReportingCycle cycle = Open();
  ActionUpdate update = FullUpdate(cycle.id, "a-1");
  Save(update, 0);
  ASSERT_TRUE(store_->CloseCycle(cycle.id, kNow, Audit()));
  ExpectRefused(update, 1, "the cycle is closed");
  ExpectRefused(FullUpdate(cycle.id, "a-new"), 0, "the cycle is closed");
}

TEST_F(StoreCyclesTest, AnUnknownCycleOrAMalformedUpdateIsRefused) {
  const ReportingCycle cycle = Open();
  const std::int64_t audits = AuditCount();
  auto unknown = store_->SaveActionUpdate(FullUpdate(999, "a-1"), 0, kNow, Audit());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  ActionUpdate other_plan = FullUpdate(cycle.id, "a-1");
  other_plan.plan_id = "q";
  EXPECT_EQ(store_->SaveActionUpdate(other_plan, 0, kNow, Audit()).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->SaveActionUpdate(FullUpdate(cycle.id, ""), 0, kNow, Audit()).error().code,
            ErrorCode::kInvalidArgument);
  ActionUpdate no_status = FullUpdate(cycle.id, "a-1");
  no_status.state = UpdateState::kSubmitted;
  no_status.fields.status.reset();
  EXPECT_EQ(store_->SaveActionUpdate(no_status, 0, kNow, Audit()).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count("action_updates"), 0);
  EXPECT_EQ(AuditCount(), audits);
}

// Two writers on their own connections save against the same version at once: one wins, the
// other is told the update changed, and the winner's text is what is kept.
TEST_F(StoreCyclesTest, OfTwoRacingSavesAtOneVersionOnlyOneWins) {
  const ReportingCycle cycle = Open();
  Save(FullUpdate(cycle.id, "a-1"), 0);
  constexpr int kWriters = 2;
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < kWriters; ++i) {
    auto opened = OpenStore(database_.location(), OpenMode::kReadWrite);
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    stores.push_back(std::move(*opened));
  }
  std::vector<Result<ActionUpdate>> results(kWriters, MakeError(ErrorCode::kInternal, "not run"));
  std::vector<std::thread> threads;
  threads.reserve(kWriters);
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      ActionUpdate update = FullUpdate(cycle.id, "a-1");
      update.fields.narrative = "Writer " + std::to_string(i);
      results[i] = stores[i]->SaveActionUpdate(update, 1, kNow + 60, Audit());
    });
  }
  for (std::thread& t : threads) t.join();
  int won = 0;
  std::string winner;
  for (const auto& result : results) {
    if (result.has_value()) {
      ++won;
      winner = result->fields.narrative;
      EXPECT_EQ(result->version, 2);
    } else {
      EXPECT_EQ(result.error().code, ErrorCode::kConflict);
      EXPECT_NE(result.error().message.find("(version 2)"), std::string::npos)
          << result.error().message;
    }
  }
  EXPECT_EQ(won, 1);
  const std::vector<ActionUpdate> stored = Updates();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].version, 2);
  EXPECT_EQ(stored[0].fields.narrative, winner);
}

// --- reopening ---

TEST_F(StoreCyclesTest, AnAnalystReopensASubmittedUpdateWithAReason) {
  const ReportingCycle cycle = Open();
  ActionUpdate update = FullUpdate(cycle.id, "a-1");
  update.state = UpdateState::kSubmitted;
  const ActionUpdate submitted = Save(update, 0);
  auto reopened =
      store_->ReopenActionUpdate(cycle.id, "a-1", "Status does not match — please check", kNow + 60,
                                 Audit("lead@example.org"));
  ASSERT_TRUE(reopened.has_value()) << reopened.error().ToString();
  EXPECT_EQ(reopened->state, UpdateState::kDraft);
  EXPECT_EQ(reopened->version, 2);
  EXPECT_EQ(reopened->submitted_at, "");
  EXPECT_EQ(reopened->reopened_reason, "Status does not match — please check");
  EXPECT_EQ(reopened->fields, submitted.fields);
  EXPECT_EQ(reopened->author, submitted.author);
  EXPECT_EQ(Updates(), std::vector<ActionUpdate>{*reopened});
  const AuditEntry entry = LastAudit();
  EXPECT_EQ(entry.action, "action-update.reopen");
  EXPECT_EQ(entry.entity_id, std::to_string(cycle.id) + "/a-1");
  EXPECT_EQ(entry.actor, "lead@example.org");
  EXPECT_EQ(Json(entry.before)["state"], "submitted");
  EXPECT_EQ(Json(entry.after)["state"], "draft");
  EXPECT_EQ(Json(entry.after)["reopened_reason"], "Status does not match — please check");

  // The authors may now save again at the new version; the reason stays on record.
  update.state = UpdateState::kDraft;
  ExpectRefused(update, 1, "(version 2)");
  const ActionUpdate resaved = Save(update, 2);
  EXPECT_EQ(resaved.version, 3);
  EXPECT_EQ(resaved.reopened_reason, "Status does not match — please check");
}

TEST_F(StoreCyclesTest, ReopeningNeedsASubmittedUpdateInAnOpenCycleAndAReason) {
  const ReportingCycle cycle = Open();
  ActionUpdate update = FullUpdate(cycle.id, "a-1");
  Save(update, 0);
  const std::int64_t audits = AuditCount();
  auto not_submitted = store_->ReopenActionUpdate(cycle.id, "a-1", "why", kNow, Audit());
  ASSERT_FALSE(not_submitted.has_value());
  EXPECT_EQ(not_submitted.error().code, ErrorCode::kConflict);
  EXPECT_NE(not_submitted.error().message.find("has not been submitted"), std::string::npos);
  auto missing = store_->ReopenActionUpdate(cycle.id, "a-9", "why", kNow, Audit());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ReopenActionUpdate(999, "a-1", "why", kNow, Audit()).error().code,
            ErrorCode::kNotFound);

  update.state = UpdateState::kSubmitted;
  const ActionUpdate submitted = Save(update, 1);
  const std::int64_t audits_submitted = AuditCount();
  for (std::string_view bad :
       {std::string_view(""), std::string_view("   "), std::string_view("bad\x01")}) {
    auto refused = store_->ReopenActionUpdate(cycle.id, "a-1", bad, kNow, Audit());
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().message.rfind("reason: ", 0), 0u) << refused.error().message;
  }
  EXPECT_EQ(store_->ReopenActionUpdate(cycle.id, "a-1", std::string(1001, 'x'), kNow, Audit())
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(AuditCount(), audits_submitted);
  ASSERT_TRUE(store_->CloseCycle(cycle.id, kNow, Audit()));
  const std::int64_t audits_closed = AuditCount();
  auto closed = store_->ReopenActionUpdate(cycle.id, "a-1", "why", kNow, Audit());
  ASSERT_FALSE(closed.has_value());
  EXPECT_EQ(closed.error().code, ErrorCode::kConflict);
  EXPECT_NE(closed.error().message.find("the cycle is closed"), std::string::npos);
  EXPECT_EQ(Updates(), std::vector<ActionUpdate>{submitted});
  EXPECT_EQ(audits_submitted, audits + 1);
  EXPECT_EQ(AuditCount(), audits_closed);
}

// --- listing and the stamp ---

TEST_F(StoreCyclesTest, UpdatesAreListedNewestCycleFirstThenByActionAndFiltered) {
  const ReportingCycle q1 = Open("p", {2026, 1, 1}, {2026, 3, 31}, {2026, 4, 30});
  Save(FullUpdate(q1.id, "b"), 0);
  Save(FullUpdate(q1.id, "a"), 0);
  ASSERT_TRUE(store_->CloseCycle(q1.id, kNow, Audit()));
  const ReportingCycle q2 = Open("p", {2026, 4, 1}, {2026, 6, 30}, {2026, 7, 31});
  Save(FullUpdate(q2.id, "c"), 0);
  Save(FullUpdate(q2.id, "a"), 0);
  const ReportingCycle other = Open("q", {2027, 1, 1}, {2027, 3, 31}, {2027, 4, 30});
  ActionUpdate q_update = FullUpdate(other.id, "a");
  q_update.plan_id = "q";
  Save(q_update, 0);

  auto keys = [&](const UpdateFilter& filter) {
    std::vector<std::string> out;
    for (const ActionUpdate& u : Updates(filter)) {
      out.push_back(u.plan_id + ":" + std::to_string(u.cycle_id) + "/" + u.action_id);
    }
    return out;
  };
  using V = std::vector<std::string>;
  const std::string c1 = std::to_string(q1.id), c2 = std::to_string(q2.id),
                    c3 = std::to_string(other.id);
  EXPECT_EQ(keys({}), (V{"q:" + c3 + "/a", "p:" + c2 + "/a", "p:" + c2 + "/c", "p:" + c1 + "/a",
                         "p:" + c1 + "/b"}));
  EXPECT_EQ(keys({"p", 0, ""}),
            (V{"p:" + c2 + "/a", "p:" + c2 + "/c", "p:" + c1 + "/a", "p:" + c1 + "/b"}));
  EXPECT_EQ(keys({"", q1.id, ""}), (V{"p:" + c1 + "/a", "p:" + c1 + "/b"}));
  EXPECT_EQ(keys({"p", 0, "a"}), (V{"p:" + c2 + "/a", "p:" + c1 + "/a"}));
  EXPECT_EQ(keys({"", 0, "a"}), (V{"q:" + c3 + "/a", "p:" + c2 + "/a", "p:" + c1 + "/a"}));
  EXPECT_EQ(keys({"q", q1.id, ""}), V{});
  EXPECT_EQ(keys({"' OR '1'='1", 0, ""}), V{});
}

TEST_F(StoreCyclesTest, TheProgressVersionRisesWithEveryChangeOfThePlanOnly) {
  std::vector<std::int64_t> stamps = {Stamp()};
  auto changed = [&] {
    const std::int64_t now = Stamp();
    EXPECT_NE(now, stamps.back());
    for (const std::int64_t earlier : stamps) EXPECT_NE(now, earlier);
    stamps.push_back(now);
  };
  const ReportingCycle cycle = Open();
  changed();
  ActionUpdate update = FullUpdate(cycle.id, "a-1");
  Save(update, 0);
  changed();
  Save(update, 1);  // the same text saved again still counts as a save
  changed();
  update.state = UpdateState::kSubmitted;
  Save(update, 2);
  changed();
  ASSERT_TRUE(store_->ReopenActionUpdate(cycle.id, "a-1", "why", kNow, Audit()));
  changed();
  Save(FullUpdate(cycle.id, "a-2"), 0);
  changed();

  // Reads, refusals and other plans' changes leave it as it is.
  ASSERT_TRUE(store_->ListActionUpdates({}));
  ASSERT_FALSE(store_->SaveActionUpdate(update, 1, kNow, Audit()));
  const ReportingCycle other = Open("q");
  ActionUpdate q_update = FullUpdate(other.id, "a-1");
  q_update.plan_id = "q";
  Save(q_update, 0);
  EXPECT_EQ(Stamp(), stamps.back());

  ASSERT_TRUE(store_->CloseCycle(cycle.id, kNow, Audit()));
  changed();
  ASSERT_TRUE(store_->CloseCycle(cycle.id, kNow, Audit()));
  EXPECT_EQ(Stamp(), stamps.back());
  Open("p", {2026, 10, 1}, {2026, 12, 31}, {2027, 1, 31});
  changed();
  EXPECT_EQ(Stamp("q"), 2);  // opened, saved to
  EXPECT_EQ(Stamp("nope"), 0);
}

// A database at schema 8 opens, is migrated to 9, keeps what it held, and takes cycles for
// the plans it already had.
TEST(SqliteCyclesMigrationTest, ASchemaEightDatabaseMigratesKeepingItsData) {
  TempDir dir;
  const std::string path = dir.File("v8.db");
  {
    auto db = SqliteAtVersion(path, 8);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    ASSERT_TRUE(db->Exec("PRAGMA foreign_keys = ON"));
    ASSERT_TRUE(db->Exec(
        "INSERT INTO plans (id, title, organisation, start_date, end_date, status, revision, "
        "created_at, updated_at) VALUES ('old-plan', 'Old plan', 'Council', '2019-04-01', "
        "'2023-03-31', 'published', 1, 't', 't');"
        "INSERT INTO audit_log (at, actor, via, action, entity, entity_id) VALUES "
        "('2026-01-01T00:00:00Z', 'os:root', 'waymark init', 'plan.import', 'plan', 'old-plan')"));
  }
  auto opened = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  Store& store = **opened;
  EXPECT_GE(store.SchemaVersion(), 9);  // and any migration after it
  EXPECT_EQ(store.SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  EXPECT_EQ(store.ListPlans()->size(), 1u);
  EXPECT_EQ(store.ListAudit({})->size(), 1u);
  EXPECT_TRUE(store.ListCycles("")->empty());
  auto cycle = store.OpenCycle(
      NewCycle("old-plan", "Q1", {2026, 1, 1}, {2026, 3, 31}, {2026, 4, 30}), kNow, Audit());
  ASSERT_TRUE(cycle.has_value()) << cycle.error().ToString();
  ActionUpdate update = FullUpdate(cycle->id, "a-1");
  update.plan_id = "old-plan";
  ASSERT_TRUE(store.SaveActionUpdate(update, 0, kNow, Audit()));
  EXPECT_EQ(store.ListAudit({})->size(), 3u);
  EXPECT_EQ(*store.ProgressVersion("old-plan"), 2);  // opened, saved to
  EXPECT_TRUE(store.CheckIntegrity().has_value());
}

}  // namespace
}  // namespace waymark::store::testing
