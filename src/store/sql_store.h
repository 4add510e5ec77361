// The implementation of Store, written once in SQL that SQLite (the embedded default: WAL
// journal, foreign keys on, schema migrated at open) and PostgreSQL (pg_store.cc) both accept,
// over db.h's Db. Not thread-safe: one SqlStore per thread.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "store/db.h"
#include "store/store.h"

namespace waymark::store {

class SqlStore final : public Store {
 public:
  explicit SqlStore(Db db) : db_(std::move(db)) {}

  Result<std::int64_t> DataVersion(DataTopic topic) override;
  Result<ImportResult> ImportPlan(const Plan& plan, const ImportContext& ctx) override;
  Result<std::vector<PlanSummary>> ListPlans() override;
  Result<Plan> LoadPlan(std::string_view plan_id) override;
  Result<std::vector<PlanRevision>> PlanHistory(std::string_view plan_id) override;
  Result<std::vector<Change>> PlanChanges(std::string_view plan_id, int revision) override;
  Result<std::string> PlanDocument(std::string_view plan_id, int revision) override;
  Status CheckIntegrity() override;
  int SchemaVersion() override;

  Status SaveAreas(const std::vector<Area>& areas,
                   const std::vector<ComparatorGroup>& groups) override;
  Result<std::vector<Area>> ListAreas() override;
  Result<std::vector<ComparatorGroup>> ListComparatorGroups() override;
  Status SaveBoundaries(const std::vector<AreaBoundary>& boundaries) override;
  Result<std::vector<AreaBoundary>> ListBoundaries() override;
  Status SaveIndicators(const std::vector<Indicator>& indicators, std::int64_t now) override;
  Result<std::vector<Indicator>> ListIndicators() override;
  Result<std::unique_ptr<ObservationImport>> BeginObservationImport(
      const DataImportInfo& info) override;
  Result<std::vector<Observation>> LoadObservations(std::string_view indicator,
                                                    Progress* progress = nullptr) override;
  Result<std::size_t> CountObservations() override;
  Result<DataCounts> CountData() override;
  Result<std::string> LatestImportTime() override;
  Result<std::vector<FigureRecord>> FigureHistory(std::string_view indicator,
                                                  std::string_view area) override;
  Status SaveAssessments(const std::vector<Assessment>& assessments, Progress* progress = nullptr,
                         std::optional<std::int64_t> marks_up_to = std::nullopt) override;
  Status ReplaceAssessments(const std::vector<std::string>& indicators,
                            const std::vector<Assessment>& assessments,
                            std::optional<std::int64_t> marks_up_to = std::nullopt) override;
  Status JudgeAndSave(const std::vector<std::string>& indicators, bool everything,
                      const JudgeFigures& judge, Progress* progress = nullptr,
                      std::optional<std::int64_t> marks_up_to = std::nullopt) override;
  Result<std::int64_t> LastJudgeMark() override;
  Result<std::vector<std::string>> IndicatorsToJudge() override;
  Result<std::vector<Assessment>> ListAssessments(std::string_view indicator,
                                                  std::string_view area) override;
  Status ForEachAssessmentSeries(
      std::string_view indicator, std::string_view area,
      const std::function<Status(std::vector<Assessment>& series)>& each) override;
  Result<std::vector<Assessment>> ListHeadlineAssessments(std::string_view indicator) override;
  Status SaveIndexResults(const IndexResults& results) override;
  Result<IndexResults> LoadIndexResults(std::string_view plan_id) override;

