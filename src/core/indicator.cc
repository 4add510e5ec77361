// Names of the indicator enumerations and the GSS suppression symbols.
#include "core/indicator.h"

#include <array>
#include <utility>

namespace waymark {
namespace {

template <typename E, std::size_t N>
std::optional<E> Lookup(const std::array<std::pair<std::string_view, E>, N>& table,
                        std::string_view text) {
  for (const auto& [name, value] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<std::string_view, E>, N>& table, E value) {
  for (const auto& [name, v] : table) {
    if (v == value) return name;
  }
  return "";
}

constexpr std::array<std::pair<std::string_view, ValueType>, 7> kValueTypes = {{
    {"proportion", ValueType::kProportion},
    {"rate", ValueType::kRate},
    {"count", ValueType::kCount},
    {"mean", ValueType::kMean},
    {"score", ValueType::kScore},
    {"rank", ValueType::kRank},
    {"ratio", ValueType::kRatio},
}};
constexpr std::array<std::pair<std::string_view, Polarity>, 3> kPolarities = {{
    {"high", Polarity::kHigh}, {"low", Polarity::kLow}, {"neutral", Polarity::kNeutral}}};
constexpr std::array<std::pair<std::string_view, CiMethod>, 4> kMethods = {{
    {"wilson", CiMethod::kWilson},
    {"byar", CiMethod::kByar},
    {"dsr", CiMethod::kDsr},
    {"supplied", CiMethod::kSupplied}}};
constexpr std::array<std::pair<std::string_view, SourceFormat>, 4> kFormats = {{
    {"fingertips", SourceFormat::kFingertips},
    {"lait", SourceFormat::kLait},
    {"ees", SourceFormat::kEes},
    {"csv", SourceFormat::kCsv}}};
constexpr std::array<std::pair<std::string_view, AreaType>, 5> kAreaTypes = {{
    {"country", AreaType::kCountry},
    {"region", AreaType::kRegion},
    {"region-group", AreaType::kRegionGroup},
    {"council", AreaType::kCouncil},
    {"ward", AreaType::kWard}}};

// Method: GSS Statistical Disclosure Control symbols (GSS guidance "Symbols in tables") and
// DfE's "k" for fewer than 0.5.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kSymbols = {{
    {"c", "confidential (suppressed to protect individuals)"},
    {"x", "not available"},
    {"z", "not applicable"},
    {"low", "rounds to zero"},
    {"u", "low reliability"},
    {"k", "fewer than 0.5"},
    {":", "not available"},
    {"..", "not available"},
    {"-", "not available"},
}};

}  // namespace

std::string_view ValueTypeName(ValueType t) { return NameOf(kValueTypes, t); }
std::optional<ValueType> ParseValueType(std::string_view text) { return Lookup(kValueTypes, text); }
std::string_view PolarityName(Polarity p) { return NameOf(kPolarities, p); }
std::optional<Polarity> ParsePolarityName(std::string_view text) { return Lookup(kPolarities, text); }
std::string_view CiMethodName(CiMethod m) { return NameOf(kMethods, m); }
std::optional<CiMethod> ParseCiMethod(std::string_view text) { return Lookup(kMethods, text); }
std::string_view SourceFormatName(SourceFormat f) { return NameOf(kFormats, f); }
std::optional<SourceFormat> ParseSourceFormat(std::string_view text) {
  return Lookup(kFormats, text);
}
std::string_view AreaTypeName(AreaType t) { return NameOf(kAreaTypes, t); }
std::optional<AreaType> ParseAreaType(std::string_view text) { return Lookup(kAreaTypes, text); }

std::string_view SuppressionMeaning(std::string_view cell) {
  for (const auto& [symbol, meaning] : kSymbols) {
    if (symbol == cell) return meaning;
  }
  return "";
}

}  // namespace waymark
