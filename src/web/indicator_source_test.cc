// Tests of the indicator snapshot when the database cannot be read: the failure is reported and
// answered 503, never kept as "no figures", and the next request reads again at once; a failed
// re-read keeps the last good figures.
#include "web/indicator_source.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/temp_dir.h"
#include "store/store.h"

namespace waymark::web {
namespace {

class IndicatorSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::OpenSqliteStore(path_, store::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    Indicator ind;
    ind.id = "ind1";
    ind.title = "Indicator";
    ASSERT_TRUE((*store)->SaveIndicators({ind}, 1795378500).has_value());
    plans_ = std::make_unique<PlanSource>(std::move(*store));
  }

  // Runs `sql` on the database through a connection of its own, as another process would.
  void Exec(const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    const std::string text = message != nullptr ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << text;
  }

  TempDir dir_;
  std::string path_ = dir_.File("test.db");
  std::unique_ptr<PlanSource> plans_;
};

TEST_F(IndicatorSourceTest, AnUnreadableDatabaseIsAFailureNotAnEmptyCatalogue) {
  Exec("ALTER TABLE series_judgements RENAME TO judgements_away");
  // A refresh interval of an hour: a failure that were kept would stay for that long.
  IndicatorSource source(*plans_, std::chrono::hours(1));
  IndicatorSnapshot snapshot = source.Get();
  EXPECT_FALSE(snapshot.readable);
  ASSERT_TRUE(snapshot.failure.has_value());
  EXPECT_NE(snapshot.failure->ToString().find("series_judgements"), std::string::npos)
      << snapshot.failure->ToString();
  ASSERT_NE(snapshot.data, nullptr);
  Request page;
  page.path = "/indicators";
  const auto answer = SnapshotFor(source, page);
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().status, 503);
  EXPECT_NE(answer.error().body.find("could not be read"), std::string::npos);
  Request api;
  api.path = "/api/v1/assessments";
  const auto json = SnapshotFor(source, api);
  ASSERT_FALSE(json.has_value());
  EXPECT_EQ(json.error().status, 503);
  EXPECT_NE(json.error().body.find("\"status\": 503"), std::string::npos) << json.error().body;

  // Put right: the very next request reads the figures, within the refresh interval.
  Exec("ALTER TABLE judgements_away RENAME TO series_judgements");
  snapshot = source.Get();
  EXPECT_TRUE(snapshot.readable);
  EXPECT_FALSE(snapshot.failure.has_value());
  ASSERT_NE(snapshot.data->Find("ind1"), nullptr);
  EXPECT_TRUE(SnapshotFor(source, page).has_value());
}

TEST_F(IndicatorSourceTest, AFailedReReadKeepsTheLastGoodFiguresAndTriesAgain) {
  IndicatorSource source(*plans_, std::chrono::hours(1));
  const IndicatorSnapshot good = source.Get();
  ASSERT_TRUE(good.readable);
  ASSERT_NE(good.data->Find("ind1"), nullptr);
  Exec("ALTER TABLE series_judgements RENAME TO judgements_away");
  source.Invalidate();
  IndicatorSnapshot stale = source.Get();
  EXPECT_TRUE(stale.readable);
  ASSERT_TRUE(stale.failure.has_value());
  EXPECT_EQ(stale.generation, good.generation);
  EXPECT_EQ(stale.data, good.data);  // the last good figures, not an empty catalogue
  Request page;
  page.path = "/indicators";
  EXPECT_TRUE(SnapshotFor(source, page).has_value());
  // Still failing: read again at each request, never marked fresh.
  stale = source.Get();
  EXPECT_TRUE(stale.failure.has_value());
  Exec("ALTER TABLE judgements_away RENAME TO series_judgements");
  const IndicatorSnapshot again = source.Get();
  EXPECT_FALSE(again.failure.has_value());
  EXPECT_EQ(again.generation, good.generation + 1);
  EXPECT_NE(again.data, good.data);
}

}  // namespace
}  // namespace waymark::web