  Result<std::vector<Partner>> ListOrganisations() override;
  Result<User> CreateUser(const User& user, std::string_view password_hash,
                          const AuditEntry& audit) override;
  Result<std::vector<User>> ListUsers() override;
  Result<StoredUser> FindUser(std::string_view email) override;
  Result<User> UpdateUser(std::string_view email, const UserUpdate& update,
                          const AuditEntry& audit) override;
  Status CreateSession(const Session& session, const AuditEntry& audit) override;
  Result<SessionWithUser> FindSession(std::string_view token_digest) override;
  Status TouchSession(std::string_view token_digest, std::int64_t now) override;
  Status EndSession(std::string_view token_digest, const AuditEntry& audit) override;
  Result<std::size_t> PruneSessions(std::int64_t idle_before, std::int64_t created_before) override;
  Result<ApiToken> CreateApiToken(const ApiToken& token, std::string_view token_digest,
                                  const AuditEntry& audit) override;
  Result<std::vector<ApiToken>> ListApiTokens(std::string_view user_email) override;
  Result<ApiTokenWithUser> FindApiToken(std::string_view token_digest) override;
  Status TouchApiToken(std::int64_t token_id, std::string_view now) override;
  Status RevokeApiToken(std::int64_t token_id, const AuditEntry& audit) override;
  Result<IdentityProvider> AddIdentityProvider(const IdentityProvider& provider,
                                               const AuditEntry& audit) override;
  Result<std::vector<IdentityProvider>> ListIdentityProviders() override;
  Result<IdentityProvider> FindIdentityProvider(std::string_view name) override;
  Result<IdentityProvider> SetIdentityProviderDisabled(std::string_view name, bool disabled,
                                                       const AuditEntry& audit) override;
  Status BeginOidcLogin(const OidcLogin& login, std::int64_t expired_before) override;
  Result<OidcLogin> TakeOidcLogin(std::string_view state_digest) override;
  Result<std::vector<SignInFailure>> RecentSignInFailures(std::string_view account,
                                                          std::string_view address,
                                                          std::int64_t since) override;
  Status RecordSignInFailure(const SignInFailure& failure, std::int64_t forget_before) override;
  Status ForgetSignInFailures(std::string_view account, std::string_view address) override;
  Result<std::string> GetSetting(std::string_view key) override;
  Status SetSetting(std::string_view key, std::string_view value, const AuditEntry& audit) override;
  Status AppendAudit(const AuditEntry& entry) override;
  Status Atomically(const std::function<Status()>& change) override;
  Result<std::vector<AuditEntry>> ListAudit(const AuditFilter& filter) override;

  Result<ReportingCycle> OpenCycle(const ReportingCycle& cycle, std::int64_t now,
                                   const AuditEntry& audit) override;
  Result<std::vector<ReportingCycle>> ListCycles(std::string_view plan_id) override;
  Result<ReportingCycle> FindCycle(std::int64_t cycle_id) override;
  Result<ReportingCycle> CloseCycle(std::int64_t cycle_id, std::int64_t now,
                                    const AuditEntry& audit) override;
  Result<ActionUpdate> SaveActionUpdate(const ActionUpdate& update, int expected_version,
                                        std::int64_t now, const AuditEntry& audit) override;
  Result<std::vector<ActionUpdate>> SaveActionUpdates(std::span<const UpdateSave> saves,
                                                      std::int64_t now,
                                                      const AuditEntry& audit) override;
  Result<ActionUpdate> ReopenActionUpdate(std::int64_t cycle_id, std::string_view action_id,
                                          std::string_view reason, std::int64_t now,
                                          const AuditEntry& audit) override;
  Result<std::vector<ActionUpdate>> ListActionUpdates(const UpdateFilter& filter) override;
  Result<std::int64_t> ProgressVersion(std::string_view plan_id) override;
  Result<PageVersions> ReadPageVersions(std::string_view plan_id) override;

  Result<IssuedReport> IssueReport(const IssuedReport& report, std::int64_t now,
                                   const AuditEntry& audit) override;
  Result<std::vector<IssuedReport>> ListIssuedReports(std::string_view plan_id) override;
  Result<IssuedReport> FindIssuedReport(std::int64_t id) override;
  Result<IssuedReport> TransitionReport(std::int64_t id, ReportState to, const Principal& who,
                                        std::int64_t now, const AuditEntry& audit) override;
  Result<Commentary> SaveCommentary(const Commentary& c, int expected_version, std::int64_t now,
                                    const AuditEntry& audit) override;
  Result<std::vector<Commentary>> ListCommentary(std::string_view plan_id,
                                                 std::optional<std::int64_t> cycle_id) override;

