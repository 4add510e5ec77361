// The composite index page: ranking with rank bands, one area's breakdown, method statement.
#include "report/index_page.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "report/charts.h"

namespace waymark::report {
namespace {

constexpr std::string_view kBand = "#1d70b8";
constexpr std::string_view kHighlight = "#d4351c";

std::string Num(double x) { return OneDecimal(x); }

// Ranks are whole numbers unless medians or quantiles fall between two (then one decimal).
std::string RankText(double x) {
  if (!std::isfinite(x)) return "–";
  const double whole = std::round(x);
  return std::fabs(x - whole) < 0.05 ? std::to_string(static_cast<long long>(whole)) : Num(x);
}

// The uncertain inputs of the Monte Carlo runs in words.
std::string FactorName(std::string_view factor) {
  if (factor == "weights") return "Weights";
  if (factor == "normalisation") return "Scaling (normalisation)";
  if (factor == "aggregation") return "Combining (arithmetic or geometric mean)";
  if (factor == "imputation") return "Filling missing figures (imputation)";
  if (factor == "treatment") return "Outlier treatment";
  if (factor == "exclusion") return "Leaving out one indicator";
  return std::string(factor);
}

std::string Score(double x) { return std::isfinite(x) ? Num(x) : "–"; }

std::string Band(double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return "–";
  return RankText(lo) + " to " + RankText(hi);
}

std::string Sobol(double x, double lo, double hi) {
  if (!std::isfinite(x)) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f (%.2f to %.2f)", x, lo, hi);
  return buf;
}

bool Contains(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

std::string ComparisonName(std::string_view comparison) {
  if (comparison == "all-councils") return "all English councils";
  if (comparison == "neighbours") return "the statistical neighbours";
  return "the London boroughs";
}

std::string NormalisationText(const IndexMethod& m) {
  std::string n = m.normalisation.value_or("minmax");
  if (n == "minmax") return "Min–max: each measure's worst value over the years is 0, its best 100";
  if (n == "zscore") return "Standard scores (distance from the mean in standard deviations)";
  if (n == "rank") return "Ranks among the areas";
  if (n == "percent_rank") return "Percentile ranks among the areas";
  return n;
}

std::string AggregationText(const IndexMethod& m) {
  std::string a = m.aggregation.value_or("arithmetic");
  if (a == "arithmetic") return "Weighted arithmetic mean of the measures";
  if (a == "geometric") return "Weighted geometric mean of the measures";
  if (a == "harmonic") return "Weighted harmonic mean of the measures";
  return a;
}

void Row(Html& h, std::string_view key, std::string_view value) {
  h.Open("div", {{"class", "govuk-summary-list__row"}});
  h.Element("dt", {{"class", "govuk-summary-list__key"}}, key);
  h.Element("dd", {{"class", "govuk-summary-list__value"}}, value);
  h.Close("div");
}

void Head(Html& h, std::string_view caption, std::initializer_list<std::string_view> columns) {
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--m"}}, caption);
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view c : columns) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, c);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
}

void Cell(Html& h, std::string_view label, std::string_view text) {
  h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", label}}, text);
}

std::string PageUrl(const IndexPage& p, int year, std::string_view area) {
  std::string url = "/index?year=" + std::to_string(year);
  if (!area.empty()) url += "&area=" + UrlEncode(area);
  if (p.links.CarriesPlan()) url += "&plan=" + UrlEncode(p.links.PlanId());
  return url;
}

std::vector<const store::IndexAreaYear*> RowsOf(const store::IndexResults& r, int year) {
  std::vector<const store::IndexAreaYear*> rows;
  for (const store::IndexAreaYear& row : r.rows) {
    if (row.year == year) rows.push_back(&row);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    if (std::isfinite(a->rank) != std::isfinite(b->rank)) return std::isfinite(a->rank);
    return a->rank < b->rank;
  });
  return rows;
}

