// Tests of stored findings: round trip with answers, every change audited, refusals (bad
// fields, unknown plan or finding, a taken key) changing nothing, answers saved and removed,
// imports that are all or nothing and change nothing when repeated, and versions: every change
// counts one, a change made against another version is refused changing nothing, and a finding
// stored before versions is at version 1.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/temp_dir.h"
#include "store/fresh_store_fixture.h"
#include "store/older_schema_test_util.h"
#include "store/schema.h"
#include "store/schema_findings.h"

namespace waymark::store {
namespace {

constexpr std::int64_t kNow = 1795000000;

AuditEntry Audit() {
  AuditEntry entry;
  entry.actor = "analyst@example.org";
  entry.via = "test";
  return entry;
}

Plan SmallPlan(std::string id) {
  Plan plan;
  plan.id = std::move(id);
  plan.title = "Plan " + plan.id;
  plan.organisation = "Council";
  plan.start = {2019, 4, 1};
  plan.end = {2023, 3, 31};
  plan.status = "published";
  plan.partners = {{"fs", "Family Services", "council"}};
  Outcome safe;
  safe.id = "safe";
  safe.title = "Safe";
  Objective streets{"streets", "Safe streets", "", {}, {}};
  streets.actions = {{"lights", "Better street lighting", {}, {}}};
  safe.objectives = {streets};
  plan.outcomes = {safe};
  return plan;
}

FindingAnswer MakeAnswer(std::string target, AnswerKind kind, std::string text) {
  return FindingAnswer{std::move(target),  kind, std::move(text), {2019, 9, 1},
                       "Community Safety", true};
}

Finding Sample(std::string key = "walking-home") {
  Finding f;
  f.plan_id = "p";
  f.key = std::move(key);
  f.outcome_id = "safe";
  f.said = "We do not feel safe walking home after dark.";
  f.source = FindingSource::kConsultation;
  f.source_name = "Surveys, focus groups and forums";
  f.date = {2019, 1, 31};
  f.participants = 1500;
  f.answers = {MakeAnswer("action:lights", AnswerKind::kWeDid, "We put in brighter lights.")};
  return f;
}

class StoreFindingsTest : public FreshStoreTest {
 protected:
  void SetUp() override {
    FreshStoreTest::SetUp();
    ASSERT_TRUE(store_->ImportPlan(SmallPlan("p"), {"analyst", "p", kNow}));
    ASSERT_TRUE(store_->ImportPlan(SmallPlan("q"), {"analyst", "q", kNow}));
  }
  std::vector<AuditEntry> Entries() {
    AuditFilter filter;
    filter.entity = "finding";
    return *store_->ListAudit(filter);
  }
};

TEST_F(StoreFindingsTest, TheMigrationIsAppliedOnce) {
  EXPECT_EQ(store_->SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  EXPECT_EQ(std::count(SqliteMigrations().begin(), SqliteMigrations().end(), kFindingsMigration),
            1);
  EXPECT_EQ(SchemaObjects("'finding_answers'"), 1);
  EXPECT_EQ(
      std::count(SqliteMigrations().begin(), SqliteMigrations().end(), kFindingVersionMigration),
      1);
  EXPECT_EQ(SqliteMigrations()[15], kFindingVersionMigration);
}

TEST_F(StoreFindingsTest, AFindingRoundTripsWithItsAnswersAndIsAudited) {
  Finding f = Sample();
  f.answers.push_back(MakeAnswer("objective:streets", AnswerKind::kWeCannot,
                                 "We cannot close roads because buses use them."));
  auto saved = store_->SaveFinding(f, kNow, Audit());
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_GT(saved->id, 0);
  EXPECT_EQ(saved->version, 1);
  f.id = saved->id;
  f.version = 1;
  EXPECT_EQ(*saved, f);
  EXPECT_EQ(*store_->FindFinding(f.id), f);
  auto listed = store_->ListFindings("p");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front(), f);
  EXPECT_TRUE(store_->ListFindings("q")->empty());

  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "finding.create");
  EXPECT_EQ(entries[0].entity_id, std::to_string(f.id));
  EXPECT_EQ(entries[0].actor, "analyst@example.org");
  EXPECT_TRUE(entries[0].before.empty());
  const auto after = nlohmann::json::parse(entries[0].after);
  EXPECT_EQ(after["said"], f.said);
  EXPECT_EQ(after["answers"].size(), 2u);
  EXPECT_EQ(after["answers"][1]["kind"], "we-cannot");
  EXPECT_EQ(after["version"], 1);
}

TEST_F(StoreFindingsTest, ACreationIgnoresTheVersionItIsGiven) {
  Finding f = Sample();
  f.version = 7;
  auto saved = store_->SaveFinding(f, kNow, Audit());
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(store_->FindFinding(saved->id)->version, 1);
}

TEST_F(StoreFindingsTest, AnUpdateReplacesFieldsAndAnswersAndSavingItUnchangedWritesNothing) {
  Finding f = *store_->SaveFinding(Sample(), kNow, Audit());
  f.said = "Streets are too dark.";
  f.answers.clear();
  auto updated = store_->SaveFinding(f, kNow + 60, Audit());
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  f.version = 2;
  EXPECT_EQ(*store_->FindFinding(f.id), f);
  auto unchanged = store_->SaveFinding(f, kNow + 120, Audit());
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged->version, 2);
  EXPECT_EQ(store_->FindFinding(f.id)->version, 2);
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "finding.update");
  EXPECT_EQ(nlohmann::json::parse(entries[0].before)["said"], Sample().said);
  EXPECT_EQ(nlohmann::json::parse(entries[0].before)["version"], 1);
  EXPECT_EQ(nlohmann::json::parse(entries[0].after)["version"], 2);
}

