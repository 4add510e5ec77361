// The indicator list and the indicator page: metadata, trend chart and table, the London
// comparison (or, for ward figures, the ward map) and the CSV of the figures shown.
#include "report/indicator_pages.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "assess/export.h"
#include "report/charts.h"
#include "report/layout.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string PolarityText(Polarity p) {
  switch (p) {
    case Polarity::kHigh:
      return "Higher is better";
    case Polarity::kLow:
      return "Lower is better";
    case Polarity::kNeutral:
      break;
  }
  return "Neither higher nor lower is better";
}

std::string CountText(double x, bool suppressed) {
  if (suppressed || !std::isfinite(x)) return "";
  return ChartNumber(x);
}

// How the indicator's figures are compared with England, in words.
std::string ComparedBy(const Indicator& ind) {
  if (ind.local) return "Not compared: a local measure, with no figure for England.";
  constexpr std::string_view kWithoutCounts =
      " A figure published without counts is placed by its fifth among English councils.";
  switch (ind.method) {
    case CiMethod::kWilson:
      return "The 95% interval (Wilson score) of each figure, computed from its counts." +
             std::string(kWithoutCounts);
    case CiMethod::kByar:
      return "The 95% interval (Byar's method) of each figure, computed from its counts." +
             std::string(kWithoutCounts);
    case CiMethod::kDsr:
    case CiMethod::kSupplied:
      break;
  }
  std::string text =
      "The 95% interval where the source gives one; otherwise each council's fifth among "
      "English councils, which is a position and not a significance test.";
  if (!ind.value_only_reason.empty()) text += " Why there are no counts: " + ind.value_only_reason;
  return text;
}

void Metadata(Html& h, const IndicatorData& data, const IndicatorSeries& s) {
  const Indicator& ind = s.indicator;
  h.Open("dl", {{"class", "govuk-summary-list"}});
  SummaryRow(h, "Definition", ind.definition);
  if (!ind.numerator.empty()) SummaryRow(h, "Numerator", ind.numerator);
  if (!ind.denominator.empty()) SummaryRow(h, "Denominator", ind.denominator);
  SummaryRow(h, "Unit", ind.unit.empty() ? std::string(ValueTypeName(ind.value_type)) : ind.unit);
  SummaryRow(h, "Polarity", PolarityText(ind.polarity));
  SummaryRow(h, "Frequency", ind.frequency);
  std::string breakdown = s.breakdown.sex;
  if (!s.breakdown.age.empty()) breakdown += ", " + s.breakdown.age;
  // An indicator published by group only leads with one group: say which.
  if (!s.breakdown.category.empty()) breakdown += ", " + s.breakdown.category;
  SummaryRow(h, "Figures shown for", breakdown);
  if (!ind.source.name.empty()) SummaryRow(h, "Source", ind.source.name);
  if (!ind.caveats.empty()) SummaryRow(h, "Caveats", ind.caveats);
  SummaryRow(h, "Compared with England by", ComparedBy(ind));
  if (ind.disclosure_min_count > 0) {
    SummaryRow(h, "Small numbers",
               "Figures from fewer than " + std::to_string(ind.disclosure_min_count) +
                   " events are suppressed.");
  }
  for (const Target& t : ind.targets) {
    SummaryRow(h, "Target",
               ChartNumber(t.value) + " by " + t.period + " for " + data.AreaName(t.area));
  }
  h.Close("dl");
}

void AreaSelector(Html& h, const IndicatorData& data, const IndicatorSeries& s,
                  std::string_view area, std::string_view action) {
  std::vector<const Area*> areas;
  for (const Area& a : data.Areas()) {
    Period p;
    if ((a.type == AreaType::kCouncil || a.code == area) && data.LatestFor(s, a.code, p)) {
      areas.push_back(&a);
    }
  }
  if (areas.size() < 2) return;
  std::sort(areas.begin(), areas.end(),
            [](const Area* x, const Area* y) { return x->name < y->name; });
  ChoiceForm form{std::string(action), {},         "area", "Area shown", {},
                  std::string(area),   "Show area"};
  for (const Area* a : areas) form.options.emplace_back(a->code, a->name);
  RenderChoiceForm(h, form);
}