  // Surveys (sql_surveys.cc, sql_survey_responses.cc, sql_survey_aggregates.cc).
  Result<bool> SaveSurvey(const Survey& survey, std::int64_t now, const AuditEntry& audit) override;
  Result<std::vector<SurveySummary>> ListSurveys() override;
  Result<Survey> FindSurvey(std::string_view survey_id) override;
  Result<Survey> FindSurveyByCode(std::string_view code) override;
  Status SubmitSurveyResponse(std::string_view survey_id, std::string_view wave_id,
                              const Response& response, const Date& day,
                              std::string_view code_digest) override;
  Status ImportSurveyResponses(std::string_view survey_id, std::string_view wave_id,
                               std::span<const SurveyResponseImport> responses, std::int64_t now,
                               const AuditEntry& audit) override;
  Result<std::vector<StoredSurveyResponse>> ListSurveyResponses(std::string_view survey_id,
                                                                std::string_view wave_id) override;
  Result<std::int64_t> CountSurveyResponses(std::string_view survey_id,
                                            std::string_view wave_id) override;
  Status SaveSurveyAggregates(std::string_view survey_id, std::string_view wave_id,
                              const std::vector<SurveyAggregate>& rows, std::int64_t now,
                              const AuditEntry& audit) override;
  Result<std::vector<SurveyAggregate>> ListSurveyAggregates(std::string_view survey_id,
                                                            std::string_view wave_id) override;
  Result<std::vector<std::string>> CreateSurveyCodes(std::string_view survey_id,
                                                     std::string_view wave_id, int count,
                                                     std::int64_t now,
                                                     const AuditEntry& audit) override;

  // Publication and review of survey results (sql_survey_review.cc).
  Result<std::vector<SurveyPublication>> ListSurveyPublications(
      std::string_view survey_id) override;
  Result<SurveyPublication> PublishSurveyWave(std::string_view survey_id, std::string_view wave_id,
                                              const Date& today, std::int64_t now,
                                              const AuditEntry& audit) override;
  Status UnpublishSurveyWave(std::string_view survey_id, std::string_view wave_id, std::int64_t now,
                             const AuditEntry& audit) override;
  Result<std::vector<FreeTextAnswer>> ListFreeTextAnswers(std::string_view survey_id,
                                                          std::string_view wave_id) override;
  Result<FreeTextAnswer> ReviewFreeTextAnswer(std::string_view survey_id, std::string_view wave_id,
                                              std::string_view answer_id,
                                              const FreeTextReview& review, std::int64_t now,
                                              const AuditEntry& audit) override;

  // Findings (sql_findings.cc).
  Result<Finding> SaveFinding(const Finding& finding, std::int64_t now,
                              const AuditEntry& audit) override;
  Result<std::vector<Finding>> ListFindings(std::string_view plan_id) override;
  Result<Finding> FindFinding(std::int64_t finding_id) override;
  Status DeleteFinding(std::int64_t finding_id, int expected_version, std::int64_t now,
                       const AuditEntry& audit) override;
  Result<Finding> SaveFindingAnswer(std::int64_t finding_id, const FindingAnswer& answer,
                                    int expected_version, std::int64_t now,
                                    const AuditEntry& audit) override;
  Result<Finding> RemoveFindingAnswer(std::int64_t finding_id, std::string_view target,
                                      int expected_version, std::int64_t now,
                                      const AuditEntry& audit) override;
  Result<FindingImportStats> ImportFindings(std::string_view plan_id,
                                            const std::vector<Finding>& findings, std::int64_t now,
                                            const AuditEntry& audit) override;

  Db& db() { return db_; }

 private:
  // The observations of one indicator ("" for all) into `out`, replacing what it held but
  // keeping its memory, so that judging one indicator after another reuses it.
  Status ReadObservations(std::string_view indicator, std::vector<Observation>& out,
                          Progress* progress);
  Status WritePlanRows(const Plan& plan);
  Status RecordRevision(const Plan& plan, int revision, const ImportContext& ctx,
                        const std::vector<Change>& changes);
  Result<bool> PlanExists(std::string_view plan_id);

  // A kept statement, reset when its use ends, so that it holds no read open.
  class KeptStatement {
   public:
    explicit KeptStatement(Statement& statement) : statement_(&statement) {}
    ~KeptStatement() {
      if (statement_ != nullptr) statement_->Reset();
    }
    KeptStatement(KeptStatement&& other) noexcept
        : statement_(std::exchange(other.statement_, nullptr)) {}
    KeptStatement(const KeptStatement&) = delete;
    KeptStatement& operator=(const KeptStatement&) = delete;
    KeptStatement& operator=(KeptStatement&&) = delete;
    Statement* operator->() const { return statement_; }
    Statement& operator*() const { return *statement_; }

