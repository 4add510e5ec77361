// Migration 23, in both dialects (schema.cc and pg_schema.cc list it): a version number per kind
// of data that pages are made from, raised in the transaction of every change to it
// (store.h's DataTopic), so that every web node sees a change made through any other node, or
// by a command, at its next request without re-reading what did not change.
#pragma once

#include <string_view>

namespace waymark::store {

inline constexpr std::string_view kDataVersionsMigration = R"sql(
CREATE TABLE data_versions (
  topic TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
)sql";

inline constexpr std::string_view kPgDataVersionsMigration = R"sql(
CREATE TABLE data_versions (
  topic TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
)sql";

}  // namespace waymark::store
