// Test fixture for reporting cycles and action updates in the store: a fresh store
// holding two small plans ("p" and "q"), a fixed time, a full update and an audit entry to save
// with, and helpers that open a cycle, save an update, and read back the updates, the audit log
// and the progress version that a refused change must leave as they were.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/fresh_store_fixture.h"
#include "store/sql_store.h"

namespace waymark::store::testing {

inline constexpr std::int64_t kNow = 1795378500;  // 2026-11-22T20:15:00Z

inline AuditEntry Audit(std::string actor = "analyst@example.org") {
  AuditEntry entry;
  entry.at = "2026-11-22T20:15:00Z";
  entry.actor = std::move(actor);
  entry.via = "test";
  entry.action = "set-by-the-store";
  return entry;
}

inline Plan SmallPlan(std::string id) {
  Plan plan;
  plan.id = std::move(id);
  plan.title = "Plan " + plan.id;
  plan.organisation = "Council";
  plan.start = {2024, 4, 1};
  plan.end = {2027, 3, 31};
  plan.status = "published";
  plan.partners = {{"fs", "Family Services", "council"}};
  return plan;
}

inline ReportingCycle NewCycle(std::string plan_id, std::string name, Date from, Date to,
                               Date due) {
  ReportingCycle cycle;
  cycle.plan_id = std::move(plan_id);
  cycle.name = std::move(name);
  cycle.from = from;
  cycle.to = to;
  cycle.due = due;
  return cycle;
}

inline ActionUpdate FullUpdate(std::int64_t cycle_id, std::string action_id) {
  ActionUpdate update;
  update.cycle_id = cycle_id;
  update.plan_id = "p";
  update.action_id = std::move(action_id);
  update.fields.status = ActionStatus::kAtRisk;
  update.fields.narrative = "Délai — staff «shortage» 😟\nSecond line\twith a tab";
  update.fields.evidence = {"https://example.org/report?a=1&b=2", "http://例え.jp/報告"};
  update.fields.next_steps = "Recruit two caseworkers by March";
  update.fields.expected_completion = Date{2027, 2, 28};
  update.organisation = "fs";
  update.author = "partner@fs.example";
  update.author_name = "Zoë O'Brien";
  return update;
}

inline nlohmann::json Json(const std::string& text) { return nlohmann::json::parse(text); }

class StoreCyclesTest : public FreshStoreTest {
 protected:
  void SetUp() override {
    FreshStoreTest::SetUp();
    for (const char* id : {"p", "q"}) {
      ASSERT_TRUE(store_->ImportPlan(SmallPlan(id), ImportContext{"analyst", "p.toml", kNow}));
    }
  }
  ReportingCycle Open(std::string plan_id = "p", Date from = {2026, 7, 1}, Date to = {2026, 9, 30},
                      Date due = {2026, 10, 31}) {
    auto opened =
        store_->OpenCycle(NewCycle(std::move(plan_id), "2026–27 Q2", from, to, due), kNow, Audit());
    EXPECT_TRUE(opened.has_value()) << opened.error().ToString();
    return opened.value_or(ReportingCycle{});
  }
  ActionUpdate Save(const ActionUpdate& update, int expected_version, std::int64_t now = kNow) {
    auto saved = store_->SaveActionUpdate(update, expected_version, now, Audit(update.author));
    EXPECT_TRUE(saved.has_value()) << saved.error().ToString();
    return saved.value_or(ActionUpdate{});
  }
  std::vector<ActionUpdate> Updates(const UpdateFilter& filter = {}) {
    auto updates = store_->ListActionUpdates(filter);
    EXPECT_TRUE(updates.has_value()) << updates.error().ToString();
    return updates.value_or(std::vector<ActionUpdate>{});
  }
  std::int64_t AuditCount() { return *db().QueryInt("SELECT count(*) FROM audit_log"); }
  std::int64_t Count(std::string_view table) {
    return *db().QueryInt(std::string("SELECT count(*) FROM ") + std::string(table));
  }
  AuditEntry LastAudit() {
    AuditFilter newest;
    newest.limit = 1;
    auto entries = store_->ListAudit(newest);
    EXPECT_TRUE(entries.has_value() && entries->size() == 1);
    return entries && !entries->empty() ? entries->front() : AuditEntry{};
  }
  // The plan's progress version, which the read of a kept page's versions gives too.
  std::int64_t Stamp(std::string_view plan_id = "p") {
    auto stamp = store_->ProgressVersion(plan_id);
    EXPECT_TRUE(stamp.has_value()) << stamp.error().ToString();
    const auto page = store_->ReadPageVersions(plan_id);
    EXPECT_TRUE(page.has_value());
    if (page && stamp) {
      EXPECT_EQ(page->progress, *stamp);
    }
    return stamp.value_or(-1);
  }
  // A refused save: kConflict with `why` in its message, and nothing stored or audited.
  void ExpectRefused(const ActionUpdate& update, int expected_version, std::string_view why) {
    const std::vector<ActionUpdate> before = Updates();
    const std::int64_t audits = AuditCount();
    const std::int64_t stamp = Stamp(update.plan_id);
    auto refused = store_->SaveActionUpdate(update, expected_version, kNow + 60, Audit());
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_NE(refused.error().message.find(why), std::string::npos) << refused.error().message;
    EXPECT_EQ(Updates(), before);
    EXPECT_EQ(AuditCount(), audits);
    EXPECT_EQ(Stamp(update.plan_id), stamp);
  }
};

}  // namespace waymark::store::testing
