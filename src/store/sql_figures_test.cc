// Tests of observations in the store: imports into packed series blocks, revisions,
// repeats and conflicts on both sides of a flush, all-or-nothing transactions, provenance,
// and the upgrade of databases that kept one row per observation.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/recording_progress.h"
#include "core/temp_dir.h"
#include "ingest/data_import.h"
#include "store/fresh_store_fixture.h"
#include "store/older_schema_test_util.h"
#include "store/schema.h"

namespace waymark::store {
namespace {

Observation Obs(const std::string& area, const std::string& period, double value) {
  Observation o;
  o.indicator = "p";
  o.area = area;
  o.period = *ParsePeriod(period);
  o.value = value;
  o.count = 3;
  o.denominator = 10;
  return o;
}

class StoreFiguresTest : public FreshStoreTest {
 protected:
  // Imports `rows` (numbered from line 2) as one file, merging every `flush_bytes`.
  Result<ObservationImportStats> ImportAll(std::vector<Observation> rows, std::int64_t now,
                                           std::size_t flush_bytes = kImportFlushBytes) {
    WAYMARK_ASSIGN_OR_RETURN(
        auto batch, store_->BeginObservationImport({"f.csv", "csv", "analyst", now, flush_bytes}));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      rows[i].source_row = static_cast<int>(i + 2);
      WAYMARK_TRY(batch->Add(rows[i]));
    }
    return batch->Commit(rows.size());
  }
};

TEST_F(StoreFiguresTest, LoadingTellsProgressTheObservationsReadOfATotalNotKnown) {
  // 700 series (age bands) of 100 years: 70,000 observations, read a series at a time.
  std::vector<Observation> rows;
  for (int age = 0; age < 700; ++age) {
    for (int year = 1925; year < 2025; ++year) {
      Observation o = Obs("E09000003", std::to_string(year), 1);
      o.breakdown.age = fmt::format("age {}", age);
      rows.push_back(o);
    }
  }
  ASSERT_TRUE(ImportAll(rows, 100));
  RecordingProgress log;
  ASSERT_EQ(store_->LoadObservations("", &log)->size(), 70000u);
  ASSERT_EQ(log.calls.size(), 2u);
  EXPECT_GE(log.calls[0].first, 65536u);  // every 65,536 or so, at a series' start
  EXPECT_LT(log.calls[0].first, 65536u + 100u);
  EXPECT_EQ(log.calls[0].second, 0u);
  EXPECT_EQ(log.calls[1], (std::pair<std::uint64_t, std::uint64_t>{70000, 0}));  // at the end
}

TEST_F(StoreFiguresTest, ReimportKeepsRevisionsAndCountsUnchanged) {
  EXPECT_EQ(*store_->LatestImportTime(), "");  // nothing imported yet
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 30), Obs("E09000003", "2022", 25)}, 100));
  EXPECT_EQ(*store_->LatestImportTime(), "1970-01-01T00:01:40Z");
  auto second = ImportAll(
      {Obs("E09000003", "2023", 31), Obs("E09000003", "2022", 25), Obs("E09000003", "2024", 20)},
      200);
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(second->inserted, 1u);
  EXPECT_EQ(second->revised, 1u);
  EXPECT_EQ(second->unchanged, 1u);
  const auto all = *store_->LoadObservations("p");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].period.Label(), "2022");  // ordered by period
  EXPECT_DOUBLE_EQ(all[1].value, 31);
  EXPECT_EQ(*store_->CountObservations(), 3u);
  EXPECT_EQ(*store_->LatestImportTime(), "1970-01-01T00:03:20Z");  // the later import
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM observation_revisions WHERE value = 30"), 1);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM imports"), 2);
  EXPECT_EQ(*db().QueryInt("SELECT revised FROM imports WHERE id = 2"), 1);
}

