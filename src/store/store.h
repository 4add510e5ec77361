// Store: the one interface through which the program keeps plans (and, later, indicators and
// judgements). SQLite is the embedded default; a PostgreSQL backend implements the same
// interface. Every write is one transaction: it happens completely or not at all.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.h"
#include "core/assessment.h"
#include "core/board_report.h"
#include "core/cycle.h"
#include "core/finding.h"
#include "core/identity_provider.h"
#include "core/indicator.h"
#include "core/plan.h"
#include "core/progress.h"
#include "core/result.h"
#include "core/sign_in_throttle.h"
#include "core/survey.h"
#include "core/survey_aggregate.h"
#include "store/plan_diff.h"

namespace waymark::store {

// Who imports, from where and when; recorded in the plan's history.
struct ImportContext {
  std::string user;
  std::string source;    // file name or other origin
  std::int64_t now = 0;  // Unix seconds
};

struct ImportResult {
  std::string plan_id;
  int revision = 0;             // the plan's revision after the import
  bool created = false;         // the plan was new
  std::vector<Change> changes;  // empty when the file matched the stored plan
};

struct PlanRevision {
  int revision = 0;
  std::string imported_at;  // ISO 8601 UTC
  std::string imported_by;
  std::string source;
  int change_count = 0;
};

// How much encoded figures an import gathers in memory before merging them into the stored
// series (while gathering as much again): bounds the import's memory whatever the file's size.
inline constexpr std::size_t kImportFlushBytes = std::size_t{16} << 20;

// Where a batch of observations comes from; recorded as their provenance.
struct DataImportInfo {
  std::string file;
  std::string format;
  std::string user;
  std::int64_t now = 0;
  std::size_t flush_bytes = kImportFlushBytes;
};

struct ObservationImportStats {
  std::size_t inserted = 0;
  std::size_t revised = 0;    // existing figures replaced (the old value kept as a revision)
  std::size_t unchanged = 0;  // existing figures re-sent with the same numbers
  std::size_t repeated = 0;   // rows repeated within the file with identical figures
  // The indicators with a figure inserted or revised (sorted, each once): those whose
  // judgements the import may have changed, marked to be judged again in its transaction.
  std::vector<std::string> changed_indicators;
};

// Receives the observations of one import inside one transaction: nothing is kept unless
// Commit() is called. Observations are gathered per series and merged with the stored figures
// of each series once DataImportInfo::flush_bytes of them wait, and at Finish().
class ObservationImport {
 public:
  virtual ~ObservationImport() = default;
  // Takes an observation to insert, or to revise the stored figure of its series and period.
  virtual Status Add(const Observation& obs) = 0;
  // Merges what waits. An observation sent twice in one import with the same figures is
  // counted once; with different figures the later row is a problem, returned at its line
  // (column 1) in line order. Nothing may be committed while there are problems.
  virtual Result<Diagnostics> Finish() = 0;
  // Finishes (if not yet done) and commits; kValidation when Finish found problems.
  virtual Result<ObservationImportStats> Commit(std::size_t rows_read) = 0;
};

// A figure as it is stored or as it stood before a later import revised it, with where it
// came from.
struct FigureRecord {
  Period period;
  Breakdown breakdown;
  double value = kNoValue, lower95 = kNoValue, upper95 = kNoValue;
  double count = kNoValue, denominator = kNoValue;
  std::string missing_reason;
  std::string note;         // the current figure's note ("" for revisions, which keep none)
  std::string file;         // the import's file
  std::string imported_at;  // ISO 8601 UTC
  std::string imported_by;
  int source_row = 0;
  std::string replaced_at;  // "" for the current figure; else when a later import revised it
};

// One measure's score for an area and year, and its contribution to the index score (NaN when
// the aggregation is not additive).
struct IndexMeasureScore {
  std::string measure;
  double score = kNoValue;
  double contribution = kNoValue;
};

// A composite index for one area and year: the nominal score and rank and the Monte Carlo
// median rank with its 5–95% band.
struct IndexAreaYear {
  std::string area;
  int year = 0;
  double score = kNoValue;
  double rank = kNoValue;
  double rank_median = kNoValue;
  double rank_p05 = kNoValue;
  double rank_p95 = kNoValue;
  std::vector<IndexMeasureScore> measures;
};

// First-order and total Sobol indices of one uncertain input with 5–95% bootstrap bands.
struct IndexSensitivity {
  std::string factor;
  double first = kNoValue, total = kNoValue;
  double first_p05 = kNoValue, first_p95 = kNoValue, total_p05 = kNoValue, total_p95 = kNoValue;
};

// The latest computation of a plan's composite index.
struct IndexResults {
  std::string plan_id;
  std::string computed_at;  // ISO 8601 UTC
  std::string comparison;   // the comparison set's name
  int runs = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> measures_used;
  std::vector<std::string> measures_awaiting;   // no data: awaiting local data
  std::vector<std::string> measures_goalposts;  // used measures scaled by fixed goalposts
  int failed_runs = 0;                          // Monte Carlo runs that could not be computed
  int sensitivity_runs = 0;                     // Saltelli base N (0: not computed)
  std::vector<IndexSensitivity> sensitivity;    // per uncertain input, in design order
  std::vector<IndexAreaYear> rows;              // ordered by year, then area code
};

// Which action updates to list; empty fields do not filter.
struct UpdateFilter {
  std::string plan_id;
  std::int64_t cycle_id = 0;  // 0: every cycle
  std::string action_id;
};

// One update of a batch save (Store::SaveActionUpdates): the update and the stored version it
// replaces, as SaveActionUpdate takes them, and where it came from (e.g. FILE:LINE of a row of
// a file), which a refusal of it carries as its error's position.
struct UpdateSave {
  ActionUpdate update;
  int expected_version = 0;
  SourcePos origin;
};

// --- Surveys (core/survey.h) ---

// One wave of a stored survey and how many responses it has.
struct SurveyWaveSummary {
  SurveyWave wave;
  std::int64_t responses = 0;
};

// A stored survey as listings show it: its waves in the survey's order.
struct SurveySummary {
  std::string id;
  std::string code;
  std::string title;
  std::vector<SurveyWaveSummary> waves = {};
};

// One anonymous response as stored: the day it was given and its answers, nothing else.
struct StoredSurveyResponse {
  Date day;
  Response answers = {};
  bool operator==(const StoredSurveyResponse&) const = default;
};

// One response of an import from paper (`waymark survey responses`): the day it was given, its
// answers, and where it was read (FILE:LINE), which names it when it is refused. The origin is
// never stored.
struct SurveyResponseImport {
  Date day;
  Response answers = {};
  SourcePos origin = {};
};

// --- Findings (core/finding.h) ---

// What importing a plan's findings did: each finding of the file was created, updated (a
// stored finding with its key differed) or left as it was.
struct FindingImportStats {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

// The most one-time codes one call makes.
inline constexpr int kMaxSurveyCodes = 10000;

// A wave whose results are published: the public may see them (store/schema_survey_review.h).
struct SurveyPublication {
  std::string survey_id;
  std::string wave_id;
  std::string published_by;  // the publisher's audit name
  std::string published_at;  // ISO 8601 UTC
  bool operator==(const SurveyPublication&) const = default;
};

// One free-text answer of a wave for review: the answer alone, never the rest of its response
// (so that it cannot be tied to the about-you bands of the child who wrote it).
struct FreeTextAnswer {
  std::string id;  // stable and opaque: names the answer in forms and the audit log
  std::string question_id;
  Date day;
  std::string text;
  bool reviewed = false;
  bool safeguarding = false;  // flagged: it discloses harm (core/access.h CanSeeSafeguarding)
  bool operator==(const FreeTextAnswer&) const = default;
};

// What a review changes; unset fields stay as they are.
struct FreeTextReview {
  std::optional<bool> reviewed = {};
  std::optional<bool> safeguarding = {};
};

// What the database holds of figures and judgements, for monitoring (/metrics).
struct DataCounts {
  std::int64_t imports = 0;              // figure imports committed
  std::int64_t rows_read = 0;            // rows those imports read
  std::int64_t figures_inserted = 0;     // figures they inserted
  std::int64_t figures_revised = 0;      // figures they revised
  std::int64_t figures = 0;              // figures stored now
  std::int64_t judgements = 0;           // judgements stored now
  std::int64_t indicators_to_judge = 0;  // indicators whose judgements are out of date
};

// The kinds of data pages are made from, each with a version number raised in the transaction
// of every change to it (Store::DataVersion): a web node re-reads what it keeps of one only
// when its version moved, whichever node or command changed it.
enum class DataTopic {
  kPlans,    // a plan imported with changes
  kFigures,  // the catalogue, areas, boundaries, figures, judgements, index results
};

// What a kept page of a plan depends on, read together (Store::ReadPageVersions).
struct PageVersions {
  std::int64_t plans = 0;    // DataVersion(kPlans)
  std::int64_t figures = 0;  // DataVersion(kFigures)
  std::int64_t progress = 0;  // ProgressVersion(plan)
};

class Store {
 public:
  virtual ~Store() = default;

