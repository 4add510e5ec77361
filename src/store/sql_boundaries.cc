// Area boundaries for maps in SQLite: one GeoJSON geometry per area code.
#include "store/sql_store.h"

namespace waymark::store {

Status SqlStore::SaveBoundaries(const std::vector<AreaBoundary>& boundaries) {
  WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db_));
  WAYMARK_TRY(db_.Exec("DELETE FROM area_boundaries"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO area_boundaries (area_code, geometry) VALUES (?, ?)"));
  for (const AreaBoundary& b : boundaries) {
    insert.Bind(1, b.area).Bind(2, b.geometry);
    WAYMARK_TRY(insert.Run());
  }
  WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kFigures));
  return tx.Commit();
}

Result<std::vector<AreaBoundary>> SqlStore::ListBoundaries() {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare("SELECT area_code, geometry FROM area_boundaries ORDER BY area_code"));
  std::vector<AreaBoundary> out;
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(AreaBoundary{s.Text(0), s.Text(1)});
  }
}

}  // namespace waymark::store