   private:
    Statement* statement_;
  };
  // `sql` prepared once and kept: the queries a server asks on every request (data versions,
  // a plan's progress version), which took longer to parse than to run.
  Result<KeptStatement> Kept(std::string_view sql);
  // The version kept under `topic` in data_versions (0 when none is): DataVersion's and
  // ProgressVersion's one query.
  Result<std::int64_t> VersionOf(std::string_view topic);

  Db db_;
  // Declared after db_, so that they are finalised before the connection closes.
  std::map<std::string, Statement, std::less<>> kept_;
};

// Applies pending migrations; exposed for tests.
Status MigrateSqlite(Db& db);

// Success when `version`, the schema version `db` holds, is this program's; else why not and
// what to do (0: no Waymark database, kNotFound; older: migrate; newer: a newer program).
Status CheckProgramSchema(const Db& db, std::int64_t version);

// PostgreSQL's part of CheckIntegrity (pg_store.cc): the server enforces every constraint as it
// writes, so what is left to check is that the schema is this program's.
Status CheckPostgresIntegrity(Db& db);

// What a change the store makes itself adds to the caller's audit entry: the entity, its id
// and its states before and after as JSON without secrets ("" for none).
struct AuditedChange {
  std::string entity;
  std::string entity_id;
  std::string before;
  std::string after;
};

// Appends `audit` completed with `change` to the audit log, inside the caller's transaction.
Status WriteAudit(Db& db, const AuditEntry& audit, const AuditedChange& change);

// `audit` for the store's change `action` made at `now` (its `at` kept when it is set).
AuditEntry AuditedAction(const AuditEntry& audit, std::string_view action, std::int64_t now);

// Success when `errors` is empty; else `code` with every field's problem, "FIELD: message; ...".
Status FieldErrorsStatus(const FieldErrors& errors, ErrorCode code = ErrorCode::kInvalidArgument);

// The stored survey `survey_id` (sql_surveys.cc); kNotFound when there is none.
Result<Survey> ReadStoredSurvey(Db& db, std::string_view survey_id);
// The wave `wave_id` of a stored survey; kNotFound ("wave: survey 'S' has no wave 'W'").
Result<const SurveyWave*> StoredWave(const Survey& survey, std::string_view wave_id);

// kConflict ("sections") when `next`, replacing a stored survey, would remove a question or an
// option that the stored aggregates of one of its waves count (sql_survey_aggregates.cc).
Status CheckAggregatesKept(Db& db, const Survey& next);

// Marks `indicator_ids` (sql_assessments.cc), or every catalogued indicator, to be judged
// again, inside the caller's transaction.
Status MarkToJudge(Db& db, const std::set<std::string>& indicator_ids);
Status MarkAllToJudge(Db& db);

// The name `topic`'s version is kept under in the data_versions table.
std::string_view TopicName(DataTopic topic);

// Raises the version of `topic` (Store::DataVersion) inside the caller's write transaction.
Status RaiseDataVersion(Db& db, DataTopic topic);

// The name a plan's progress version (Store::ProgressVersion) is kept under in data_versions.
std::string ProgressTopic(std::string_view plan_id);
// Raises `plan_id`'s progress version inside the caller's write transaction. Called last before
// the commit, so that on PostgreSQL the version's row is the last lock a transaction takes and
// two writers of one plan never wait on each other in a circle.
Status RaiseProgressVersion(Db& db, std::string_view plan_id);

// Before a write of many blocks in one transaction (a figure import, judging): SQLite's page
// cache raised to 16 MiB, so that the pages being filled are not spilled to the write-ahead
// log and read back mid-transaction. Nothing on PostgreSQL.
Status UseBulkWriteCache(Db& db);

// Schema version 7's data step: packs the rows of the old observations table into one block
// per series (figure_block.h), then drops that table.
Status PackObservationRows(Db& db);

// Schema version 26's data step (both dialects): packs the rows of the old assessments table
// into one block per series (judgement_block.h), then drops that table.
Status PackAssessmentRows(Db& db);

}  // namespace waymark::store