  // The version of `topic`'s data: 0 until its first change, then raised by each change.
  virtual Result<std::int64_t> DataVersion(DataTopic topic) = 0;

  // Creates or updates the plan in place; a new revision is recorded only when it changed.
  virtual Result<ImportResult> ImportPlan(const Plan& plan, const ImportContext& ctx) = 0;
  virtual Result<std::vector<PlanSummary>> ListPlans() = 0;
  // The current state of a plan; kNotFound when there is no such plan.
  virtual Result<Plan> LoadPlan(std::string_view plan_id) = 0;
  virtual Result<std::vector<PlanRevision>> PlanHistory(std::string_view plan_id) = 0;
  // What revision `revision` changed relative to the one before it.
  virtual Result<std::vector<Change>> PlanChanges(std::string_view plan_id, int revision) = 0;
  // The plan file as it stood at `revision`.
  virtual Result<std::string> PlanDocument(std::string_view plan_id, int revision) = 0;
  // Runs the backend's own consistency checks (PRAGMA integrity_check, foreign keys).
  virtual Status CheckIntegrity() = 0;
  virtual int SchemaVersion() = 0;

  // Areas and comparator groups: inserted or updated by code/id in one transaction. A new area
  // or group, or a change of an area's type, parent or old code or of a group's owner or
  // members, marks every catalogued indicator to be judged again (IndicatorsToJudge); a name
  // alone does not (judgements do not use it).
  virtual Status SaveAreas(const std::vector<Area>& areas,
                           const std::vector<ComparatorGroup>& groups) = 0;
  virtual Result<std::vector<Area>> ListAreas() = 0;
  virtual Result<std::vector<ComparatorGroup>> ListComparatorGroups() = 0;
  // Area boundaries for maps: the stored set is replaced by `boundaries` in one transaction.
  virtual Status SaveBoundaries(const std::vector<AreaBoundary>& boundaries) = 0;
  virtual Result<std::vector<AreaBoundary>> ListBoundaries() = 0;

