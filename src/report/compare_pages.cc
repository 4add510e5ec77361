// Comparisons between areas: the comparison chart and table, the compare page of one
// indicator, the tartan rug, an area's key facts and the indicator slots of the plan pages.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/plan_lineage.h"
#include "report/charts.h"
#include "report/indicator_pages.h"
#include "report/layout.h"
#include "report/period_selector.h"
#include "report/plan_text.h"
#include "stats/quantile.h"

namespace waymark::report {
namespace {

void TableHead(Html& h, std::initializer_list<std::string_view> columns) {
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view c : columns) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, c);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
}

void LegendItem(Html& h, std::string_view letter, std::string_view text) {
  h.Open("li");
  h.Element("span", {{"class", "waymark-rug-cell waymark-j-" + std::string(letter)}},
            letter == "X" ? "–" : letter);
  h.Text(" ");
  h.Text(text);
  h.Close("li");
}

// The rug's key: significance results, fifths among English councils where no interval can be
// had, and what "N" and "–" mean.
void Legend(Html& h) {
  h.Element("h2", {{"class", "govuk-heading-s"}}, "Key");
  h.Element("p", {{"class", "govuk-body-s"}},
            "Compared with England by the 95% interval (Wilson, Byar or as the source gives it):");
  h.Open("ul", {{"class", "govuk-list waymark-legend"}});
  for (std::string_view label : {"Better", "Similar", "Worse", "Higher", "Lower"}) {
    LegendItem(h, JudgementLetter(label),
               std::string(label) + (label == "Similar" ? " to England" : " than England"));
  }
  h.Close("ul");
  h.Element("p", {{"class", "govuk-body-s"}},
            "Where no interval can be had, the borough's fifth among English councils: a "
            "position, not a significance test:");
  h.Open("ul", {{"class", "govuk-list waymark-legend"}});
  for (int quintile = 1; quintile <= 5; ++quintile) {
    const auto label = stats::QuintileLabel(quintile, stats::Polarity::kHighIsGood);
    LegendItem(h, JudgementLetter(label), label);
  }
  h.Close("ul");
  h.Element("p", {{"class", "govuk-body-s"}},
            "For an indicator where neither is better, 1 is the lowest fifth and 5 the highest.");
  h.Open("ul", {{"class", "govuk-list waymark-legend"}});
  LegendItem(h, "N",
             "Not compared: only London boroughs publish it, it is a local measure, or its "
             "figures are suppressed (each cell says why to screen readers; the indicator's "
             "page says why in words)");
  LegendItem(h, "X", "No figure for this period");
  h.Close("ul");
}

// One borough's cell of the rug: its letter, with the judgement and its basis in words for
// screen readers.
void RugCell(Html& h, const Assessment* a) {
  if (a == nullptr) {
    h.Open("td", {{"class", "govuk-table__cell waymark-rug-cell waymark-j-X"}});
    h.Element("span", {{"aria-hidden", "true"}}, "–");
    h.Element("span", {{"class", "govuk-visually-hidden"}}, "No figure");
    h.Close("td");
    return;
  }
  const Comparison c = a->suppressed ? Comparison::kNone : a->vs_england;
  const std::string_view label = Words(c == Comparison::kNone ? Comparison::kNotCompared : c);
  const auto basis = a->suppressed ? ComparisonBasis::kSuppressed : a->basis;
  const std::string letter(JudgementLetter(label));
  h.Open("td", {{"class", "govuk-table__cell waymark-rug-cell waymark-j-" + letter}});
  h.Element("span", {{"aria-hidden", "true"}}, letter);
  h.Element("span", {{"class", "govuk-visually-hidden"}},
            std::string(label) + " (" + std::string(ComparisonBasisText(basis)) + ")");
  h.Close("td");
}

bool LinkedTo(const Indicator& ind, const Plan& plan, const Outcome& outcome) {
  return EvidencesAim(ind, plan, LineageKind::kOutcome, outcome.id, outcome.continues);
}

double Quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNoValue;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto i = static_cast<std::size_t>(std::floor(pos));
  const std::size_t j = std::min(i + 1, sorted.size() - 1);
  return sorted[i] + (sorted[j] - sorted[i]) * (pos - static_cast<double>(i));
}

}  // namespace