// More series than one of PostgreSQL's chunks (4,096), a flush every few kilobytes so that
// series span flushes: first blocks, appended blocks, rewritten blocks and revisions (numbers
// missing and present) come out the same on both backends.
TEST_F(StoreFiguresTest, ThousandsOfSeriesAcrossChunksAndFlushesAreMergedAndRevised) {
  constexpr int kSeries = 5000;
  const auto rows = [](const std::vector<std::string>& periods, auto value) {
    std::vector<Observation> out;
    for (const std::string& period : periods) {
      for (int s = 0; s < kSeries; ++s) {
        Observation o = Obs("E09000003", period, value(s, period));
        o.breakdown.age = fmt::format("age {}", s);
        out.push_back(o);
      }
    }
    return out;
  };
  const auto first =
      ImportAll(rows({"2018", "2019", "2020"}, [](int s, const std::string&) { return s * 0.5; }),
                100, 16384);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(first->inserted, 3u * kSeries);
  // Again, series by series: each even series' 2020 figure revised, every series a new 2021.
  std::vector<Observation> again =
      rows({"2019", "2020", "2021"}, [](int s, const std::string& period) {
        return period == "2020" && s % 2 == 0 ? s * 0.5 + 1 : s * 0.5;
      });
  std::stable_sort(again.begin(), again.end(), [](const Observation& a, const Observation& b) {
    return a.breakdown.age < b.breakdown.age;
  });
  const auto second = ImportAll(again, 200, 16384);
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(second->inserted, std::size_t{kSeries});
  EXPECT_EQ(second->revised, std::size_t{kSeries / 2});
  EXPECT_EQ(second->unchanged, std::size_t{kSeries + kSeries / 2});
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM observation_revisions WHERE lower95 IS NULL "
                           "AND count = 3 AND denominator = 10 AND missing_reason = ''"),
            kSeries / 2);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM observation_revisions WHERE value = 2400"), 1);
  const auto all = *store_->LoadObservations("p");
  ASSERT_EQ(all.size(), 4u * kSeries);
  std::size_t checked = 0;
  for (const Observation& o : all) {
    const int s = std::stoi(o.breakdown.age.substr(4));
    const double expected = o.period.Label() == "2020" && s % 2 == 0 ? s * 0.5 + 1 : s * 0.5;
    checked += o.value == expected ? 1 : 0;
  }
  EXPECT_EQ(checked, all.size());
}

TEST_F(StoreFiguresTest, StatsNameTheIndicatorsWhoseFiguresChanged) {
  Observation other = Obs("E09000003", "2023", 7);
  other.indicator = "q";
  auto first = ImportAll({Obs("E09000003", "2023", 30), other}, 100);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->changed_indicators, (std::vector<std::string>{"p", "q"}));
  // "p" revised, "q" re-sent as it was: only "p" changed.
  auto second = ImportAll({Obs("E09000003", "2023", 31), other}, 200);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->changed_indicators, (std::vector<std::string>{"p"}));
  // Nothing new at all: nothing changed.
  auto third = ImportAll({Obs("E09000003", "2023", 31), other}, 300);
  ASSERT_TRUE(third.has_value());
  EXPECT_TRUE(third->changed_indicators.empty());
  EXPECT_EQ(third->unchanged, 2u);
  // A figure inserted for a new period of "q" changes "q" only.
  Observation later = other;
  later.period = *ParsePeriod("2024");
  auto fourth = ImportAll({later}, 400, 64);
  ASSERT_TRUE(fourth.has_value());
  EXPECT_EQ(fourth->changed_indicators, (std::vector<std::string>{"q"}));
}

