// TomlReader: the checking half of every TOML file reader (plans, indicator catalogues). It
// reads typed fields from toml++ tables and collects every problem with its position: unknown
// keys, missing or mistyped values, bad or duplicate ids, and links to undeclared ids.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/plan.h"
#include "core/result.h"

namespace waymark::ingest {

class TomlReader {
 public:
  using Choices = std::span<const std::string_view>;

  explicit TomlReader(std::string file) : file_(std::move(file)) {}

  SourcePos Pos(const toml::source_region& region) const {
    return SourcePos{file_, static_cast<int>(region.begin.line),
                     static_cast<int>(region.begin.column)};
  }
  void AddProblem(SourcePos pos, std::string message) {
    problems_.push_back(Error{ErrorCode::kValidation, std::move(message), std::move(pos)});
  }
  void Problem(const toml::source_region& region, std::string message) {
    AddProblem(Pos(region), std::move(message));
  }

  void CheckKeys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                 std::string_view where);
  std::string Text(const toml::table& t, std::string_view key, bool required,
                   std::string_view where);
  std::vector<std::string> TextArray(const toml::table& t, std::string_view key,
                                     std::string_view where);
  std::map<std::string, std::string> TextTable(const toml::table& t, std::string_view key,
                                               std::string_view where);
  std::string Choice(const toml::table& t, std::string_view key, Choices choices,
                     std::string_view fallback, std::string_view where);
  std::optional<double> Number(const toml::table& t, std::string_view key, bool required,
                               std::string_view where);
  bool Bool(const toml::table& t, std::string_view key, bool fallback, std::string_view where);
  Date DateField(const toml::table& t, std::string_view key, std::string_view where);
  // The required slug `id`, checked for shape and for uniqueness among ids of `kind`.
  std::string Id(const toml::table& t, std::string_view kind, std::string_view where);
  // Declares an id of `kind` that links may name (ids from outside the file).
  void Declare(std::string_view kind, std::string_view id) {
    ids_[std::string(kind)].emplace(std::string(id), SourcePos{});
  }
  // Reads an array of ids of `target_kind`; each is checked by CheckLinks.
  void Links(const toml::table& t, std::string_view key, std::string_view target_kind,
             std::string_view where, std::vector<std::string>* out);
  // Reads one optional id of `target_kind` (a string; "" when absent), checked by CheckLinks.
  std::string Link(const toml::table& t, std::string_view key, std::string_view target_kind,
                   std::string_view where);
  void CheckLinks();

  // Calls fn(table) for each table of the array of tables `key` (absent means none).
  template <typename Fn>
  void Tables(const toml::table& t, std::string_view key, std::string_view where, Fn&& fn) {
    const toml::node* node = t.get(key);
    if (node == nullptr) return;
    const toml::array* array = node->as_array();
    if (array == nullptr) {
      Problem(node->source(), fmt::format("'{}' in {} must be an array of tables ([[{}]])", key,
                                          where, key));
      return;
    }
    for (const toml::node& element : *array) {
      if (const toml::table* table = element.as_table()) {
        fn(*table);
      } else {
        Problem(element.source(), fmt::format("each entry of '{}' must be a table", key));
      }
    }
  }

  // The problems so far, sorted by position.
  Diagnostics TakeProblems();
  bool HasProblems() const { return !problems_.empty(); }

 private:
  struct PendingLink {
    std::string kind;
    std::string id;
    SourcePos pos;
    std::string from;
  };

  std::string file_;
  Diagnostics problems_;
  std::map<std::string, std::map<std::string, SourcePos>, std::less<>> ids_;  // kind -> id -> pos
  std::vector<PendingLink> links_;
};

// The largest TOML text ParseToml reads.
inline constexpr std::size_t kMaxTomlBytes = std::size_t{16} << 20;

// Parses TOML text, turning toml++'s parse errors into one diagnostic, as it does the first of
// these: an empty text, one over kMaxTomlBytes, one that is not UTF-8 (CheckTextEncoding), a
// whole number not written in decimal, a date outside the years 1900 to 2199.
Result<toml::table> ParseToml(std::string_view text, const std::string& file_name);

}  // namespace waymark::ingest
