// Board reports as HTML (see board_pages.h). Class names are those of static/report.css.
#include "report/board_pages.h"

#include <algorithm>
#include <cmath>

#include "core/cycle.h"
#include "report/charts.h"
#include "report/indicator_pages.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

void Para(Html& h, std::string_view text, std::string_view cls = "") {
  if (cls.empty()) {
    h.Element("p", {}, text);
  } else {
    h.Element("p", {{"class", cls}}, text);
  }
}

void Head(Html& h, std::initializer_list<std::string_view> columns) {
  h.Open("thead").Open("tr");
  for (std::string_view c : columns) h.Element("th", {{"scope", "col"}}, c);
  h.Close("tr").Close("thead").Open("tbody");
}

void Commentary(Html& h, std::string_view text) {
  if (text.empty()) return;
  h.Open("div", {{"class", "report-commentary"}});
  h.Element("p", {{"class", "report-commentary__label"}}, "Commentary");
  Para(h, text);
  h.Close("div");
}

std::string Plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string MethodsHref(std::string_view site_url, std::string_view anchor) {
  std::string href(site_url);
  href.append("/methods#").append(anchor);
  return href;
}

std::string_view StatusClass(std::string_view status, bool overdue) {
  if (status == "on-track" || status == "complete") return "report-tag report-tag--better";
  if (status == "at-risk") return "report-tag report-tag--similar";
  if (status == "off-track") return "report-tag report-tag--worse";
  return overdue ? "report-tag report-tag--worse" : "report-tag report-tag--none";
}

void Cover(Html& h, const BoardReport& r) {
  h.Open("header", {{"class", "report-cover"}});
  Para(h, r.organisation, "report-cover__organisation");
  h.Element("h1", {}, r.title);
  Para(h, r.plan_title, "report-cover__plan");
  h.Open("dl", {{"class", "report-meta"}});
  auto item = [&h](std::string_view key, std::string_view value, std::string_view cls = "") {
    if (value.empty()) return;
    h.Element("dt", {}, key);
    if (cls.empty()) {
      h.Element("dd", {}, value);
    } else {
      h.Element("dd", {{"class", cls}}, value);
    }
  };
  item("Reporting cycle", r.cycle_name.empty() ? "none opened yet" : r.cycle_name);
  item("Period covered", r.cycle_period);
  item("Updates were due", r.cycle_due);
  item("Data as of", LongTime(r.data_as_of), "report-data-as-of");
  item("Prepared", LongTime(r.generated_at));
  item("Figures for", r.area_name);
  h.Close("dl");
  h.Close("header");
}

void CountsList(Html& h, const ReportCounts& c) {
  h.Open("ul", {{"class", "report-counts"}});
  auto item = [&h](int n, std::string_view noun, std::string_view text, std::string_view cls) {
    h.Open("li", {{"class", cls}});
    h.Element("strong", {}, std::to_string(n));
    h.Text(" ");
    h.Text(noun);
    if (n != 1) h.Text("s");
    h.Text(" ");
    h.Text(text);
    h.Close("li");
  };
  item(c.worse, "indicator", "significantly worse than England", "report-count--worse");
  item(c.getting_worse, "indicator", "getting worse", "report-count--worse");
  item(c.better, "indicator", "better than England", "report-count--better");
  item(c.off_track, "action", "off track", "report-count--worse");
  item(c.at_risk, "action", "at risk", "report-count--similar");
  item(c.overdue, "action", "with no update by the due date", "report-count--worse");
  item(c.disagree, "action", "where the evidence and the update disagree",
       "report-count--similar");
  item(c.on_track + c.complete, "action", "on track or complete", "report-count--better");
  h.Close("ul");
}