void TrendSection(Html& h, const IndicatorData& data, const IndicatorSeries& s,
                  std::string_view area) {
  const Indicator& ind = s.indicator;
  const std::string name = data.AreaName(area);
  const auto rows = data.ForArea(s, area);
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "trend"}}, "Trend in " + name);
  if (rows.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "There are no figures for " + name + ".");
    return;
  }
  const TrendChart chart = AreaTrendChart(data, s, area, "trend-chart");
  h.Open("figure", {{"class", "waymark-figure"}});
  h.Append(RenderTrendChart(chart));
  h.Close("figure");
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--m"}},
            ind.title + " in " + name + (ind.unit.empty() ? "" : " (" + ind.unit + ")"));
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view c : {"Period", "Value", "95% interval", "Count", "Denominator", "England",
                             "Compared with England", "Compared with London", "Trend"}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, c);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    const Assessment& a = **it;
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Element("th", {{"scope", "row"}, {"class", "govuk-table__header"}}, a.period.Label());
    Cell(h, "Value", DisplayValue(ind, a));
    Cell(h, "95% interval", DisplayInterval(a));
    Cell(h, "Count", CountText(a.count, a.suppressed));
    Cell(h, "Denominator", CountText(a.denominator, a.suppressed));
    const Assessment* e = data.At(s, kEnglandCode, a.period);
    Cell(h, "England", e ? DisplayValue(ind, *e) : "");
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Compared with England"}});
    EnglandJudgement(h, a);
    h.Close("td");
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Compared with London"}});
    RegionJudgement(h, a);
    h.Close("td");
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Trend"}});
    TrendText(h, Words(a.recent_trend));
    h.Close("td").Close("tr");
  }
  h.Close("tbody").Close("table");
}

}  // namespace

TrendChart AreaTrendChart(const IndicatorData& data, const IndicatorSeries& s,
                          std::string_view area, std::string id) {
  const Indicator& ind = s.indicator;
  const std::string name = data.AreaName(area);
  const auto rows = data.ForArea(s, area);
  TrendChart chart;
  chart.id = std::move(id);
  chart.title = ind.title + ": " + name + " over time";
  chart.area_name = name;
  for (const Target& t : ind.targets) {
    if (t.area == area) chart.target = t.value;
  }
  if (rows.empty()) return chart;
  int shown = 0;
  for (const Assessment* a : rows) {
    TrendPoint p;
    p.period = a->period.Label();
    if (!a->suppressed) {
      p.value = a->value;
      p.lower = a->lower95;
      p.upper = a->upper95;
      if (std::isfinite(a->value)) ++shown;
    }
    if (const Assessment* e = data.At(s, kEnglandCode, a->period); e && !e->suppressed) {
      p.england = e->value;
    }
    if (const Assessment* l = data.At(s, kLondonCode, a->period); l && !l->suppressed) {
      p.london = l->value;
    }
    p.judgement = std::string(Words(a->vs_england));
    chart.points.push_back(std::move(p));
  }
  const Assessment& last = *rows.back();
  chart.description =
      name + ": " + std::to_string(shown) + " figures from " + rows.front()->period.Label() +
      " to " + last.period.Label() + ", the latest " + DisplayValue(ind, last) + " (" +
      std::string(last.vs_england == Comparison::kNone ? "not compared" : Words(last.vs_england)) +
      " compared with England), with 95% intervals and the England and London "
      "figures as lines. The table below gives every figure.";
  return chart;
}

std::string DisplayValue(const Indicator& indicator, const Assessment& a) {
  if (a.suppressed) {
    if (indicator.disclosure_min_count > 0) {
      return "suppressed: fewer than " + std::to_string(indicator.disclosure_min_count);
    }
    return "suppressed: small number";
  }
  if (!std::isfinite(a.value)) return "no value";
  return OneDecimal(a.value);
}

std::string DisplayInterval(const Assessment& a) {
  if (a.suppressed || !std::isfinite(a.lower95) || !std::isfinite(a.upper95)) return "";
  return OneDecimal(a.lower95) + " to " + OneDecimal(a.upper95);
}

void JudgementTag(Html& h, std::string_view label) {
  h.Element("strong", {{"class", JudgementTagClass(label)}},
            label.empty() ? "Not compared" : label);
}

