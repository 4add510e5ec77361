// Tests of the store: import, update in place with history, round trips of the example
// plans, all-or-nothing writes, and databases that are not ours or cannot be written.
#include "store/sql_store.h"

#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>

#include "core/temp_dir.h"
#include "ingest/plan_file.h"
#include "ingest/plan_toml.h"
#include "store/older_schema_test_util.h"
#include "store/schema.h"
#include "store/test_database.h"

namespace waymark::store {
namespace {

const std::string kExamples = std::string(WAYMARK_SOURCE_DIR) + "/examples/";

Plan Example(const std::string& name) {
  auto report = ingest::ReadPlanFile(kExamples + name + "/plan.toml");
  EXPECT_TRUE(report.ok()) << name;
  return report.ok() ? *report.plan : Plan{};
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.problem().empty()) GTEST_SKIP() << database_.problem();
    store_ = Open(OpenMode::kCreate);
  }
  void TearDown() override {
    if (store_) {
      EXPECT_TRUE(store_->CheckIntegrity().has_value());
    }
  }
  std::unique_ptr<Store> Open(OpenMode mode) {
    auto store = OpenStore(database_.location(), mode);
    EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().ToString());
    return store ? std::move(*store) : nullptr;
  }
  ImportContext Ctx(std::int64_t now = 1795378500) { return {"analyst", "plan.toml", now}; }

  TestDatabase database_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, FreshDatabaseHasTheCurrentSchemaAndNoPlans) {
  EXPECT_EQ(store_->SchemaVersion(), ProgramSchemaVersion());
  EXPECT_TRUE(store_->ListPlans()->empty());
  EXPECT_EQ(store_->LoadPlan("nope").error().code, ErrorCode::kNotFound);
}

TEST_F(StoreTest, ExamplePlansRoundTripExactly) {
  for (const char* name :
       {"barnet-2019-23", "barnet-2019-23-draft", "barnet-2013-16", "barnet-current"}) {
    const Plan plan = Example(name);
    auto result = store_->ImportPlan(plan, Ctx());
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_TRUE(result->created);
    EXPECT_EQ(result->revision, 1);
    auto loaded = store_->LoadPlan(plan.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(*loaded, plan) << name;
  }
  EXPECT_EQ(store_->ListPlans()->size(), 4u);
}

// A plan that states no period is kept without dates and listed after the dated plans, newest
// first; stating its period later is a new revision.
TEST_F(StoreTest, PlanWithoutAPeriodIsKeptAndListedLast) {
  Plan current = Example("barnet-current");
  ASSERT_FALSE(current.start.has_value());
  ASSERT_TRUE(store_->ImportPlan(current, Ctx()).has_value());
  ASSERT_TRUE(store_->ImportPlan(Example("barnet-2013-16"), Ctx()).has_value());
  ASSERT_TRUE(store_->ImportPlan(Example("barnet-2019-23"), Ctx()).has_value());
  const auto loaded = store_->LoadPlan("barnet-cypp");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_FALSE(loaded->start.has_value());
  EXPECT_FALSE(loaded->end.has_value());
  const auto plans = store_->ListPlans();
  ASSERT_EQ(plans->size(), 3u);
  EXPECT_EQ((*plans)[0].id, "barnet-2019-23");
  EXPECT_EQ((*plans)[1].id, "barnet-2013-16");
  EXPECT_EQ((*plans)[2].id, "barnet-cypp");
  EXPECT_FALSE((*plans)[2].start.has_value());
  EXPECT_EQ((*plans)[0].start, (Date{2019, 4, 1}));

  current.start = Date{2024, 4, 1};
  current.end = Date{2028, 3, 31};
  const auto dated = store_->ImportPlan(current, Ctx(1795378600));
  ASSERT_TRUE(dated.has_value());
  EXPECT_EQ(dated->revision, 2);
  EXPECT_EQ(dated->changes.size(), 2u);
  EXPECT_EQ(store_->LoadPlan("barnet-cypp")->end, (Date{2028, 3, 31}));
  EXPECT_EQ(store_->ListPlans()->front().id, "barnet-cypp");
}

// Badges, an outcome's badge and an action's child-rights tags are kept, and changing them is a
// revision whose changes name them.
TEST_F(StoreTest, ChildRightsAreKeptAndTheirChangesRecorded) {
  Plan plan = Example("barnet-2019-23");
  ASSERT_FALSE(plan.badges.empty());
  ASSERT_TRUE(store_->ImportPlan(plan, Ctx()).has_value());
  Action& action = plan.outcomes[0].objectives[0].actions[0];
  action.principles = {"dignity", "participation"};
  action.badges = {"communication", "culture"};
  plan.badges[0].foundational = true;
  plan.outcomes[0].badge = "";
  const auto result = store_->ImportPlan(plan, Ctx(1795378600));
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_EQ(result->revision, 2);
  const auto loaded = store_->LoadPlan(plan.id);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(*loaded, plan);
  const auto& loaded_action = loaded->outcomes[0].objectives[0].actions[0];
  EXPECT_EQ(loaded_action.principles, (std::vector<std::string>{"dignity", "participation"}));
  EXPECT_EQ(loaded_action.badges, (std::vector<std::string>{"communication", "culture"}));
  std::vector<std::string> fields;
  for (const Change& c : result->changes) fields.push_back(std::string(PlanRecordKindName(c.entity)) + " " + c.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"badge foundational", "outcome badge",
                                              "action principles", "action badges"}));
}

