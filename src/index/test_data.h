// Test helpers: loading the reference tables in src/index/testdata into index tables and
// frameworks, and the COINr unit vectors by case, and comparing numbers. Throws on a malformed
// file (tests only).
#pragma once

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "index/model.h"
#include "stats/csv.h"

namespace waymark::index::testing {

inline std::string ReadTestFile(const std::string& name) {
  const std::string path = std::string(WAYMARK_SOURCE_DIR) + "/src/index/testdata/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The COINr unit vectors (unit_vectors.json): a list of cases for each step (normalisation,
// aggregation, treatment, ...).
inline nlohmann::json UnitVectors() {
  return nlohmann::json::parse(ReadTestFile("unit_vectors.json"));
}

// The case named `name` of one of those lists.
inline nlohmann::json Case(const nlohmann::json& list, const std::string& name) {
  for (const auto& c : list) {
    if (c["case"] == name) return c;
  }
  throw std::runtime_error("no case " + name);
}

// A CSV reference table with typed access by column name; "NA" and empty cells are NaN.
class Csv {
 public:
  explicit Csv(const std::string& name, char separator = ',') {
    std::string text = ReadTestFile(name);
    if (separator != ',') {
      for (char& ch : text) ch = ch == separator ? ',' : ch;
    }
    auto table = stats::ParseCsv(text, name);
    if (!table) throw std::runtime_error(table.error().ToString());
    table_ = std::move(*table);
  }

  size_t size() const { return table_.rows.size(); }
  const std::vector<std::string>& header() const { return table_.header; }
  bool Has(const std::string& column) const { return table_.Column(column).has_value(); }

  const std::string& Str(size_t row, const std::string& column) const {
    return table_.rows.at(row).fields.at(Index(column));
  }
  double Num(size_t row, const std::string& column) const {
    return ToNumber(table_.rows.at(row).fields.at(Index(column)));
  }
  double NumAt(size_t row, size_t column) const {
    return ToNumber(table_.rows.at(row).fields.at(column));
  }

  // The named numeric columns as a Table keyed by `unit_col`, grouped by `group_col`, with years
  // from `year_col` (0 when empty).
  Table ToTable(const std::string& unit_col, const std::string& group_col,
                const std::string& year_col, const std::vector<std::string>& columns) const {
    Table t;
    t.columns = columns;
    t.x = Matrix(size(), columns.size());
    for (size_t r = 0; r < size(); ++r) {
      t.keys.unit.push_back(Str(r, unit_col));
      t.keys.group.push_back(group_col.empty() ? "" : Str(r, group_col));
      t.keys.year.push_back(year_col.empty() ? 0 : static_cast<int>(Num(r, year_col)));
      for (size_t c = 0; c < columns.size(); ++c) t.x.At(r, c) = Num(r, columns[c]);
    }
    return t;
  }

 private:
  static double ToNumber(const std::string& cell) {
    if (cell == "NA" || cell.empty()) return kMissing;
    auto value = stats::ParseCsvNumber(cell);
    if (!value) throw std::runtime_error(value.error().ToString());
    return *value;
  }
  size_t Index(const std::string& column) const {
    auto index = table_.Column(column);
    if (!index) throw std::runtime_error("no column " + column);
    return *index;
  }

  stats::CsvTable table_;
};

// True when both are missing, or |a − b| ≤ max(rel·|b|, abs_tol).
inline bool Near(double actual, double expected, double rel, double abs_tol = 0) {
  if (IsMissing(expected) || IsMissing(actual)) return IsMissing(expected) && IsMissing(actual);
  return std::abs(actual - expected) <= std::max(rel * std::abs(expected), abs_tol);
}

inline constexpr double kRelTol = 1e-9;

// The legacy COINr ASEM framework from IndMeta (indicators, Agg1..Agg3) and AggMeta (weights).
inline Framework LegacyFramework() {
  Csv ind("legacy_ASEM_COIN_IndMeta.csv");
  Csv agg("legacy_ASEM_COIN_AggMeta.csv");
  Framework fw;
  std::vector<std::pair<std::string, std::string>> parent_of;
  auto note_parent = [&](const std::string& child, const std::string& parent) {
    for (const auto& [c, p] : parent_of) {
      if (c == child) return;
    }
    parent_of.emplace_back(child, parent);
  };
  for (size_t r = 0; r < ind.size(); ++r) {
    Node n;
    n.code = ind.Str(r, "IndCode");
    n.parent = ind.Str(r, "Agg1");
    n.direction = static_cast<int>(ind.Num(r, "Direction"));
    n.weight = ind.Num(r, "IndWeight");
    n.denominator = ind.Str(r, "Denominator") == "NA" ? "" : ind.Str(r, "Denominator");
    const double target = ind.Num(r, "Target");
    if (!IsMissing(target)) n.target = target;
    fw.nodes.push_back(n);
    note_parent(ind.Str(r, "Agg1"), ind.Str(r, "Agg2"));
    note_parent(ind.Str(r, "Agg2"), ind.Str(r, "Agg3"));
  }
  for (size_t r = 0; r < agg.size(); ++r) {
    Node n;
    n.code = agg.Str(r, "Code");
    n.level = static_cast<int>(agg.Num(r, "AgLevel"));
    n.weight = agg.Num(r, "Weight");
    for (const auto& [c, p] : parent_of) {
      if (c == n.code) n.parent = p;
    }
    fw.nodes.push_back(n);
  }
  return fw;
}

// The COINr v1 framework from ASEM_iMeta (Level, iCode, Direction, Weight, Target, Denominator,
// Parent, Type).
inline Framework V1Framework() {
  Csv meta("ASEM_iMeta.csv");
  Framework fw;
  for (size_t r = 0; r < meta.size(); ++r) {
    const std::string type = meta.Str(r, "Type");
    if (type != "Indicator" && type != "Aggregate") continue;
    Node n;
    n.code = meta.Str(r, "iCode");
    n.level = static_cast<int>(meta.Num(r, "Level"));
    n.parent = meta.Str(r, "Parent") == "NA" ? "" : meta.Str(r, "Parent");
    n.direction = static_cast<int>(meta.Num(r, "Direction"));
    n.weight = meta.Num(r, "Weight");
    n.denominator = meta.Str(r, "Denominator") == "NA" ? "" : meta.Str(r, "Denominator");
    const double target = meta.Num(r, "Target");
    if (!IsMissing(target)) n.target = target;
    fw.nodes.push_back(n);
  }
  return fw;
}

inline std::vector<std::string> IndicatorCodes(const Framework& fw) {
  std::vector<std::string> codes;
  for (const auto& n : fw.nodes) {
    if (n.level == 1) codes.push_back(n.code);
  }
  return codes;
}

}  // namespace waymark::index::testing