// An import marks the indicators it inserted or revised a figure of to be judged again, in its
// own transaction: a re-import of the same figures, an import never committed and one refused
// mark nothing.
TEST_F(StoreFiguresTest, ImportsMarkOnlyTheIndicatorsWhoseFiguresChanged) {
  using Ids = std::vector<std::string>;
  Observation other = Obs("E09000003", "2023", 7);
  other.indicator = "q";
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 30), other}, 100));
  EXPECT_EQ(*store_->IndicatorsToJudge(), (Ids{"p", "q"}));
  ASSERT_TRUE(store_->SaveAssessments({}).has_value());  // judged: no mark left
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{});
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 30), other}, 200));  // the same figures again
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{});
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 31), other}, 300));  // "p" revised
  EXPECT_EQ(*store_->IndicatorsToJudge(), (Ids{"p"}));
  ASSERT_TRUE(store_->SaveAssessments({}).has_value());
  {
    auto batch = *store_->BeginObservationImport({"f.csv", "csv", "analyst", 400, 1});
    ASSERT_TRUE(batch->Add(Obs("E09000003", "2024", 5)).has_value());  // merged at once
  }  // dropped without Commit: rolled back
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{});
  auto batch = *store_->BeginObservationImport({"g.csv", "csv", "analyst", 500, 1});
  Observation later = other;
  later.period = *ParsePeriod("2024");
  Observation conflict = later;
  conflict.value = 8;
  later.source_row = 2;
  conflict.source_row = 3;
  ASSERT_TRUE(batch->Add(later).has_value());
  ASSERT_TRUE(batch->Add(conflict).has_value());
  ASSERT_FALSE(batch->Commit(2).has_value());  // a conflicting repeat: nothing kept
  batch.reset();
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{});
  EXPECT_EQ(store_->LoadObservations("q")->size(), 1u);
}

// Judgements computed from figures read before an import committed do not clear that
// import's marks: only the marks made up to the number read first (LastJudgeMark) are cleared,
// by SaveAssessments and by ReplaceAssessments alike.
TEST_F(StoreFiguresTest, AnImportWhileJudgingKeepsItsMarks) {
  using Ids = std::vector<std::string>;
  Observation other = Obs("E09000003", "2023", 7);
  other.indicator = "q";
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 30), other}, 100));
  const std::int64_t read_at = *store_->LastJudgeMark();  // before reading the figures
  EXPECT_GT(read_at, 0);
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 31)}, 200));  // "p" revised meanwhile
  EXPECT_GT(*store_->LastJudgeMark(), read_at);
  ASSERT_TRUE(store_->SaveAssessments({}, nullptr, read_at).has_value());
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{"p"});  // "q" judged; "p"'s new mark kept

  const std::int64_t again = *store_->LastJudgeMark();
  other.value = 8;
  ASSERT_TRUE(ImportAll({other}, 300));  // "q" revised while "p" is re-judged
  ASSERT_TRUE(store_->ReplaceAssessments({"p", "q"}, {}, again).has_value());
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{"q"});
  ASSERT_TRUE(store_->ReplaceAssessments({"q"}, {}).has_value());  // unset: every mark
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{});
}

TEST_F(StoreFiguresTest, HistoryKeepsTheCurrentFiguresNote) {
  Observation o = Obs("E09000003", "2023", 30);
  o.note = "entered from the 2023 survey";
  ASSERT_TRUE(ImportAll({o}, 100));
  const auto history = *store_->FigureHistory("p", "E09000003");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].note, "entered from the 2023 survey");
}

TEST_F(StoreFiguresTest, HistoryGivesEachFigureItsFileRowAndEarlierValues) {
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 30), Obs("E09000003", "2022", 25)}, 0));
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 31)}, 86400));
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 32), Obs("E09000003", "2022", 25)}, 172800));
  const auto history = *store_->FigureHistory("p", "E09000003");
  ASSERT_EQ(history.size(), 4u);
  // 2022: re-sent unchanged by the third import, which becomes its provenance.
  EXPECT_EQ(history[0].period.Label(), "2022");
  EXPECT_DOUBLE_EQ(history[0].value, 25);
  EXPECT_EQ(history[0].imported_at, "1970-01-03T00:00:00Z");
  EXPECT_EQ(history[0].source_row, 3);
  EXPECT_EQ(history[0].replaced_at, "");
  // 2023: the current figure, then its revisions newest first.
  EXPECT_DOUBLE_EQ(history[1].value, 32);
  EXPECT_EQ(history[1].replaced_at, "");
  EXPECT_DOUBLE_EQ(history[2].value, 31);
  EXPECT_EQ(history[2].imported_at, "1970-01-02T00:00:00Z");
  EXPECT_EQ(history[2].replaced_at, "1970-01-03T00:00:00Z");
  EXPECT_DOUBLE_EQ(history[3].value, 30);
  EXPECT_EQ(history[3].file, "f.csv");
  EXPECT_EQ(history[3].imported_by, "analyst");
  EXPECT_EQ(history[3].source_row, 2);
  EXPECT_EQ(history[3].replaced_at, "1970-01-02T00:00:00Z");
  EXPECT_TRUE(store_->FigureHistory("p", "E09000001")->empty());
}