  // Indicator catalogue: inserted or updated by id in one transaction. An indicator added, or
  // whose stored definition differs from the one saved, is marked to be judged again.
  virtual Status SaveIndicators(const std::vector<Indicator>& indicators, std::int64_t now) = 0;
  virtual Result<std::vector<Indicator>> ListIndicators() = 0;

  virtual Result<std::unique_ptr<ObservationImport>> BeginObservationImport(
      const DataImportInfo& info) = 0;
  // All observations of one indicator ("" for all), ordered by indicator, breakdown, area,
  // period. `progress` hears how many are read (of a total not known) every few thousand.
  virtual Result<std::vector<Observation>> LoadObservations(std::string_view indicator,
                                                            Progress* progress = nullptr) = 0;
  virtual Result<std::size_t> CountObservations() = 0;
  // The counts of imports, figures and judgements (DataCounts).
  virtual Result<DataCounts> CountData() = 0;
  // When figures were last imported (ISO 8601 UTC), "" when never: the "data as of" of reports.
  virtual Result<std::string> LatestImportTime() = 0;
  // Every figure of one indicator and area with its provenance, current and revised, ordered
  // by breakdown, period, then the current figure and its revisions newest first.
  virtual Result<std::vector<FigureRecord>> FigureHistory(std::string_view indicator,
                                                          std::string_view area) = 0;

  // Replaces every stored assessment in one transaction and clears the marks to judge again
  // that were made up to `marks_up_to` (LastJudgeMark, read before the figures the judgements
  // come from), or every mark when unset: a change committed after the figures were read keeps
  // its mark. `progress` hears how many are written of them every few thousand.
  virtual Status SaveAssessments(const std::vector<Assessment>& assessments,
                                 Progress* progress = nullptr,
                                 std::optional<std::int64_t> marks_up_to = std::nullopt) = 0;
  // Replaces the stored assessments of `indicators` only, in one transaction: theirs are
  // deleted and `assessments` inserted, and their marks to be judged again made up to
  // `marks_up_to` (every one when unset) cleared; every other indicator's stay as they are.
  // kInvalidArgument (and nothing changed) when an assessment is of an indicator not named.
  virtual Status ReplaceAssessments(const std::vector<std::string>& indicators,
                                    const std::vector<Assessment>& assessments,
                                    std::optional<std::int64_t> marks_up_to = std::nullopt) = 0;
  // An indicator's judgements from its figures (as LoadObservations gives them), for
  // JudgeAndSave.
  using JudgeFigures = std::function<Result<std::vector<Assessment>>(
      std::string_view indicator, const std::vector<Observation>& figures)>;
  // Judges and replaces the stored assessments of `indicators` one indicator at a time, in one
  // transaction: theirs (every stored one when `everything`) are deleted, then each one's
  // figures are read and given to `judge`, and its judgements are written before the next
  // one's figures are read, so that only one indicator's figures and judgements are held at
  // once. Their marks to judge again (every mark when `everything`) made up to `marks_up_to`
  // (every one when unset) are cleared. `progress` hears how many of the indicators are judged.
  // kInvalidArgument (and nothing changed) when `judge` gives a judgement of another
  // indicator; its own failure is returned, and nothing is changed.
  virtual Status JudgeAndSave(const std::vector<std::string>& indicators, bool everything,
                              const JudgeFigures& judge, Progress* progress = nullptr,
                              std::optional<std::int64_t> marks_up_to = std::nullopt) = 0;
  // The number of the latest mark to judge again (marks are numbered as they are made, never
  // reused): read it before reading the figures to judge, and pass it to SaveAssessments or
  // ReplaceAssessments.
  virtual Result<std::int64_t> LastJudgeMark() = 0;
  // The indicators whose stored judgements are out of date (sorted, each once): each marked in
  // the transaction of the change that made it so (an import that inserted or revised one of
  // its figures, SaveIndicators, SaveAreas) and cleared in the one that replaces its
  // judgements. A database made before the marks were kept has every indicator marked.
  virtual Result<std::vector<std::string>> IndicatorsToJudge() = 0;
  // Stored assessments, optionally for one indicator and/or area ("" for any).
  virtual Result<std::vector<Assessment>> ListAssessments(std::string_view indicator,
                                                          std::string_view area) = 0;

