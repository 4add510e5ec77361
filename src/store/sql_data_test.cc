// Tests of the store's data side: areas, the catalogue and assessments (observations are
// tested in sql_figures_test.cc).
#include <gtest/gtest.h>

#include "core/recording_progress.h"
#include "core/temp_dir.h"
#include "store/fresh_store_fixture.h"
#include "store/older_schema_test_util.h"
#include "store/schema.h"

namespace waymark::store {
namespace {

using StoreDataTest = FreshStoreTest;

TEST_F(StoreDataTest, AreasAndGroupsRoundTrip) {
  const std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                                   {"E09000003", "Barnet", AreaType::kCouncil, "E92000001", "302"}};
  const std::vector<ComparatorGroup> groups = {
      {"sn-2025-E09000003", "SN", "E09000003", {"E92000001"}}};
  ASSERT_TRUE(store_->SaveAreas(areas, groups).has_value());
  ASSERT_TRUE(store_->SaveAreas(areas, groups).has_value());  // idempotent
  EXPECT_EQ(*store_->ListAreas(), (std::vector<Area>{areas[1], areas[0]}));
  EXPECT_EQ(*store_->ListComparatorGroups(), groups);
}

TEST_F(StoreDataTest, IndicatorsAreUpdatedInPlace) {
  Indicator i;
  i.id = "p";
  i.title = "First";
  i.targets.push_back({"E09000003", "2024", 1.5, "2020", 3.0});
  ASSERT_TRUE(store_->SaveIndicators({i}, 0).has_value());
  i.title = "Second";
  ASSERT_TRUE(store_->SaveIndicators({i}, 1).has_value());
  const auto list = *store_->ListIndicators();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0], i);
}

TEST_F(StoreDataTest, ValueOnlyReasonsAreKept) {
  Indicator i;
  i.id = "v";
  i.title = "Value only";
  i.value_only_reason = "LAIT publishes the rate alone; no source of counts is held.";
  ASSERT_TRUE(store_->SaveIndicators({i}, 0).has_value());
  const auto list = *store_->ListIndicators();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].value_only_reason, i.value_only_reason);
}

TEST_F(StoreDataTest, AssessmentsAreReplacedWhole) {
  Assessment a;
  a.indicator = "p";
  a.area = "E09000003";
  a.period = *ParsePeriod("2023/24");
  a.value = 1.5;
  a.vs_england = Comparison::kBetter;
  a.quintile = 2;
  a.rag = Rag::kGreen;
  a.basis = ComparisonBasis::kByar95;
  ASSERT_TRUE(store_->SaveAssessments({a, a}).has_value());
  a.basis = ComparisonBasis::kLondonOnly;
  ASSERT_TRUE(store_->SaveAssessments({a}).has_value());
  const auto list = *store_->ListAssessments("p", "E09000003");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].basis, ComparisonBasis::kLondonOnly);
  EXPECT_EQ(list[0].period.Label(), "2023/24");
  EXPECT_EQ(Words(list[0].vs_england), "Better");
  EXPECT_EQ(list[0].quintile, 2);
  EXPECT_TRUE(std::isnan(list[0].lower95));
  EXPECT_TRUE(store_->ListAssessments("q", "")->empty());
}

TEST_F(StoreDataTest, SavingAssessmentsTellsProgressEverySixteenThousand) {
  Assessment a;
  a.indicator = "p";
  a.area = "E09000003";
  a.period = *ParsePeriod("2023/24");
  std::vector<Assessment> many(40000, a);
  // Each its own series, so that the writer can tell after each one.
  for (std::size_t i = 0; i < many.size(); ++i) many[i].area = "E" + std::to_string(10000000 + i);
  RecordingProgress log;
  ASSERT_TRUE(store_->SaveAssessments(many, &log).has_value());
  EXPECT_EQ(log.calls, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{
                           {16384, 40000}, {32768, 40000}, {40000, 40000}}));
  EXPECT_EQ(*store_->CountObservations(), 0u);
  EXPECT_EQ(store_->ListAssessments("p", "")->size(), 40000u);
}

