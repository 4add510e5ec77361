// Registration of the judgement labels in an AssessmentTable.
#include "assess/label_codes.h"

#include <algorithm>

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

std::uint8_t Code(AssessmentTable& table, std::string_view label) {
  const auto it = std::find(table.labels.begin(), table.labels.end(), label);
  if (it != table.labels.end()) return static_cast<std::uint8_t>(it - table.labels.begin());
  table.labels.push_back(InternLabel(label));
  return static_cast<std::uint8_t>(table.labels.size() - 1);
}

}  // namespace

std::array<LabelCodes, 3> RegisterLabels(AssessmentTable& table) {
  std::array<LabelCodes, 3> out;
  Code(table, "");  // code 0: no label
  for (const Polarity p : {Polarity::kHigh, Polarity::kLow, Polarity::kNeutral}) {
    LabelCodes& codes = out[static_cast<std::size_t>(p)];
    for (int s = 0; s < kSignificanceCount; ++s) {
      const auto significance = static_cast<stats::Significance>(s);
      codes.one_level[s] = Code(table, stats::SignificanceLabel(significance, ToStats(p)));
      codes.two_level[s] = Code(table, stats::SignificanceLabel(significance, ToStats(p), true));
    }
    for (int m = 0; m < kTrendMarkerCount; ++m) {
      codes.trend[m] =
          Code(table, stats::TrendLabel(static_cast<stats::TrendMarker>(m), ToStats(p)));
    }
    for (int q = 1; q <= 5; ++q) codes.fifth[q] = Code(table, stats::QuintileLabel(q, ToStats(p)));
    codes.computed = Code(table, "computed");
    codes.supplied = Code(table, "supplied");
    codes.missing = Code(table, "missing");
    codes.red = Code(table, "red");
    codes.amber = Code(table, "amber");
    codes.green = Code(table, "green");
  }
  return out;
}

}  // namespace waymark::assess