  // The stored assessments that ListAssessments would give, in its order, handed to `each` one
  // series at a time (an indicator for one area and breakdown, oldest first), so that a reader
  // holds only one series' at once; a failure of `each` stops the reading and is returned.
  virtual Status ForEachAssessmentSeries(
      std::string_view indicator, std::string_view area,
      const std::function<Status(std::vector<Assessment>& series)>& each) = 0;
  // The stored assessments of each indicator's headline breakdown only (core/headline.h,
  // chosen by how many judgements each breakdown has), by indicator, area, then period: what
  // the dashboard and its API show, without the rest of the breakdowns. Of one indicator, or of
  // every one when `indicator` is "".
  virtual Result<std::vector<Assessment>> ListHeadlineAssessments(std::string_view indicator) = 0;

  // Replaces the plan's stored index results in one transaction.
  virtual Status SaveIndexResults(const IndexResults& results) = 0;
  // The plan's stored index results; kNotFound when none have been computed.
  virtual Result<IndexResults> LoadIndexResults(std::string_view plan_id) = 0;

  // --- Accounts, settings and the audit log ---
  // Every change below writes `audit` (completed with the entity, its id and the states before
  // and after, as JSON without secrets) to the audit log in the same transaction.

  // The organisations users may belong to: the partners of every stored plan, by id (the name
  // from the plan updated last).
  virtual Result<std::vector<Partner>> ListOrganisations() = 0;
  // Adds a user (email already normalised). kAlreadyExists for a taken email.
  virtual Result<User> CreateUser(const User& user, std::string_view password_hash,
                                  const AuditEntry& audit) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  // kNotFound when there is no such user.
  virtual Result<StoredUser> FindUser(std::string_view email) = 0;
  // Changes role, disabled flag, password, safeguarding grant or review mark. A change of any
  // but the review mark ends every session of the user (in the same transaction). kNotFound
  // for an unknown email.
  virtual Result<User> UpdateUser(std::string_view email, const UserUpdate& update,
                                  const AuditEntry& audit) = 0;

  virtual Status CreateSession(const Session& session, const AuditEntry& audit) = 0;
  // The session and its user; kNotFound when there is no such session. Expiry and disabled
  // users are the caller's rule (web/auth).
  virtual Result<SessionWithUser> FindSession(std::string_view token_digest) = 0;
  virtual Status TouchSession(std::string_view token_digest, std::int64_t now) = 0;
  // Ends one session; `audit` is written only when the session existed.
  virtual Status EndSession(std::string_view token_digest, const AuditEntry& audit) = 0;
  // Deletes sessions idle since before `idle_before` or created before `created_before`.
  virtual Result<std::size_t> PruneSessions(std::int64_t idle_before,
                                            std::int64_t created_before) = 0;

  // Adds a token for `token.user_id`; returns it with its id.
  virtual Result<ApiToken> CreateApiToken(const ApiToken& token, std::string_view token_digest,
                                          const AuditEntry& audit) = 0;
  // Every token (revoked ones too), newest first; only `user_email`'s when it is not empty.
  virtual Result<std::vector<ApiToken>> ListApiTokens(std::string_view user_email) = 0;
  // The token and its user; kNotFound when there is no such token (revoked ones are found).
  virtual Result<ApiTokenWithUser> FindApiToken(std::string_view token_digest) = 0;
  virtual Status TouchApiToken(std::int64_t token_id, std::string_view now) = 0;
  // kNotFound for an unknown id; revoking a revoked token changes nothing and succeeds.
  virtual Status RevokeApiToken(std::int64_t token_id, const AuditEntry& audit) = 0;

  // Identity providers (core/identity_provider.h). kAlreadyExists for a taken name.
  virtual Result<IdentityProvider> AddIdentityProvider(const IdentityProvider& provider,
                                                       const AuditEntry& audit) = 0;
  // Every provider, by name.
  virtual Result<std::vector<IdentityProvider>> ListIdentityProviders() = 0;
  // kNotFound when there is no such provider.
  virtual Result<IdentityProvider> FindIdentityProvider(std::string_view name) = 0;
  // Switches a provider off or on again; audited only when it changes. kNotFound for none.
  virtual Result<IdentityProvider> SetIdentityProviderDisabled(std::string_view name, bool disabled,
                                                               const AuditEntry& audit) = 0;
  // Keeps a sign-in that is going to a provider, and deletes those started before
  // `expired_before` (Unix seconds). Not audited: the sign-in's end is.
  virtual Status BeginOidcLogin(const OidcLogin& login, std::int64_t expired_before) = 0;
  // Deletes and returns the started sign-in with this state digest, so that it is used once;
  // kNotFound when there is none (never started, used or expired and deleted).
  virtual Result<OidcLogin> TakeOidcLogin(std::string_view state_digest) = 0;