void YearForm(Html& h, const IndexPage& p, const std::vector<int>& years) {
  if (years.size() < 2) return;
  h.Open("form", {{"method", "get"}, {"action", "/index"}, {"class", "govuk-!-margin-bottom-6"}});
  if (p.links.CarriesPlan()) {
    h.Void("input", {{"type", "hidden"}, {"name", "plan"}, {"value", p.links.PlanId()}});
  }
  if (!p.area.empty()) {
    h.Void("input", {{"type", "hidden"}, {"name", "area"}, {"value", p.area}});
  }
  h.Open("div", {{"class", "govuk-form-group"}});
  h.Element("label", {{"class", "govuk-label govuk-label--s"}, {"for", "year"}}, "Year shown");
  h.Open("select", {{"class", "govuk-select waymark-select"}, {"id", "year"}, {"name", "year"}});
  for (auto it = years.rbegin(); it != years.rend(); ++it) {
    if (*it == p.year) {
      h.Element("option", {{"value", std::to_string(*it)}, {"selected", "selected"}},
                std::to_string(*it));
    } else {
      h.Element("option", {{"value", std::to_string(*it)}}, std::to_string(*it));
    }
  }
  h.Close("select").Close("div");
  h.Element("button",
            {{"type", "submit"},
             {"class", "govuk-button govuk-button--secondary"},
             {"data-module", "govuk-button"}},
            "Show year");
  h.Close("form");
}

void HomeSummary(Html& h, const IndexPage& p,
                 const std::vector<const store::IndexAreaYear*>& rows) {
  for (const store::IndexAreaYear* row : rows) {
    if (row->area != p.home_area) continue;
    const std::string name = p.data->AreaName(row->area);
    h.Element("h2", {{"class", "govuk-heading-l"}}, name + " in " + std::to_string(p.year));
    h.Open("dl", {{"class", "govuk-summary-list"}});
    Row(h, "Score (0 to 100)", Score(row->score));
    Row(h, "Rank", RankText(row->rank) + " of " + std::to_string(rows.size()));
    Row(h, "Median rank under other methods", RankText(row->rank_median));
    Row(h, "Rank in 90% of the other methods", Band(row->rank_p05, row->rank_p95));
    h.Close("dl");
    return;
  }
}