SpineRow AreaSpineRow(const IndicatorData& data, const IndicatorSeries& s, std::string_view area,
                      const Period& p, std::string id) {
  const Assessment* a = data.At(s, area, p);
  const Assessment* e = data.At(s, kEnglandCode, p);
  std::vector<double> councils;
  for (const Assessment* c : data.InPeriod(s, p)) {
    const Area* known = data.FindArea(c->area);
    if (known && known->type == AreaType::kCouncil && !c->suppressed && std::isfinite(c->value)) {
      councils.push_back(c->value);
    }
  }
  std::sort(councils.begin(), councils.end());
  const std::string area_name = data.AreaName(area);
  SpineRow spine;
  spine.id = std::move(id);
  spine.title = s.indicator.title + ": " + area_name + " against the range of councils";
  spine.value = (a == nullptr || a->suppressed) ? kNoValue : a->value;
  spine.england = (e && !e->suppressed) ? e->value : kNoValue;
  spine.min = councils.empty() ? kNoValue : councils.front();
  spine.q25 = Quantile(councils, 0.25);
  spine.q75 = Quantile(councils, 0.75);
  spine.max = councils.empty() ? kNoValue : councils.back();
  spine.judgement = a ? std::string(Words(a->vs_england)) : std::string();
  spine.description = area_name + " " + (a ? DisplayValue(s.indicator, *a) : "no figure") +
                      ", England " + ChartNumber(spine.england) +
                      " (centre line); councils range from " + ChartNumber(spine.min) + " to " +
                      ChartNumber(spine.max) + ", the middle half from " +
                      ChartNumber(spine.q25) + " to " + ChartNumber(spine.q75) + ".";
  return spine;
}

void ComparisonSection(Html& h, const IndicatorData& data, const IndicatorSeries& s,
                       std::string_view area, const std::vector<std::string>& members,
                       std::string_view heading, std::string_view id,
                       const std::optional<Period>& chosen) {
  const Indicator& ind = s.indicator;
  Period period;
  auto rows = LatestAmong(data, s, area, members, period, chosen);
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", std::string(id) + "-heading"}},
            std::string(heading) + (rows.empty() && !chosen ? "" : " in " + period.Label()));
  if (rows.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "There are no figures to compare.");
    return;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Assessment* x, const Assessment* y) {
    const double vx = x->suppressed ? kNoValue : x->value;
    const double vy = y->suppressed ? kNoValue : y->value;
    if (std::isfinite(vx) != std::isfinite(vy)) return std::isfinite(vx);
    return std::isfinite(vx) && vx > vy;
  });
  ComparisonChart chart;
  chart.id = std::string(id);
  chart.title = ind.title + ": " + std::string(heading) + ", " + period.Label();
  if (const Assessment* e = data.At(s, kEnglandCode, period); e && !e->suppressed) {
    chart.england = e->value;
  }
  int rank = 0;
  std::string area_rank;
  for (const Assessment* a : rows) {
    ComparisonBar b;
    b.label = data.AreaName(a->area);
    if (!a->suppressed) {
      b.value = a->value;
      b.lower = a->lower95;
      b.upper = a->upper95;
    }
    b.judgement = std::string(Words(a->vs_england));
    b.highlight = a->area == area;
    ++rank;
    if (b.highlight) area_rank = std::to_string(rank);
    chart.bars.push_back(std::move(b));
  }
  chart.description =
      std::to_string(rows.size()) + " areas sorted from highest to lowest value" +
      (area_rank.empty() ? std::string()
                         : ", " + data.AreaName(area) + " highlighted at " + area_rank) +
      ", each with its 95% interval, coloured by comparison with England (" +
      ChartNumber(chart.england) +
      ", the dashed line). The table below gives "
      "every figure.";
  h.Open("figure", {{"class", "waymark-figure"}});
  h.Append(RenderComparisonChart(chart));
  h.Close("figure");
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--m"}},
            ind.title + ", " + std::string(heading) + ", " + period.Label());
  TableHead(h, {"Area", "Value", "95% interval", "Compared with England"});
  for (const Assessment* a : rows) {
    h.Open("tr", {{"class",
                   a->area == area ? "govuk-table__row waymark-highlight" : "govuk-table__row"}});
    h.Open("th", {{"scope", "row"}, {"class", "govuk-table__header"}});
    h.Link("/indicators/" + UrlEncode(ind.id) + "?area=" + UrlEncode(a->area),
           data.AreaName(a->area));
    h.Close("th");
    Cell(h, "Value", DisplayValue(ind, *a));
    Cell(h, "95% interval", DisplayInterval(*a));
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Compared with England"}});
    EnglandJudgement(h, *a);
    h.Close("td").Close("tr");
  }
  h.Close("tbody").Close("table");
}

