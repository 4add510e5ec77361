// The period selector of the indicator, compare and area pages.
#include "report/period_selector.h"

#include <algorithm>

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
  const std::size_t options = choice.periods.size() + (choice.latest_label.empty() ? 0 : 1);
  if (options < 2) return;
  h.Open("form",
         {{"method", "get"}, {"action", choice.action}, {"class", "govuk-!-margin-bottom-6"}});
  for (const auto& [name, value] : choice.keep) {
    h.Void("input", {{"type", "hidden"}, {"name", name}, {"value", value}});
  }
  h.Open("div", {{"class", "govuk-form-group"}});
  h.Element("label", {{"class", "govuk-label govuk-label--s"}, {"for", "period"}}, "Period shown");
  h.Open("select",
         {{"class", "govuk-select waymark-select"}, {"id", "period"}, {"name", "period"}});
  if (!choice.latest_label.empty()) {
    if (choice.selected) {
      h.Element("option", {{"value", ""}}, choice.latest_label);
    } else {
      h.Element("option", {{"value", ""}, {"selected", "selected"}}, choice.latest_label);
    }
  }
  for (const Period& p : choice.periods) {
    const std::string label = p.Label();
    if (choice.selected && *choice.selected == p) {
      h.Element("option", {{"value", label}, {"selected", "selected"}}, label);
    } else {
      h.Element("option", {{"value", label}}, label);
    }
  }
  h.Close("select").Close("div");
  h.Element("button",
            {{"type", "submit"},
             {"class", "govuk-button govuk-button--secondary"},
             {"data-module", "govuk-button"}},
            "Show period");
  h.Close("form");
}

}  // namespace waymark::report