void Ranking(Html& h, const IndexPage& p, const std::vector<const store::IndexAreaYear*>& rows) {
  const std::string year = std::to_string(p.year);
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "ranking"}}, "Ranking in " + year);
  RankBandChart chart;
  chart.id = "index-ranks";
  chart.title = p.plan->index->title + ": ranks in " + year + " with their 5–95% bands";
  chart.ranked = static_cast<int>(rows.size());
  for (const store::IndexAreaYear* row : rows) {
    chart.rows.push_back(RankBandRow{p.data->AreaName(row->area), row->rank, row->rank_median,
                                     row->rank_p05, row->rank_p95, row->area == p.home_area});
  }
  chart.description =
      std::to_string(rows.size()) + " areas from rank 1 (best) down. For each, a dot marks the " +
      "rank under the plan's method, a line the ranks it takes in 90% of " +
      std::to_string(p.results->runs) + " alternative methods, and a tick the median of those" +
      (p.home_area.empty() ? "" : "; " + p.data->AreaName(p.home_area) + " is in red") +
      ". The table below gives every figure.";
  h.Open("figure", {{"class", "waymark-figure"}});
  h.Append(RenderRankBandChart(chart));
  h.Close("figure");
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  Head(h, p.plan->index->title + ", " + year,
       {"Area", "Score", "Rank", "Median rank", "5–95% band"});
  for (const store::IndexAreaYear* row : rows) {
    const bool home = row->area == p.home_area;
    h.Open("tr", {{"class", home ? "govuk-table__row waymark-highlight" : "govuk-table__row"}});
    h.Open("th", {{"scope", "row"}, {"class", "govuk-table__header"}});
    h.Link(PageUrl(p, p.year, row->area) + "#breakdown", p.data->AreaName(row->area));
    h.Close("th");
    Cell(h, "Score", Score(row->score));
    Cell(h, "Rank", RankText(row->rank));
    Cell(h, "Median rank", RankText(row->rank_median));
    Cell(h, "5–95% band", Band(row->rank_p05, row->rank_p95));
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

std::string MeasureNote(const store::IndexResults& r, const IndexMeasure& m) {
  if (Contains(r.measures_awaiting, m.id)) return "Awaiting data: not in the index";
  if (Contains(r.measures_goalposts, m.id) && m.goalposts) {
    return "Local measure: fixed goalposts " + ChartNumber(m.goalposts->first) + " to " +
           ChartNumber(m.goalposts->second);
  }
  return "";
}

void Breakdown(Html& h, const IndexPage& p) {
  const CompositeIndex& index = *p.plan->index;
  const std::string name = p.data->AreaName(p.area);
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "breakdown"}},
            name + ": the measures in " + std::to_string(p.year));
  const store::IndexAreaYear* shown = nullptr;
  for (const store::IndexAreaYear& row : p.results->rows) {
    if (row.area == p.area && row.year == p.year) shown = &row;
  }
  if (shown == nullptr) {
    h.Element("p", {{"class", "govuk-body"}},
              name + " has no score in " + std::to_string(p.year) +
                  ": too few of the measures have figures for it.");
  } else {
    h.Element("p", {{"class", "govuk-body"}},
              "Each measure is scored from 0 to 100 (higher is better). Under the arithmetic "
              "mean the contributions add up to the index score of " +
                  Score(shown->score) + ".");
    h.Open("table", {{"class", "govuk-table waymark-table"}});
    Head(h, name + ", " + std::to_string(p.year), {"Measure", "Score", "Contribution", "Note"});
    for (const IndexMeasure& m : index.measures) {
      double score = kNoValue, contribution = kNoValue;
      for (const store::IndexMeasureScore& s : shown->measures) {
        if (s.measure != m.id) continue;
        score = s.score;
        contribution = s.contribution;
      }
      h.Open("tr", {{"class", "govuk-table__row"}});
      h.Element("th", {{"scope", "row"}, {"class", "govuk-table__header"}}, m.title);
      Cell(h, "Score", Score(score));
      Cell(h, "Contribution", std::isfinite(score) ? Score(contribution) : "–");
      Cell(h, "Note", MeasureNote(*p.results, m));
      h.Close("tr");
    }
    h.Close("tbody").Close("table");
  }
  std::map<int, int> ranked;
  for (const store::IndexAreaYear& row : p.results->rows) ++ranked[row.year];
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  Head(h, name + " over the years", {"Year", "Score", "Rank", "5–95% band"});
  for (const store::IndexAreaYear& row : p.results->rows) {
    if (row.area != p.area) continue;
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Element("th", {{"scope", "row"}, {"class", "govuk-table__header"}}, std::to_string(row.year));
    Cell(h, "Score", Score(row.score));
    Cell(h, "Rank", RankText(row.rank) + " of " + std::to_string(ranked[row.year]));
    Cell(h, "5–95% band", Band(row.rank_p05, row.rank_p95));
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

void Measures(Html& h, const IndexPage& p) {
  const store::IndexResults& r = *p.results;
  h.Element("h3", {{"class", "govuk-heading-m"}}, "Measures");
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const IndexMeasure& m : p.plan->index->measures) {
    const std::string note = MeasureNote(r, m);
    h.Element("li", {}, note.empty() ? m.title : m.title + " (" + note + ")");
  }
  h.Close("ul");
  if (!r.measures_goalposts.empty()) {
    const std::string home =
        p.home_area.empty() ? "the plan's council" : p.data->AreaName(p.home_area);
    h.Element("p", {{"class", "govuk-body"}},
              "Local measures exist only for " + home +
                  " (its own surveys). They are scaled by fixed goalposts instead of by the "
                  "range of the comparison set, onto the same 0 to 100 scale, so that they count "
                  "for " +
                  home +
                  ". They are not imputed for other areas and are left out of the coverage "
                  "rule: other areas are scored on the remaining measures, and no area reaches "
                  "the coverage it needs through them.");
  }
  if (!r.measures_awaiting.empty()) {
    h.Element("p", {{"class", "govuk-body"}},
              "Measures awaiting data have no figures yet and are not part of the index.");
  }
}

