// Plan generations on the comparison page (see plan_lineage_section.h), in GOV.UK components.
#include "report/plan_lineage_section.h"

#include <cmath>
#include <string>

#include "core/plan_lookup.h"
#include "report/indicator_pages.h"
#include "report/layout.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

std::string_view KindWord(LineageKind kind) {
  return kind == LineageKind::kOutcome ? "Outcome" : "Objective";
}

// The page of a record of `plan`: outcomes have one; an objective is a place on its outcome's.
std::string AimHref(const Plan& plan, LineageKind kind, std::string_view id) {
  const Links links(plan.id, true);
  if (kind == LineageKind::kOutcome) return links.Outcome(id);
  const ObjectivePlace place = FindObjective(plan, id);
  if (place.outcome == nullptr) return "";
  return links.Objective(place.outcome->id, id);
}

void CarriedTable(Html& h, const GenerationStep& step) {
  if (step.carried.empty()) {
    h.Element(
        "p", {{"class", "govuk-body"}},
        step.later->title + " names no aim of " + step.earlier->title + " that it carries over.");
    return;
  }
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  TableHead(h, "Aims carried over",
            {{"Aim of " + step.later->title, "govuk-!-width-one-half"},
             {"Carries over, from " + step.earlier->title, ""}});
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const CarriedAim& aim : step.carried) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Aim"}});
    h.Element("span", {{"class", "govuk-caption-m"}}, std::string(KindWord(aim.kind)));
    h.Link(AimHref(*step.later, aim.kind, aim.id), aim.title);
    h.Close("td");
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Carries over"}});
    h.Open("ul", {{"class", "govuk-list"}});
    for (const auto& [id, title] : aim.earlier) {
      h.Open("li").Link(AimHref(*step.earlier, aim.kind, id), title);
      h.Close("li");
    }
    for (const std::string& id : aim.missing) {
      h.Element("li", {}, id + " (not in " + step.earlier->title + ")");
    }
    h.Close("ul").Close("td").Close("tr");
  }
  h.Close("tbody").Close("table");
}

void NotCarried(Html& h, const GenerationStep& step) {
  if (step.not_carried.empty()) return;
  h.Open("details", {{"class", "govuk-details"}});
  h.Open("summary", {{"class", "govuk-details__summary"}});
  h.Element("span", {{"class", "govuk-details__summary-text"}},
            "Aims of " + step.earlier->title + " not carried over (" +
                std::to_string(step.not_carried.size()) + ")");
  h.Close("summary").Open("div", {{"class", "govuk-details__text"}});
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const CarriedAim& aim : step.not_carried) {
    h.Open("li").Text(std::string(KindWord(aim.kind)) + ": ");
    h.Link(AimHref(*step.earlier, aim.kind, aim.id), aim.title);
    h.Close("li");
  }
  h.Close("ul").Close("div").Close("details");
}

// Barnet's first figure from `from_year` on, and its latest, of one indicator: periods with no
// value (not published) are passed over; a suppressed one counts, shown as suppressed.
void IndicatorRow(Html& h, const PersistingIndicator& p, const IndicatorData* data, int from_year) {
  h.Open("tr", {{"class", "govuk-table__row"}});
  h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Indicator"}});
  h.Link("/indicators/" + UrlEncode(p.indicator->id), p.indicator->title);
  h.Close("td");
  const IndicatorSeries* s = data != nullptr ? data->Find(p.indicator->id) : nullptr;
  std::vector<const Assessment*> rows;
  if (s != nullptr) {
    for (const Assessment* a : data->ForArea(*s, kDefaultArea)) {
      const bool shown = a->suppressed || std::isfinite(a->value);
      if (shown && a->period.start_year >= from_year) rows.push_back(a);
    }
  }
  if (rows.empty()) {
    Cell(h, "First figure", "No figures in the span");
    Cell(h, "Latest figure", "");
    Cell(h, "Recent trend", "");
  } else {
    Cell(h, "First figure",
         DisplayValue(s->indicator, *rows.front()) + " (" + rows.front()->period.Label() + ")");
    Cell(h, "Latest figure",
         DisplayValue(s->indicator, *rows.back()) + " (" + rows.back()->period.Label() + ")");
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Recent trend"}});
    TrendText(h, Words(rows.back()->recent_trend));
    h.Close("td");
  }
  h.Close("tr");
}

void IndicatorTable(Html& h, const GenerationStep& step, const IndicatorData* data, int from_year) {
  if (step.indicators.empty()) {
    h.Element("p", {{"class", "govuk-body"}},
              "No indicator of the catalogue is linked to an aim carried over in this step.");
    return;
  }
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  TableHead(h, "Indicators that persist, Barnet",
            {{"Indicator", "govuk-!-width-one-third"},
             {"First figure", ""},
             {"Latest figure", ""},
             {"Recent trend", ""}});
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const PersistingIndicator& p : step.indicators) IndicatorRow(h, p, data, from_year);
  h.Close("tbody").Close("table");
}

}  // namespace

Html GenerationsSection(const std::vector<GenerationStep>& steps, const IndicatorData* data) {
  Html h;
  if (steps.empty()) return h;
  const Plan& earliest = *steps.front().earlier;
  const int from_year = earliest.start ? earliest.start->year : 0;
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "generations"}}, "Across plan generations");
  h.Element(
      "p", {{"class", "govuk-body"}},
      "Each plan names the plan it continues and the aims of that plan it carries over. "
      "Indicators persist when they are linked to an aim carried over, on either side. "
      "Their figures run from " +
          (from_year > 0 ? "the start of " + earliest.title + " (" + std::to_string(from_year) + ")"
                         : std::string("the first figure")) +
          " to the latest.");
  for (const GenerationStep& step : steps) {
    h.Element("h3", {{"class", "govuk-heading-m"}},
              "From " + step.earlier->title + " to " + step.later->title);
    CarriedTable(h, step);
    NotCarried(h, step);
    IndicatorTable(h, step, data, from_year);
  }
  return h;
}

}  // namespace waymark::report