void LondonComparison(Html& h, const IndicatorData& data, const IndicatorSeries& s,
                      std::string_view area, const std::string& action,
                      const std::optional<Period>& chosen) {
  Period shown;
  LatestAmong(data, s, area, data.LondonBoroughs(), shown, chosen);
  PeriodSelector(h, {action, PeriodsNewestFirst(s), shown, "", {{"area", std::string(area)}}});
  ComparisonSection(h, data, s, area, data.LondonBoroughs(), "London boroughs", "london-chart",
                    chosen);
}

std::string RenderComparePage(const IndicatorData& data, const IndicatorSeries& s,
                              std::string_view area, const std::optional<Period>& period) {
  const Indicator& ind = s.indicator;
  Html h;
  h.Element("span", {{"class", "govuk-caption-l"}}, "Compare areas");
  h.Element("h1", {{"class", "govuk-heading-xl"}}, ind.title);
  h.Open("p", {{"class", "govuk-body"}});
  h.Link("/indicators/" + UrlEncode(ind.id) + "?area=" + UrlEncode(area),
         "The indicator's definition and trend in " + data.AreaName(area));
  h.Close("p");
  LondonComparison(h, data, s, area, "/compare/" + UrlEncode(ind.id), period);
  const auto neighbours = data.NeighboursOf(area);
  if (!neighbours.empty()) {
    ComparisonSection(h, data, s, area, neighbours,
                      "Statistical neighbours of " + data.AreaName(area), "neighbours-chart",
                      period);
  }
  PageFrame frame{"Compare areas: " + ind.title,
                  {{"Home", "/"}, {"Compare areas", "/compare"}, {ind.title, ""}},
                  NavItem::kCompare,
                  {}};
  return RenderPage(frame, h);
}

std::string RenderTartanRug(const IndicatorData& data, const std::optional<Period>& period) {
  const auto& boroughs = data.LondonBoroughs();
  const std::string in = period ? " in " + period->Label() : "";
  Html h;
  h.Element("h1", {{"class", "govuk-heading-xl"}}, "Compare London boroughs");
  PeriodSelector(h,
                 {"/compare", PeriodsNewestFirst(data), period, "Latest for each indicator", {}});
  h.Element(
      "p", {{"class", "govuk-body"}},
      std::string(period ? "Each indicator's figure" + in : "Each indicator's latest figure") +
          " for every London borough, compared with England. Each cell names the "
          "comparison with a letter:");
  Legend(h);
  h.Element("h2", {{"class", "govuk-heading-m"}, {"id", "rug-heading"}},
            "Indicators by London borough" + in + ", compared with England");
  h.Open("div", {{"class", "waymark-scroll"},
                 {"role", "region"},
                 {"aria-labelledby", "rug-heading"},
                 {"tabindex", "0"}});
  h.Open("table", {{"class", "govuk-table waymark-rug"}});
  h.Element("caption", {{"class", "govuk-visually-hidden"}},
            "Indicators by London borough" + in + ", compared with England");
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, "Indicator");
  h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, "Period");
  for (const std::string& code : boroughs) {
    h.Open("th", {{"scope", "col"}, {"class", "govuk-table__header waymark-rug-area"}});
    h.Link("/areas/" + UrlEncode(code), data.AreaName(code));
    h.Close("th");
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  int rows_shown = 0;
  for (const IndicatorSeries& s : data.Series()) {
    Period shown;
    const auto rows = LatestAmong(data, s, kDefaultArea, boroughs, shown, period);
    if (rows.empty()) continue;
    ++rows_shown;
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("th", {{"scope", "row"}, {"class", "govuk-table__header"}});
    h.Link("/compare/" + UrlEncode(s.indicator.id) +
               (period ? "?period=" + UrlEncode(period->Label()) : ""),
           s.indicator.title);
    h.Close("th");
    h.Element("td", {{"class", "govuk-table__cell"}}, shown.Label());
    for (const std::string& code : boroughs) {
      const Assessment* a = data.At(s, code, shown);
      RugCell(h, a);
    }
    h.Close("tr");
  }
  h.Close("tbody").Close("table").Close("div");
  if (rows_shown == 0) {
    h.Element("p", {{"class", "govuk-body"}},
              "No indicator has figures for London boroughs" + in + ".");
  }
  PageFrame frame{"Compare London boroughs" + in,
                  {{"Home", "/"}, {"Compare areas", ""}},
                  NavItem::kCompare,
                  {}};
  return RenderPage(frame, h);
}

