// Framework validation and compilation into the bottom-up aggregation tree.
#include "index/model.h"

#include <algorithm>
#include <map>

namespace waymark::index {

std::vector<double> Matrix::Column(size_t c) const {
  std::vector<double> column(rows);
  for (size_t r = 0; r < rows; ++r) column[r] = At(r, c);
  return column;
}

void Matrix::SetColumn(size_t c, const std::vector<double>& column) {
  for (size_t r = 0; r < rows; ++r) At(r, c) = column[r];
}

std::optional<size_t> Table::ColumnIndex(std::string_view code) const {
  auto it = std::find(columns.begin(), columns.end(), code);
  if (it == columns.end()) return std::nullopt;
  return static_cast<size_t>(it - columns.begin());
}

std::vector<std::string> CompiledFramework::Codes() const {
  std::vector<std::string> codes;
  codes.reserve(size());
  for (const auto& n : indicators) codes.push_back(n.code);
  for (const auto& n : aggregates) codes.push_back(n.code);
  return codes;
}

std::optional<size_t> CompiledFramework::Find(std::string_view code) const {
  for (size_t i = 0; i < indicators.size(); ++i) {
    if (indicators[i].code == code) return i;
  }
  for (size_t i = 0; i < aggregates.size(); ++i) {
    if (aggregates[i].code == code) return indicators.size() + i;
  }
  return std::nullopt;
}

namespace {

Status CheckNodes(const Framework& framework, std::map<std::string, const Node*>& by_code) {
  int tops = 0;
  for (const auto& node : framework.nodes) {
    if (node.code.empty()) return MakeError(ErrorCode::kValidation, "a node has no code");
    if (!by_code.emplace(node.code, &node).second) {
      return MakeError(ErrorCode::kValidation, "duplicate node code '" + node.code + "'");
    }
    if (node.direction != 1 && node.direction != -1) {
      return MakeError(ErrorCode::kValidation, "direction of '" + node.code + "' is not ±1");
    }
    if (!(node.weight >= 0) || !std::isfinite(node.weight)) {
      return MakeError(ErrorCode::kValidation, "weight of '" + node.code + "' is negative");
    }
    if (node.level < 1)
      return MakeError(ErrorCode::kValidation, "level of '" + node.code + "' < 1");
    if (node.parent.empty()) ++tops;
  }
  if (tops != 1)
    return MakeError(ErrorCode::kValidation, "the framework needs exactly one top node");
  for (const auto& node : framework.nodes) {
    if (node.parent.empty()) continue;
    auto it = by_code.find(node.parent);
    if (it == by_code.end()) {
      return MakeError(ErrorCode::kValidation,
                       "parent '" + node.parent + "' of '" + node.code + "' is not a node");
    }
    if (it->second->level <= node.level) {
      return MakeError(ErrorCode::kValidation,
                       "parent '" + node.parent + "' is not above '" + node.code + "'");
    }
  }
  return {};
}

}  // namespace

Result<CompiledFramework> CompileFramework(const Framework& framework,
                                           const std::vector<std::string>& columns) {
  std::map<std::string, const Node*> by_code;
  WAYMARK_TRY(CheckNodes(framework, by_code));
  CompiledFramework out;
  for (const auto& node : framework.nodes) {
    if (node.level != 1) continue;
    if (node.parent.empty()) {
      return MakeError(ErrorCode::kValidation, "indicator '" + node.code + "' has no parent");
    }
    auto it = std::find(columns.begin(), columns.end(), node.code);
    if (it == columns.end()) {
      return MakeError(ErrorCode::kNotFound, "indicator '" + node.code + "' is not in the data");
    }
    out.indicators.push_back(node);
    out.data_column.push_back(static_cast<size_t>(it - columns.begin()));
  }
  if (out.indicators.empty()) return MakeError(ErrorCode::kValidation, "no indicators");
  for (const auto& node : framework.nodes) {
    if (node.level > 1) out.aggregates.push_back(node);
  }
  std::stable_sort(out.aggregates.begin(), out.aggregates.end(),
                   [](const Node& a, const Node& b) { return a.level < b.level; });
  if (out.aggregates.empty() || !out.aggregates.back().parent.empty()) {
    return MakeError(ErrorCode::kValidation, "the top node must be an aggregate");
  }
  out.children.resize(out.aggregates.size());
  const std::vector<Node>* groups[] = {&out.indicators, &out.aggregates};
  size_t offset = 0;
  for (const auto* group : groups) {
    for (size_t i = 0; i < group->size(); ++i) {
      const auto& parent = (*group)[i].parent;
      if (parent.empty()) continue;
      auto p = out.Find(parent);
      if (!p || *p < out.indicators.size()) {
        return MakeError(ErrorCode::kValidation, "parent '" + parent + "' is not an aggregate");
      }
      out.children[*p - out.indicators.size()].push_back(offset + i);
    }
    offset += group->size();
  }
  for (size_t a = 0; a < out.aggregates.size(); ++a) {
    if (out.children[a].empty()) {
      return MakeError(ErrorCode::kValidation,
                       "aggregate '" + out.aggregates[a].code + "' has no children");
    }
  }
  return out;
}

Status ValidateTable(const Table& table) {
  const size_t n = table.keys.size();
  if (table.keys.year.size() != n || table.keys.group.size() != n) {
    return MakeError(ErrorCode::kInvalidArgument, "row keys have different lengths");
  }
  if (table.x.rows != n || table.x.cols != table.columns.size() ||
      table.x.values.size() != n * table.columns.size()) {
    return MakeError(ErrorCode::kInvalidArgument, "table matrix does not match its keys");
  }
  if (n == 0) return MakeError(ErrorCode::kInvalidArgument, "the table has no rows");
  return {};
}

}  // namespace waymark::index
