// Checking a typed figure of a local measure.
#include "ingest/local_figure.h"

#include <fmt/format.h>

#include "ingest/data_import.h"

namespace waymark::ingest {
namespace {

std::string Trimmed(const std::string& text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// A number typed into `field` ("" is missing); problems are added to `check`.
double Number(const std::string& text, const std::string& field, std::string_view what,
              bool required, LocalFigureCheck& check) {
  const std::string cell = Trimmed(text);
  if (cell.empty()) {
    if (required) check.errors.push_back({field, fmt::format("Enter the {}", what)});
    return kNoValue;
  }
  std::string reason;
  const auto value = ParseCell(cell, &reason);
  if (!value || !reason.empty()) {
    check.errors.push_back(
        {field, fmt::format("Enter the {} as a number, like 57.5 (without % or commas)", what)});
    return kNoValue;
  }
  return *value;
}

std::size_t Characters(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool HasControl(std::string_view text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

}  // namespace

LocalFigureCheck CheckLocalFigure(const Indicator& indicator, const LocalFigureInput& input,
                                  const std::unordered_set<std::string>& areas,
                                  const std::string& prefix) {
  LocalFigureCheck check;
  Observation& o = check.observation;
  o.indicator = indicator.id;
  o.source_row = 1;
  o.area = Trimmed(input.area);
  if (areas.count(o.area) == 0) {
    check.errors.push_back({prefix + "area", "Select the area the figure is for"});
  }
  const std::string period = Trimmed(input.period);
  if (const auto parsed = ParsePeriod(period)) {
    o.period = *parsed;
  } else {
    check.errors.push_back(
        {prefix + "period", period.empty()
                                ? "Enter the period the figure is for, like 2024/25"
                                : "Enter the period as a year (2024), a financial or academic "
                                  "year (2024/25), a quarter (2024/25 Q1) or a month (May 2024)"});
  }
  o.value = Number(input.value, prefix + "value", "value", true, check);
  o.count = Number(input.count, prefix + "count", "count", false, check);
  o.denominator = Number(input.denominator, prefix + "denominator", "denominator", false, check);
  if (HasValue(o.count) && o.count < 0) {
    check.errors.push_back({prefix + "count", "Enter a count of 0 or more"});
  }
  if (HasValue(o.denominator) && o.denominator < 0) {
    check.errors.push_back({prefix + "denominator", "Enter a denominator of 0 or more"});
  }
  if (indicator.value_type == ValueType::kProportion && HasValue(o.count) &&
      HasValue(o.denominator) && o.count >= 0 && o.count > o.denominator) {
    check.errors.push_back(
        {prefix + "count", fmt::format("The count ({}) must not be greater than the denominator "
                                       "({}): it counts some of the denominator",
                                       o.count, o.denominator)});
  }
  o.note = Trimmed(input.note);
  if (Characters(o.note) > kMaxFigureNoteLength) {
    check.errors.push_back({prefix + "note", fmt::format("The note must be {} characters or fewer",
                                                         kMaxFigureNoteLength)});
  } else if (HasControl(o.note)) {
    check.errors.push_back({prefix + "note", "The note must be one line of plain text"});
  }
  return check;
}

}  // namespace waymark::ingest
