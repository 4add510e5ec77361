// Which judgement label each stats result is: the stats layer gives significances, trend
// markers and quintiles for a polarity, and an assessment carries core's labels.
#pragma once

#include <array>

#include "core/indicator.h"
#include "core/judgement_label.h"
#include "stats/compare.h"
#include "stats/trend.h"

namespace waymark::assess {

inline constexpr int kSignificanceCount = 6;  // the values of stats::Significance
inline constexpr int kTrendMarkerCount = 4;   // the values of stats::TrendMarker
static_assert(static_cast<int>(stats::Significance::kBest) == kSignificanceCount - 1);
static_assert(static_cast<int>(stats::TrendMarker::kNoChange) == kTrendMarkerCount - 1);

// The stats layer's polarity for an indicator's.
stats::Polarity ToStats(Polarity p);

// The labels of one indicator's polarity.
struct LabelCodes {
  std::array<Comparison, kSignificanceCount> one_level{};  // by stats::Significance
  std::array<Comparison, kSignificanceCount> two_level{};
  std::array<RecentTrend, kTrendMarkerCount> trend{};  // by stats::TrendMarker
  std::array<Comparison, 6> fifth{};  // by quintile (1 = best, or lowest when neutral)
};

// The labels for each Polarity (indexed by its value), read once from the stats layer's words
// (stats::SignificanceLabel, TrendLabel and QuintileLabel), so the two cannot drift apart.
const std::array<LabelCodes, 3>& LabelsByPolarity();

}  // namespace waymark::assess