// The plan a plan continues and the aims its records carry over are kept (the current plan
// names three themes and two objectives of 2019-23), and changing them is a revision whose
// changes name them.
TEST_F(StoreTest, PlanGenerationsAreKeptAndTheirChangesRecorded) {
  Plan plan = Example("barnet-current");
  ASSERT_EQ(plan.continues, "barnet-2019-23");
  ASSERT_TRUE(store_->ImportPlan(plan, Ctx()).has_value());
  auto loaded = store_->LoadPlan(plan.id);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(*loaded, plan);
  EXPECT_EQ(loaded->outcomes[0].continues, (std::vector<std::string>{"family-and-belonging"}));
  plan.continues = "barnet-2013-16";
  plan.outcomes[0].continues = {"early-years", "primary"};
  plan.outcomes[0].objectives[3].continues.clear();
  const auto result = store_->ImportPlan(plan, Ctx(1795378600));
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  loaded = store_->LoadPlan(plan.id);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(*loaded, plan);
  std::vector<std::string> changes;
  for (const Change& c : result->changes) {
    changes.push_back(std::string(PlanRecordKindName(c.entity)) + " " + c.entity_id + " " + c.field + ": " + c.old_value + " -> " +
                      c.new_value);
  }
  EXPECT_EQ(changes,
            (std::vector<std::string>{
                "plan barnet-cypp continues: barnet-2019-23 -> barnet-2013-16",
                "outcome family-and-belonging continues: family-and-belonging -> early-years, "
                "primary",
                "objective fb-resilience continues: fb-build-resilience -> "}));
}

TEST_F(StoreTest, ReimportingTheSamePlanRecordsNoRevision) {
  const Plan plan = Example("barnet-2019-23");
  ASSERT_TRUE(store_->ImportPlan(plan, Ctx()).has_value());
  auto again = store_->ImportPlan(plan, Ctx(1795378600));
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->created);
  EXPECT_TRUE(again->changes.empty());
  EXPECT_EQ(again->revision, 1);
  EXPECT_EQ(store_->PlanHistory("barnet-2019-23")->size(), 1u);
}