  // Failed sign-ins (core/sign_in_throttle.h), kept for every node to count. Not audited: the
  // refusal itself is ("sign-in.refused").
  // The failures at or after `since` of `account` or from `address`, oldest first.
  virtual Result<std::vector<SignInFailure>> RecentSignInFailures(std::string_view account,
                                                                  std::string_view address,
                                                                  std::int64_t since) = 0;
  // Keeps a failure, and deletes those before `forget_before`.
  virtual Status RecordSignInFailure(const SignInFailure& failure, std::int64_t forget_before) = 0;
  // Deletes the failures of `account` from `address` (after that account signed in from it).
  virtual Status ForgetSignInFailures(std::string_view account, std::string_view address) = 0;

  // Settings: small named values (e.g. "demo" = "true"). kNotFound when unset.
  virtual Result<std::string> GetSetting(std::string_view key) = 0;
  virtual Status SetSetting(std::string_view key, std::string_view value,
                            const AuditEntry& audit) = 0;

  // Appends one entry as given (for changes the store does not make itself, e.g. imports).
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  // Runs `change` in one write transaction that every write of this store made during it
  // joins: all of them are kept when `change` succeeds and none when it fails, so that a
  // change and its audit entry (AppendAudit) are kept together or not at all, also when the
  // process dies between them.
  virtual Status Atomically(const std::function<Status()>& change) = 0;
  // Entries matching `filter`, newest first. The log cannot be changed or deleted.
  virtual Result<std::vector<AuditEntry>> ListAudit(const AuditFilter& filter) = 0;

  // --- Reporting cycles and action updates (core/cycle.h) ---
  // Every change below writes `audit` (completed with the entity "cycle" or "action-update",
  // its id and the states before and after as JSON) in the same transaction.

  // Opens `cycle` (its id, state, opened_at from `now` and opened_by from audit.actor are set
  // here). kNotFound for an unknown plan; kAlreadyExists when the plan has an open cycle.
  virtual Result<ReportingCycle> OpenCycle(const ReportingCycle& cycle, std::int64_t now,
                                           const AuditEntry& audit) = 0;
  // The cycles of one plan ("" for every plan), newest first (by `from`, then id).
  virtual Result<std::vector<ReportingCycle>> ListCycles(std::string_view plan_id) = 0;
  // kNotFound when there is no such cycle.
  virtual Result<ReportingCycle> FindCycle(std::int64_t cycle_id) = 0;
  // Closes an open cycle (closed_at from `now`, closed_by from audit.actor). kNotFound for an
  // unknown cycle; closing a closed cycle changes nothing and succeeds.
  virtual Result<ReportingCycle> CloseCycle(std::int64_t cycle_id, std::int64_t now,
                                            const AuditEntry& audit) = 0;

  // Saves the update of `update.action_id` in `update.cycle_id` (its plan_id, fields, state,
  // organisation, author and author_name as given): created when `expected_version` is 0 and
  // there is none; else replaced when the stored version is `expected_version`. The saved
  // update gets the next version, updated_at from `now`, submitted_at when its state is
  // submitted. The rule is core's CheckSave, applied inside the transaction: kConflict (and
  // nothing changed) for a closed cycle, a submitted update or a stale version, with a message
  // saying which; kNotFound for an unknown cycle. The action's existence and the writer's right
  // are the caller's rule.
  virtual Result<ActionUpdate> SaveActionUpdate(const ActionUpdate& update, int expected_version,
                                                std::int64_t now, const AuditEntry& audit) = 0;
  // Saves every update of `saves`, in order, in one transaction, each as SaveActionUpdate
  // saves one (with `now` and `audit`, each audited on its own). All or nothing: at the first
  // update it refuses (kConflict for a closed cycle, a submitted update or a stale version;
  // kNotFound for an unknown cycle; kInvalidArgument for a malformed update) nothing at all is
  // kept, and the error, with SaveActionUpdate's message, carries the refused update's `origin`
  // as its position. An update that comes after another of the same action in the batch is
  // checked against that one (so it must expect its version). The saved updates, in order.
  virtual Result<std::vector<ActionUpdate>> SaveActionUpdates(std::span<const UpdateSave> saves,
                                                              std::int64_t now,
                                                              const AuditEntry& audit) = 0;
  // Reopens a submitted update for its authors: state draft, the next version, submitted_at
  // cleared, `reason` kept. kNotFound when there is no such update; kConflict when it is not
  // submitted or the cycle is closed.
  virtual Result<ActionUpdate> ReopenActionUpdate(std::int64_t cycle_id, std::string_view action_id,
                                                  std::string_view reason, std::int64_t now,
                                                  const AuditEntry& audit) = 0;
  // Updates matching `filter`, newest cycle first, then by action id.
  virtual Result<std::vector<ActionUpdate>> ListActionUpdates(const UpdateFilter& filter) = 0;
  // A number that rises with every change of the plan's cycles and updates (open, close, save,
  // reopen), kept in data_versions by the transaction that makes the change; 0 before the
  // first. For page caches.
  virtual Result<std::int64_t> ProgressVersion(std::string_view plan_id) = 0;
  // Both data versions and `plan_id`'s progress version in one read (a server checks them on
  // every request for a kept page).
  virtual Result<PageVersions> ReadPageVersions(std::string_view plan_id) = 0;

