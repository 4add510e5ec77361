// The figure import's reads and writes on PostgreSQL, in bulk (sql_figure_import.cc). A flush
// goes through its series in chunks: the stored blocks of a chunk's series are read in one
// query, and what the chunk writes waits here until Send: new blocks and revisions go in by
// COPY (pg_copy.h), rewritten blocks by COPY into a temporary table and one UPDATE from it.
// A chunk of a few thousand series then costs a handful of round trips instead of two or three
// per series.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "store/db.h"
#include "store/figure_block.h"
#include "store/pg_copy.h"

namespace waymark::store {

class PgFigureBatch {
 public:
  explicit PgFigureBatch(Db& db) : db_(db) {}

  // Reads the stored blocks of `ids` (replacing those read before).
  Status Read(const std::vector<std::int64_t>& ids);
  // The block of `id` that Read found; nullptr when it has none.
  const std::string* Block(std::int64_t id) const;

  // A series' first block (it has no row yet).
  Status Insert(std::int64_t series_id, std::size_t figures, std::string_view block);
  // A series' stored block replaced by `block`.
  Status Rewrite(std::int64_t series_id, std::size_t figures, std::string_view block);
  // The stored figure `stored` of a series, revised by import `import_id`, kept.
  void KeepRevision(std::int64_t series_id, const Figure& stored, std::int64_t import_id);
  // Writes what waits; also once the waiting bytes pass a bound.
  Status Send();

 private:
  Status SendIfFull();
  Db& db_;
  std::unordered_map<std::int64_t, std::string> blocks_;
  pg::CopyRows inserts_, rewrites_, revisions_;
  bool staging_made_ = false;
};

}  // namespace waymark::store
