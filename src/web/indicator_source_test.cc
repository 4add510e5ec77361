// Tests of the indicator snapshots: one indicator read by itself (and kept, within a bound)
// unless the whole snapshot is up to date; when the database cannot be read, the failure is
// reported and answered 503, never kept as "no figures", and the next request reads again at
// once; a failed re-read keeps the last good figures.
#include "web/indicator_source.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "core/temp_dir.h"
#include "store/store.h"
#include "web/cache_policy.h"

namespace waymark::web {
namespace {

class IndicatorSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::OpenSqliteStore(path_, store::OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    std::vector<Indicator> catalogue;
    std::vector<Assessment> judged;
    for (int i = 1; i <= kIndicators; ++i) {
      Indicator ind;
      ind.id = "ind" + std::to_string(i);
      ind.title = "Indicator " + std::to_string(i);
      catalogue.push_back(ind);
      Assessment a;
      a.indicator = ind.id;
      a.area = "E09000003";
      a.breakdown.sex = "Persons";
      a.period = *ParsePeriod("2021");
      a.value = i;
      judged.push_back(a);
    }
    ASSERT_TRUE((*store)->SaveIndicators(catalogue, 1795378500).has_value());
    ASSERT_TRUE((*store)->SaveAssessments(judged).has_value());
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

  static constexpr int kIndicators = static_cast<int>(kCachedIndicators) + 2;
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

TEST_F(IndicatorSourceTest, OneIndicatorIsReadByItselfUntilTheWholeIsRead) {
  IndicatorSource source(*plans_, std::chrono::hours(1));
  const IndicatorSnapshot one = source.Get("ind2");
  ASSERT_TRUE(one.readable);
  ASSERT_EQ(one.data->Series().size(), 1U);  // that indicator's series only
  const report::IndicatorSeries* s = one.data->Find("ind2");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->indicator.title, "Indicator 2");
  ASSERT_EQ(s->rows.size(), 1U);
  EXPECT_EQ(s->rows[0].value, 2);
  EXPECT_EQ(one.data->Find("ind1"), nullptr);
  EXPECT_EQ(source.CachedIndicators(), 1U);
  // Asked again: the same snapshot, not read again.
  EXPECT_EQ(source.Get("ind2").data, one.data);
  // A second indicator shares the areas read with the first.
  const IndicatorSnapshot other = source.Get("ind3");
  EXPECT_EQ(other.data->Places(), one.data->Places());
  EXPECT_NE(other.generation, one.generation);
  // Once the whole snapshot is read, it answers for every indicator.
  const IndicatorSnapshot whole = source.Get();
  EXPECT_EQ(whole.data->Series().size(), static_cast<std::size_t>(kIndicators));
  EXPECT_EQ(source.Get("ind2").data, whole.data);
  // Changed figures: the single indicator is read again, with its new judgement.
  Assessment changed;
  changed.indicator = "ind2";
  changed.area = "E09000003";
  changed.breakdown.sex = "Persons";
  changed.period = *ParsePeriod("2021");
  changed.value = 20;
  ASSERT_TRUE(plans_
                  ->WithStore([&](store::Store& store) {
                    return store.ReplaceAssessments({"ind2"}, {changed});
                  })
                  .has_value());
  source.Invalidate();
  const IndicatorSnapshot again = source.Get("ind2");
  ASSERT_EQ(again.data->Series().size(), 1U);
  EXPECT_EQ(again.data->Find("ind2")->rows.at(0).value, 20);
}

TEST_F(IndicatorSourceTest, AnUnknownIndicatorHasNoSeriesAndIsNotKept) {
  IndicatorSource source(*plans_, std::chrono::hours(1));
  const IndicatorSnapshot none = source.Get("nope");
  EXPECT_TRUE(none.readable);
  EXPECT_TRUE(none.data->Series().empty());
  EXPECT_EQ(source.CachedIndicators(), 0U);
}

TEST_F(IndicatorSourceTest, PastTheBoundOfSingleIndicatorsTheWholeIsRead) {
  IndicatorSource source(*plans_, std::chrono::hours(1));
  const IndicatorSnapshot first = source.Get("ind1");
  for (int i = 1; i <= static_cast<int>(kCachedIndicators); ++i) {
    const IndicatorSnapshot one = source.Get("ind" + std::to_string(i));
    EXPECT_EQ(one.data->Series().size(), 1U) << i;
    EXPECT_EQ(source.CachedIndicators(), static_cast<std::size_t>(i));
  }
  EXPECT_EQ(source.Get("ind1").generation, first.generation);  // kept, not read again
  // One more: the whole snapshot, which then answers for every indicator.
  const IndicatorSnapshot whole = source.Get("ind" + std::to_string(kCachedIndicators + 1));
  EXPECT_EQ(whole.data->Series().size(), static_cast<std::size_t>(kIndicators));
  EXPECT_EQ(source.CachedIndicators(), 0U);
  EXPECT_EQ(source.Get("ind1").data, whole.data);
  EXPECT_EQ(source.Get().data, whole.data);
}

TEST_F(IndicatorSourceTest, AnUnreadableIndicatorIsA503AndIsReadAgain) {
  Exec("ALTER TABLE series_judgements RENAME TO judgements_away");
  IndicatorSource source(*plans_, std::chrono::hours(1));
  Request api;
  api.path = "/api/v1/indicators/ind1/data";
  const auto answer = SnapshotFor(source, api, "ind1");
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().status, 503);
  EXPECT_EQ(source.CachedIndicators(), 0U);
  Exec("ALTER TABLE judgements_away RENAME TO series_judgements");
  const auto good = SnapshotFor(source, api, "ind1");
  ASSERT_TRUE(good.has_value());
  ASSERT_NE(good->data->Find("ind1"), nullptr);
  // A failed re-read keeps its last good figures, with the failure.
  Exec("ALTER TABLE series_judgements RENAME TO judgements_away");
  source.Invalidate();
  const IndicatorSnapshot stale = source.Get("ind1");
  EXPECT_TRUE(stale.readable);
  ASSERT_TRUE(stale.failure.has_value());
  EXPECT_EQ(stale.data, good->data);
}

TEST_F(IndicatorSourceTest, AnswersAreRenderedOncePerSnapshotAndAddress) {
  IndicatorSource source(*plans_, std::chrono::hours(1));
  int rendered = 0;
  const auto page = [&](int status, bool keep_it) {
    return [&rendered, status, keep_it](bool& keep) {
      ++rendered;
      keep = keep_it;
      return Response::Html(status, "page " + std::to_string(rendered));
    };
  };
  Request one;
  one.target = "/indicators/ind1?area=E09000003";
  Request other;
  other.target = "/indicators/ind1?area=E09000007";
  const IndicatorSnapshot snapshot = source.Get("ind1");
  EXPECT_EQ(KeptAnswer(source, snapshot, one, page(200, true)).body, "page 1");
  const Response kept = KeptAnswer(source, snapshot, one, page(200, true));  // kept
  EXPECT_EQ(kept.body, "page 1");
  EXPECT_EQ(kept.Get("ETag"), BodyEtag("page 1"));  // hashed once, with it
  EXPECT_EQ(KeptAnswer(source, snapshot, other, page(200, true)).body, "page 2");
  EXPECT_EQ(rendered, 2);
  // Another snapshot (the figures read again): rendered again.
  source.Invalidate();
  const IndicatorSnapshot next = source.Get("ind1");
  ASSERT_NE(next.generation, snapshot.generation);
  EXPECT_EQ(KeptAnswer(source, next, one, page(200, true)).body, "page 3");
  // Neither a refusal nor a page with a part that could not be read is kept.
  Request missing;
  missing.target = "/indicators/nope";
  EXPECT_EQ(KeptAnswer(source, next, missing, page(404, true)).status, 404);
  EXPECT_EQ(KeptAnswer(source, next, missing, page(404, true)).body, "page 5");
  Request partial;
  partial.target = "/indicators/ind2";
  EXPECT_EQ(KeptAnswer(source, next, partial, page(200, false)).body, "page 6");
  EXPECT_EQ(KeptAnswer(source, next, partial, page(200, true)).body, "page 7");
  EXPECT_EQ(KeptAnswer(source, next, partial, page(200, true)).body, "page 7");
}

}  // namespace
}  // namespace waymark::web