TEST_F(StoreDataTest, LocalMeasureOwnersAreKept) {
  Indicator i;
  i.id = "survey";
  i.title = "Survey";
  i.local = true;
  i.owner = "voice-of-the-child";
  ASSERT_TRUE(store_->SaveIndicators({i}, 0).has_value());
  EXPECT_EQ(store_->ListIndicators()->at(0).owner, "voice-of-the-child");
}

TEST_F(StoreDataTest, IndicatorsStoredWithoutAnOwnerReadBackWithNone) {
  Indicator i;
  i.id = "survey";
  i.title = "Survey";
  i.local = true;
  i.owner = "schools";
  ASSERT_TRUE(store_->SaveIndicators({i}, 0).has_value());
  // A catalogue document written before owners were kept has no "owner" member.
  ASSERT_TRUE(db().Exec(postgres() ? "UPDATE indicators SET document = "
                                     "(document::jsonb - 'owner')::text"
                                   : "UPDATE indicators SET document = "
                                     "json_remove(document, '$.owner')")
                  .has_value());
  const auto list = store_->ListIndicators();
  ASSERT_TRUE(list.has_value()) << list.error().ToString();
  EXPECT_EQ(list->at(0).owner, "");
  EXPECT_TRUE(list->at(0).local);
}

Assessment Judged(std::string indicator, std::string area, double value) {
  Assessment a;
  a.indicator = std::move(indicator);
  a.area = std::move(area);
  a.period = *ParsePeriod("2023/24");
  a.value = value;
  a.vs_england = Comparison::kSimilar;
  return a;
}

TEST_F(StoreDataTest, ReplacingSomeIndicatorsLeavesTheOthersAsTheyWere) {
  ASSERT_TRUE(store_
                  ->SaveAssessments({Judged("p", "E09000003", 1), Judged("p", "E09000007", 2),
                                     Judged("q", "E09000003", 3), Judged("r", "E09000003", 4)})
                  .has_value());
  const auto q_before = *store_->ListAssessments("q", "");
  const auto r_before = *store_->ListAssessments("r", "");
  // "p" gets one new judgement (its two old ones go); "s" has none and gets none.
  ASSERT_TRUE(store_->ReplaceAssessments({"p", "s"}, {Judged("p", "E09000003", 9)}).has_value());
  const auto p = *store_->ListAssessments("p", "");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_DOUBLE_EQ(p[0].value, 9);
  const auto q_after = *store_->ListAssessments("q", "");
  const auto r_after = *store_->ListAssessments("r", "");
  ASSERT_EQ(q_after.size(), q_before.size());
  EXPECT_DOUBLE_EQ(q_after[0].value, 3);
  EXPECT_DOUBLE_EQ(r_after[0].value, 4);
  EXPECT_EQ(q_after[0].vs_england, q_before[0].vs_england);
  // Naming an indicator with no new judgements clears it.
  ASSERT_TRUE(store_->ReplaceAssessments({"q"}, {}).has_value());
  EXPECT_TRUE(store_->ListAssessments("q", "")->empty());
  EXPECT_EQ(store_->ListAssessments("r", "")->size(), 1u);
}

TEST_F(StoreDataTest, ReplacingRefusesJudgementsOfIndicatorsNotNamedAndChangesNothing) {
  ASSERT_TRUE(store_->SaveAssessments({Judged("p", "E09000003", 1), Judged("q", "E09000003", 3)})
                  .has_value());
  const auto refused =
      store_->ReplaceAssessments({"p"}, {Judged("p", "E09000003", 5), Judged("q", "E09000003", 6)});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("'q'"), std::string::npos);
  EXPECT_DOUBLE_EQ(store_->ListAssessments("p", "")->at(0).value, 1);
  EXPECT_DOUBLE_EQ(store_->ListAssessments("q", "")->at(0).value, 3);
}

using Ids = std::vector<std::string>;

Indicator Defined(std::string id, std::string title) {
  Indicator i;
  i.id = std::move(id);
  i.title = std::move(title);
  return i;
}

