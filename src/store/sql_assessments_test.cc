// Tests of the stored judgements (one block per series): their order and filters, the series
// they hang on, damage reported rather than read as nothing, and an older database's rows
// packed by the migration and read back the same.
#include <bit>
#include <cmath>
#include <tuple>

#include <gtest/gtest.h>

#include "core/recording_progress.h"
#include "core/temp_dir.h"
#include "stats/count_estimate.h"
#include "store/fresh_store_fixture.h"
#include "store/older_schema_test_util.h"
#include "store/schema.h"

namespace waymark::store {
namespace {

using StoreJudgementsTest = FreshStoreTest;

Assessment Judged(std::string indicator, std::string area, std::string sex,
                  const std::string& period, double value) {
  Assessment a;
  a.indicator = std::move(indicator);
  a.area = std::move(area);
  a.breakdown.sex = std::move(sex);
  a.period = *ParsePeriod(period);
  a.value = value;
  a.vs_england = Comparison::kBetter;
  a.recent_trend = RecentTrend::kNoChange;
  a.basis = ComparisonBasis::kWilson95;
  return a;
}

// Indicator, area, sex, period and value of each row, in order.
std::vector<std::string> Keys(const std::vector<Assessment>& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const Assessment& a : rows) {
    out.push_back(fmt::format("{} {} {} {} {}", a.indicator, a.area, a.breakdown.sex,
                              a.period.Label(), a.value));
  }
  return out;
}

TEST_F(StoreJudgementsTest, ListedByIndicatorBreakdownAreaAndPeriodAndFiltered) {
  ASSERT_TRUE(store_
                  ->SaveAssessments({Judged("q", "E09000003", "Persons", "2021", 5),
                                     Judged("p", "E09000007", "Persons", "2020", 4),
                                     Judged("p", "E09000003", "Persons", "2021", 3),
                                     Judged("p", "E09000003", "Female", "2019", 2),
                                     Judged("p", "E09000003", "Persons", "2019", 1)})
                  .has_value());
  EXPECT_EQ(Keys(*store_->ListAssessments("", "")),
            (std::vector<std::string>{"p E09000003 Female 2019 2", "p E09000003 Persons 2019 1",
                                      "p E09000003 Persons 2021 3", "p E09000007 Persons 2020 4",
                                      "q E09000003 Persons 2021 5"}));
  EXPECT_EQ(Keys(*store_->ListAssessments("", "E09000007")),
            (std::vector<std::string>{"p E09000007 Persons 2020 4"}));
  EXPECT_EQ(Keys(*store_->ListAssessments("q", "E09000003")),
            (std::vector<std::string>{"q E09000003 Persons 2021 5"}));
  EXPECT_TRUE(store_->ListAssessments("r", "")->empty());
  const auto all = *store_->ListAssessments("p", "E09000003");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(Words(all[0].vs_england), "Better");
  EXPECT_EQ(Words(all[0].recent_trend), "No significant change");
  EXPECT_EQ(all[0].basis, ComparisonBasis::kWilson95);
  EXPECT_EQ(store_->CountData()->judgements, 5);
}

TEST_F(StoreJudgementsTest, JudgementsShareTheirFiguresSeriesAndAddOneWhenThereIsNone) {
  ASSERT_TRUE(db().Exec("INSERT INTO series (indicator_id, area_code, sex, age, category_type, "
                        "category) VALUES ('p', 'E09000003', 'Persons', '', '', '')")
                  .has_value());
  for (int round = 0; round < 2; ++round) {  // the second replaces the first, adding nothing
    ASSERT_TRUE(store_
                    ->ReplaceAssessments({"p"}, {Judged("p", "E09000003", "Persons", "2021", 1),
                                                 Judged("p", "E09000007", "Persons", "2021", 2)})
                    .has_value());
    EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM series"), 2);
    EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM series_judgements"), 2);
  }
  EXPECT_EQ(Keys(*store_->ListAssessments("p", "")),
            (std::vector<std::string>{"p E09000003 Persons 2021 1", "p E09000007 Persons 2021 2"}));
}

TEST_F(StoreJudgementsTest, ADamagedBlockIsAnErrorNotAnEmptyList) {
  ASSERT_TRUE(
      store_->SaveAssessments({Judged("p", "E09000003", "Persons", "2021", 1)}).has_value());
  auto damage = db().Prepare("UPDATE series_judgements SET data = ?");
  ASSERT_TRUE(damage.has_value());
  damage->BindBlobUncopied(1, std::string_view("\x01\x05", 2));
  ASSERT_TRUE(damage->Run().has_value());
  const auto listed = store_->ListAssessments("p", "");
  ASSERT_FALSE(listed.has_value());
  EXPECT_NE(listed.error().message.find("stored judgements are damaged"), std::string::npos);
}

// The bytes of every stored block of judgements.
std::int64_t JudgementBytes(Db& db) {
  return *db.QueryInt("SELECT coalesce(sum(length(data)), 0) FROM series_judgements");
}

TEST_F(StoreJudgementsTest, NumbersACataloguedMethodGivesFromCountsAreStoredOnceAndReadTheSame) {
  Indicator wilson;
  wilson.id = "p";
  wilson.title = "A proportion";
  wilson.method = CiMethod::kWilson;
  wilson.multiplier = 100;
  ASSERT_TRUE(store_->SaveIndicators({wilson}, 0).has_value());
  std::vector<Assessment> rows;
  for (const double count : {3.0, 9.0, 2784.0}) {
    Assessment a = Judged("p", "E09000003", "Persons", fmt::format("{}", 2018 + rows.size()), 0);
    const auto e = stats::EstimateFromCounts(CiMethod::kWilson, 100, count, 14355).value();
    a.count = count;
    a.denominator = 14355;
    std::tie(a.value, a.lower95, a.upper95, a.lower998, a.upper998) =
        std::tie(e.value, e.lower95, e.upper95, e.lower998, e.upper998);
    rows.push_back(a);
  }
  rows[1].upper95 = std::nextafter(rows[1].upper95, 0.0);  // not what Wilson gives: kept
  // The same judgements under an indicator the catalogue does not hold: every number kept.
  std::vector<Assessment> uncatalogued = rows;
  for (Assessment& a : uncatalogued) a.indicator = "q";
  ASSERT_TRUE(store_->SaveAssessments(uncatalogued).has_value());
  const std::int64_t full = JudgementBytes(db());
  ASSERT_TRUE(store_->SaveAssessments(rows).has_value());
  // Two judgements of three omit five doubles each; the multiplier (100, not 0) takes a byte more.
  EXPECT_EQ(full - JudgementBytes(db()), 2 * 5 * 8 - 1);
  const auto back = store_->ListAssessments("p", "");
  ASSERT_TRUE(back.has_value()) << back.error().message;
  ASSERT_EQ(back->size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Assessment& a = rows[i];
    const Assessment& b = (*back)[i];
    for (const auto& [x, y] : {std::pair{a.value, b.value},
                               {a.lower95, b.lower95},
                               {a.upper95, b.upper95},
                               {a.lower998, b.lower998},
                               {a.upper998, b.upper998},
                               {a.count, b.count}}) {
      EXPECT_EQ(std::bit_cast<std::uint64_t>(x), std::bit_cast<std::uint64_t>(y)) << i;
    }
  }
}

TEST_F(StoreJudgementsTest, HeadlinesAreEachIndicatorsHeadlineBreakdownOnly) {
  std::vector<Assessment> rows = {
      Judged("p", "E09000003", "Female", "2019", 1), Judged("p", "E09000003", "Male", "2019", 2),
      Judged("p", "E09000007", "Persons", "2020", 4),
      Judged("p", "E09000003", "Persons", "2021", 3),
      Judged("p", "E09000003", "Persons", "2019", 5),
      // q has no persons: the breakdown with the most judgements
      Judged("q", "E09000003", "Male", "2019", 6), Judged("q", "E09000003", "Female", "2019", 7),
      Judged("q", "E09000003", "Female", "2020", 8)};
  Assessment banded = Judged("p", "E09000003", "Persons", "2019", 9);
  banded.breakdown.age = "0-4 yrs";  // persons of one age band: not the headline
  rows.push_back(banded);
  ASSERT_TRUE(store_->SaveAssessments(rows).has_value());
  EXPECT_EQ(Keys(*store_->ListHeadlineAssessments("")),
            (std::vector<std::string>{"p E09000003 Persons 2019 5", "p E09000003 Persons 2021 3",
                                      "p E09000007 Persons 2020 4", "q E09000003 Female 2019 7",
                                      "q E09000003 Female 2020 8"}));
  // One indicator's alone, by the same rule.
  EXPECT_EQ(Keys(*store_->ListHeadlineAssessments("q")),
            (std::vector<std::string>{"q E09000003 Female 2019 7", "q E09000003 Female 2020 8"}));
  EXPECT_EQ(Keys(*store_->ListHeadlineAssessments("p")).size(), 3U);
  EXPECT_TRUE(store_->ListHeadlineAssessments("r")->empty());
  ASSERT_TRUE(store_->SaveAssessments({}).has_value());
  EXPECT_TRUE(store_->ListHeadlineAssessments("")->empty());
}

// Imports one figure of each indicator named, for Barnet in 2021.
void ImportFigures(Store& store, const std::vector<std::string>& indicators) {
  auto batch = store.BeginObservationImport({"f.csv", "csv", "analyst", 0});
  ASSERT_TRUE(batch.has_value());
  int line = 2;
  for (const std::string& id : indicators) {
    Observation o;
    o.indicator = id;
    o.area = "E09000003";
    o.breakdown.sex = "Persons";
    o.period = *ParsePeriod("2021");
    o.value = 10;
    o.source_row = line++;
    ASSERT_TRUE((*batch)->Add(o).has_value());
  }
  ASSERT_TRUE((*batch)->Commit(indicators.size()).has_value());
}

TEST_F(StoreJudgementsTest, JudgingHandsEachIndicatorItsFiguresAndWritesAsItGoes) {
  ImportFigures(*store_, {"p", "q"});
  ASSERT_TRUE(store_->SaveAssessments({Judged("old", "E09000003", "Persons", "2020", 1)}));
  std::vector<std::string> asked;
  const auto judge =
      [&](std::string_view id,
          const std::vector<Observation>& figures) -> Result<std::vector<Assessment>> {
    asked.push_back(fmt::format("{}:{}", id, figures.size()));
    std::vector<Assessment> rows;
    rows.reserve(figures.size());
    for (const Observation& o : figures) {
      rows.push_back(Judged(o.indicator, o.area, o.breakdown.sex, o.period.Label(), o.value));
    }
    return rows;
  };
  RecordingProgress log;
  ASSERT_TRUE(store_->JudgeAndSave({"p", "q", "r"}, true, judge, &log));
  EXPECT_EQ(asked, (std::vector<std::string>{"p:1", "q:1", "r:0"}));
  EXPECT_EQ(log.calls,
            (std::vector<std::pair<std::uint64_t, std::uint64_t>>{{0, 3}, {1, 3}, {2, 3}, {3, 3}}));
  // Everything replaced: the judgement of "old" (judged before, not named now) is gone.
  EXPECT_EQ(
      Keys(*store_->ListAssessments("", "")),
      (std::vector<std::string>{"p E09000003 Persons 2021 10", "q E09000003 Persons 2021 10"}));
  // Only "q" again: "p" keeps its judgements.
  ASSERT_TRUE(store_->JudgeAndSave({"q"}, false, [](std::string_view, const auto&) {
    return Result<std::vector<Assessment>>(std::vector<Assessment>{});
  }));
  EXPECT_EQ(Keys(*store_->ListAssessments("", "")),
            (std::vector<std::string>{"p E09000003 Persons 2021 10"}));
}

TEST_F(StoreJudgementsTest, AJudgingThatFailsOrStraysChangesNothing) {
  ImportFigures(*store_, {"p", "q"});
  ASSERT_TRUE(store_->SaveAssessments({Judged("p", "E09000003", "Persons", "2020", 1)}));
  const auto before = Keys(*store_->ListAssessments("", ""));
  const auto stray = store_->JudgeAndSave(
      {"p", "q"}, true, [](std::string_view id, const std::vector<Observation>&) {
        // "q"'s judging gives one of "p": refused, though "p"'s own were written already.
        return Result<std::vector<Assessment>>(std::vector<Assessment>{
            Judged("p", "E09000007", "Persons", "2021", id == "q" ? 2 : 3)});
      });
  ASSERT_FALSE(stray.has_value());
  EXPECT_EQ(stray.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Keys(*store_->ListAssessments("", "")), before);
  const auto failed = store_->JudgeAndSave(
      {"p", "q"}, false,
      [](std::string_view id, const std::vector<Observation>&) -> Result<std::vector<Assessment>> {
        if (id == "q") return MakeError(ErrorCode::kInternal, "out of memory");
        return std::vector<Assessment>{Judged("p", "E09000003", "Persons", "2021", 4)};
      });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().message, "out of memory");
  EXPECT_EQ(Keys(*store_->ListAssessments("", "")), before);
}

