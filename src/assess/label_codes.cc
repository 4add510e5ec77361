// The stats layer's results as judgement labels, one table per polarity.
#include "assess/label_codes.h"

#include <stdexcept>
#include <string>

#include "stats/quantile.h"

namespace waymark::assess {

stats::Polarity ToStats(Polarity p) {
  switch (p) {
    case Polarity::kHigh:
      return stats::Polarity::kHighIsGood;
    case Polarity::kLow:
      return stats::Polarity::kLowIsGood;
    case Polarity::kNeutral:
      return stats::Polarity::kNeutral;
  }
  return stats::Polarity::kNeutral;
}

namespace {

// The label with the stats layer's words. Words of no label are a fault of this program, found
// by the tests on the first call.
template <typename Label>
Label Known(std::optional<Label> label, std::string_view words) {
  if (!label) {
    throw std::logic_error("no judgement label has the words \"" + std::string(words) + "\"");
  }
  return *label;
}

Comparison ComparisonOf(std::string_view words) { return Known(ParseComparison(words), words); }

LabelCodes LabelsOf(Polarity p) {
  LabelCodes codes;
  for (int s = 0; s < kSignificanceCount; ++s) {
    const auto significance = static_cast<stats::Significance>(s);
    codes.one_level[s] = ComparisonOf(stats::SignificanceLabel(significance, ToStats(p)));
    codes.two_level[s] = ComparisonOf(stats::SignificanceLabel(significance, ToStats(p), true));
  }
  for (int m = 0; m < kTrendMarkerCount; ++m) {
    const auto words = stats::TrendLabel(static_cast<stats::TrendMarker>(m), ToStats(p));
    codes.trend[m] = Known(ParseRecentTrend(words), words);
  }
  for (int q = 1; q <= 5; ++q) codes.fifth[q] = ComparisonOf(stats::QuintileLabel(q, ToStats(p)));
  return codes;
}

}  // namespace

const std::array<LabelCodes, 3>& LabelsByPolarity() {
  static const std::array<LabelCodes, 3> labels{LabelsOf(Polarity::kHigh), LabelsOf(Polarity::kLow),
                                                LabelsOf(Polarity::kNeutral)};
  return labels;
}

}  // namespace waymark::assess
