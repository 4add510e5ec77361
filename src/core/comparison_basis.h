// The basis of a judgement against England: the method behind the "compared with England"
// label (an interval test, or the area's fifth among English councils when no interval can be
// had), or the reason no comparison was made. Every assessment carries one, so that "Not
// compared" never appears without its reason and a position among councils is never read as a
// significance result.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace waymark {

enum class ComparisonBasis : std::uint8_t {
  kUnknown,           // judged before bases were recorded
  kWilson95,          // 95% interval from counts, Wilson score
  kByar95,            // 95% interval from counts, Byar's method (exact Poisson below 10)
  kSourceInterval,    // 95% interval supplied by the source
  kQuintile,          // the area's fifth among English councils (no interval)
  kEngland,           // England's own figure: the benchmark itself
  kNoValue,           // no figure for this period
  kSuppressed,        // small numbers suppressed
  kNoEnglandFigure,   // an interval, but no England figure for the period
  kLocal,             // a local measure with no national counterpart
  kLondonOnly,        // no interval, and only London boroughs publish it
  kFewCouncils,       // no interval, and too few councils have figures to place in fifths
  kNotCouncil,        // no interval, and fifths are among councils only (a region or ward)
};

inline constexpr int kComparisonBasisCount = 13;

// True when the basis names a comparison that was made (an interval test or a fifth).
bool IsCompared(ComparisonBasis basis);

// True when the comparison is a significance test against England's value.
bool IsSignificanceTest(ComparisonBasis basis);

// The stable token kept in databases and offered by the API: "wilson-95", "quintile",
// "london-only", ...
std::string_view ComparisonBasisCode(ComparisonBasis basis);
std::optional<ComparisonBasis> ParseComparisonBasisCode(std::string_view code);

// The basis in words, as exports and screen readers give it: "95% interval (Wilson)",
// "quintile among English councils", "not compared: only London boroughs publish this".
std::string_view ComparisonBasisText(ComparisonBasis basis);

// The short label shown beside a judgement: "Wilson 95%", "Fifths", "London only".
std::string_view ComparisonBasisShort(ComparisonBasis basis);

}  // namespace waymark