TEST_F(StoreDataTest, CatalogueSavesMarkIndicatorsAddedOrRedefinedOnly) {
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{});
  ASSERT_TRUE(store_->SaveIndicators({Defined("p", "P"), Defined("q", "Q")}, 0).has_value());
  EXPECT_EQ(*store_->IndicatorsToJudge(), (Ids{"p", "q"}));  // new: never judged
  ASSERT_TRUE(store_->SaveAssessments({}).has_value());
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{});
  // The same definitions saved again (later): nothing to judge.
  ASSERT_TRUE(store_->SaveIndicators({Defined("p", "P"), Defined("q", "Q")}, 60).has_value());
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{});
  Indicator q = Defined("q", "Q");
  q.targets.push_back({"E09000003", "2024", 1.5, "2020", 3.0});
  ASSERT_TRUE(store_->SaveIndicators({Defined("p", "P"), q}, 120).has_value());
  EXPECT_EQ(*store_->IndicatorsToJudge(), (Ids{"q"}));
  ASSERT_TRUE(store_->SaveIndicators({Defined("r", "R")}, 180).has_value());
  EXPECT_EQ(*store_->IndicatorsToJudge(), (Ids{"q", "r"}));
}

TEST_F(StoreDataTest, AreaAndGroupChangesMarkEveryIndicator) {
  ASSERT_TRUE(store_->SaveIndicators({Defined("p", "P"), Defined("q", "Q")}, 0).has_value());
  std::vector<Area> areas = {{"E92000001", "England", AreaType::kCountry, "", ""},
                             {"E09000003", "Barnet", AreaType::kCouncil, "E92000001", "302"}};
  std::vector<ComparatorGroup> groups = {{"sn", "SN", "E09000003", {"E92000001"}}};
  ASSERT_TRUE(store_->SaveAreas(areas, groups).has_value());
  const auto marked_after = [&](const std::vector<Area>& a, const std::vector<ComparatorGroup>& g) {
    EXPECT_TRUE(store_->SaveAssessments({}).has_value());
    EXPECT_TRUE(store_->SaveAreas(a, g).has_value());
    return *store_->IndicatorsToJudge();
  };
  EXPECT_EQ(marked_after(areas, groups), Ids{});  // the same areas again
  areas[1].name = "London Borough of Barnet";
  groups[0].name = "Statistical neighbours";
  EXPECT_EQ(marked_after(areas, groups), Ids{});  // names are not judged from
  EXPECT_EQ(store_->ListAreas()->at(0).name, "London Borough of Barnet");
  EXPECT_EQ(store_->ListComparatorGroups()->at(0).name, "Statistical neighbours");
  areas[1].parent = "E12000007";
  EXPECT_EQ(marked_after(areas, groups), (Ids{"p", "q"}));
  areas.push_back({"E09000007", "Camden", AreaType::kCouncil, "E12000007", ""});
  EXPECT_EQ(marked_after(areas, groups), (Ids{"p", "q"}));
  groups[0].members.push_back("E09000007");
  EXPECT_EQ(marked_after(areas, groups), (Ids{"p", "q"}));
  std::swap(groups[0].members[0], groups[0].members[1]);  // order is kept, so it counts
  EXPECT_EQ(marked_after(areas, groups), (Ids{"p", "q"}));
  groups[0].owner_area = "E09000007";
  EXPECT_EQ(marked_after(areas, groups), (Ids{"p", "q"}));
  EXPECT_EQ(marked_after(areas, groups), Ids{});
  EXPECT_EQ(store_->ListComparatorGroups()->at(0), groups[0]);
}

TEST_F(StoreDataTest, ReplacingJudgementsClearsOnlyTheirIndicatorsMarks) {
  ASSERT_TRUE(store_->SaveIndicators({Defined("p", "P"), Defined("q", "Q"), Defined("r", "R")}, 0)
                  .has_value());
  ASSERT_TRUE(store_->ReplaceAssessments({"p", "r"}, {Judged("p", "E09000003", 1)}).has_value());
  EXPECT_EQ(*store_->IndicatorsToJudge(), (Ids{"q"}));
  // Refused (a judgement of an indicator not named): nothing changes, the mark stays.
  ASSERT_FALSE(store_->ReplaceAssessments({"p"}, {Judged("q", "E09000003", 2)}).has_value());
  EXPECT_EQ(*store_->IndicatorsToJudge(), (Ids{"q"}));
  ASSERT_TRUE(store_->SaveAssessments({Judged("q", "E09000003", 2)}).has_value());
  EXPECT_EQ(*store_->IndicatorsToJudge(), Ids{});
}