void EnglandJudgement(Html& h, const Assessment& a) {
  JudgementTag(h, a.suppressed ? std::string_view() : Words(a.vs_england));
  const ComparisonBasis basis = a.suppressed ? ComparisonBasis::kSuppressed : a.basis;
  h.Text(" ");
  h.Element("span", {{"class", "waymark-basis"}, {"aria-hidden", "true"}},
            ComparisonBasisShort(basis));
  h.Element("span", {{"class", "govuk-visually-hidden"}},
            "(basis: " + std::string(ComparisonBasisText(basis)) + ")");
}

void RegionJudgement(Html& h, const Assessment& a) {
  const Comparison c = a.suppressed ? Comparison::kNone : a.vs_region;
  JudgementTag(h, Words(c));
  if (c != Comparison::kNone && c != Comparison::kNotCompared) return;
  // Why not: the region comparison needs an interval and a figure for the region.
  std::string_view reason = "No interval";
  if (a.suppressed) {
    reason = ComparisonBasisShort(ComparisonBasis::kSuppressed);
  } else if (IsSignificanceTest(a.basis)) {
    reason = "No regional figure";
  } else if (a.basis != ComparisonBasis::kQuintile) {
    reason = ComparisonBasisShort(a.basis);
  }
  h.Text(" ");
  h.Element("span", {{"class", "waymark-basis"}}, reason);
}

void TrendText(Html& h, std::string_view trend) {
  std::string_view arrow = "–";
  if (trend.find("Increasing") != std::string_view::npos) arrow = "↑";
  if (trend.find("Decreasing") != std::string_view::npos) arrow = "↓";
  if (trend.find("No significant") != std::string_view::npos) arrow = "→";
  h.Element("span", {{"aria-hidden", "true"}}, arrow);
  h.Text(" ");
  h.Text(trend.empty() ? "No trend" : trend);
}

void Cell(Html& h, std::string_view column, std::string_view text) {
  h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", column}}, text);
}

std::vector<const IndicatorSeries*> SearchIndicators(const IndicatorData& data,
                                                     std::string_view query) {
  std::vector<std::string> words;
  const std::string q = Lower(query);
  constexpr std::string_view kBlanks = " \t\r\n\f\v";
  for (std::size_t i = q.find_first_not_of(kBlanks); i != std::string::npos;) {
    const std::size_t j = std::min(q.find_first_of(kBlanks, i), q.size());
    words.push_back(q.substr(i, j - i));
    i = q.find_first_not_of(kBlanks, j);
  }
  std::vector<const IndicatorSeries*> out;
  for (const IndicatorSeries& s : data.Series()) {
    const std::string text =
        Lower(s.indicator.id + " " + s.indicator.title + " " + s.indicator.definition);
    bool all = true;
    for (const std::string& w : words) all = all && text.find(w) != std::string::npos;
    if (all) out.push_back(&s);
  }
  return out;
}

std::string RenderIndicatorList(const IndicatorData& data, std::string_view query) {
  const auto found = SearchIndicators(data, query);
  Html h;
  h.Element("h1", {{"class", "govuk-heading-xl"}}, "Indicators");
  h.Open("form", {{"method", "get"}, {"action", "/indicators"}, {"role", "search"}});
  h.Open("div", {{"class", "govuk-form-group"}});
  h.Element("label", {{"class", "govuk-label govuk-label--s"}, {"for", "q"}}, "Search indicators");
  h.Void("input", {{"class", "govuk-input govuk-!-width-two-thirds"},
                   {"id", "q"},
                   {"name", "q"},
                   {"type", "search"},
                   {"value", query}});
  h.Close("div");
  h.Element("button",
            {{"type", "submit"}, {"class", "govuk-button"}, {"data-module", "govuk-button"}},
            "Search");
  h.Close("form");
  const std::string count = std::to_string(found.size()) +
                            (found.size() == 1 ? " indicator" : " indicators") +
                            (query.empty() ? "" : " found");
  h.Element("p", {{"class", "govuk-body"}, {"id", "results"}}, count);
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-visually-hidden"}}, "Indicators");
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view c : {"Indicator", "Latest period", "Barnet", "Compared with England"}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, c);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (const IndicatorSeries* s : found) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("th", {{"scope", "row"}, {"class", "govuk-table__header"}});
    h.Link("/indicators/" + UrlEncode(s->indicator.id), s->indicator.title);
    h.Close("th");
    Period p;
    const Assessment* a =
        data.LatestFor(*s, kDefaultArea, p) ? data.At(*s, kDefaultArea, p) : nullptr;
    Cell(h, "Latest period", a ? p.Label() : "");
    Cell(h, "Barnet", a ? DisplayValue(s->indicator, *a) : "no figures");
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Compared with England"}});
    if (a) EnglandJudgement(h, *a);
    h.Close("td").Close("tr");
  }
  h.Close("tbody").Close("table");
  PageFrame frame{"Indicators", {{"Home", "/"}, {"Indicators", ""}}, NavItem::kIndicators, {}};
  return RenderPage(frame, h);
}