void Sensitivity(Html& h, const store::IndexResults& r) {
  h.Element("h3", {{"class", "govuk-heading-m"}}, "Which choices matter most");
  if (r.sensitivity.empty()) {
    h.Element("p", {{"class", "govuk-body"}},
              "Sensitivity indices have not been computed (waymark index compute "
              "--sensitivity N).");
    return;
  }
  h.Element("p", {{"class", "govuk-body"}},
            "Sobol sensitivity indices of the average shift in rank, from a Saltelli design with " +
                std::to_string(r.sensitivity_runs) +
                " base runs: the first-order index is the share of the variation due to that "
                "choice alone, the total index adds its interactions with the others. Bands are "
                "5–95% bootstrap intervals.");
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  Head(h, "Sensitivity of the ranks", {"Uncertain input", "First-order index", "Total index"});
  for (const store::IndexSensitivity& s : r.sensitivity) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Element("th", {{"scope", "row"}, {"class", "govuk-table__header"}}, FactorName(s.factor));
    Cell(h, "First-order index", Sobol(s.first, s.first_p05, s.first_p95));
    Cell(h, "Total index", Sobol(s.total, s.total_p05, s.total_p95));
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

void Method(Html& h, const IndexPage& p) {
  const IndexMethod& m = p.plan->index->method;
  const store::IndexResults& r = *p.results;
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "method"}}, "How the index is made");
  h.Open("dl", {{"class", "govuk-summary-list"}});
  Row(h, "Areas compared", "Each year, " + ComparisonName(r.comparison));
  Row(h, "Scaling", NormalisationText(m));
  Row(h, "Combining",
      AggregationText(m) + (m.aggregation.value_or("arithmetic") == "arithmetic"
                                ? ", equal weights unless the plan sets them"
                                : ""));
  Row(h, "Coverage",
      "An area is scored in a year when it has at least " +
          ChartNumber(std::round(m.min_coverage.value_or(2.0 / 3) * 100)) +
          "% of the measures that every area can have");
  Row(h, "Missing figures",
      "Carried forward at most " + std::to_string(m.carry_forward_max_gap.value_or(2)) +
          " years, then " +
          (m.imputation.value_or("median") == "none"
               ? std::string("left missing")
               : "the " + m.imputation.value_or("median") + " of the areas compared"));
  Row(h, "Outliers",
      m.outliers.value_or("winsorise") == "winsorise"
          ? "Winsorised where skew and kurtosis are high, else log-transformed"
          : "Left as they are");
  Row(h, "Uncertainty",
      std::to_string(r.runs) + " Monte Carlo runs (seed " + std::to_string(r.seed) +
          ") varying the weights by ±" +
          ChartNumber(std::round(m.weight_share.value_or(0.25) * 100)) +
          "%, the scaling, the mean, the imputation and leaving out one indicator" +
          (r.failed_runs > 0 ? "; " + std::to_string(r.failed_runs) + " runs could not be computed"
                             : ""));
  Row(h, "Computed", r.computed_at);
  h.Close("dl");
  Measures(h, p);
  Sensitivity(h, r);
}

void Downloads(Html& h, const IndexPage& p) {
  const std::string plan = "plan=" + UrlEncode(p.links.PlanId());
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Download");
  h.Open("ul", {{"class", "govuk-list"}});
  h.Open("li");
  h.Link("/api/v1/index?" + plan + "&format=csv", "Every area and year (CSV)");
  h.Close("li");
  h.Open("li");
  h.Link("/api/v1/index?" + plan, "Every area and year with the method (JSON)");
  h.Close("li");
  h.Close("ul");
}

}  // namespace