  // --- Board reports (core/board_report.h) ---
  // An issued report is frozen: its model, HTML and PDF are stored as given and never changed
  // (only its sign-off moves). Every change below writes `audit` (completed with the entity
  // "report" or "commentary", its id and the states before and after as JSON, without the
  // report's bodies) in the same transaction.

  // Issues `report` (core's CheckIssuedReport applies; kInvalidArgument naming every field
  // refused): its id, state draft, issued_at from `now` and issued_by from audit.actor are set
  // here. kNotFound for an unknown plan, an outcome or monitoring body the plan does not have,
  // or an unknown cycle; kInvalidArgument for a cycle of another plan. Audited "report.issue".
  virtual Result<IssuedReport> IssueReport(const IssuedReport& report, std::int64_t now,
                                           const AuditEntry& audit) = 0;
  // The issued reports of one plan ("" for every plan), newest first (issued_at, then id),
  // without their bodies (model_json, html and pdf are "").
  virtual Result<std::vector<IssuedReport>> ListIssuedReports(std::string_view plan_id) = 0;
  // The whole report with its bodies, byte for byte as issued; kNotFound when none.
  virtual Result<IssuedReport> FindIssuedReport(std::int64_t id) = 0;
  // Takes the report's next sign-off step to `to` for `who`: core's CheckReportTransition
  // against the stored state and reviewer, inside the transaction (its error, and nothing
  // changed, when refused; kNotFound for an unknown id). The step's *_by is who.email and its
  // *_at `now`. Audited "report.review", "report.approve" or "report.publish". The report as
  // it now stands, without its bodies.
  virtual Result<IssuedReport> TransitionReport(std::int64_t id, ReportState to,
                                                const Principal& who, std::int64_t now,
                                                const AuditEntry& audit) = 0;

  // Saves the commentary on `c.subject` of `c.plan_id` in `c.cycle_id` (core's CheckCommentary
  // applies; kInvalidArgument naming the field): created when `expected_version` is 0 and there
  // is none, else replaced when the stored version is `expected_version`; kConflict (nothing
  // changed) otherwise. The saved commentary gets the next version, updated_at from `now` and
  // its author from `c.author` (audit.actor when empty). A text that is empty or blank deletes
  // it (the result then has version 0 and no text; deleting none changes nothing and writes no
  // audit). kNotFound for an unknown plan or cycle; kInvalidArgument for a cycle of another
  // plan. Audited "commentary.save" or "commentary.delete".
  virtual Result<Commentary> SaveCommentary(const Commentary& c, int expected_version,
                                            std::int64_t now, const AuditEntry& audit) = 0;
  // The commentary of one plan in `cycle_id` (nullopt: the commentary tied to no cycle),
  // ordered by subject.
  virtual Result<std::vector<Commentary>> ListCommentary(std::string_view plan_id,
                                                         std::optional<std::int64_t> cycle_id) = 0;

  // --- Surveys (core/survey.h): definitions, waves, anonymous responses, one-time codes ---
  // Responses are anonymous by design: a response keeps only its day and its answers, is
  // stored under a random key so that the order of a day's responses reveals nothing, and
  // writes no audit entry (an entry's time and actor would tell who answered when). Every other
  // change writes `audit` (completed with the entity "survey" and its id) in its transaction.

  // Saves `survey` (core's CheckSurvey applies; kInvalidArgument naming every field refused):
  // created when there is none with its id, else its stored definition is replaced. kAlreadyExists
  // ("survey.code") when another survey has its code. A replacement may not orphan stored
  // responses: kConflict naming the field, and nothing changed, when it removes a wave with
  // responses or moves a wave's dates so that some of its responses fall outside it, removes a
  // question or an option that has answers, or changes the kind of a question that has answers.
  // The one-time codes of a removed wave are deleted with it. Audited "survey.import" (created)
  // or "survey.update"; saving the stored definition again changes nothing and writes nothing.
  // True when the survey was created.
  virtual Result<bool> SaveSurvey(const Survey& survey, std::int64_t now,
                                  const AuditEntry& audit) = 0;
  // Every stored survey, by id.
  virtual Result<std::vector<SurveySummary>> ListSurveys() = 0;
  // The survey as saved; kNotFound when there is none.
  virtual Result<Survey> FindSurvey(std::string_view survey_id) = 0;
  virtual Result<Survey> FindSurveyByCode(std::string_view code) = 0;