// A database of schema 25 at `path`, its judgements the rows `values` of text.
void MakeVersion25(const std::string& path, const std::string& values) {
  auto db = SqliteAtVersion(path, 25);
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  ASSERT_TRUE(
      db->Exec("INSERT INTO assessments (indicator_id, area_code, period, period_key, sex, age, "
               "category_type, category, value, lower95, upper95, lower998, upper998, count, "
               "denominator, suppressed, value_source, vs_england, vs_england_998, "
               "vs_england_2level, vs_region, vs_region_998, vs_region_2level, recent_trend, "
               "quintile, rank_london, rank_neighbours, neighbours_ranked, rag, rag_rule, "
               "target, comparison_basis) VALUES " +
               values)
          .has_value());
}

// A database of schema 25 kept its judgements as rows of text: the migration packs them into
// blocks and drops the table, and they read back as they were.
TEST(SqliteJudgementsMigrationTest, AnOlderDatabasesJudgementsArePackedAndKept) {
  TempDir dir;
  const std::string path = dir.File("v25.db");
  {
    MakeVersion25(path,
                  "('q', 'E09000003', '2019/20', 0, 'Persons', '', '', '', 12.5, 11.25, 13.75, "
                  "10.5, 14.5, 25, 200, 0, 'computed', 'Better', 'Similar', 'Better', 'Worse', "
                  "'Similar', 'Worse', 'Increasing and getting better', 2, 7, 3, 11, 'green', "
                  "'at or above the target', 12, 'wilson-95'), "
                  "('q', 'E09000003', '2018/19', 0, 'Persons', '', '', '', NULL, NULL, NULL, "
                  "NULL, NULL, NULL, NULL, 1, 'missing', '', '', '', '', '', '', '', 0, 0, 0, 0, "
                  "'', '', NULL, 'suppressed'), "
                  "('p', 'E09000007', '2020', 0, 'Female', '10-11 yrs', '', '', 3, NULL, NULL, "
                  "NULL, NULL, NULL, NULL, 0, 'supplied', 'Lowest fifth', '', '', '', '', '', "
                  "'', 5, 0, 0, 0, '', '', NULL, 'quintile')");
  }
  auto store = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  auto& db = static_cast<SqlStore&>(**store).db();
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM sqlite_master WHERE name = 'assessments'"), 0);
  const auto rows = *(*store)->ListAssessments("", "");
  ASSERT_EQ(rows.size(), 3u);
  const Assessment& p = rows[0];
  EXPECT_EQ(p.indicator, "p");
  EXPECT_EQ(p.breakdown, (Breakdown{"Female", "10-11 yrs", "", ""}));
  EXPECT_EQ(Words(p.vs_england), "Lowest fifth");
  EXPECT_EQ(p.quintile, 5);
  EXPECT_EQ(p.basis, ComparisonBasis::kQuintile);
  const Assessment& older = rows[1];  // in period order, whatever the stored key said
  EXPECT_EQ(older.period.Label(), "2018/19");
  EXPECT_TRUE(older.suppressed);
  EXPECT_TRUE(std::isnan(older.value));
  EXPECT_EQ(Words(older.value_source), "missing");
  EXPECT_EQ(older.basis, ComparisonBasis::kSuppressed);
  const Assessment& q = rows[2];
  EXPECT_EQ(q.period.Label(), "2019/20");
  EXPECT_EQ(q.value, 12.5);
  EXPECT_EQ(q.lower95, 11.25);
  EXPECT_EQ(q.upper998, 14.5);
  EXPECT_EQ(q.count, 25);
  EXPECT_EQ(q.denominator, 200);
  EXPECT_EQ(Words(q.vs_region_2level), "Worse");
  EXPECT_EQ(Words(q.recent_trend), "Increasing and getting better");
  EXPECT_EQ(q.rank_london, 7);
  EXPECT_EQ(q.neighbours_ranked, 11);
  EXPECT_EQ(Words(q.rag), "green");
  EXPECT_EQ(q.rag_rule, "at or above the target");
  EXPECT_EQ(q.target, 12);
  EXPECT_EQ(q.basis, ComparisonBasis::kWilson95);
  EXPECT_EQ((*store)->CountData()->judgements, 3);
}

// Words that are no label are not guessed at: the migration stops, names the column and the
// words, and leaves the database as it was.
TEST(SqliteJudgementsMigrationTest, AnOlderJudgementOfUnknownWordsStopsTheMigration) {
  TempDir dir;
  const std::string path = dir.File("v25.db");
  MakeVersion25(path,
                "('q', 'E09000003', '2019/20', 0, 'Persons', '', '', '', 12.5, NULL, NULL, NULL, "
                "NULL, NULL, NULL, 0, 'supplied', 'Better', '', '', '', 'Much better', '', '', 0, "
                "0, 0, 0, '', '', NULL, 'source-interval')");
  const auto store = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_FALSE(store.has_value());
  EXPECT_NE(store.error().message.find("vs_region_998 'Much better' is not a judgement label"),
            std::string::npos)
      << store.error().ToString();
  auto db = Db::Open(path, Db::Mode::kReadOnly);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(*db->QueryInt("PRAGMA user_version"), 25);
  EXPECT_EQ(*db->QueryInt("SELECT count(*) FROM assessments"), 1);
}

}  // namespace
}  // namespace waymark::store
