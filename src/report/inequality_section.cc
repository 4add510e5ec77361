// The inequalities section of an indicator page: per breakdown the groups' figures with their
// gaps, the gap over time and the slope index, each as a chart, a table and sentences.
#include "report/inequality_section.h"

#include <cmath>
#include <cstdio>

#include "report/charts.h"
#include "report/indicator_pages.h"
#include "report/inequality_charts.h"

namespace waymark::report {
namespace {

bool Finite(double x) { return std::isfinite(x); }

std::string Signed(double x) {
  const std::string text = OneDecimal(x);
  return x > 0 && text != "0.0" ? "+" + text : text;
}

std::string TwoDecimals(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

std::string Thousands(double x) {
  if (!Finite(x)) return "";
  const std::string digits = std::to_string(std::llround(std::fabs(x)));
  std::string out = x < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Range(const stats::Interval& i, std::string (*format)(double) = OneDecimal) {
  return format(i.lower) + " to " + format(i.upper);
}

bool HasInterval(const stats::GapEstimate& e) {
  return !e.intervals.empty() && Finite(e.intervals[0].lower) && Finite(e.intervals[0].upper);
}

std::string WithUnit(std::string_view heading, std::string_view unit) {
  return std::string(heading) + (unit.empty() ? "" : " (" + std::string(unit) + ")");
}

// The breakdown's label inside a sentence: "sex", "deprivation decile of ...", but "CLA".
std::string InText(const BreakdownView& v) {
  std::string label = v.dimension.label;
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z' &&
      (label.size() == 1 || lower(label[1]))) {
    label[0] = static_cast<char>(label[0] - 'A' + 'a');
  }
  return label;
}

std::string GroupName(const BreakdownView& v, const Assessment& a) {
  return GroupOf(v.dimension, a.breakdown).value_or(a.breakdown.category);
}

bool IsComparison(const BreakdownView& v, const Assessment& a) {
  return GroupName(v, a) == v.dimension.comparison;
}

const assess::GapRow* GapOf(const BreakdownView& v, const Assessment& a) {
  for (const assess::GapRow& g : v.gaps) {
    if (g.breakdown == a.breakdown) return &g;
  }
  return nullptr;
}

void HeaderRow(Html& h, const std::vector<std::string>& columns) {
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (const std::string& c : columns) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, c);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
}

void OpenTable(Html& h, std::string_view caption) {
  h.Open("table", {{"class", "govuk-table waymark-table waymark-table--sparse"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--s"}}, caption);
}

void RowHeader(Html& h, std::string_view text) {
  h.Element("th", {{"scope", "row"}, {"class", "govuk-table__header"}}, text);
}

void Para(Html& h, std::string_view text) { h.Element("p", {{"class", "govuk-body"}}, text); }

// Where the figures come from, and which period.
void Intro(Html& h, const BreakdownView& v) {
  if (v.england_instead) {
    Para(h, "Figures by " + InText(v) +
                " are published for England only, so England's "
                "are shown" +
                (v.groups.empty() || v.groups[0].breakdown.category_type.empty()
                     ? std::string()
                     : " (" + v.groups[0].breakdown.category_type + ")") +
                ".");
  }
  if (v.chosen_missing) {
    Para(h, "There are no figures by this breakdown for " + v.chosen_missing->Label() +
                ": the latest, for " + v.period->Label() + ", are shown.");
  }
  Para(h, "Figures for " + v.area_name + " in " + v.period->Label() +
              ". Each group is compared "
              "with " +
              v.dimension.comparison + ".");
}

GroupBarChart BarChartOf(const Indicator& ind, const BreakdownView& v, int n) {
  GroupBarChart chart;
  chart.id = "ineq-" + std::to_string(n) + "-groups";
  chart.title = ind.title + " by " + InText(v) + ": " + v.area_name + ", " + v.period->Label();
  int shown = 0;
  for (const Assessment& a : v.groups) {
    GroupBar bar;
    bar.label = GroupName(v, a);
    bar.comparison = IsComparison(v, a);
    if (a.suppressed) {
      bar.missing = "suppressed (small numbers)";
    } else {
      bar.value = a.value;
      bar.lower = a.lower95;
      bar.upper = a.upper95;
      shown += Finite(a.value) ? 1 : 0;
    }
    chart.bars.push_back(std::move(bar));
  }
  chart.description = std::to_string(shown) + " of " + std::to_string(v.groups.size()) +
                      " groups with a figure, each as a bar with its 95% interval; the "
                      "comparison group, " +
                      v.dimension.comparison +
                      ", in grey. The table below gives every figure and gap.";
  return chart;
}

void GroupTable(Html& h, const Indicator& ind, const BreakdownView& v) {
  OpenTable(h, ind.title + " by " + InText(v) + ": " + v.area_name + ", " + v.period->Label());
  const std::string& c = v.dimension.comparison;
  HeaderRow(h, {"Group", WithUnit("Value", ind.unit), "95% interval", WithUnit("Gap", GapUnit(ind)),
                "Gap's 95% interval", "Ratio (95% interval)", "Compared with " + c});
  for (const Assessment& a : v.groups) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    const bool comparison = IsComparison(v, a);
    RowHeader(h, GroupName(v, a) + (comparison ? " (comparison group)" : ""));
    Cell(h, "Value", DisplayValue(ind, a));
    Cell(h, "95% interval", DisplayInterval(a));
    const assess::GapRow* g = comparison ? nullptr : GapOf(v, a);
    if (comparison || g == nullptr) {
      const std::string why = comparison ? "comparison group" : "no figure for " + c;
      Cell(h, "Gap", why);
      Cell(h, "Gap's 95% interval", "");
      Cell(h, "Ratio", "");
      Cell(h, "Compared with " + c, comparison ? "" : "not compared: " + why);
      h.Close("tr");
      continue;
    }
    Cell(h, "Gap", GapText(*g));
    Cell(h, "Gap's 95% interval", GapIntervalText(*g));
    std::string ratio;
    if (!g->suppressed && Finite(g->relative.value)) {
      ratio = TwoDecimals(g->relative.value);
      if (HasInterval(g->relative))
        ratio += " (" + Range(g->relative.intervals[0], TwoDecimals) + ")";
    } else if (!g->suppressed && !g->relative.message.empty()) {
      ratio = "no ratio: " + g->relative.message;
    }
    Cell(h, "Ratio", ratio);
    Cell(h, "Compared with " + c, GapReading(*g));
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

// The row of `s` for the period shown (its last row when it has none then).
const assess::GapRow& LatestOf(const GapSeries& s, const Period& p) {
  for (const assess::GapRow& g : s.rows) {
    if (g.period == p) return g;
  }
  return s.rows.back();
}

void GapOverTime(Html& h, const Indicator& ind, const BreakdownView& v, const GapSeries& s,
                 const std::string& id) {
  const std::string& c = v.dimension.comparison;
  h.Element("h4", {{"class", "govuk-heading-s"}}, "Gap over time: " + s.group + " against " + c);
  const assess::GapRow& latest = LatestOf(s, *v.period);
  h.Open("p", {{"class", "govuk-body"}});
  h.Text("Trend of the gap to " + latest.period.Label() + ": ");
  h.Element("strong", {}, GapTrendText(latest));
  h.Text(latest.trend == stats::GapTrend::kCannotBeCalculated && !latest.suppressed
             ? " (the trend needs the gaps of five consecutive years, each with its interval)."
             : ".");
  h.Close("p");
  GapChart chart;
  chart.id = id;
  chart.title = "Gap between " + s.group + " and " + c + " over time, " + v.area_name;
  int shown = 0;
  for (const assess::GapRow& g : s.rows) {
    GapPoint p;
    p.period = g.period.Label();
    if (!g.suppressed && Finite(g.absolute.value)) {
      p.gap = g.absolute.value;
      if (HasInterval(g.absolute)) {
        p.lower = g.absolute.intervals[0].lower;
        p.upper = g.absolute.intervals[0].upper;
      }
      ++shown;
    }
    chart.points.push_back(std::move(p));
  }
  chart.description = std::to_string(shown) + " gaps from " + s.rows.front().period.Label() +
                      " to " + s.rows.back().period.Label() + ", each with its 95% interval, " +
                      "and a line at zero (no gap); the latest " + GapText(latest) + ", " +
                      GapTrendText(latest) + ". The table below gives every gap.";
  h.Open("figure", {{"class", "waymark-figure"}});
  h.Append(RenderGapChart(chart));
  h.Close("figure");
  OpenTable(h, "Gap between " + s.group + " and " + c + " over time, " + v.area_name);
  HeaderRow(h, {"Period", WithUnit(s.group, ind.unit), WithUnit(c, ind.unit),
                WithUnit("Gap", GapUnit(ind)), "Gap's 95% interval", "Trend of the gap"});
  for (auto it = s.rows.rbegin(); it != s.rows.rend(); ++it) {
    const assess::GapRow& g = *it;
    h.Open("tr", {{"class", "govuk-table__row"}});
    RowHeader(h, g.period.Label());
    const bool values = !g.suppressed;
    Cell(h, s.group,
         values && Finite(g.group_value) ? OneDecimal(g.group_value)
                                         : (g.suppressed ? "suppressed" : "no value"));
    Cell(h, c,
         values && Finite(g.comparison_value) ? OneDecimal(g.comparison_value)
                                              : (g.suppressed ? "suppressed" : "no value"));
    Cell(h, "Gap", GapText(g));
    Cell(h, "Gap's 95% interval", GapIntervalText(g));
    Cell(h, "Trend of the gap", GapTrendText(g));
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

// Each shown group's relative rank: the middle of its slice of the population, in order
// (equal slices when a population is missing).
std::vector<double> Ranks(const std::vector<Assessment>& groups) {
  double total = 0;
  bool all = true;
  for (const Assessment& a : groups) {
    all = all && Finite(a.denominator) && a.denominator > 0;
    if (all) total += a.denominator;
  }
  std::vector<double> out;
  double before = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (!all) {
      out.push_back((static_cast<double>(i) + 0.5) / static_cast<double>(groups.size()));
      continue;
    }
    const double share = groups[i].denominator / total;
    out.push_back(before + share / 2);
    before += share;
  }
  return out;
}

void SlopeSentences(Html& h, const Indicator& ind, const BreakdownView& v,
                    const assess::SlopeRow& s) {
  const std::string unit = GapUnit(ind).empty() ? "" : " " + GapUnit(ind);
  h.Open("p", {{"class", "govuk-body"}});
  h.Text("Slope index of inequality (SII), " + v.area_name + ", " + v.period->Label() + ": ");
  h.Element("strong", {}, Signed(s.sii) + unit);
  const bool limits = Finite(s.sii95.lower) && Finite(s.sii95.upper);
  h.Text(limits ? " (95% interval " + Range(s.sii95) + ")." : " (no interval).");
  h.Close("p");
  std::string reading =
      "Across the whole range, from the most deprived (rank 0) to the least "
      "deprived (rank 1), the fitted line " +
      std::string(s.sii < 0 ? "falls" : "rises") + " by " + OneDecimal(std::fabs(s.sii)) + unit +
      ".";
  if (limits) {
    const bool significant = s.sii95.lower > 0 || s.sii95.upper < 0;
    reading += significant ? " The interval does not include zero: the gradient is significant "
                             "at 95%."
                           : " The interval includes zero: the gradient is not significant at "
                             "95%.";
  }
  Para(h, reading);
  if (Finite(s.rii)) {
    std::string rii = "Relative index of inequality (RII): " + TwoDecimals(s.rii);
    if (Finite(s.rii95.lower) && Finite(s.rii95.upper)) {
      rii += " (95% interval " + Range(s.rii95, TwoDecimals) + ")";
    }
    Para(h, rii + ": the fitted value at the least deprived end is " + TwoDecimals(s.rii) +
                " times that at the most deprived end.");
  }
}

void SlopeTable(Html& h, const Indicator& ind, const BreakdownView& v, const assess::SlopeRow& s,
                const std::vector<double>& ranks) {
  OpenTable(h, "Groups of the slope index: " + v.area_name + ", " + v.period->Label());
  HeaderRow(h, {"Group", "Population", "Relative rank", WithUnit("Value", ind.unit), "95% interval",
                WithUnit("Fitted value", ind.unit)});
  for (std::size_t i = 0; i < v.groups.size(); ++i) {
    const Assessment& a = v.groups[i];
    h.Open("tr", {{"class", "govuk-table__row"}});
    RowHeader(h, GroupName(v, a));
    Cell(h, "Population", a.suppressed ? "" : Thousands(a.denominator));
    Cell(h, "Relative rank", TwoDecimals(ranks[i]));
    Cell(h, "Value", DisplayValue(ind, a));
    Cell(h, "95% interval", DisplayInterval(a));
    Cell(h, "Fitted value", OneDecimal(s.intercept + s.sii * ranks[i]));
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

void SlopeIndex(Html& h, const Indicator& ind, const BreakdownView& v, const std::string& id) {
  h.Element("h4", {{"class", "govuk-heading-s"}}, "Slope index of inequality");
  const std::optional<assess::SlopeRow>& s = v.slope;
  if (!s || !Finite(s->sii) || !Finite(s->intercept)) {
    const std::string why = s && !s->note.empty() ? s->note : "there are no groups to fit";
    Para(h, "The slope index of inequality cannot be calculated for " + v.period->Label() + ": " +
                why + ".");
    return;
  }
  SlopeSentences(h, ind, v, *s);
  const std::vector<double> ranks = Ranks(v.groups);
  SlopeChart chart;
  chart.id = id;
  chart.title =
      ind.title + ": slope index of inequality, " + v.area_name + ", " + v.period->Label();
  chart.description = "Each of the " + std::to_string(v.groups.size()) +
                      " groups at the middle of its share of the population, from the most "
                      "deprived (0) to the least deprived (1), with its 95% interval, and the "
                      "fitted line from " +
                      OneDecimal(s->intercept) + " to " + OneDecimal(s->intercept + s->sii) +
                      ". The table below gives every figure.";
  for (std::size_t i = 0; i < v.groups.size(); ++i) {
    const Assessment& a = v.groups[i];
    if (a.suppressed) continue;
    chart.points.push_back({ranks[i], a.value, a.lower95, a.upper95});
  }
  chart.intercept = s->intercept;
  chart.sii = s->sii;
  h.Open("figure", {{"class", "waymark-figure"}});
  h.Append(RenderSlopeChart(chart));
  h.Close("figure");
  SlopeTable(h, ind, v, *s, ranks);
}

void BreakdownPart(Html& h, const Indicator& ind, const BreakdownView& v, int n) {
  h.Element("h3", {{"class", "govuk-heading-m"}, {"id", v.anchor}}, "By " + InText(v));
  if (!v.period) {
    Para(h, "There are no figures for " + v.area_name + " by " + InText(v) + ".");
    return;
  }
  Intro(h, v);
  h.Element("h4", {{"class", "govuk-heading-s"}}, "Each group in " + v.period->Label());
  h.Open("figure", {{"class", "waymark-figure"}});
  h.Append(RenderGroupBarChart(BarChartOf(ind, v, n)));
  h.Close("figure");
  GroupTable(h, ind, v);
  int m = 0;
  for (const GapSeries& s : v.series) {
    GapOverTime(h, ind, v, s, "ineq-" + std::to_string(n) + "-gap-" + std::to_string(++m));
  }
  if (v.dimension.kind == DimensionKind::kDeprivation) {
    SlopeIndex(h, ind, v, "ineq-" + std::to_string(n) + "-sii");
  }
}

void Heading(Html& h) {
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", kInequalitiesId}}, "Inequalities");
}

}  // namespace

std::string GapUnit(const Indicator& indicator) {
  return indicator.unit == "%" ? "percentage points" : indicator.unit;
}

std::string GapText(const assess::GapRow& gap) {
  if (gap.suppressed) return "suppressed (small numbers)";
  if (!Finite(gap.absolute.value)) return "no gap: " + gap.note;
  return Signed(gap.absolute.value);
}

std::string GapIntervalText(const assess::GapRow& gap) {
  if (gap.suppressed || !Finite(gap.absolute.value)) return "";
  if (HasInterval(gap.absolute)) return Range(gap.absolute.intervals[0]);
  std::string why = gap.absolute.message.empty() ? gap.note : gap.absolute.message;
  constexpr std::string_view kSaid = ": no interval can be given";
  if (why.ends_with(kSaid)) why.resize(why.size() - kSaid.size());
  return "no interval: " + (why.empty() ? std::string("not given") : why);
}

std::string GapReading(const assess::GapRow& gap) {
  if (gap.suppressed) return "Not judged: a figure is suppressed";
  if (!Finite(gap.absolute.value)) return "Not judged: no gap";
  if (!HasInterval(gap.absolute)) return "Not judged: no interval";
  const stats::Interval& i = gap.absolute.intervals[0];
  if (i.lower > 0) return "Higher, significant at 95%";
  if (i.upper < 0) return "Lower, significant at 95%";
  return "No significant difference at 95%";
}

std::string GapTrendText(const assess::GapRow& gap) {
  if (gap.suppressed) return "Not shown: a figure is suppressed";
  return std::string(stats::GapTrendLabel(gap.trend));
}

Html RenderInequalitySection(const Indicator& indicator, const std::vector<BreakdownView>& views) {
  Html h;
  if (indicator.breakdowns.empty()) return h;
  h.Open("section", {{"aria-labelledby", kInequalitiesId}});
  Heading(h);
  Para(h,
       "How the figures differ between groups of children. Each group is compared with its "
       "breakdown's comparison group: the gap is the group's figure minus the comparison "
       "group's, the ratio the one divided by the other, each with its 95% interval. A gap "
       "whose interval does not include zero is significant. The trend of a gap is judged "
       "over its latest five consecutive years. Gaps that would reveal a suppressed figure "
       "are not shown.");
  h.Open("ul", {{"class", "govuk-list"}});
  for (const BreakdownView& v : views) {
    h.Open("li").Link("#" + v.anchor, "By " + InText(v)).Close("li");
  }
  h.Close("ul");
  int n = 0;
  for (const BreakdownView& v : views) BreakdownPart(h, indicator, v, ++n);
  h.Close("section");
  return h;
}

Html InequalitySection(const Indicator& indicator, const Breakdown& headline,
                       std::span<const Assessment> figures, const InequalityRequest& request) {
  if (indicator.breakdowns.empty()) return Html();
  return RenderInequalitySection(indicator,
                                 BuildInequalityViews(indicator, headline, figures, request));
}

Html InequalitySectionUnavailable() {
  Html h;
  Heading(h);
  Para(h, "The figures by group could not be read just now. Try again in a minute.");
  return h;
}

}  // namespace waymark::report