std::string RenderAreaPage(const IndicatorData& data, const Area& area,
                           const std::optional<Period>& period, const IndicatorSeries* map) {
  Html h;
  std::string kind(AreaTypeName(area.type));
  if (!kind.empty()) kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
  std::replace(kind.begin(), kind.end(), '-', ' ');
  h.Element("span", {{"class", "govuk-caption-l"}}, kind);
  h.Element("h1", {{"class", "govuk-heading-xl"}}, area.name);
  h.Open("dl", {{"class", "govuk-summary-list"}});
  SummaryRow(h, "Area code", area.code);
  if (!area.parent.empty()) SummaryRow(h, "Part of", data.AreaName(area.parent));
  const auto neighbours = data.NeighboursOf(area.code);
  if (!neighbours.empty()) {
    std::string names;
    for (const std::string& n : neighbours) names += (names.empty() ? "" : ", ") + data.AreaName(n);
    SummaryRow(h, "Statistical neighbours", names);
  }
  h.Close("dl");
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "key-facts"}},
            "Key facts" + (period ? " in " + period->Label() : ""));
  PeriodSelector(h, {"/areas/" + UrlEncode(area.code) + "#key-facts",
                     PeriodsNewestFirst(data, area.code),
                     period,
                     "Latest for each indicator",
                     {}});
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-visually-hidden"}},
            (period ? "Figure in " + period->Label() : std::string("Latest figure")) +
                " of each indicator for " + area.name);
  TableHead(h, {"Indicator", "Period", "Value", "England", "Compared with England", "Trend"});
  int shown = 0;
  for (const IndicatorSeries& s : data.Series()) {
    Period p;
    if (period) {
      p = *period;
    } else if (!data.LatestFor(s, area.code, p)) {
      continue;
    }
    const Assessment* a = data.At(s, area.code, p);
    if (a == nullptr) continue;
    ++shown;
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("th", {{"scope", "row"}, {"class", "govuk-table__header"}});
    h.Link("/indicators/" + UrlEncode(s.indicator.id) + "?area=" + UrlEncode(area.code),
           s.indicator.title);
    h.Close("th");
    Cell(h, "Period", p.Label());
    Cell(h, "Value", DisplayValue(s.indicator, *a));
    const Assessment* e = data.At(s, kEnglandCode, p);
    Cell(h, "England", e ? DisplayValue(s.indicator, *e) : "");
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Compared with England"}});
    EnglandJudgement(h, *a);
    h.Close("td");
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Trend"}});
    TrendText(h, Words(a->recent_trend));
    h.Close("td").Close("tr");
  }
  h.Close("tbody").Close("table");
  if (shown == 0) {
    h.Element("p", {{"class", "govuk-body"}},
              "There are no figures for this area" +
                  (period ? " in " + period->Label() : std::string()) + ".");
  }
  if (!data.WardsOf(area.code).empty()) {
    WardMapChoice choice{
        "/areas/" + UrlEncode(area.code) + "#ward-map", WardIndicators(data, area.code), {}};
    if (period) choice.keep.emplace_back("period", period->Label());
    if (map == nullptr && !choice.choices.empty()) map = choice.choices.front();
    WardMapSection(h, data, area.code, map, choice);
  }
  PageFrame frame{area.name,
                  {{"Home", "/"}, {"Compare areas", "/compare"}, {area.name, ""}},
                  NavItem::kCompare,
                  {}};
  return RenderPage(frame, h);
}