  // Stores one anonymous response given on `day` to wave `wave_id`: kNotFound for an unknown
  // survey or wave; kInvalidArgument when `day` is outside the wave ("day") or the answers are
  // not a response core's CheckResponse accepts for the stored definition as given (each
  // problem named by its question id). With a `code_digest` (SurveyCodeDigest, "" for none),
  // the code must be an unused code of this wave (kNotFound "code" when it is not one,
  // kConflict "code" when it has been used): it is marked used in the same transaction, and
  // nothing links it to the response. Not audited (see above).
  virtual Status SubmitSurveyResponse(std::string_view survey_id, std::string_view wave_id,
                                      const Response& response, const Date& day,
                                      std::string_view code_digest) = 0;
  // Stores the responses typed in from paper for wave `wave_id`, all in one transaction or none:
  // each is checked as SubmitSurveyResponse checks one (kInvalidArgument naming "day" or each
  // question, with the refused response's origin as the error's position) and stored the same
  // anonymous way, under a random key. kNotFound for an unknown survey or wave; kConflict
  // ("wave") when the wave holds aggregates; kInvalidArgument ("responses") when there are none.
  // Audited "survey.responses.import" with the wave and the count only, never the answers.
  virtual Status ImportSurveyResponses(std::string_view survey_id, std::string_view wave_id,
                                       std::span<const SurveyResponseImport> responses,
                                       std::int64_t now, const AuditEntry& audit) = 0;
  // The responses of one wave ordered by day, then by their random key. kNotFound for an
  // unknown survey or wave.
  virtual Result<std::vector<StoredSurveyResponse>> ListSurveyResponses(
      std::string_view survey_id, std::string_view wave_id) = 0;
  // How many responses one wave ("" for every wave) has; kNotFound as above.
  virtual Result<std::int64_t> CountSurveyResponses(std::string_view survey_id,
                                                    std::string_view wave_id) = 0;
  // Makes `count` (1 to kMaxSurveyCodes, else kInvalidArgument "count") new one-time codes for
  // the wave (core/survey_code.h) and stores only their digests; the codes themselves are
  // returned this once. kNotFound for an unknown survey or wave. Audited "survey.codes" with
  // the wave and the count only.
  // Replaces the aggregates of wave `wave_id` (results from elsewhere; core's
  // CheckSurveyAggregates applies, kInvalidArgument naming "rows[N].FIELD"): kNotFound for an
  // unknown survey or wave, kConflict ("wave") when the wave has responses stored here. An
  // empty `rows` removes them. Audited "survey.aggregates" with the wave and the row count;
  // importing the stored rows again changes nothing and writes nothing.
  virtual Status SaveSurveyAggregates(std::string_view survey_id, std::string_view wave_id,
                                      const std::vector<SurveyAggregate>& rows, std::int64_t now,
                                      const AuditEntry& audit) = 0;
  // The aggregates of one wave in their imported order (none for a wave answered here);
  // kNotFound for an unknown survey or wave.
  virtual Result<std::vector<SurveyAggregate>> ListSurveyAggregates(std::string_view survey_id,
                                                                    std::string_view wave_id) = 0;
  virtual Result<std::vector<std::string>> CreateSurveyCodes(std::string_view survey_id,
                                                             std::string_view wave_id, int count,
                                                             std::int64_t now,
                                                             const AuditEntry& audit) = 0;

  // --- Publication and review of survey results (sql_survey_review.cc) ---
  // The publications of one survey's waves ("" for every survey), by survey and wave.
  virtual Result<std::vector<SurveyPublication>> ListSurveyPublications(
      std::string_view survey_id) = 0;
  // Publishes the results of wave `wave_id`: only a closed wave (`today` after its closes;
  // kInvalidArgument "wave" otherwise) may be. kNotFound for an unknown survey or wave. Audited
  // "survey.publish"; publishing a published wave changes nothing and writes nothing.
  virtual Result<SurveyPublication> PublishSurveyWave(std::string_view survey_id,
                                                      std::string_view wave_id, const Date& today,
                                                      std::int64_t now,
                                                      const AuditEntry& audit) = 0;
  // Withdraws a wave's results from the public. Audited "survey.unpublish"; a wave that is not
  // published is left as it is and nothing is written. kNotFound as above.
  virtual Status UnpublishSurveyWave(std::string_view survey_id, std::string_view wave_id,
                                     std::int64_t now, const AuditEntry& audit) = 0;
  // Every free-text answer of a wave with its review flags, by the survey's order of questions,
  // then by day, then by id (so answers of one response are not in step across questions).
  // kNotFound for an unknown survey or wave.
  virtual Result<std::vector<FreeTextAnswer>> ListFreeTextAnswers(std::string_view survey_id,
                                                                  std::string_view wave_id) = 0;
  // Marks one answer (by its id) reviewed or not and flags or unflags it for safeguarding.
  // kNotFound ("answer") when the wave has no such answer. Audited "survey.review" with the
  // wave, the answer's id and its flags before and after, never its text; a review that changes
  // nothing writes nothing. The answer as it now stands.
  virtual Result<FreeTextAnswer> ReviewFreeTextAnswer(
      std::string_view survey_id, std::string_view wave_id, std::string_view answer_id,
      const FreeTextReview& review, std::int64_t now, const AuditEntry& audit) = 0;

  // --- Findings: "you said, we did" (core/finding.h) ---
  // A finding belongs to a plan and is checked by core's CheckFinding against the stored plan
  // inside the write transaction (kInvalidArgument naming every field refused, nothing
  // changed). Every change writes `audit` (completed with the entity "finding", its id and the
  // finding before and after as JSON) in the same transaction and adds one to the finding's
  // version (1 once created). A change to a stored finding names the version its writer read
  // (`finding.version` or `expected_version`): when that is not the stored version, someone
  // else has saved it since, and the change is refused with kConflict ("version: ...", core's
  // CheckFindingVersion), changing nothing and writing no audit.

