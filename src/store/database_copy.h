// Copying a whole database to an empty one, between SQLite and PostgreSQL in either direction
// (`waymark copy`): every table but those of sign-ins under way, row by row and value by value,
// in one transaction of the target, so that the copy is complete or not made.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.h"
#include "core/result.h"

namespace waymark::store {

// The tables copied, each after the tables it refers to.
std::span<const std::string_view> CopiedTables();
// The tables left behind: browser sessions, sign-ins going to an identity provider (their users
// sign in again on the copy) and the failed sign-ins the throttle counts.
std::span<const std::string_view> UncopiedTables();

struct CopiedTable {
  std::string table;
  std::int64_t rows = 0;
};

struct CopyResult {
  std::vector<CopiedTable> tables;
  int schema_version = 0;
};

// Copies the database at `from` (a file or a PostgreSQL address, at this program's schema
// version) into `to`, created or migrated to that version when it is new. `to` must hold no
// rows in the copied tables (kAlreadyExists naming the first table that has some). `audit`
// (its actor and via) becomes the copy's "database.copy" entry, the last of the target's log.
Result<CopyResult> CopyDatabase(const std::string& from, const std::string& to,
                                const AuditEntry& audit);

}  // namespace waymark::store
