// The comparison bases: their codes, sentences and short labels in one table.
#include "core/comparison_basis.h"

#include <array>

namespace waymark {
namespace {

struct BasisWords {
  ComparisonBasis basis;
  std::string_view code;
  std::string_view text;
  std::string_view short_label;
};

constexpr std::array<BasisWords, kComparisonBasisCount> kBases{{
    {ComparisonBasis::kUnknown, "", "basis not recorded: judged before bases were kept",
     "Not recorded"},
    {ComparisonBasis::kWilson95, "wilson-95", "95% interval (Wilson)", "Wilson 95%"},
    {ComparisonBasis::kByar95, "byar-95", "95% interval (Byar)", "Byar 95%"},
    {ComparisonBasis::kSourceInterval, "source-interval", "interval supplied by the source",
     "Source interval"},
    {ComparisonBasis::kQuintile, "quintile", "quintile among English councils", "Fifths"},
    {ComparisonBasis::kEngland, "england", "not compared: this is the England figure itself",
     "England"},
    {ComparisonBasis::kNoValue, "no-value", "not compared: no figure for this period",
     "No figure"},
    {ComparisonBasis::kSuppressed, "suppressed", "not compared: small numbers are suppressed",
     "Suppressed"},
    {ComparisonBasis::kNoEnglandFigure, "no-england-figure",
     "not compared: no England figure for this period", "No England figure"},
    {ComparisonBasis::kLocal, "local", "not compared: local measure", "Local measure"},
    {ComparisonBasis::kLondonOnly, "london-only",
     "not compared: only London boroughs publish this", "London only"},
    {ComparisonBasis::kFewCouncils, "few-councils",
     "not compared: too few English councils have figures to place in fifths", "Few councils"},
    {ComparisonBasis::kNotCouncil, "not-council",
     "not compared: no interval, and fifths are among councils only", "No interval"},
}};

constexpr bool InEnumOrder() {
  for (std::size_t i = 0; i < kBases.size(); ++i) {
    if (static_cast<std::size_t>(kBases[i].basis) != i) return false;
  }
  return true;
}
static_assert(InEnumOrder(), "kBases is indexed by ComparisonBasis");

const BasisWords& Words(ComparisonBasis basis) {
  const auto i = static_cast<std::size_t>(basis);
  return i < kBases.size() ? kBases[i] : kBases[0];
}

}  // namespace

bool IsCompared(ComparisonBasis basis) {
  return IsSignificanceTest(basis) || basis == ComparisonBasis::kQuintile;
}

bool IsSignificanceTest(ComparisonBasis basis) {
  return basis == ComparisonBasis::kWilson95 || basis == ComparisonBasis::kByar95 ||
         basis == ComparisonBasis::kSourceInterval;
}

std::string_view ComparisonBasisCode(ComparisonBasis basis) { return Words(basis).code; }

std::optional<ComparisonBasis> ParseComparisonBasisCode(std::string_view code) {
  for (const BasisWords& w : kBases) {
    if (w.code == code) return w.basis;
  }
  return std::nullopt;
}

std::string_view ComparisonBasisText(ComparisonBasis basis) { return Words(basis).text; }

std::string_view ComparisonBasisShort(ComparisonBasis basis) { return Words(basis).short_label; }

}  // namespace waymark