// A database made before the marks were kept (schema 18) has every indicator marked, since
// whether its judgements are current is not known.
TEST(SqliteMarksMigrationTest, EveryIndicatorOfAnOlderDatabaseIsMarked) {
  TempDir dir;
  const std::string path = dir.File("v18.db");
  {
    auto db = SqliteAtVersion(path, 18);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    ASSERT_TRUE(db->Exec("INSERT INTO indicators (id, title, position, document, updated_at) "
                         "VALUES ('b', 'B', 0, '{}', 't'), ('a', 'A', 1, '{}', 't')")
                    .has_value());
  }
  auto store = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  EXPECT_EQ((*store)->SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  EXPECT_EQ(*(*store)->IndicatorsToJudge(), (Ids{"a", "b"}));
}

// Each change raises the version of its kind of data in its own transaction, and only that
// kind's: the web nodes re-read what changed (store.h's DataTopic). The read of a kept page's
// versions (ReadPageVersions) gives the same.
TEST_F(StoreDataTest, ChangesRaiseTheirDataVersionAndNoOther) {
  const auto version = [&](DataTopic topic) {
    const std::int64_t alone = *store_->DataVersion(topic);
    const auto page = store_->ReadPageVersions("p");
    EXPECT_TRUE(page.has_value());
    if (page) {
      EXPECT_EQ(topic == DataTopic::kPlans ? page->plans : page->figures, alone);
    }
    return alone;
  };
  EXPECT_EQ(version(DataTopic::kPlans), 0);
  EXPECT_EQ(version(DataTopic::kFigures), 0);
  Plan plan;
  plan.id = "p";
  plan.title = "Plan";
  plan.organisation = "Council";
  plan.status = "published";
  ASSERT_TRUE(store_->ImportPlan(plan, {"analyst", "p.toml", 100}).has_value());
  EXPECT_EQ(version(DataTopic::kPlans), 1);
  ASSERT_TRUE(store_->ImportPlan(plan, {"analyst", "p.toml", 200}).has_value());  // unchanged
  EXPECT_EQ(version(DataTopic::kPlans), 1);
  EXPECT_EQ(version(DataTopic::kFigures), 0);

  Indicator i;
  i.id = "p";
  i.title = "A proportion";
  ASSERT_TRUE(store_->SaveIndicators({i}, 0).has_value());
  EXPECT_EQ(version(DataTopic::kFigures), 1);
  ASSERT_TRUE(
      store_->SaveAreas({{"E92000001", "England", AreaType::kCountry, "", ""}}, {}).has_value());
  EXPECT_EQ(version(DataTopic::kFigures), 2);
  auto batch = store_->BeginObservationImport({"f.csv", "csv", "analyst", 300, kImportFlushBytes});
  ASSERT_TRUE(batch.has_value());
  Observation o;
  o.indicator = "p";
  o.area = "E92000001";
  o.period = *ParsePeriod("2023");
  o.value = 1;
  o.source_row = 2;
  ASSERT_TRUE((*batch)->Add(o).has_value());
  EXPECT_EQ(version(DataTopic::kFigures), 2);  // not before the import commits
  ASSERT_TRUE((*batch)->Commit(1).has_value());
  EXPECT_EQ(version(DataTopic::kFigures), 3);
  ASSERT_TRUE(store_->SaveAssessments({}).has_value());
  EXPECT_EQ(version(DataTopic::kFigures), 4);
  ASSERT_TRUE(store_->ReplaceAssessments({"p"}, {}).has_value());
  EXPECT_EQ(version(DataTopic::kFigures), 5);
  ASSERT_TRUE(store_->SaveBoundaries({}).has_value());
  EXPECT_EQ(version(DataTopic::kFigures), 6);
  EXPECT_EQ(version(DataTopic::kPlans), 1);
}

}  // namespace
}  // namespace waymark::store