Html RenderRankBandChart(const RankBandChart& chart) {
  constexpr double kLeft = 170, kRight = 620, kTop = 30, kRow = 18;
  const double height = kTop + kRow * static_cast<double>(chart.rows.size()) + 20;
  const int ranked = std::max(chart.ranked, 2);
  const auto x = [&](double rank) {
    return kLeft + (rank - 1) / static_cast<double>(ranked - 1) * (kRight - kLeft);
  };
  Html h;
  OpenChartSvg(h, chart.id, "0 0 640 " + Num(height), chart.title, chart.description);
  const int step = ranked > 20 ? 5 : 1;
  for (int r = 1; r <= ranked; r += (r == 1 && step > 1 ? step - 1 : step)) {
    ChartLine(h, x(r), kTop - 8, x(r), height - 20, kChartGrid, "1");
    ChartLabel(h, x(r), kTop - 12, "middle", std::to_string(r));
  }
  ChartLabel(h, kLeft - 8, kTop - 12, "end", "Rank", "bold");
  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const RankBandRow& row = chart.rows[i];
    const double y = kTop + kRow * (static_cast<double>(i) + 0.5);
    const std::string_view ink = row.highlight ? kHighlight : kBand;
    ChartLabel(h, kLeft - 8, y + 4, "end", row.label, row.highlight ? "bold" : "normal");
    if (std::isfinite(row.p05) && std::isfinite(row.p95)) {
      ChartLine(h, x(row.p05), y, x(row.p95), y, ink, "3");
    }
    if (std::isfinite(row.median)) {
      ChartLine(h, x(row.median), y - 6, x(row.median), y + 6, kChartInk, "2");
    }
    if (std::isfinite(row.rank)) {
      h.Void("circle", {{"cx", Num(x(row.rank))},
                        {"cy", Num(y)},
                        {"r", "4"},
                        {"fill", ink},
                        {"stroke", kChartInk},
                        {"stroke-width", "1"},
                        {"data-rank", RankText(row.rank)}});
      h.Close("circle");
    }
  }
  h.Close("svg");
  return h;
}

std::vector<int> IndexYears(const store::IndexResults& results) {
  std::set<int> years;
  for (const store::IndexAreaYear& row : results.rows) years.insert(row.year);
  return {years.begin(), years.end()};
}

std::string RenderIndexPage(const IndexPage& p) {
  const CompositeIndex& index = *p.plan->index;
  PageFrame frame{
      index.title, {{p.plan->title, p.links.Home()}, {index.title, ""}}, NavItem::kNone, p.links};
  Html h;
  h.Element("span", {{"class", "govuk-caption-l"}}, p.plan->title);
  h.Element("h1", {{"class", "govuk-heading-xl"}}, index.title);
  h.Element("p", {{"class", "govuk-body-l"}},
            "One score from 0 to 100 for each area and year, built from the plan's " +
                std::to_string(index.measures.size()) +
                " measures, with the range of ranks that other reasonable ways of building it "
                "give.");
  if (!index.description.empty()) h.Element("p", {{"class", "govuk-body"}}, index.description);
  if (p.results == nullptr || p.results->rows.empty()) {
    h.Open("div", {{"class", "govuk-inset-text"}});
    h.Text(
        "The index has not been computed yet. It is computed from the stored judgements by "
        "the command waymark index compute.");
    h.Close("div");
    return RenderPage(frame, h);
  }
  YearForm(h, p, IndexYears(*p.results));
  const auto rows = RowsOf(*p.results, p.year);
  HomeSummary(h, p, rows);
  Ranking(h, p, rows);
  Breakdown(h, p);
  Method(h, p);
  Downloads(h, p);
  return RenderPage(frame, h);
}

}  // namespace waymark::report
