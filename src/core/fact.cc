// Units, figures and area codes of plan facts (fact.h).
#include "core/fact.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace waymark {

std::string_view FactUnitName(FactUnit u) {
  switch (u) {
    case FactUnit::kPercent: return "percent";
    case FactUnit::kNumber: return "number";
    case FactUnit::kRank: return "rank";
  }
  return "number";
}

std::optional<FactUnit> ParseFactUnit(std::string_view text) {
  if (text == "percent") return FactUnit::kPercent;
  if (text == "number") return FactUnit::kNumber;
  if (text == "rank") return FactUnit::kRank;
  return std::nullopt;
}

int FactDecimals(double figure) {
  for (int places = 0; places < 6; ++places) {
    const double scale = std::pow(10.0, places);
    const double scaled = figure * scale;
    if (std::fabs(scaled - std::round(scaled)) < 1e-9 * std::max(1.0, std::fabs(scaled))) {
      return places;
    }
  }
  return 6;
}

namespace {

// "99152.5" → "99,152.5": a comma between each group of three digits of the whole part.
std::string WithSeparators(std::string_view digits) {
  const std::size_t point = std::min(digits.find('.'), digits.size());
  const std::size_t first = !digits.empty() && digits[0] == '-' ? 1 : 0;
  std::string out(digits.substr(0, first));
  for (std::size_t i = first; i < point; ++i) {
    if (i > first && (point - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += digits.substr(point);
  return out;
}

std::string Ordinal(std::int64_t n) {
  const std::int64_t last_two = n % 100;
  const std::int64_t last = n % 10;
  std::string_view suffix = "th";
  if (last_two < 11 || last_two > 13) {
    if (last == 1) suffix = "st";
    if (last == 2) suffix = "nd";
    if (last == 3) suffix = "rd";
  }
  return fmt::format("{}{}", n, suffix);
}

}  // namespace

std::string FormatFactFigure(double figure, FactUnit unit) {
  std::string digits = fmt::format("{:.{}f}", figure, FactDecimals(figure));
  switch (unit) {
    case FactUnit::kPercent: return digits + "%";
    case FactUnit::kNumber: return WithSeparators(digits);
    case FactUnit::kRank:
      if (FactDecimals(figure) == 0 && figure > 0) {
        return Ordinal(static_cast<std::int64_t>(figure));
      }
      return digits;
  }
  return digits;
}

bool FactFigureAgrees(double stated, double measured) {
  const double scale = std::pow(10.0, FactDecimals(stated));
  return std::fabs(std::round(measured * scale) - std::round(stated * scale)) < 0.5;
}

bool IsAreaCode(std::string_view code) {
  if (code.size() != 9 || code[0] < 'A' || code[0] > 'Z') return false;
  for (std::size_t i = 1; i < code.size(); ++i) {
    if (code[i] < '0' || code[i] > '9') return false;
  }
  return true;
}

std::string FactFigureText(const Fact& fact, double figure) {
  return fact.unit ? FormatFactFigure(figure, *fact.unit) : fmt::format("{}", figure);
}

std::string FactValueText(const Fact& fact) {
  if (fact.figure && fact.unit) return FormatFactFigure(*fact.figure, *fact.unit);
  if (!fact.value.empty()) return fact.value;
  return "not stated";
}

}  // namespace waymark
