// Sixteen writers at once, each on its own connection (on SQLite and, as pg.*, on PostgreSQL):
// twelve save updates of three actions, re-reading and trying again when told the update
// changed, and four import figures. No save is lost (each action's version counts its saves
// exactly), every refusal is a reported conflict, nothing deadlocks, and every import is kept.
#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/cycles_test_fixture.h"

namespace waymark::store::testing {
namespace {

constexpr int kUpdaters = 12;
constexpr int kImporters = 4;
constexpr int kSavesEach = 8;
constexpr int kRowsEach = 500;
const std::vector<std::string> kActions = {"a-1", "a-2", "a-3"};

class StoreConcurrentWritersTest : public StoreCyclesTest {
 protected:
  std::unique_ptr<Store> Connect() {
    auto opened = OpenStore(database_.location(), OpenMode::kReadWrite);
    EXPECT_TRUE(opened.has_value()) << opened.error().ToString();
    return opened ? std::move(*opened) : nullptr;
  }
};

// The stored version of an action's update (0 when it has none).
int VersionOf(Store& store, std::int64_t cycle_id, const std::string& action) {
  UpdateFilter filter;
  filter.cycle_id = cycle_id;
  filter.action_id = action;
  auto updates = store.ListActionUpdates(filter);
  return updates && !updates->empty() ? updates->front().version : 0;
}

TEST_F(StoreConcurrentWritersTest, SixteenWritersLoseNothingAndReportEveryConflict) {
  const ReportingCycle cycle = Open();
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < kUpdaters + kImporters; ++i) {
    stores.push_back(Connect());
    ASSERT_NE(stores.back(), nullptr);
  }
  std::atomic<int> conflicts = 0;
  std::atomic<int> unexpected = 0;
  std::vector<std::map<std::string, int>> saved(kUpdaters);
  std::vector<std::thread> threads;
  threads.reserve(kUpdaters + kImporters);
  for (int w = 0; w < kUpdaters; ++w) {
    threads.emplace_back([&, w] {
      Store& store = *stores[w];
      for (int n = 0; n < kSavesEach; ++n) {
        const std::string& action = kActions[(w + n) % kActions.size()];
        while (true) {
          ActionUpdate update = FullUpdate(cycle.id, action);
          update.fields.narrative = "writer " + std::to_string(w) + ", save " + std::to_string(n);
          auto result =
              store.SaveActionUpdate(update, VersionOf(store, cycle.id, action), kNow + n, Audit());
          if (result) {
            ++saved[w][action];
            break;
          }
          if (result.error().code != ErrorCode::kConflict) {
            ++unexpected;
            ADD_FAILURE() << result.error().ToString();
            return;
          }
          ++conflicts;  // someone saved since it was read: read again and retry
        }
      }
    });
  }
  for (int w = 0; w < kImporters; ++w) {
    threads.emplace_back([&, w] {
      Store& store = *stores[kUpdaters + w];
      auto batch = store.BeginObservationImport(
          {"file" + std::to_string(w) + ".csv", "csv", "analyst", kNow, kImportFlushBytes});
      if (!batch) {
        ++unexpected;
        ADD_FAILURE() << batch.error().ToString();
        return;
      }
      for (int r = 0; r < kRowsEach; ++r) {
        Observation o;
        o.indicator = "i" + std::to_string(w);
        o.area = "E0" + std::to_string(1000000 + r);
        o.period = *ParsePeriod(std::to_string(2000 + r % 20));
        o.value = r;
        o.count = 3;
        o.denominator = 10;
        o.source_row = r + 2;
        if (!(*batch)->Add(o)) ++unexpected;
      }
      auto committed = (*batch)->Commit(kRowsEach);
      if (!committed) {
        ++unexpected;
        ADD_FAILURE() << committed.error().ToString();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(unexpected.load(), 0);
  int total = 0;
  for (const std::string& action : kActions) {
    int count = 0;
    for (const auto& writer : saved) count += writer.contains(action) ? writer.at(action) : 0;
    total += count;
    EXPECT_EQ(VersionOf(*store_, cycle.id, action), count) << action;  // no save lost
  }
  EXPECT_EQ(total, kUpdaters * kSavesEach);
  AuditFilter saves;
  saves.action = "action-update.save";
  EXPECT_EQ(store_->ListAudit(saves)->size(), static_cast<std::size_t>(total));
  EXPECT_EQ(*store_->CountObservations(), static_cast<std::size_t>(kImporters * kRowsEach));
  RecordProperty("conflicts", conflicts.load());
}

}  // namespace
}  // namespace waymark::store::testing
