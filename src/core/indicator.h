// Indicators, areas and observations: the catalogue of measured figures, the places they are
// measured for, and the figures themselves. Plain values with no I/O.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/breakdown.h"
#include "core/period.h"

namespace waymark {

enum class ValueType { kProportion, kRate, kCount, kMean, kScore, kRank, kRatio };
std::string_view ValueTypeName(ValueType t);
std::optional<ValueType> ParseValueType(std::string_view text);

// Which way is better: higher values, lower values, or neither (no judgement).
enum class Polarity { kHigh, kLow, kNeutral };
std::string_view PolarityName(Polarity p);
std::optional<Polarity> ParsePolarityName(std::string_view text);

// How intervals are computed from counts: Wilson for proportions, Byar's/exact Poisson for
// rates and counts, Dobson for directly standardised rates, or as supplied by the source.
enum class CiMethod { kWilson, kByar, kDsr, kSupplied };
std::string_view CiMethodName(CiMethod m);
std::optional<CiMethod> ParseCiMethod(std::string_view text);

enum class SourceFormat { kFingertips, kLait, kEes, kCsv };
std::string_view SourceFormatName(SourceFormat f);
std::optional<SourceFormat> ParseSourceFormat(std::string_view text);

struct IndicatorSource {
  std::string name;
  SourceFormat format = SourceFormat::kCsv;
  std::string code;  // Fingertips indicator id, LAIT measure_short, EES dataset stem
  std::string url;
  std::string value_column;  // EES
  std::string count_column;
  std::string denominator_column;
  std::map<std::string, std::string> filters;
  bool operator==(const IndicatorSource&) const = default;
};

struct Target {
  std::string area;
  std::string period;  // label
  double value = 0;
  std::string baseline_period;
  std::optional<double> baseline;
  bool operator==(const Target&) const = default;
};

struct Indicator {
  std::string id;
  std::string title;
  std::string definition;
  std::string numerator;
  std::string denominator;
  ValueType value_type = ValueType::kProportion;
  std::string unit;
  double multiplier = 1;
  Polarity polarity = Polarity::kNeutral;
  CiMethod method = CiMethod::kSupplied;
  std::string frequency = "annual";
  std::string caveats;
  // Why the figures come without counts, so that no interval can be computed (the catalogue's
  // record of its search for a source with numerator and denominator); "" when they have counts.
  std::string value_only_reason;
  int disclosure_min_count = 0;
  std::string plan;  // the plan the links name
  std::vector<std::string> outcomes;
  std::vector<std::string> objectives;
  std::vector<std::string> measures;
  std::vector<std::string> index_measures;
  bool local = false;
  // A local measure's owning organisation: the partner id (of the plan the links name) whose
  // users enter its figures. "" when none is named, and always for measures that are not local.
  std::string owner;
  IndicatorSource source;
  std::vector<Target> targets;
  // The breakdowns its figures come in, each with its comparison group (inequalities).
  std::vector<BreakdownDimension> breakdowns;
  bool operator==(const Indicator&) const = default;
};

enum class AreaType { kCountry, kRegion, kRegionGroup, kCouncil, kWard };
std::string_view AreaTypeName(AreaType t);
std::optional<AreaType> ParseAreaType(std::string_view text);

struct Area {
  std::string code;  // GSS code, e.g. E09000003
  std::string name;
  AreaType type = AreaType::kCouncil;
  std::string parent;    // code of the parent area ("" for England)
  std::string old_code;  // DfE LA number, where known
  bool operator==(const Area&) const = default;
};

// The outline of an area for maps: a GeoJSON geometry (Polygon or MultiPolygon, [longitude,
// latitude] in EPSG:4326) kept as its JSON text.
struct AreaBoundary {
  std::string area;  // area code
  std::string geometry;
  bool operator==(const AreaBoundary&) const = default;
};

// A named set of areas to compare with, e.g. Barnet's statistical neighbours (2025 model).
struct ComparatorGroup {
  std::string id;
  std::string name;
  std::string owner_area;  // the area whose neighbours these are ("" for fixed groups)
  std::vector<std::string> members;
  bool operator==(const ComparatorGroup&) const = default;
};

inline constexpr std::string_view kEnglandCode = "E92000001";
inline constexpr std::string_view kLondonCode = "E12000007";

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();
inline bool HasValue(double x) { return !std::isnan(x); }

// One figure for an indicator, area, period and breakdown. Missing numbers are NaN; a missing
// value keeps its reason (a GSS symbol such as "c" or "x").
struct Observation {
  std::string indicator;
  std::string area;
  Period period;
  Breakdown breakdown;
  double value = kNoValue;
  double lower95 = kNoValue;
  double upper95 = kNoValue;
  double lower998 = kNoValue;
  double upper998 = kNoValue;
  double count = kNoValue;
  double denominator = kNoValue;
  std::string missing_reason;  // GSS symbol when the value is missing on purpose
  std::string note;
  int source_row = 0;
  // Judgements published by the source itself (Fingertips), kept for comparison.
  std::string published_trend;
  std::string published_vs_england;
  std::string published_vs_region;
};

// Method: disclosure control — counts from 1 to min-1 are suppressed (Fingertips small-number
// rule, FTO SmallNumberChecker, with the indicator's own threshold).
inline bool IsSmallCount(const Indicator& indicator, double count) {
  return HasValue(count) && count > 0 && count < indicator.disclosure_min_count;
}

// Recognises GSS/DfE disclosure-control symbols; returns the symbol's meaning or "" if `cell`
// is not one.
std::string_view SuppressionMeaning(std::string_view cell);

}  // namespace waymark