// Two analysts open version 1; the first saves (version 2); the second's change, made against
// version 1, is refused with nothing changed and nothing audited, whatever it changes.
TEST_F(StoreFindingsTest, AChangeMadeAgainstAnotherVersionIsRefusedAndChangesNothing) {
  const Finding opened = *store_->SaveFinding(Sample(), kNow, Audit());
  Finding first = opened;
  first.said = "Streets are too dark.";
  ASSERT_TRUE(store_->SaveFinding(first, kNow + 60, Audit()));
  const Finding stored = *store_->FindFinding(opened.id);
  ASSERT_EQ(stored.version, 2);
  const std::size_t audited = Entries().size();

  const auto expect_refused = [&](const auto& result, const std::string& what) {
    ASSERT_FALSE(result) << what;
    EXPECT_EQ(result.error().code, ErrorCode::kConflict) << what;
    EXPECT_EQ(result.error().message,
              fmt::format("version: finding {} has been changed since version 1 was read (it "
                          "is at version 2)",
                          opened.id))
        << what;
    EXPECT_EQ(*store_->FindFinding(opened.id), stored) << what;
    EXPECT_EQ(Entries().size(), audited) << what;
  };
  Finding second = opened;
  second.said = "We want buses at night.";
  expect_refused(store_->SaveFinding(second, kNow + 120, Audit()), "save");
  expect_refused(store_->SaveFinding(opened, kNow + 120, Audit()), "save as it was read");
  Finding bad = opened;  // stale and invalid: the version is what is named
  bad.said = "";
  expect_refused(store_->SaveFinding(bad, kNow + 120, Audit()), "save invalid");
  expect_refused(
      store_->SaveFindingAnswer(
          opened.id, MakeAnswer("objective:streets", AnswerKind::kWeAreDoing, "We are asking."), 1,
          kNow + 120, Audit()),
      "answer");
  expect_refused(store_->RemoveFindingAnswer(opened.id, "action:lights", 1, kNow + 120, Audit()),
                 "unanswer");
  expect_refused(store_->DeleteFinding(opened.id, 1, kNow + 120, Audit()), "delete");
  for (int version : {0, 3}) {  // neither older nor newer than the stored version
    Finding other = stored;
    other.version = version;
    other.said = "Another change.";
    auto refused = store_->SaveFinding(other, kNow + 120, Audit());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(store_->DeleteFinding(opened.id, version, kNow, Audit()).error().code,
              ErrorCode::kConflict);
  }
  EXPECT_EQ(*store_->FindFinding(opened.id), stored);
  EXPECT_EQ(Entries().size(), audited);

  // Against the stored version the same changes go through, each counting one.
  second.version = 2;
  auto saved = store_->SaveFinding(second, kNow + 180, Audit());
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->version, 3);
  EXPECT_EQ(saved->said, "We want buses at night.");
  auto answered = store_->SaveFindingAnswer(
      opened.id, MakeAnswer("objective:streets", AnswerKind::kWeAreDoing, "We are asking."), 3,
      kNow + 240, Audit());
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_EQ(answered->version, 4);
  auto unanswered = store_->RemoveFindingAnswer(opened.id, "action:lights", 4, kNow + 300, Audit());
  ASSERT_TRUE(unanswered) << unanswered.error().message;
  EXPECT_EQ(unanswered->version, 5);
  EXPECT_EQ(*store_->FindFinding(opened.id), *unanswered);
  EXPECT_EQ(store_->DeleteFinding(opened.id, 4, kNow + 360, Audit()).error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(store_->DeleteFinding(opened.id, 5, kNow + 360, Audit()));
  EXPECT_EQ(store_->FindFinding(opened.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Entries().size(), audited + 4);
}

TEST_F(StoreFindingsTest, BadFieldsAreAllNamedAndChangeNothing) {
  Finding f = Sample();
  f.outcome_id = "nowhere";
  f.said = "";
  f.participants = -1;
  f.answers.push_back(MakeAnswer("action:nowhere", AnswerKind::kWeCannot, "We cannot."));
  auto saved = store_->SaveFinding(f, kNow, Audit());
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::kInvalidArgument);
  for (const char* field :
       {"outcome:", "said:", "participants:", "answers[1].target:", "answers[1].text:"}) {
    EXPECT_NE(saved.error().message.find(field), std::string::npos) << field;
  }
  EXPECT_TRUE(store_->ListFindings("p")->empty());
  EXPECT_TRUE(Entries().empty());
}