TEST_F(StoreFiguresTest, ReimportComparesMissingFiguresAndTheirReasons) {
  Observation suppressed = Obs("E09000003", "2023", kNoValue);
  suppressed.missing_reason = "c";
  ASSERT_TRUE(ImportAll({suppressed, Obs("E09000003", "2022", 25)}, 100));
  auto same = ImportAll({suppressed, Obs("E09000003", "2022", 25)}, 200);
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->unchanged, 2u);
  EXPECT_EQ(same->revised, 0u);
  suppressed.missing_reason = "x";
  Observation counted = Obs("E09000003", "2022", 25);
  counted.count = 4;
  auto other = ImportAll({suppressed, counted}, 300);
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->unchanged, 0u);
  EXPECT_EQ(other->revised, 2u);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM observation_revisions WHERE missing_reason = "
                           "'c' AND value IS NULL AND replaced_by_import = 3"),
            1);
  const auto history = *store_->FigureHistory("p", "E09000003");
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[0].period.Label(), "2022");
  EXPECT_DOUBLE_EQ(history[0].count, 4);
  EXPECT_EQ(history[2].missing_reason, "x");
  EXPECT_EQ(history[3].missing_reason, "c");
}

// Repeats and conflicts are judged the same whether the rows meet in memory or one of them
// was merged into the stored block before the other arrived (a flush after every row).
class StoreFiguresFlushTest : public StoreFiguresTest,
                              public ::testing::WithParamInterface<std::size_t> {};

TEST_P(StoreFiguresFlushTest, RepeatedRowsAreCountedAndConflictingOnesRefused) {
  auto batch = *store_->BeginObservationImport({"f.csv", "csv", "analyst", 0, GetParam()});
  Observation first = Obs("E09000003", "2023", 30);
  first.source_row = 2;
  Observation repeat = first;
  repeat.source_row = 3;
  Observation conflict = Obs("E09000003", "2023", 31);
  conflict.breakdown.category = "Girls";
  conflict.source_row = 5;
  Observation girls = conflict;
  girls.value = 30;
  girls.source_row = 4;
  for (const auto* o : {&first, &repeat, &girls, &conflict}) ASSERT_TRUE(batch->Add(*o));
  const auto problems = batch->Finish();
  ASSERT_TRUE(problems.has_value());
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_EQ((*problems)[0].code, ErrorCode::kValidation);
  EXPECT_EQ((*problems)[0].pos.line, 5);
  EXPECT_EQ((*problems)[0].message,
            "conflicting duplicate row: indicator 'p', area E09000003, period 2023, Girls was "
            "already given with other figures on line 4");
  auto refused = batch->Commit(4);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kValidation);
  batch.reset();
  EXPECT_EQ(*store_->CountObservations(), 0u);
}

TEST_P(StoreFiguresFlushTest, RepeatsAndConflictsInASeriesThatAlreadyHadFigures) {
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2022", 25), Obs("E09000003", "2023", 28)}, 100));
  auto batch = *store_->BeginObservationImport({"g.csv", "csv", "analyst", 200, GetParam()});
  std::vector<Observation> rows = {Obs("E09000003", "2023", 30), Obs("E09000003", "2023", 30),
                                   Obs("E09000003", "2023", 29), Obs("E09000003", "2024", 1)};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].source_row = static_cast<int>(i + 2);
    ASSERT_TRUE(batch->Add(rows[i]));
  }
  const auto problems = batch->Finish();
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_EQ((*problems)[0].pos.line, 4);
  EXPECT_NE((*problems)[0].message.find("on line 2"), std::string::npos);
}