// `full`: the exception report, which adds a commentary column when there is any.
void ExceptionsTable(Html& h, const std::vector<ReportException>& exceptions, bool full) {
  if (exceptions.empty()) {
    Para(h, "Nothing meets a rule for the board's attention in this report.");
    return;
  }
  // The commentary column only when there is commentary to show.
  full = full && std::any_of(exceptions.begin(), exceptions.end(),
                             [](const ReportException& e) { return !e.commentary.empty(); });
  h.Open("table", {{"class", "report-table"}});
  h.Element("caption", {}, "Items for the board's attention and the rule that chose each");
  if (full) {
    Head(h, {"Outcome", "Item", "Rule", "Detail", "Commentary"});
  } else {
    Head(h, {"Outcome", "Item", "Rule", "Detail"});
  }
  for (const ReportException& e : exceptions) {
    h.Open("tr");
    h.Element("td", {}, e.outcome_title);
    h.Element("th", {{"scope", "row"}}, e.title);
    h.Element("td", {}, ExceptionRuleText(e.rule));
    h.Element("td", {}, e.detail);
    if (full) h.Element("td", {}, e.commentary);
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

void Changes(Html& h, const BoardReport& r) {
  h.Element("h3", {}, "What changed since the last issued report");
  if (r.previous_title.empty()) {
    Para(h, "No report of this kind has been issued before, so there is nothing to compare.");
    return;
  }
  Para(h, "Compared with “" + r.previous_title + "”, issued " + LongTime(r.previous_issued_at) +
              ":");
  if (r.changes.empty()) {
    Para(h, "Nothing in this report has changed.");
    return;
  }
  h.Open("ul", {{"class", "report-list"}});
  for (const std::string& c : r.changes) h.Element("li", {}, c);
  h.Close("ul");
}

void Summary(Html& h, const BoardReport& r) {
  h.Open("section", {{"class", "report-summary"}, {"id", "summary"}});
  h.Element("h2", {}, "Summary");
  Commentary(h, r.commentary);
  CountsList(h, r.counts);
  h.Element("h3", {}, "For the board's attention");
  ExceptionsTable(h, r.exceptions, r.kind == ReportKind::kExceptions);
  Changes(h, r);
  h.Close("section");
}

void JudgementCell(Html& h, std::string_view label, std::string_view basis) {
  h.Open("td");
  h.Element("span", {{"class", JudgementReportClass(label)}}, label.empty() ? "Not compared" : label);
  if (!basis.empty()) Para(h, basis, "report-small");
  h.Close("td");
}

void IndicatorTable(Html& h, const ReportObjective& obj) {
  h.Open("table", {{"class", "report-table report-table--indicators"}});
  h.Element("caption", {}, "Indicators of “" + obj.title + "”");
  Head(h, {"Indicator", "Period", "Value", "95% interval", "England", "Compared with England",
           "Recent trend", "Against all councils"});
  for (const ReportIndicator& i : obj.indicators) {
    h.Open("tr");
    h.Open("th", {{"scope", "row"}});
    h.Text(i.unit.empty() ? i.title : i.title + " (" + i.unit + ")");
    if (!i.commentary.empty()) Para(h, "Commentary: " + i.commentary, "report-small");
    h.Close("th");
    h.Element("td", {}, i.period);
    h.Element("td", {{"class", "report-number"}}, i.value_text);
    h.Element("td", {{"class", "report-number"}}, i.interval_text);
    h.Element("td", {{"class", "report-number"}}, i.england_text);
    JudgementCell(h, i.vs_england, i.comparison_basis);
    h.Element("td", {}, i.recent_trend.empty() ? "No trend" : i.recent_trend);
    h.Open("td", {{"class", "report-spine"}});
    if (!i.period.empty()) h.Append(RenderSpineChart(i.spine));
    h.Close("td");
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

// The latest gap of each group of the objective's indicators with breakdowns.
void GapTable(Html& h, const ReportObjective& obj) {
  const bool any = std::any_of(obj.indicators.begin(), obj.indicators.end(),
                               [](const ReportIndicator& i) { return !i.gaps.empty(); });
  if (!any) return;
  h.Open("table", {{"class", "report-table report-table--gaps"}});
  h.Element("caption", {}, "Gaps between groups in the indicators of “" + obj.title + "”");
  Head(h, {"Indicator", "Group, against", "Period", "Gap", "95% interval", "Trend of the gap"});
  for (const ReportIndicator& i : obj.indicators) {
    for (const ReportGap& g : i.gaps) {
      h.Open("tr");
      h.Element("th", {{"scope", "row"}}, i.unit.empty() ? i.title : i.title + " (" + i.unit + ")");
      h.Open("td");
      h.Text(g.group + ", against " + g.comparison);
      Para(h, g.dimension, "report-small");
      h.Close("td");
      h.Element("td", {}, g.period);
      h.Element("td", {{"class", "report-number"}}, g.gap_text);
      h.Open("td", {{"class", "report-number"}});
      h.Text(g.interval_text);
      if (g.interval_text.empty() && !g.note.empty()) Para(h, g.note, "report-small");
      h.Close("td");
      h.Element("td", {}, g.trend.empty() ? "No trend" : g.trend);
      h.Close("tr");
    }
  }
  h.Close("tbody").Close("table");
}

void TrendCharts(Html& h, const ReportObjective& obj) {
  bool any = false;
  for (const ReportIndicator& i : obj.indicators) any = any || !i.trend.points.empty();
  if (!any) return;
  h.Open("div", {{"class", "report-trends"}});
  for (const ReportIndicator& i : obj.indicators) {
    if (i.trend.points.empty()) continue;
    h.Open("figure", {{"class", "report-trend"}});
    h.Append(RenderTrendChart(i.trend));
    h.Element("figcaption", {}, i.title + ": " + i.area_name + " over time");
    h.Close("figure");
  }
  h.Close("div");
}

void ActionsTable(Html& h, const ReportObjective& obj) {
  h.Open("table", {{"class", "report-table report-table--actions"}});
  h.Element("caption", {}, "Actions of “" + obj.title + "” in this cycle");
  Head(h, {"Action", "Responsible", "Status", "Update", "Next steps"});
  for (const ReportAction& a : obj.actions) {
    h.Open("tr");
    h.Element("th", {{"scope", "row"}}, a.title);
    h.Element("td", {}, JoinNames(a.responsible));
    h.Open("td");
    h.Element("span", {{"class", StatusClass(a.status, a.overdue)}}, a.status_label);
    if (a.disagrees) {
      h.Element("p", {{"class", "report-flag"}}, "The evidence and the update disagree");
    }
    h.Close("td");
    h.Open("td");
    Para(h, a.narrative.empty() ? "No update submitted." : a.narrative);
    if (!a.author.empty()) Para(h, "Submitted by " + a.author, "report-small");
    if (!a.commentary.empty()) Para(h, "Commentary: " + a.commentary, "report-small");
    h.Close("td");
    h.Element("td", {}, a.next_steps);
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

void OutcomeCounts(Html& h, const ReportCounts& c) {
  Para(h, Plural(c.indicators, "indicator", "indicators") + ": " + std::to_string(c.worse) +
              " worse than England, " + std::to_string(c.similar) + " similar, " +
              std::to_string(c.better) + " better; " + std::to_string(c.getting_worse) +
              " getting worse. " + Plural(c.actions, "action", "actions") + ": " +
              std::to_string(c.on_track) + " on track, " + std::to_string(c.at_risk) +
              " at risk, " + std::to_string(c.off_track) + " off track, " +
              std::to_string(c.complete) + " complete, " + std::to_string(c.no_update) +
              " without an update.",
       "report-lead");
}

void Outcome(Html& h, const ReportOutcome& o) {
  h.Open("section", {{"class", "report-outcome"}, {"id", "outcome-" + o.id}});
  h.Element("h2", {}, o.title);
  if (!o.description.empty()) Para(h, o.description);
  OutcomeCounts(h, o.counts);
  Commentary(h, o.commentary);
  for (const ReportObjective& obj : o.objectives) {
    h.Open("section", {{"class", "report-objective"}, {"id", "objective-" + obj.id}});
    h.Element("h3", {}, obj.title);
    Commentary(h, obj.commentary);
    if (obj.indicators.empty()) {
      Para(h, "No indicator is linked to this objective.");
    } else {
      IndicatorTable(h, obj);
      GapTable(h, obj);
      TrendCharts(h, obj);
    }
    if (!obj.actions.empty()) ActionsTable(h, obj);
    h.Close("section");
  }
  h.Element("h3", {}, "What young people told us");
  if (o.voice.empty()) {
    Para(h, "The plan records nothing young people said about this outcome.");
  } else {
    h.Open("ul", {{"class", "report-list report-voice"}});
    for (const std::string& v : o.voice) h.Element("li", {}, v);
    h.Close("ul");
  }
  h.Close("section");
}

std::string Rank(double x) { return std::isfinite(x) ? std::to_string(std::lround(x)) : "–"; }

void Index(Html& h, const ReportIndex& x, std::string_view site_url) {
  h.Open("section", {{"class", "report-index"}, {"id", "index"}});
  h.Element("h2", {}, x.title);
  Para(h, x.area_name + " in " + std::to_string(x.year) + ": score " + ChartNumber(x.score) +
              ", ranked " + Rank(x.rank) + " of " + std::to_string(x.ranked) + " (" +
              x.comparison + "). Allowing for the uncertainty in the method, the rank lies "
              "between " + Rank(x.rank_p05) + " and " + Rank(x.rank_p95) +
              " in 90% of the simulations.");
  if (x.previous_year > 0) {
    Para(h, "In " + std::to_string(x.previous_year) + " the score was " +
                ChartNumber(x.previous_score) + " and the rank " + Rank(x.previous_rank) + ".");
  }
  if (!x.movers.empty()) {
    h.Open("table", {{"class", "report-table"}});
    h.Element("caption", {}, "What moved the score most since " +
                                 std::to_string(x.previous_year));
    Head(h, {"Measure", "Change in contribution"});
    for (const IndexMover& m : x.movers) {
      h.Open("tr");
      h.Element("th", {{"scope", "row"}}, m.measure);
      std::string change(m.change > 0 ? "+" : "");
      change.append(OneDecimal(m.change));
      h.Element("td", {{"class", "report-number"}}, change);
      h.Close("tr");
    }
    h.Close("tbody").Close("table");
  }
  h.Open("p");
  h.Link(MethodsHref(site_url, "family-friendly-index"), "How the index is computed", "");
  h.Close("p");
  h.Close("section");
}

void Methods(Html& h, const BoardReport& r, std::string_view site_url) {
  h.Open("section", {{"class", "report-methods"}, {"id", "methods"}});
  h.Element("h2", {}, "About the figures");
  Para(h, "Figures are for " + r.area_name + " in the latest period each indicator has, as held "
          "on " + LongTime(r.data_as_of) + ". Updates are those submitted for the cycle; drafts "
          "are not shown.");
  h.Open("ul", {{"class", "report-list"}});
  auto item = [&](std::string_view anchor, std::string_view text) {
    h.Open("li");
    h.Link(MethodsHref(site_url, anchor), text, "");
    h.Close("li");
  };
  item("compared-with-england",
       "Compared with England: the 95% confidence interval of the figure against England's "
       "value (Fingertips' method; Wilson score intervals for proportions, Byar's method for "
       "rates).");
  item("recent-trend",
       "Recent trend: the chi-squared test for trend over the latest five points "
       "(Fingertips' method).");
  item("spine-chart", "Against all councils: the lowest, middle half and highest of English "
                      "councils in the same period, England in the centre.");
  item("small-numbers",
       "Small numbers: figures from counts below each source's threshold are suppressed here "
       "exactly as on the dashboard, and left out of charts and downloads.");
  h.Close("ul");
  h.Close("section");
}

}  // namespace

Html BoardReportBody(const BoardReport& report, std::string_view site_url) {
  Html h;
  Cover(h, report);
  Summary(h, report);
  if (report.kind != ReportKind::kExceptions) {
    for (const ReportOutcome& o : report.outcomes) Outcome(h, o);
    if (report.index && report.kind == ReportKind::kPlan) Index(h, *report.index, site_url);
  }
  Methods(h, report, site_url);
  return h;
}

std::string ReportDocument(const BoardReport& report, std::string_view stylesheet,
                           std::string_view body_class, const Html& body) {
  Html h;
  h.Literal("<!DOCTYPE html>\n");
  h.Open("html", {{"lang", "en-GB"}});
  h.Open("head");
  h.Void("meta", {{"charset", "utf-8"}});
  h.Element("title", {}, report.title + " – " + report.plan_title);
  h.Void("meta", {{"name", "author"}, {"content", report.organisation}});
  h.Void("meta", {{"name", "description"}, {"content", report.plan_title}});
  h.Open("style");
  h.Literal(stylesheet);
  h.Close("style");
  h.Close("head");
  h.Open("body", {{"class", body_class}});
  h.Open("main");
  h.Append(body);
  h.Close("main");
  h.Close("body");
  h.Close("html");
  return h.Take();
}

std::string BoardReportDocument(const BoardReport& report, const BoardDocumentOptions& options) {
  return ReportDocument(report, options.stylesheet, "report",
                        BoardReportBody(report, options.site_url));
}

}  // namespace waymark::report
