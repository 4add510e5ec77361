// The ward map section of the place page and of a ward-level indicator's page: a choropleth of
// one indicator across a council's wards, the selector of the indicator shown and the table of
// the same figures ordered by value.
#include <algorithm>
#include <cmath>

#include "report/indicator_pages.h"
#include "report/layout.h"
#include "report/map.h"

namespace waymark::report {
namespace {

// The latest period in which some ward of `wards` has a figure.
bool LatestWardPeriod(const IndicatorData& data, const IndicatorSeries& s,
                      const std::vector<const Area*>& wards, Period& out) {
  for (auto it = s.periods.rbegin(); it != s.periods.rend(); ++it) {
    for (const Area* w : wards) {
      if (data.At(s, w->code, *it) != nullptr) {
        out = *it;
        return true;
      }
    }
  }
  return false;
}

void Selector(Html& h, const WardMapChoice& choice, const IndicatorSeries& shown) {
  if (choice.choices.size() < 2) return;
  ChoiceForm form{choice.action,      choice.keep,  "map", "Indicator mapped", {},
                  shown.indicator.id, "Show on map"};
  for (const IndicatorSeries* s : choice.choices) {
    form.options.emplace_back(s->indicator.id, s->indicator.title);
  }
  RenderChoiceForm(h, form);
}

std::string BandText(int band) {
  if (band == 0) return "";
  std::string text = std::to_string(band) + " of " + std::to_string(kMapBands);
  if (band == 1) return text + " (lowest)";
  if (band == kMapBands) return text + " (highest)";
  return text;
}

void WardTable(Html& h, const std::vector<MapArea>& areas, const std::string& caption) {
  std::vector<const MapArea*> rows;
  rows.reserve(areas.size());
  for (const MapArea& a : areas) rows.push_back(&a);
  std::stable_sort(rows.begin(), rows.end(), [](const MapArea* x, const MapArea* y) {
    if (std::isfinite(x->value) != std::isfinite(y->value)) return std::isfinite(x->value);
    return std::isfinite(x->value) && x->value > y->value;
  });
  std::vector<double> values;
  values.reserve(areas.size());
  for (const MapArea& a : areas) values.push_back(a.value);
  const auto bounds = MapBandBounds(values);
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--s"}}, caption);
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view c : {"Ward", "Value", "Fifth among the wards"}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, c);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (const MapArea* a : rows) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Element("th", {{"scope", "row"}, {"class", "govuk-table__header"}}, a->name);
    Cell(h, "Value", std::isfinite(a->value) ? a->value_text : "no figure");
    Cell(h, "Fifth among the wards", BandText(MapBand(a->value, bounds)));
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

}  // namespace

std::vector<const IndicatorSeries*> WardIndicators(const IndicatorData& data,
                                                   std::string_view council) {
  std::vector<const IndicatorSeries*> out;
  const auto wards = data.WardsOf(council);
  for (const IndicatorSeries& s : data.Series()) {
    Period p;
    if (LatestWardPeriod(data, s, wards, p)) out.push_back(&s);
  }
  return out;
}

std::string WardCouncilOf(const IndicatorData& data, const IndicatorSeries& s) {
  for (const Assessment& a : s.rows) {
    const Area* area = data.FindArea(a.area);
    if (area != nullptr && area->type == AreaType::kWard) return area->parent;
  }
  return "";
}

void WardMapSection(Html& h, const IndicatorData& data, std::string_view council,
                    const IndicatorSeries* shown, const WardMapChoice& choice) {
  const std::string council_name = data.AreaName(council);
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "ward-map"}}, "Wards of " + council_name);
  const auto wards = data.WardsOf(council);
  Period period;
  if (shown == nullptr || !LatestWardPeriod(data, *shown, wards, period)) {
    h.Element("p", {{"class", "govuk-body"}}, "There are no ward figures yet.");
    return;
  }
  Selector(h, choice, *shown);
  const Indicator& ind = shown->indicator;
  const std::string heading = ind.title + ", " + period.Label();
  h.Element("h3", {{"class", "govuk-heading-m"}}, heading);
  ChoroplethMap map;
  map.id = "ward-map-svg";
  map.title = heading + ": wards of " + council_name;
  int with_figures = 0;
  for (const Area* w : wards) {
    MapArea m{w->code, w->name, data.Outline(w->code), kNoValue, ""};
    if (const Assessment* a = data.At(*shown, w->code, period); a && !a->suppressed) {
      m.value = a->value;
      m.value_text = DisplayValue(ind, *a) + (ind.unit == "%" ? "%" : "");
      with_figures += std::isfinite(a->value);
    }
    map.areas.push_back(std::move(m));
  }
  map.description = std::to_string(wards.size()) + " wards, " + std::to_string(with_figures) +
                    " with a figure, each shaded by the fifth of the wards' values it falls in, "
                    "from light (lowest) to dark (highest); wards without a figure are hatched. "
                    "The table below gives every figure.";
  h.Open("figure", {{"class", "waymark-figure waymark-map-figure"}});
  h.Append(RenderChoroplethMap(map));
  h.Close("figure");
  WardTable(h, map.areas, heading + " by ward, highest first");
  if (choice.action.empty()) return;  // on the indicator's own page
  h.Open("p", {{"class", "govuk-body"}});
  h.Link("/indicators/" + UrlEncode(ind.id), "About this indicator: " + ind.title);
  h.Close("p");
}

}  // namespace waymark::report