TEST_P(StoreFiguresFlushTest, StoredFiguresDoNotDependOnWhenTheyWereMerged) {
  std::vector<Observation> rows;
  for (const char* area : {"E09000003", "E09000001", "E92000001"}) {
    for (const char* period : {"2021", "2019", "2020/21", "2023 Q1", "2018-20"}) {
      Observation o = Obs(area, period, static_cast<double>(rows.size()) + 0.25);
      o.note = rows.size() % 2 == 0 ? "provisional" : "";
      o.published_vs_england = "Similar";
      o.source_row = static_cast<int>(rows.size() + 2);  // as ImportAll numbers them
      rows.push_back(o);
    }
  }
  auto stats = ImportAll(rows, 0, GetParam());
  ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
  EXPECT_EQ(stats->inserted, rows.size());
  const auto back = *store_->LoadObservations("");
  ASSERT_EQ(back.size(), rows.size());
  // Ordered by area, then period; every field survives.
  EXPECT_EQ(back[0].area, "E09000001");
  EXPECT_EQ(back[0].period.Label(), "2019");
  EXPECT_EQ(back[1].period.Label(), "2018-20");
  EXPECT_EQ(back[2].period.Label(), "2020/21");
  EXPECT_EQ(back[4].period.Label(), "2023 Q1");
  for (const auto& o : back) {
    const auto it = std::find_if(rows.begin(), rows.end(), [&](const Observation& r) {
      return r.area == o.area && r.period == o.period;
    });
    ASSERT_NE(it, rows.end());
    EXPECT_DOUBLE_EQ(o.value, it->value);
    EXPECT_EQ(o.note, it->note);
    EXPECT_EQ(o.published_vs_england, "Similar");
    EXPECT_EQ(o.source_row, it->source_row);
  }
}

INSTANTIATE_TEST_SUITE_P(FlushEvery, StoreFiguresFlushTest,
                         ::testing::Values(std::size_t{1}, kImportFlushBytes));

// The whole pipeline (the file read on one thread, figures gathered on the caller's and merged
// on a third) stores the same figures whether it merges once or every few kilobytes, with
// periods out of order, a repeated row and a revision of an earlier import.
TEST(SqliteFiguresPipelineTest, AFileGivesTheSameFiguresWhateverTheFlushSize) {
  std::string csv = "indicator,area_code,period,value,count,denominator\n";
  const std::vector<std::string> areas = {"E92000001", "E12000007", "E09000003"};
  for (int year : {2019, 2016, 2021, 2017, 2018, 2020}) {
    for (int s = 0; s < 300; ++s) {
      for (const auto& area : areas) {
        csv += fmt::format("p{},{},{},{},{},{}\n", s, area, year, year + s * 0.5, s, 1000 + year);
      }
    }
  }
  csv += "p7,E09000003,2018,2021.5,7,3018\n";  // repeats an earlier row exactly
  std::vector<Indicator> catalogue;
  for (int s = 0; s < 300; ++s) {
    Indicator i;
    i.id = fmt::format("p{}", s);
    i.value_type = ValueType::kRate;
    i.source.format = SourceFormat::kCsv;
    catalogue.push_back(i);
  }
  const std::unordered_set<std::string> codes(areas.begin(), areas.end());
  std::vector<std::vector<Observation>> stored;
  for (const std::size_t flush_bytes : {std::size_t{4096}, kImportFlushBytes}) {
    TempDir dir;
    const std::string path = dir.Write("f.csv", csv);
    auto store = *OpenSqliteStore(dir.File("w.db"), OpenMode::kCreate);
    {
      auto earlier = *store->BeginObservationImport({"e.csv", "csv", "analyst", 0});
      Observation o = Obs("E09000003", "2020", 1);
      o.indicator = "p3";
      ASSERT_TRUE(earlier->Add(o));
      ASSERT_TRUE(earlier->Commit(1));
    }
    auto batch = *store->BeginObservationImport({path, "csv", "analyst", 1, flush_bytes});
    const auto report = ingest::ImportDataFile(
        SourceFormat::kCsv, path, catalogue, codes,
        [&](const Observation& o) { return batch->Add(o); }, [&] { return batch->Finish(); });
    ASSERT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].ToString());
    const auto stats = batch->Commit(report.rows);
    ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
    EXPECT_EQ(stats->inserted, 6u * 300 * 3 - 1);
    EXPECT_EQ(stats->revised, 1u);
    EXPECT_EQ(stats->repeated, 1u);
    stored.push_back(*store->LoadObservations(""));
    ASSERT_EQ(stored.back().size(), 6u * 300 * 3);
    EXPECT_TRUE(store->CheckIntegrity().has_value());
  }
  ASSERT_EQ(stored[0].size(), stored[1].size());
  for (std::size_t i = 0; i < stored[0].size(); ++i) {
    const Observation& a = stored[0][i];
    const Observation& b = stored[1][i];
    EXPECT_TRUE(a.indicator == b.indicator && a.area == b.area && a.period == b.period &&
                a.value == b.value && a.count == b.count && a.source_row == b.source_row)
        << i;
  }
  // Ordered by indicator, area, then period, whatever the file's order.
  EXPECT_EQ(stored[0][0].indicator, "p0");
  EXPECT_EQ(stored[0][0].area, "E09000003");
  EXPECT_EQ(stored[0][0].period.Label(), "2016");
  EXPECT_EQ(stored[0][5].period.Label(), "2021");
}