std::string RenderIndicatorPage(const IndicatorData& data, const IndicatorSeries& s,
                                std::string_view area, const std::optional<Period>& period,
                                const Html& inequalities) {
  const Indicator& ind = s.indicator;
  const std::string path = "/indicators/" + UrlEncode(ind.id);
  const std::string query =
      "?area=" + UrlEncode(area) + (period ? "&period=" + UrlEncode(period->Label()) : "");
  Html h;
  h.Element("span", {{"class", "govuk-caption-l"}}, "Indicator for " + data.AreaName(area));
  h.Element("h1", {{"class", "govuk-heading-xl"}}, ind.title);
  AreaSelector(h, data, s, area, path);
  Metadata(h, data, s);
  const std::string council = WardCouncilOf(data, s);
  const bool wards_only = !council.empty() && data.ForArea(s, area).empty();
  if (!wards_only) {
    TrendSection(h, data, s, area);
    LondonComparison(h, data, s, area, path + "#london-chart-heading", period);
    h.Open("p", {{"class", "govuk-body"}});
    h.Link("/compare/" + UrlEncode(ind.id) + query, "Compare with statistical neighbours");
    h.Close("p");
  }
  h.Append(inequalities);
  if (!council.empty()) WardMapSection(h, data, council, &s, WardMapChoice{});
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Download");
  h.Open("ul", {{"class", "govuk-list"}});
  h.Open("li").Link(path + ".csv" + query, "Figures on this page (CSV)").Close("li");
  h.Open("li")
      .Link("/api/v1/indicators/" + UrlEncode(ind.id) + "/data" + (wards_only ? "" : query),
            "Figures as JSON (API)")
      .Close("li");
  h.Close("ul");
  PageFrame frame{ind.title,
                  {{"Home", "/"}, {"Indicators", "/indicators"}, {ind.title, ""}},
                  NavItem::kIndicators,
                  {}};
  return RenderPage(frame, h);
}

std::vector<const Assessment*> LatestAmong(const IndicatorData& data, const IndicatorSeries& s,
                                           std::string_view area,
                                           const std::vector<std::string>& members, Period& period,
                                           const std::optional<Period>& chosen) {
  std::vector<const Assessment*> out;
  // The latest period in which at least two of the members have figures, else the area's own
  // latest period.
  bool found = chosen.has_value();
  if (chosen) period = *chosen;
  for (auto it = s.periods.rbegin(); it != s.periods.rend() && !found; ++it) {
    int with_figures = 0;
    for (const std::string& m : members) with_figures += data.At(s, m, *it) != nullptr;
    if (with_figures >= 2 || (members.size() < 2 && with_figures == 1)) {
      period = *it;
      found = true;
    }
  }
  if (!found) found = data.LatestFor(s, area, period);
  if (!found) return out;
  for (const std::string& m : members) {
    if (const Assessment* a = data.At(s, m, period)) out.push_back(a);
  }
  if (std::find(members.begin(), members.end(), area) == members.end()) {
    if (const Assessment* a = data.At(s, area, period)) out.push_back(a);
  }
  return out;
}

std::string IndicatorPageCsv(const IndicatorData& data, const IndicatorSeries& s,
                             std::string_view area, const std::optional<Period>& period) {
  std::vector<Assessment> rows;
  for (const Assessment* a : data.ForArea(s, area)) rows.push_back(*a);
  Period shown;
  for (const Assessment* a : LatestAmong(data, s, area, data.LondonBoroughs(), shown, period)) {
    if (a->area != area) rows.push_back(*a);
  }
  for (const Area* ward : data.WardsOf(WardCouncilOf(data, s))) {
    if (ward->code == area) continue;  // already there as the area's own figures
    for (const Assessment* a : data.ForArea(s, ward->code)) rows.push_back(*a);
  }
  return assess::AssessmentsCsv(rows);
}

}  // namespace waymark::report
