// The SQLite schema as numbered migrations, applied in order at open and recorded in
// PRAGMA user_version. A migration never changes once released; new ones are appended.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace waymark::store {

// Migration i (0-based) takes the schema from version i to version i + 1.
std::span<const std::string_view> SqliteMigrations();

// The schema version this program's migrations lead to: a database at any other version must
// be migrated (older) or needs a newer program (newer).
inline int ProgramSchemaVersion() { return static_cast<int>(SqliteMigrations().size()); }

// The version whose migration is followed by a data step in code (PackObservationRows).
inline constexpr std::size_t kPackedFiguresVersion = 7;
// The version whose migration is followed by PackAssessmentRows, on both dialects.
inline constexpr std::size_t kPackedJudgementsVersion = 26;

}  // namespace waymark::store