  // Creates `finding` (id 0; its version is ignored) or replaces the stored finding
  // `finding.id`, read at `finding.version`, with its fields and answers as given. kNotFound
  // for an unknown plan or finding, or a finding of another plan; kConflict ("version") for a
  // stale version; kAlreadyExists ("key") when another finding of the plan has its key. Audited
  // "finding.create" or "finding.update"; saving it unchanged writes nothing and keeps its
  // version. The saved finding, with its new version.
  virtual Result<Finding> SaveFinding(const Finding& finding, std::int64_t now,
                                      const AuditEntry& audit) = 0;
  // Every finding of one plan with its answers, in the order they were created. kNotFound for
  // an unknown plan.
  virtual Result<std::vector<Finding>> ListFindings(std::string_view plan_id) = 0;
  // kNotFound when there is no such finding.
  virtual Result<Finding> FindFinding(std::int64_t finding_id) = 0;
  // Deletes a finding, read at `expected_version`, and its answers. kNotFound when there is
  // none; kConflict ("version") for a stale version. Audited "finding.delete".
  virtual Status DeleteFinding(std::int64_t finding_id, int expected_version, std::int64_t now,
                               const AuditEntry& audit) = 0;
  // Saves one answer of a finding read at `expected_version`: the stored answer for
  // `answer.target` is replaced, or the answer is added after the others. CheckFinding applies
  // to the finding with it (its errors named "answers[N].FIELD"). kNotFound for an unknown
  // finding; kConflict ("version") for a stale version. Audited "finding.answer"; saving the
  // answer as stored writes nothing and keeps the version. The finding as saved.
  virtual Result<Finding> SaveFindingAnswer(std::int64_t finding_id, const FindingAnswer& answer,
                                            int expected_version, std::int64_t now,
                                            const AuditEntry& audit) = 0;
  // Removes the answer for `target` of a finding read at `expected_version`. kNotFound for an
  // unknown finding or no such answer; kConflict ("version") for a stale version. Audited
  // "finding.unanswer". The finding as saved.
  virtual Result<Finding> RemoveFindingAnswer(std::int64_t finding_id, std::string_view target,
                                              int expected_version, std::int64_t now,
                                              const AuditEntry& audit) = 0;
  // Saves the findings of a file in one transaction, all or nothing: each must have a key; one
  // whose key a stored finding of the plan has replaces it, whatever its version, when it
  // differs (its version one more) and is left alone when it does not; the others are created
  // (version 1); a file's versions are ignored. Stored findings the file does not name stay.
  // Re-importing the same findings changes nothing and writes no audit. kInvalidArgument
  // ("finding[N].FIELD: ...", every problem) when one is refused by CheckFinding, has no key
  // or repeats a key; kNotFound for an unknown plan.
  virtual Result<FindingImportStats> ImportFindings(std::string_view plan_id,
                                                    const std::vector<Finding>& findings,
                                                    std::int64_t now, const AuditEntry& audit) = 0;
};

enum class OpenMode {
  kReadOnly,   // the database must exist; nothing is written
  kReadWrite,  // the database must exist
  kCreate,     // created (with the current schema) when missing
  // The database must exist with this program's schema version, and is never migrated (the
  // server: another node may be running). Older: kUnsupported saying to run `waymark migrate`;
  // newer: kUnsupported saying this program is older than the database; a file holding no
  // Waymark database: kNotFound.
  kReadWriteCurrent,
};

// Opens (and migrates, unless read-only or kReadWriteCurrent) the SQLite database at `path`.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode);

// True for a PostgreSQL address (postgresql://… or postgres://…); anything else is a file.
bool IsPostgresAddress(std::string_view location);
// `location` fit to show and log: a PostgreSQL address without its password.
std::string DatabaseName(std::string_view location);
// Opens the PostgreSQL database at `address` as OpenSqliteStore opens a file. kCreate and
// kReadWrite migrate it (under an advisory lock, so nodes starting together take turns);
// kReadOnly and kReadWriteCurrent refuse a schema that is not this program's. A session's
// statements see only the schema its address names (`?options=-csearch_path%3DNAME`), else
// `public`.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& address, OpenMode mode);
// Opens the database `location` names: OpenPostgresStore for a PostgreSQL address, else
// OpenSqliteStore. Every command's --db (and WAYMARK_DB) goes through it.
Result<std::unique_ptr<Store>> OpenStore(const std::string& location, OpenMode mode);

// What MigrateSqliteFile did: the schema version before and after.
struct MigrationSteps {
  int from = 0;
  int to = 0;
};
// Opens the SQLite database at `path` (created when missing) and applies its pending
// migrations; kUnsupported when its schema is newer than this program's.
Result<MigrationSteps> MigrateSqliteFile(const std::string& path);
// MigrateSqliteFile for a file, or the same for the PostgreSQL database at an address.
Result<MigrationSteps> MigrateDatabase(const std::string& location);

}  // namespace waymark::store