TEST_F(StoreTest, RevisedPlanUpdatesInPlaceAndKeepsHistory) {
  Plan plan = Example("barnet-2019-23");
  ASSERT_TRUE(store_->ImportPlan(plan, Ctx()).has_value());
  auto& objective = plan.outcomes[0].objectives[0];
  const std::string removed_id = objective.actions.back().id;
  objective.actions.pop_back();
  objective.actions[0].title = "Reworded action";
  plan.partners.push_back({"new-partner", "New Partner", "voluntary"});
  objective.actions[0].responsible.push_back("new-partner");

  ImportContext ctx{"lead", "plan-v2.toml", 1795378500 + 86400};
  auto result = store_->ImportPlan(plan, ctx);
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_EQ(result->revision, 2);
  EXPECT_EQ(result->changes.size(), 4u);  // title, responsible, added partner, removed action
  EXPECT_EQ(*store_->LoadPlan("barnet-2019-23"), plan);

  const auto history = *store_->PlanHistory("barnet-2019-23");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].imported_by, "lead");
  EXPECT_EQ(history[1].imported_at, "2026-11-23T20:15:00Z");
  EXPECT_EQ(history[1].source, "plan-v2.toml");
  EXPECT_EQ(history[1].change_count, 4);
  const auto changes = *store_->PlanChanges("barnet-2019-23", 2);
  EXPECT_EQ(changes, result->changes);
  EXPECT_TRUE(std::any_of(changes.begin(), changes.end(), [&](const Change& c) {
    return c.kind == ChangeKind::kRemoved && c.entity_id == removed_id;
  }));
  // The first revision's document is the original plan.
  auto first = ingest::ParsePlanText(*store_->PlanDocument("barnet-2019-23", 1), "r1.toml");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first.plan, Example("barnet-2019-23"));
  EXPECT_EQ(store_->PlanDocument("barnet-2019-23", 3).error().code, ErrorCode::kNotFound);
}

// A strategy's governance and the plan's are kept and their changes recorded field by field.
TEST_F(StoreTest, GovernanceChangesAreRecordedInTheHistory) {
  Plan plan = Example("barnet-current");
  ASSERT_TRUE(store_->ImportPlan(plan, Ctx()).has_value());
  Strategy& early_help = plan.strategies.at(1);
  ASSERT_EQ(early_help.id, "early-help-strategy");
  ASSERT_EQ(early_help.approved_on, (PartialDate{2023, 3, 0}));
  early_help.approved_on = PartialDate{2023, 3, 14};
  early_help.aims_by = 2027;
  early_help.objectives.at(0).kind = AimKind::kPriority;
  plan.governance.push_back({"youth-justice-matters-board", "Receives the annual report"});
  const auto revised = store_->ImportPlan(plan, Ctx(1795378600));
  ASSERT_TRUE(revised.has_value()) << revised.error().ToString();
  std::vector<std::string> fields;
  for (const Change& c : revised->changes) fields.push_back(std::string(PlanRecordKindName(c.entity)) + "/" + c.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"plan/governance", "strategy/approved on",
                                              "strategy/aims by", "strategy objective/kind"}));
  EXPECT_EQ(revised->changes[1].old_value, "2023-03");
  EXPECT_EQ(revised->changes[1].new_value, "2023-03-14");
  EXPECT_EQ(*store_->LoadPlan("barnet-cypp"), plan);
  plan.strategies.at(1).aims_by.reset();  // unset again: NULL, not 0
  ASSERT_TRUE(store_->ImportPlan(plan, Ctx(1795378700)).has_value());
  EXPECT_FALSE(store_->LoadPlan("barnet-cypp")->strategies.at(1).aims_by.has_value());
}

TEST_F(StoreTest, FailedImportChangesNothing) {
  const Plan good = Example("barnet-2019-23");
  ASSERT_TRUE(store_->ImportPlan(good, Ctx()).has_value());
  // A plan that bypassed validation: an action names a partner that does not exist.
  Plan bad = good;
  bad.title = "Changed title";
  bad.outcomes[1].objectives[0].actions[0].responsible.push_back("ghost-partner");
  auto result = store_->ImportPlan(bad, Ctx());
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kDatabase);
  EXPECT_EQ(*store_->LoadPlan("barnet-2019-23"), good);
  EXPECT_EQ(store_->PlanHistory("barnet-2019-23")->size(), 1u);
}

TEST_F(StoreTest, ReadOnlyStoreRefusesWritesAndKeepsData) {
  ASSERT_TRUE(store_->ImportPlan(Example("barnet-2013-16"), Ctx()).has_value());
  store_.reset();
  auto reader = Open(OpenMode::kReadOnly);
  ASSERT_NE(reader, nullptr);
  Plan changed = Example("barnet-2013-16");
  changed.title = "Changed";
  auto result = reader->ImportPlan(changed, Ctx());
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("read-only"), std::string::npos) << result.error().message;
  EXPECT_EQ(reader->LoadPlan("barnet-2013-16")->title, Example("barnet-2013-16").title);
}

