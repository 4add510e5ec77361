// Tests of batches of action updates in the store (SaveActionUpdates): every update of
// a batch saved in order and audited, or, when one is refused (locked, stale, an unknown cycle,
// another plan's cycle, a closed cycle), none at all, the refusal naming the refused update's
// origin.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/cycles_test_fixture.h"

namespace waymark::store::testing {
namespace {

UpdateSave Batched(ActionUpdate update, int expected_version, int line) {
  return UpdateSave{std::move(update), expected_version, SourcePos{"updates.csv", line, 0}};
}

TEST_F(StoreCyclesTest, ABatchSavesEveryUpdateInOrderEachAudited) {
  const ReportingCycle cycle = Open();
  Save(FullUpdate(cycle.id, "a-2"), 0);  // a draft the batch replaces
  const std::int64_t audits = AuditCount();
  ActionUpdate submitted = FullUpdate(cycle.id, "a-3");
  submitted.state = UpdateState::kSubmitted;
  ActionUpdate again = FullUpdate(cycle.id, "a-1");
  again.fields.narrative = "Second save of a-1 in the same batch";
  const std::vector<UpdateSave> saves = {Batched(FullUpdate(cycle.id, "a-1"), 0, 2),
                                         Batched(FullUpdate(cycle.id, "a-2"), 1, 3),
                                         Batched(submitted, 0, 4), Batched(again, 1, 5)};
  auto saved = store_->SaveActionUpdates(saves, kNow + 60, Audit());
  ASSERT_TRUE(saved.has_value()) << saved.error().ToString();
  ASSERT_EQ(saved->size(), 4u);
  EXPECT_EQ((*saved)[0].version, 1);
  EXPECT_EQ((*saved)[1].version, 2);
  EXPECT_EQ((*saved)[2].submitted_at, "2026-11-22T20:16:00Z");
  EXPECT_EQ((*saved)[3].version, 2);
  const std::vector<ActionUpdate> stored = Updates();
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0], (*saved)[3]);
  EXPECT_EQ(stored[0].fields.narrative, "Second save of a-1 in the same batch");
  EXPECT_EQ(stored[1], (*saved)[1]);
  EXPECT_EQ(stored[2].state, UpdateState::kSubmitted);
  EXPECT_EQ(AuditCount(), audits + 4);
  EXPECT_EQ(LastAudit().action, "action-update.save");
  AuditFilter submits;
  submits.action = "action-update.submit";
  EXPECT_EQ(store_->ListAudit(submits)->size(), 1u);
  // An empty batch saves nothing and succeeds.
  auto none = store_->SaveActionUpdates({}, kNow, Audit());
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(AuditCount(), audits + 4);
}

// The third update of a batch is refused: the two before it, already written inside the
// transaction, are rolled back with it, and the error names the third's origin.
TEST_F(StoreCyclesTest, ARefusedUpdateOfABatchLeavesTheEarlierOnesUnsaved) {
  const ReportingCycle cycle = Open();
  ActionUpdate locked = FullUpdate(cycle.id, "a-3");
  locked.state = UpdateState::kSubmitted;
  Save(locked, 0);
  Save(FullUpdate(cycle.id, "a-2"), 0);
  const std::vector<ActionUpdate> before = Updates();
  const std::int64_t audits = AuditCount();
  const std::int64_t stamp = Stamp();
  struct Case {
    UpdateSave third;
    ErrorCode code;
    std::string why;
  };
  ActionUpdate other_plan = FullUpdate(cycle.id, "a-4");
  other_plan.plan_id = "q";
  const std::vector<Case> cases = {
      {Batched(FullUpdate(cycle.id, "a-3"), 1, 4), ErrorCode::kConflict,
       "the update has been submitted"},
      {Batched(FullUpdate(cycle.id, "a-4"), 2, 4), ErrorCode::kConflict,
       "the update has changed since it was read (version 0)"},
      {Batched(FullUpdate(999, "a-4"), 0, 4), ErrorCode::kNotFound, "no reporting cycle"},
      {Batched(other_plan, 0, 4), ErrorCode::kInvalidArgument, "belongs to plan 'p'"},
  };
  for (const Case& c : cases) {
    const std::vector<UpdateSave> saves = {Batched(FullUpdate(cycle.id, "a-1"), 0, 2),
                                           Batched(FullUpdate(cycle.id, "a-2"), 1, 3), c.third,
                                           Batched(FullUpdate(cycle.id, "a-5"), 0, 5)};
    auto refused = store_->SaveActionUpdates(saves, kNow + 60, Audit());
    ASSERT_FALSE(refused.has_value()) << c.why;
    EXPECT_EQ(refused.error().code, c.code) << c.why;
    EXPECT_NE(refused.error().message.find(c.why), std::string::npos) << refused.error().message;
    EXPECT_EQ(refused.error().pos, (SourcePos{"updates.csv", 4, 0}));
    EXPECT_EQ(refused.error().ToString().rfind("updates.csv:4: ", 0), 0u);
    EXPECT_EQ(Updates(), before) << c.why;
    EXPECT_EQ(AuditCount(), audits) << c.why;
    EXPECT_EQ(Stamp(), stamp) << c.why;
  }
  // The same batch without the bad update is kept whole.
  const std::vector<UpdateSave> good = {Batched(FullUpdate(cycle.id, "a-1"), 0, 2),
                                        Batched(FullUpdate(cycle.id, "a-2"), 1, 3)};
  ASSERT_TRUE(store_->SaveActionUpdates(good, kNow + 60, Audit()).has_value());
  EXPECT_EQ(Updates().size(), 3u);
  EXPECT_EQ(AuditCount(), audits + 2);
}

// A closed cycle refuses the first update of a batch, with nothing kept.
TEST_F(StoreCyclesTest, ABatchIntoAClosedCycleSavesNothing) {
  const ReportingCycle cycle = Open();
  ASSERT_TRUE(store_->CloseCycle(cycle.id, kNow, Audit()));
  const std::int64_t audits = AuditCount();
  const std::vector<UpdateSave> saves = {Batched(FullUpdate(cycle.id, "a-1"), 0, 2)};
  auto refused = store_->SaveActionUpdates(saves, kNow, Audit());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().ToString(),
            "updates.csv:2: the update of action 'a-1' in cycle 1 cannot be saved: the cycle is "
            "closed");
  EXPECT_EQ(Count("action_updates"), 0);
  EXPECT_EQ(AuditCount(), audits);
}

}  // namespace
}  // namespace waymark::store::testing