TEST_F(StoreFindingsTest, UnknownPlansFindingsAndTakenKeysAreRefused) {
  Finding f = Sample();
  f.plan_id = "none";
  EXPECT_EQ(store_->SaveFinding(f, kNow, Audit()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListFindings("none").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindFinding(99).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->DeleteFinding(99, 1, kNow, Audit()).error().code, ErrorCode::kNotFound);
  f = Sample();
  f.id = 99;
  EXPECT_EQ(store_->SaveFinding(f, kNow, Audit()).error().code, ErrorCode::kNotFound);

  const Finding first = *store_->SaveFinding(Sample(), kNow, Audit());
  auto again = store_->SaveFinding(Sample(), kNow, Audit());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message.find("key:"), std::string::npos);
  Finding other_plan = first;  // a finding of plan p cannot be saved as plan q's
  other_plan.plan_id = "q";
  EXPECT_EQ(store_->SaveFinding(other_plan, kNow, Audit()).error().code, ErrorCode::kNotFound);
  Finding in_q = Sample();  // the same key in another plan is another finding
  in_q.plan_id = "q";
  EXPECT_TRUE(store_->SaveFinding(in_q, kNow, Audit()));
  Finding unkeyed = Sample("");
  EXPECT_TRUE(store_->SaveFinding(unkeyed, kNow, Audit()));
  EXPECT_TRUE(store_->SaveFinding(unkeyed, kNow, Audit()));  // no key: no uniqueness
  EXPECT_EQ(store_->ListFindings("p")->size(), 3u);
}

TEST_F(StoreFindingsTest, AnswersAreSavedReplacedAndRemovedOneByOne) {
  const Finding f = *store_->SaveFinding(Sample(), kNow, Audit());
  auto added = store_->SaveFindingAnswer(
      f.id, MakeAnswer("objective:streets", AnswerKind::kWeAreDoing, "We are asking the police."),
      1, kNow, Audit());
  ASSERT_TRUE(added) << added.error().message;
  ASSERT_EQ(added->answers.size(), 2u);
  EXPECT_EQ(added->answers[1].target, "objective:streets");
  EXPECT_EQ(added->version, 2);
  auto replaced = store_->SaveFindingAnswer(
      f.id, MakeAnswer("action:lights", AnswerKind::kWeAreDoing, "Lights are going up."), 2, kNow,
      Audit());
  ASSERT_TRUE(replaced);
  ASSERT_EQ(replaced->answers.size(), 2u);
  EXPECT_EQ(replaced->answers[0].text, "Lights are going up.");
  EXPECT_EQ(replaced->version, 3);
  EXPECT_EQ(*store_->FindFinding(f.id), *replaced);
  auto same = store_->SaveFindingAnswer(f.id, replaced->answers[0], 3, kNow, Audit());
  ASSERT_TRUE(same);  // the answer as stored: nothing written, the version kept
  EXPECT_EQ(same->version, 3);

  auto bad = store_->SaveFindingAnswer(
      f.id, MakeAnswer("action:lights", AnswerKind::kWeCannot, "We cannot."), 3, kNow, Audit());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("answers[0].text:"), std::string::npos);
  EXPECT_EQ(*store_->FindFinding(f.id), *replaced);

  auto removed = store_->RemoveFindingAnswer(f.id, "action:lights", 3, kNow, Audit());
  ASSERT_TRUE(removed);
  ASSERT_EQ(removed->answers.size(), 1u);
  EXPECT_EQ(removed->answers[0].target, "objective:streets");
  EXPECT_EQ(removed->version, 4);
  EXPECT_EQ(store_->RemoveFindingAnswer(f.id, "action:lights", 4, kNow, Audit()).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindFinding(f.id)->version, 4);
  EXPECT_EQ(store_->SaveFindingAnswer(99, Sample().answers[0], 1, kNow, Audit()).error().code,
            ErrorCode::kNotFound);

  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].action, "finding.unanswer");
  EXPECT_EQ(entries[1].action, "finding.answer");
  EXPECT_EQ(entries[2].action, "finding.answer");
}