TEST_F(StoreTest, IndexMethodWeightsAndPolaritiesRoundTrip) {
  Plan plan = Example("barnet-2019-23");
  ASSERT_TRUE(plan.index.has_value());
  plan.index->method.normalisation = "zscore";
  plan.index->method.first_year = 2016;
  plan.index->method.seed = 7;
  plan.index->measures[0].weight = 2.5;
  plan.index->measures[1].polarity = "low";
  plan.index->measures[2].goalposts = std::make_pair(-1.5, 250.0);
  plan.index->measures[3].goalposts.reset();
  plan.index->method.sensitivity_runs = 64;
  ASSERT_TRUE(store_->ImportPlan(plan, Ctx()).has_value());
  auto loaded = store_->LoadPlan(plan.id);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
  EXPECT_EQ(*loaded, plan);
  // A changed weight is a new revision with the change recorded.
  plan.index->measures[0].weight = 3;
  auto result = store_->ImportPlan(plan, Ctx(1795378600));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->revision, 2);
  ASSERT_EQ(result->changes.size(), 1u);
  EXPECT_EQ(result->changes[0].field, "weight");
  EXPECT_EQ(*store_->LoadPlan(plan.id), plan);
  // So is a changed pair of goalposts.
  plan.index->measures[2].goalposts = std::make_pair(0.0, 100.0);
  result = store_->ImportPlan(plan, Ctx(1795378700));
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->changes.size(), 1u);
  EXPECT_EQ(result->changes[0].field, "goalposts");
  EXPECT_EQ(result->changes[0].old_value, "[-1.5, 250]");
  EXPECT_EQ(result->changes[0].new_value, "[0, 100]");
  EXPECT_EQ(*store_->LoadPlan(plan.id), plan);
}

TEST_F(StoreTest, IndexResultsRoundTripAndReplace) {
  EXPECT_EQ(store_->LoadIndexResults("p").error().code, ErrorCode::kNotFound);
  IndexResults r;
  r.plan_id = "p";
  r.computed_at = "2026-11-22T20:15:00Z";
  r.comparison = "london";
  r.runs = 100;
  r.seed = 9;
  r.measures_used = {"b-measure", "a-measure"};
  r.measures_awaiting = {"local"};
  r.measures_goalposts = {"a-measure"};
  r.failed_runs = 3;
  r.sensitivity_runs = 50;
  r.sensitivity = {{"weights", 0.1, 0.2, 0.05, 0.15, 0.18, 0.22},
                   {"aggregation", 0.5, kNoValue, 0.4, 0.6, kNoValue, kNoValue}};
  r.rows.push_back({"E09000001",
                    2020,
                    50.5,
                    2,
                    2,
                    1,
                    3.5,
                    {{"b-measure", 40, 20}, {"a-measure", kNoValue, kNoValue}}});
  r.rows.push_back({"E09000002", 2020, 70, 1, 1, 1, 2, {{"b-measure", 60, 30}}});
  ASSERT_TRUE(store_->SaveIndexResults(r).has_value());
  auto loaded = store_->LoadIndexResults("p");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
  EXPECT_EQ(loaded->computed_at, r.computed_at);
  EXPECT_EQ(loaded->runs, 100);
  EXPECT_EQ(loaded->seed, 9u);
  EXPECT_EQ(loaded->measures_used, r.measures_used);
  EXPECT_EQ(loaded->measures_awaiting, r.measures_awaiting);
  EXPECT_EQ(loaded->measures_goalposts, r.measures_goalposts);
  EXPECT_EQ(loaded->failed_runs, 3);
  EXPECT_EQ(loaded->sensitivity_runs, 50);
  ASSERT_EQ(loaded->sensitivity.size(), 2u);
  EXPECT_EQ(loaded->sensitivity[0].factor, "weights");
  EXPECT_EQ(loaded->sensitivity[0].total_p95, 0.22);
  EXPECT_EQ(loaded->sensitivity[1].factor, "aggregation");
  EXPECT_EQ(loaded->sensitivity[1].first_p95, 0.6);
  EXPECT_TRUE(std::isnan(loaded->sensitivity[1].total));
  EXPECT_EQ(loaded->rows[0].area, "E09000001");
  EXPECT_EQ(loaded->rows[0].rank_p95, 3.5);
  ASSERT_EQ(loaded->rows[0].measures.size(), 2u);
  EXPECT_EQ(loaded->rows[0].measures[0].measure, "b-measure");
  EXPECT_EQ(loaded->rows[0].measures[0].contribution, 20);
  EXPECT_TRUE(std::isnan(loaded->rows[0].measures[1].score));
  r.rows.pop_back();
  r.sensitivity.clear();
  ASSERT_TRUE(store_->SaveIndexResults(r).has_value());
  EXPECT_EQ(store_->LoadIndexResults("p")->rows.size(), 1u);
  EXPECT_TRUE(store_->LoadIndexResults("p")->sensitivity.empty());
}

