// The SQLite implementation of Store (embedded default). WAL journal, foreign keys on, schema
// migrated at open. Not thread-safe: one SqliteStore per thread.
#pragma once

#include <memory>

#include "store/sqlite_db.h"
#include "store/store.h"

namespace waymark::store {

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(Db db) : db_(std::move(db)) {}

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
  Result<std::vector<Observation>> LoadObservations(std::string_view indicator) override;
  Result<std::size_t> CountObservations() override;
  Result<std::vector<FigureRecord>> FigureHistory(std::string_view indicator,
                                                  std::string_view area) override;
  Status SaveAssessments(const std::vector<Assessment>& assessments) override;
  Result<std::vector<Assessment>> ListAssessments(std::string_view indicator,
                                                  std::string_view area) override;
  Status SaveIndexResults(const IndexResults& results) override;
  Result<IndexResults> LoadIndexResults(std::string_view plan_id) override;

  Db& db() { return db_; }

 private:
  Status WritePlanRows(const Plan& plan);
  Status RecordRevision(const Plan& plan, int revision, const ImportContext& ctx,
                        const std::vector<Change>& changes);
  Result<bool> PlanExists(std::string_view plan_id);

  Db db_;
};

// Applies pending migrations; exposed for tests.
Status MigrateSqlite(Db& db);

// Schema version 7's data step: packs the rows of the old observations table into one block
// per series (figure_block.h), then drops that table.
Status PackObservationRows(Db& db);

}  // namespace waymark::store
