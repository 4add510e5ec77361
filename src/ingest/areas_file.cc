// Reading the area registry and comparator groups.
#include "ingest/areas_file.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ingest/csv_reader.h"

namespace waymark::ingest {
namespace {

// Opens `path` and checks that its header is exactly `columns`; problems go to `report`.
std::unique_ptr<CsvReader> OpenWithHeader(const std::string& path,
                                          const std::vector<std::string>& columns,
                                          AreasFileReport& report) {
  auto reader = CsvReader::Open(path);
  if (!reader) {
    report.problems.push_back(reader.error());
    return nullptr;
  }
  CsvRecord header;
  auto got = (*reader)->Next(header);
  if (!got) {  // not UTF-8 text, or not CSV: the reader's problem says where
    report.problems.push_back(got.error());
    return nullptr;
  }
  if (!*got || !std::equal(header.fields.begin(), header.fields.end(), columns.begin(),
                                    columns.end())) {
    report.problems.push_back(Error{ErrorCode::kParse,
                                    fmt::format("the header must be '{}'", fmt::join(columns, ",")),
                                    SourcePos{path, 1, 1}});
    return nullptr;
  }
  return std::move(*reader);
}

void Problem(AreasFileReport& report, const std::string& path, int line, int column,
             std::string message) {
  report.problems.push_back(
      Error{ErrorCode::kValidation, std::move(message), SourcePos{path, line, column}});
}

void Problem(AreasFileReport& report, const std::string& path, const CsvRecord& r, int field,
             std::string message) {
  const int column = field < static_cast<int>(r.columns.size()) ? r.columns[field] : 1;
  Problem(report, path, r.line, column, std::move(message));
}

// Whether `text` is a neighbour's rank: a whole number from 1, in decimal digits only.
bool IsRank(std::string_view text) {
  int rank = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), rank);
  return error == std::errc() && end == text.data() + text.size() && rank >= 1;
}

// An area's parent code and where it was given, checked once every area is known.
struct ParentRef {
  std::string code;
  int line;
  int column;
};

}  // namespace

AreasFileReport ReadAreasFile(const std::string& path, const std::vector<Area>& known) {
  AreasFileReport report;
  auto reader = OpenWithHeader(path, {"code", "name", "type", "parent_code", "old_code"}, report);
  if (!reader) return report;
  CsvRecord r;
  std::map<std::string, int> line_of;
  std::vector<ParentRef> parents;
  while (true) {
    auto more = reader->Next(r);
    if (!more) {
      report.problems.push_back(more.error());
      return report;
    }
    if (!*more) break;
    if (r.fields.size() != 5) {
      Problem(report, path, r, 0, fmt::format("expected 5 fields, found {}", r.fields.size()));
      continue;
    }
    Area area{std::string(r.fields[0]), std::string(r.fields[1]), AreaType::kCouncil,
              std::string(r.fields[3]), std::string(r.fields[4])};
    if (area.code.empty() || area.name.empty()) Problem(report, path, r, 0, "code and name are required");
    if (auto type = ParseAreaType(r.fields[2])) {
      area.type = *type;
    } else {
      Problem(report, path, r, 2, fmt::format("unknown area type '{}'", r.fields[2]));
    }
    if (!line_of.emplace(area.code, r.line).second) {
      Problem(report, path, r, 0,
              fmt::format("duplicate area code '{}' (first on line {})", area.code, line_of[area.code]));
    }
    if (!area.parent.empty()) parents.push_back(ParentRef{area.parent, r.line, r.columns[3]});
    report.areas.push_back(std::move(area));
  }
  std::set<std::string> earlier;
  for (const Area& a : known) earlier.insert(a.code);
  for (const auto& parent : parents) {
    if (line_of.count(parent.code) == 0 && earlier.count(parent.code) == 0) {
      Problem(report, path, parent.line, parent.column,
              fmt::format("parent '{}' is not an area of this file", parent.code));
    }
  }
  return report;
}

AreasFileReport ReadNeighboursFile(const std::string& path, const std::vector<Area>& known) {
  AreasFileReport report;
  auto reader =
      OpenWithHeader(path, {"area_code", "neighbour_code", "rank", "closeness", "model"}, report);
  if (!reader) return report;
  std::set<std::string> codes;
  for (const auto& a : known) codes.insert(a.code);
  std::map<std::string, ComparatorGroup> groups;
  std::vector<std::string> order;
  CsvRecord r;
  while (true) {
    auto more = reader->Next(r);
    if (!more) {
      report.problems.push_back(more.error());
      return report;
    }
    if (!*more) break;
    if (r.fields.size() != 5) {
      Problem(report, path, r, 0, fmt::format("expected 5 fields, found {}", r.fields.size()));
      continue;
    }
    for (int f : {0, 1}) {
      if (codes.count(std::string(r.fields[f])) == 0) {
        Problem(report, path, r, f, fmt::format("unknown area code '{}'", r.fields[f]));
      }
    }
    if (!IsRank(r.fields[2])) {
      Problem(report, path, r, 2,
              fmt::format("rank '{}' is not a whole number from 1", r.fields[2]));
    }
    const std::string id = fmt::format("sn-{}-{}", r.fields[4], r.fields[0]);
    auto [it, fresh] = groups.try_emplace(id);
    if (fresh) {
      order.push_back(id);
      it->second.id = id;
      it->second.name = fmt::format("Statistical neighbours ({} model)", r.fields[4]);
      it->second.owner_area = std::string(r.fields[0]);
    }
    it->second.members.emplace_back(r.fields[1]);
  }
  for (const auto& id : order) report.groups.push_back(std::move(groups[id]));
  return report;
}

}  // namespace waymark::ingest