TEST(SqliteOpenTest, MissingDatabaseIsNotCreatedForReading) {
  TempDir dir;
  const std::string path = dir.File("absent.db");
  auto store = OpenSqliteStore(path, OpenMode::kReadOnly);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteOpenTest, FileThatIsNotADatabaseIsRefusedAndUntouched) {
  TempDir dir;
  const std::string text = "this is a plan file, not a database\n";
  const std::string path = dir.Write("plan.db", text);
  for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kCreate}) {
    auto store = OpenSqliteStore(path, mode);
    ASSERT_FALSE(store.has_value());
    EXPECT_NE(store.error().ToString().find("not a Waymark (SQLite) database"), std::string::npos)
        << store.error().ToString();
  }
  EXPECT_EQ(*ingest::ReadTextFile(path), text);
}

TEST(SqliteOpenTest, NewerSchemaIsRefused) {
  TempDir dir;
  const std::string path = dir.File("future.db");
  {
    auto db = Db::Open(path, Db::Mode::kCreate);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 99").has_value());
  }
  auto store = OpenSqliteStore(path, OpenMode::kCreate);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::kUnsupported);
}

// A database made before fixed goalposts (schema 3) upgrades in place and keeps its results.
TEST(SqliteOpenTest, SchemaThreeDatabaseUpgradesToTheCurrentSchema) {
  TempDir dir;
  const std::string path = dir.File("v3.db");
  {
    auto db = SqliteAtVersion(path, 3);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    ASSERT_TRUE(db->Exec("INSERT INTO index_runs (plan_id, computed_at, comparison, runs, seed, "
                         "measures_used, measures_awaiting) VALUES ('p', 't', 'london', 10, 1, "
                         "'a', '')")
                    .has_value());
  }
  auto store = OpenSqliteStore(path, OpenMode::kCreate);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  EXPECT_EQ((*store)->SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  auto old = (*store)->LoadIndexResults("p");
  ASSERT_TRUE(old.has_value()) << old.error().ToString();
  EXPECT_EQ(old->failed_runs, 0);
  EXPECT_TRUE(old->sensitivity.empty());
  Plan plan = Example("barnet-2019-23");
  plan.index->measures[0].goalposts = std::make_pair(0.0, 100.0);
  ASSERT_TRUE((*store)->ImportPlan(plan, ImportContext{"analyst", "v3.toml", 1795378500}));
  EXPECT_EQ(*(*store)->LoadPlan(plan.id), plan);
}

// A database made before the children's words (schema 10) gains them empty, keeps its
// outcomes, and then stores the words of a plan file and lists a change of wording.
// Migration 20 rebuilds the measures table (its CHECK gains 'not stated'): a schema 19
// database keeps its measures and marks, and takes a measure whose direction is not stated.
TEST(SqliteOpenTest, SchemaNineteenDatabaseKeepsItsMeasuresAndTakesUnstatedDirections) {
  TempDir dir;
  const std::string path = dir.File("v19.db");
  {
    auto db = SqliteAtVersion(path, 19);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    ASSERT_TRUE(db->Exec("INSERT INTO plans (id, title, organisation, start_date, end_date, "
                         "status, revision, created_at, updated_at) VALUES ('p', 'Old plan', "
                         "'Council', '2019-04-01', '2023-03-31', 'published', 1, 't', 't');"
                         "INSERT INTO outcomes (plan_id, id, position, title, description, "
                         "kind) VALUES ('p', 'safe', 0, 'Safe', '', 'outcome');"
                         "INSERT INTO objectives (plan_id, id, outcome_id, position, title, "
                         "description) VALUES ('p', 'protect', 'safe', 0, 'Protect', '');"
                         "INSERT INTO measures (plan_id, id, objective_id, position, title, "
                         "direction, baseline, target) VALUES ('p', 'm1', 'protect', 0, "
                         "'Fewer plans', 'decrease', '', '');"
                         "INSERT INTO indicators_to_judge (indicator_id) VALUES ('x');")
                    .has_value());
  }
  auto store = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  auto old = (*store)->LoadPlan("p");
  ASSERT_TRUE(old.has_value()) << old.error().ToString();
  const Measure& kept = old->outcomes.at(0).objectives.at(0).measures.at(0);
  EXPECT_EQ(kept.id, "m1");
  EXPECT_EQ(kept.direction, Direction::kDecrease);
  EXPECT_EQ(*(*store)->IndicatorsToJudge(), std::vector<std::string>{"x"});
  EXPECT_EQ(*(*store)->LastJudgeMark(), 0);
  Plan plan = *old;
  plan.outcomes[0].objectives[0].measures[0].direction = Direction::kNotStated;
  plan.outcomes[0].measures = {{"m2", "Of the outcome", Direction::kNotStated, "", ""}};
  ASSERT_TRUE((*store)->ImportPlan(plan, ImportContext{"analyst", "a.toml", 1795378500}));
  EXPECT_EQ(*(*store)->LoadPlan("p"), plan);
}

TEST(SqliteOpenTest, SchemaTenDatabaseGainsTheChildrensWords) {
  TempDir dir;
  const std::string path = dir.File("v10.db");
  {
    auto db = SqliteAtVersion(path, 10);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    ASSERT_TRUE(db->Exec("INSERT INTO plans (id, title, organisation, start_date, end_date, "
                         "status, revision, created_at, updated_at) VALUES ('p', 'Old plan', "
                         "'Council', '2019-04-01', '2023-03-31', 'published', 1, 't', 't');"
                         "INSERT INTO outcomes (plan_id, id, position, title, description, "
                         "kind) VALUES ('p', 'be-healthy', 0, 'Be healthy', '', 'outcome');")
                    .has_value());
  }
  auto store = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  EXPECT_EQ((*store)->SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  auto old = (*store)->LoadPlan("p");
  ASSERT_TRUE(old.has_value()) << old.error().ToString();
  ASSERT_EQ(old->outcomes.size(), 1u);
  EXPECT_TRUE(old->outcomes[0].children.empty());

  Plan plan = Example("barnet-2019-23");
  ASSERT_FALSE(plan.outcomes[0].children.empty());
  ASSERT_TRUE((*store)->ImportPlan(plan, ImportContext{"analyst", "a.toml", 1795378500}));
  EXPECT_EQ((*store)->LoadPlan(plan.id)->outcomes[0].children, plan.outcomes[0].children);
  plan.outcomes[0].children.next = "We will open the youth centre.";
  auto revised = (*store)->ImportPlan(plan, ImportContext{"analyst", "b.toml", 1795378600});
  ASSERT_TRUE(revised.has_value()) << revised.error().ToString();
  ASSERT_EQ(revised->changes.size(), 1u);
  EXPECT_EQ(revised->changes[0].field, "children next");
  EXPECT_EQ(revised->changes[0].new_value, "We will open the youth centre.");
  EXPECT_EQ(*(*store)->LoadPlan(plan.id), plan);
}

}  // namespace
}  // namespace waymark::store