Html OverviewIndicatorSummary(const IndicatorData& data, const Plan& plan, const Outcome& outcome) {
  int linked = 0, better = 0, similar = 0, worse = 0, fifth = 0, other = 0, improving = 0;
  for (const IndicatorSeries& s : data.Series()) {
    if (!LinkedTo(s.indicator, plan, outcome)) continue;
    Period p;
    if (!data.LatestFor(s, kDefaultArea, p)) continue;
    const Assessment* a = data.At(s, kDefaultArea, p);
    if (a == nullptr) continue;
    ++linked;
    const Comparison c = a->vs_england;
    const bool is_better = IsBetter(c), is_similar = c == Comparison::kSimilar;
    better += is_better ? 1 : 0;
    similar += is_similar ? 1 : 0;
    worse += IsWorse(c) ? 1 : 0;
    fifth += IsFifth(c) ? 1 : 0;
    other += !is_better && !is_similar && !IsWorse(c) && !IsFifth(c) ? 1 : 0;
    improving += IsGettingBetter(a->recent_trend) ? 1 : 0;
  }
  Html h;
  if (linked == 0) return h;
  h.Element("h4", {{"class", "govuk-heading-s"}},
            "Indicators for " + data.AreaName(kDefaultArea) + " (latest figures)");
  h.Open("ul", {{"class", "govuk-list waymark-counts"}});
  auto item = [&h](int n, std::string_view label, std::string_view tag) {
    h.Open("li");
    h.Element("strong", {{"class", tag}}, std::to_string(n));
    h.Text(" ");
    h.Text(label);
    h.Close("li");
  };
  item(better, "better than England", "govuk-tag govuk-tag--green");
  item(similar, "similar to England", "govuk-tag govuk-tag--yellow");
  item(worse, "worse than England", "govuk-tag govuk-tag--red");
  if (fifth > 0) {
    item(fifth, "placed by their fifth among English councils (no interval)",
         "govuk-tag govuk-tag--purple");
  }
  if (other > 0) item(other, "not compared", "govuk-tag govuk-tag--grey");
  item(improving, "improving", "govuk-tag govuk-tag--blue");
  h.Close("ul");
  return h;
}

Html OutcomeIndicatorSpine(const IndicatorData& data, const Plan& plan, const Outcome& outcome) {
  Html h;
  Html rows;
  int n = 0;
  const std::string area_name = data.AreaName(kDefaultArea);
  for (const IndicatorSeries& s : data.Series()) {
    if (!LinkedTo(s.indicator, plan, outcome)) continue;
    Period p;
    if (!data.LatestFor(s, kDefaultArea, p)) continue;
    const Assessment* a = data.At(s, kDefaultArea, p);
    const Assessment* e = data.At(s, kEnglandCode, p);
    if (a == nullptr) continue;
    const SpineRow spine = AreaSpineRow(data, s, kDefaultArea, p, "spine-" + std::to_string(++n));
    rows.Open("tr", {{"class", "govuk-table__row"}});
    rows.Open("th", {{"scope", "row"}, {"class", "govuk-table__header"}});
    rows.Link("/indicators/" + UrlEncode(s.indicator.id), s.indicator.title);
    rows.Close("th");
    Cell(rows, "Period", p.Label());
    Cell(rows, area_name, DisplayValue(s.indicator, *a));
    Cell(rows, "England", e ? DisplayValue(s.indicator, *e) : "");
    rows.Open("td", {{"class", "govuk-table__cell waymark-spine"}, {"data-label", "Range"}});
    rows.Append(RenderSpineChart(spine));
    rows.Element("span", {{"class", "govuk-body-s"}},
                 "Range " + ChartNumber(spine.min) + " to " + ChartNumber(spine.max));
    rows.Close("td");
    rows.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Compared with England"}});
    EnglandJudgement(rows, *a);
    rows.Close("td");
    rows.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Trend"}});
    TrendText(rows, Words(a->recent_trend));
    rows.Close("td").Close("tr");
  }
  if (n == 0) return h;
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "indicators"}}, "Indicators");
  h.Element(
      "p", {{"class", "govuk-body"}},
      "Each row shows " + area_name +
          "'s latest figure (the circle) against all English "
          "councils: the light bar runs from the lowest to the highest, the dark bar covers the "
          "middle half, and the line in the centre is England.");
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-visually-hidden"}},
            "Indicators of this outcome for " + area_name);
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view c :
       {std::string_view("Indicator"), std::string_view("Period"), std::string_view(area_name),
        std::string_view("England"), std::string_view("Range of councils"),
        std::string_view("Compared with England"), std::string_view("Trend")}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, c);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  h.Append(rows);
  h.Close("tbody").Close("table");
  return h;
}

}  // namespace waymark::report