TEST_F(StoreFindingsTest, DeletingAFindingDeletesItsAnswers) {
  const Finding f = *store_->SaveFinding(Sample(), kNow, Audit());
  ASSERT_TRUE(store_->DeleteFinding(f.id, 1, kNow, Audit()));
  EXPECT_EQ(store_->FindFinding(f.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*db().QueryInt("SELECT count(*) FROM finding_answers"), 0);
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "finding.delete");
  EXPECT_TRUE(entries[0].after.empty());
}

TEST_F(StoreFindingsTest, AnImportIsAllOrNothingAndARepeatChangesNothing) {
  std::vector<Finding> file = {Sample("one"), Sample("two")};
  auto first = store_->ImportFindings("p", file, kNow, Audit());
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->created, 2);
  EXPECT_EQ(Entries().size(), 2u);
  const std::vector<Finding> created = *store_->ListFindings("p");
  for (const Finding& f : created) EXPECT_EQ(f.version, 1) << f.key;

  auto again = store_->ImportFindings("p", file, kNow + 60, Audit());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(Entries().size(), 2u);

  file[1].said = "Changed.";
  auto changed = store_->ImportFindings("p", file, kNow + 120, Audit());
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->updated, 1);
  EXPECT_EQ(changed->unchanged, 1);
  EXPECT_EQ(store_->ListFindings("p")->at(1).said, "Changed.");
  EXPECT_EQ(store_->ListFindings("p")->at(0).version, 1);  // unchanged: the same version
  EXPECT_EQ(store_->ListFindings("p")->at(1).version, 2);
  EXPECT_EQ(nlohmann::json::parse(Entries().front().after)["version"], 2);
  file[1].version = 9;  // a file's versions are ignored: still the same content
  auto versioned = store_->ImportFindings("p", file, kNow + 180, Audit());
  ASSERT_TRUE(versioned);
  EXPECT_EQ(versioned->unchanged, 2);
  EXPECT_EQ(store_->ListFindings("p")->at(1).version, 2);

  const auto before = *store_->ListFindings("p");
  std::vector<Finding> bad = {Sample("three"), Sample("three"), Sample("")};
  bad[0].said = "";
  auto refused = store_->ImportFindings("p", bad, kNow, Audit());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  for (const char* field : {"finding[0].said:", "finding[1].key:", "finding[2].key:"}) {
    EXPECT_NE(refused.error().message.find(field), std::string::npos) << field;
  }
  EXPECT_EQ(*store_->ListFindings("p"), before);
  EXPECT_EQ(store_->ImportFindings("none", file, kNow, Audit()).error().code, ErrorCode::kNotFound);
}

// A finding stored before findings had versions opens at version 1, and takes a change made
// against it.
TEST(SqliteFindingsMigration, AFindingStoredBeforeVersionsIsAtVersionOne) {
  TempDir dir;
  const std::string path = dir.File("old.db");
  const auto migrations = SqliteMigrations();
  const int before =
      static_cast<int>(std::find(migrations.begin(), migrations.end(), kFindingVersionMigration) -
                       migrations.begin());
  ASSERT_LT(before, static_cast<int>(migrations.size()));
  {
    auto db = SqliteAtVersion(path, static_cast<std::size_t>(before));
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    ASSERT_TRUE(db->Exec(R"sql(
      INSERT INTO plans (id, title, organisation, start_date, end_date, status, revision,
                         created_at, updated_at)
        VALUES ('p', 'Plan p', 'Council', '2019-04-01', '2023-03-31', 'published', 1,
                '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
      INSERT INTO findings (id, plan_id, key, outcome_id, said, source, source_name, date,
                            participants, created_at, updated_at)
        VALUES (4, 'p', 'old', 'safe', 'Said before versions.', 'survey', 'Survey 2017',
                '2017-06-30', 10, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    )sql")
                    .has_value());
  }
  auto opened = OpenSqliteStore(path, OpenMode::kReadWrite);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  Store& store = **opened;
  EXPECT_EQ(store.SchemaVersion(), static_cast<int>(SqliteMigrations().size()));
  auto found = store.FindFinding(4);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(found->said, "Said before versions.");
  EXPECT_EQ(store.DeleteFinding(4, 0, kNow, Audit()).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store.DeleteFinding(4, 2, kNow, Audit()).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(store.DeleteFinding(4, 1, kNow, Audit()));
  EXPECT_EQ(store.FindFinding(4).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store.CheckIntegrity().has_value());
}

}  // namespace
}  // namespace waymark::store