TEST_F(StoreFiguresTest, AnImportThatIsNotCommittedLeavesNothing) {
  {
    auto batch = *store_->BeginObservationImport({"f.csv", "csv", "analyst", 0, 1});
    ASSERT_TRUE(batch->Add(Obs("E09000003", "2023", 30)).has_value());  // merged at once
  }  // dropped without Commit: rolled back
  EXPECT_EQ(*store_->CountObservations(), 0u);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM imports"), 0);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM series"), 0);
}

TEST_F(StoreFiguresTest, MissingNumbersStayMissing) {
  Observation o = Obs("E09000003", "2023", kNoValue);
  o.count = kNoValue;
  o.missing_reason = "c";
  ASSERT_TRUE(ImportAll({o}, 0));
  const auto back = store_->LoadObservations("")->at(0);
  EXPECT_TRUE(std::isnan(back.value));
  EXPECT_TRUE(std::isnan(back.count));
  EXPECT_DOUBLE_EQ(back.denominator, 10);
  EXPECT_EQ(back.missing_reason, "c");
}

TEST_F(StoreFiguresTest, RevisionsMustReferToASeries) {
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 30)}, 100));
  if (!postgres()) {
    EXPECT_EQ(*db().QueryInt("PRAGMA foreign_keys"), 1);
  }
  EXPECT_FALSE(db().Exec("INSERT INTO observation_revisions (series_id, period_key, import_id, "
                         "source_row, replaced_by_import, missing_reason) VALUES (99, 1, 1, 1, "
                         "1, '')")
                   .has_value());
}

TEST_F(StoreFiguresTest, ADamagedBlockIsAnErrorNotAGuess) {
  ASSERT_TRUE(ImportAll({Obs("E09000003", "2023", 30)}, 100));
  ASSERT_TRUE(db().Exec("UPDATE series_figures SET data = substr(data, 1, 6)").has_value());
  auto loaded = store_->LoadObservations("");
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, ErrorCode::kInternal);
}

