// The period selector of the indicator, compare and area pages.
#include "report/period_selector.h"

#include <algorithm>

#include "report/layout.h"

namespace waymark::report {
namespace {

void SortNewestFirst(std::vector<Period>& periods) {
  std::sort(periods.begin(), periods.end(), [](const Period& a, const Period& b) {
    if (a.SortKey() != b.SortKey()) return a.SortKey() > b.SortKey();
    return a.Label() < b.Label();
  });
  periods.erase(std::unique(periods.begin(), periods.end()), periods.end());
}

}  // namespace

std::vector<Period> PeriodsNewestFirst(const IndicatorSeries& s) {
  std::vector<Period> out(s.periods.begin(), s.periods.end());
  SortNewestFirst(out);
  return out;
}

std::vector<Period> PeriodsNewestFirst(const IndicatorData& data, std::string_view area) {
  std::vector<Period> out;
  for (const IndicatorSeries& s : data.Series()) {
    for (const Period& p : s.periods) {
      if (area.empty() || data.At(s, area, p) != nullptr) out.push_back(p);
    }
  }
  SortNewestFirst(out);
  return out;
}

void PeriodSelector(Html& h, const PeriodChoice& choice) {
  ChoiceForm form{choice.action, choice.keep, "period", "Period shown", {}, "", "Show period"};
  if (!choice.latest_label.empty()) form.options.emplace_back("", choice.latest_label);
  for (const Period& p : choice.periods) form.options.emplace_back(p.Label(), p.Label());
  if (form.options.size() < 2) return;
  if (choice.selected) form.selected = choice.selected->Label();
  RenderChoiceForm(h, form);
}

}  // namespace waymark::report
