// Judgement labels as one-byte codes: every label an assessment can carry is registered in an
// AssessmentTable once, before any row is written, and rows hold its index.
#pragma once

#include <array>
#include <cstdint>

#include "core/assessment.h"
#include "stats/compare.h"
#include "stats/trend.h"

namespace waymark::assess {

inline constexpr int kSignificanceCount = 6;  // the values of stats::Significance
inline constexpr int kTrendMarkerCount = 4;   // the values of stats::TrendMarker
static_assert(static_cast<int>(stats::Significance::kBest) == kSignificanceCount - 1);
static_assert(static_cast<int>(stats::TrendMarker::kNoChange) == kTrendMarkerCount - 1);

// The stats layer's polarity for an indicator's.
stats::Polarity ToStats(Polarity p);

// The label codes of one indicator's polarity: every label an assessment can carry, as its
// index in AssessmentTable::labels.
struct LabelCodes {
  std::array<std::uint8_t, kSignificanceCount> one_level{};  // by stats::Significance
  std::array<std::uint8_t, kSignificanceCount> two_level{};
  std::array<std::uint8_t, kTrendMarkerCount> trend{};  // by stats::TrendMarker
  std::array<std::uint8_t, 6> fifth{};  // by quintile (1 = best, or lowest when neutral)
  std::uint8_t computed = 0, supplied = 0, missing = 0, red = 0, amber = 0, green = 0;
};

// The codes for each Polarity (indexed by its value), registered in `table`.
std::array<LabelCodes, 3> RegisterLabels(AssessmentTable& table);

}  // namespace waymark::assess