// Writes the rows of one series into a database of schema version `from` (3 to 6), where each
// observation was a row and revisions referred to it.
void WriteOldRows(Db& db, int from) {
  ASSERT_TRUE(db.Exec(R"sql(
      INSERT INTO imports (id, file, format, imported_at, imported_by)
        VALUES (1, 'a.csv', 'csv', '2024-01-01T00:00:00Z', 'analyst'),
               (2, 'b.csv', 'csv', '2024-02-01T00:00:00Z', 'analyst');
      INSERT INTO series VALUES (5, 'p', 'E09000003', '', '', '', '');
  )sql")
                  .has_value());
  if (from < 6) {
    ASSERT_TRUE(db.Exec(R"sql(
      INSERT INTO observations (id, series_id, period_key, period, value, count, denominator,
        missing_reason, note, published_trend, published_vs_england, published_vs_region,
        import_id, source_row)
        VALUES (40, 5, 24288012, '2023', 31, 3, 10, '', 'revised', '', '', '', 2, 7),
               (41, 5, 24276012, '2022', NULL, NULL, NULL, 'c', '', '', '', '', 1, 3);
      INSERT INTO observation_revisions (observation_id, import_id, source_row,
        replaced_by_import, value, count, denominator, missing_reason)
        VALUES (40, 1, 2, 2, 30, 3, 10, '');
    )sql")
                    .has_value());
    return;
  }
  ASSERT_TRUE(db.Exec(R"sql(
      INSERT INTO observations (series_id, period_key, period, value, count, denominator,
        missing_reason, note, published_trend, published_vs_england, published_vs_region,
        import_id, source_row)
        VALUES (5, 24288012, '2023', 31, 3, 10, '', 'revised', '', '', '', 2, 7),
               (5, 24276012, '2022', NULL, NULL, NULL, 'c', '', '', '', '', 1, 3);
      INSERT INTO observation_revisions (series_id, period_key, import_id, source_row,
        replaced_by_import, value, count, denominator, missing_reason)
        VALUES (5, 24288012, 1, 2, 2, 30, 3, 10, '');
  )sql")
                  .has_value());
}

// A database written by an older schema opens, is migrated, keeps every figure, provenance
// and revision, and takes further imports.
class SqliteFiguresMigrationTest : public ::testing::TestWithParam<int> {};

TEST_P(SqliteFiguresMigrationTest, AnOlderDatabaseUpgrades) {
  const int from = GetParam();
  TempDir dir;
  const std::string path = dir.File("old.db");
  {
    auto db = SqliteAtVersion(path, static_cast<std::size_t>(from));
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    ASSERT_TRUE(db->Exec("PRAGMA foreign_keys = ON"));
    WriteOldRows(*db, from);
  }
  auto opened = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  Store& store = **opened;
  EXPECT_EQ(store.SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  auto& db = static_cast<SqlStore&>(store).db();
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'observations'"), 0);
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM observation_revisions WHERE series_id = 5 AND "
                         "period_key = 24288012 AND value = 30 AND replaced_by_import = 2"),
            1);
  auto all = *store.LoadObservations("p");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].missing_reason, "c");
  EXPECT_EQ(all[0].source_row, 3);
  EXPECT_DOUBLE_EQ(all[1].value, 31);
  EXPECT_EQ(all[1].note, "revised");
  EXPECT_EQ(all[1].source_row, 7);
  const auto history = *store.FigureHistory("p", "E09000003");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].file, "a.csv");
  EXPECT_EQ(history[1].file, "b.csv");
  EXPECT_DOUBLE_EQ(history[2].value, 30);

  Observation o = all[1];
  o.value = 32;
  auto batch = store.BeginObservationImport({"c.csv", "csv", "analyst", 0});
  ASSERT_TRUE(batch.has_value());
  ASSERT_TRUE((*batch)->Add(o).has_value());
  auto stats = (*batch)->Commit(1);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->revised, 1u);
  EXPECT_EQ(*db.QueryInt("SELECT count(*) FROM observation_revisions"), 2);
  EXPECT_EQ(*db.QueryInt("SELECT value FROM observation_revisions WHERE replaced_by_import = 3"),
            31);
  EXPECT_TRUE(store.CheckIntegrity().has_value());
}

INSTANTIATE_TEST_SUITE_P(FromVersions, SqliteFiguresMigrationTest, ::testing::Values(3, 4, 5, 6));

}  // namespace
}  // namespace waymark::store
