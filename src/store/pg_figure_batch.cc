// PgFigureBatch: the figure import's bulk reads and writes on PostgreSQL (pg_figure_batch.h).
#include "store/pg_figure_batch.h"

#include <fmt/format.h>

#include "store/pg_db.h"

namespace waymark::store {
namespace {

// Waiting rows are sent once this many bytes wait in one of the buffers.
constexpr std::size_t kSendBytes = std::size_t{8} << 20;

}  // namespace

Status PgFigureBatch::Read(const std::vector<std::int64_t>& ids) {
  blocks_.clear();
  if (ids.empty()) return {};
  std::string array = "{";
  for (const std::int64_t id : ids) fmt::format_to(std::back_inserter(array), "{},", id);
  array.back() = '}';
  WAYMARK_ASSIGN_OR_RETURN(
      Statement read, db_.Prepare("SELECT series_id, data FROM series_figures WHERE series_id = "
                                  "ANY(CAST(? AS BIGINT[]))"));
  read.Bind(1, array);
  while (true) {
    WAYMARK_ASSIGN_OR_RETURN(const bool row, read.Step());
    if (!row) return {};
    blocks_.emplace(read.Int(0), std::string(read.BlobView(1)));
  }
}

const std::string* PgFigureBatch::Block(std::int64_t id) const {
  const auto it = blocks_.find(id);
  return it == blocks_.end() ? nullptr : &it->second;
}

Status PgFigureBatch::Insert(std::int64_t series_id, std::size_t figures, std::string_view block) {
  inserts_.Row(3).Int64(series_id).Int64(static_cast<std::int64_t>(figures)).Bytes(block);
  return SendIfFull();
}

Status PgFigureBatch::Rewrite(std::int64_t series_id, std::size_t figures, std::string_view block) {
  rewrites_.Row(3).Int64(series_id).Int64(static_cast<std::int64_t>(figures)).Bytes(block);
  return SendIfFull();
}

void PgFigureBatch::KeepRevision(std::int64_t series_id, const Figure& stored,
                                 std::int64_t import_id) {
  revisions_.Row(5 + static_cast<int>(kFigureNumbers) + 1);  // as the columns below
  revisions_.Int64(series_id).Int64(stored.key).Int64(stored.import_id).Int64(stored.source_row);
  revisions_.Int64(import_id);
  for (const double number : stored.numbers) revisions_.OptionalDouble(number);
  revisions_.Bytes(stored.missing_reason);
}

Status PgFigureBatch::SendIfFull() {
  const bool full = inserts_.size() >= kSendBytes || rewrites_.size() >= kSendBytes ||
                    revisions_.size() >= kSendBytes;
  return full ? Send() : Status{};
}

Status PgFigureBatch::Send() {
  pg::Connection& conn = *db_.pg();
  if (inserts_.rows() > 0) {
    WAYMARK_TRY(conn.CopyIn("series_figures (series_id, figures, data)", inserts_.Finish()));
    inserts_.Clear();
  }
  if (rewrites_.rows() > 0) {
    if (!staging_made_) {
      // The session's own table, emptied at every commit or rollback.
      WAYMARK_TRY(
          conn.Exec("CREATE TEMPORARY TABLE IF NOT EXISTS rewritten_blocks (series_id "
                    "BIGINT NOT NULL, figures BIGINT NOT NULL, data BYTEA NOT NULL) ON "
                    "COMMIT DELETE ROWS"));
      staging_made_ = true;
    }
    WAYMARK_TRY(conn.CopyIn("rewritten_blocks (series_id, figures, data)", rewrites_.Finish()));
    rewrites_.Clear();
    WAYMARK_TRY(
        conn.Exec("UPDATE series_figures f SET figures = r.figures, data = r.data FROM "
                  "rewritten_blocks r WHERE f.series_id = r.series_id; DELETE FROM "
                  "rewritten_blocks"));
  }
  if (revisions_.rows() > 0) {
    WAYMARK_TRY(conn.CopyIn(
        "observation_revisions (series_id, period_key, import_id, source_row, "
        "replaced_by_import, value, lower95, upper95, lower998, upper998, count, denominator, "
        "missing_reason)",
        revisions_.Finish()));
    revisions_.Clear();
  }
  return {};
}

}  // namespace waymark::store
