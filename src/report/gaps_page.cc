// The plan's inequality gaps: per indicator its links in the plan and a table of its latest
// gaps for the plan's area, with counts of the gaps' trends in words.
#include "report/gaps_page.h"

#include <map>

#include "core/plan_lookup.h"
#include "report/indicator_pages.h"
#include "report/inequality_section.h"

namespace waymark::report {
namespace {

std::string IndicatorHref(const Indicator& ind, std::string_view area) {
  return "/indicators/" + UrlEncode(ind.id) + "?area=" + UrlEncode(area);
}

// The outcomes and objectives of `plan` the indicator is linked to, as links.
void PlanLinks(Html& h, const Plan& plan, const Links& links, const Indicator& ind) {
  std::vector<std::pair<std::string, std::string>> items;  // href, text
  if (ind.plan == plan.id) {
    for (const std::string& id : ind.outcomes) {
      if (const Outcome* o = FindOutcome(plan, id)) {
        items.emplace_back(links.Outcome(o->id), "Outcome: " + o->title);
      }
    }
    for (const std::string& id : ind.objectives) {
      const ObjectivePlace p = FindObjective(plan, id);
      if (p.objective == nullptr) continue;
      items.emplace_back(links.Objective(p.outcome->id, p.objective->id),
                         "Objective: " + p.objective->title);
    }
  }
  if (items.empty()) {
    h.Element("p", {{"class", "govuk-body"}},
              "Not linked to an outcome or objective of this plan in the indicator catalogue.");
    return;
  }
  h.Element("p", {{"class", "govuk-body govuk-!-margin-bottom-1"}}, "Linked in the plan to:");
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const auto& [href, text] : items) h.Open("li").Link(href, text).Close("li");
  h.Close("ul");
}

void Row(Html& h, const std::vector<std::string>& cells, const std::string& href,
         const std::string& link_text) {
  static const char* const kColumns[] = {"Breakdown",       "Group", "Compared with",
                                         "Period",          "Gap",   "Gap's 95% interval",
                                         "Trend of the gap"};
  h.Open("tr", {{"class", "govuk-table__row"}});
  h.Element("th", {{"scope", "row"}, {"class", "govuk-table__header"}}, cells[0]);
  h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", kColumns[1]}});
  h.Link(href, link_text);
  h.Close("td");
  for (std::size_t i = 2; i < cells.size(); ++i) Cell(h, kColumns[i], cells[i]);
  h.Close("tr");
}

void EntryTable(Html& h, const GapsEntry& e, std::string_view area, std::string_view area_name) {
  const Indicator& ind = e.indicator;
  const std::string unit = GapUnit(ind);
  h.Open("table", {{"class", "govuk-table waymark-table waymark-table--sparse"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--s"}},
            ind.title + ": latest gaps, " + std::string(area_name));
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (const std::string& c :
       {std::string("Breakdown"), std::string("Group"), std::string("Compared with"),
        std::string("Period"), "Gap" + (unit.empty() ? "" : " (" + unit + ")"),
        std::string("Gap's 95% interval"), std::string("Trend of the gap")}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, c);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (const BreakdownView& v : e.views) {
    const std::string href = IndicatorHref(ind, area) + "#" + v.anchor;
    const std::string& label = v.dimension.label;
    if (!v.period) {
      const bool england = v.dimension.kind == DimensionKind::kDeprivation;
      Row(h, {label, "", v.dimension.comparison, "", "", "", ""}, href,
          "No figures for " + std::string(area_name) +
              (england ? ": see England's on the indicator page" : ""));
      continue;
    }
    if (v.gaps.empty()) {
      Row(h, {label, "", v.dimension.comparison, v.period->Label(), "no gap", "", ""}, href,
          "No gap for " + v.period->Label() + ": see the figures");
      continue;
    }
    for (const assess::GapRow& g : v.gaps) {
      Row(h,
          {label, "", g.comparison, g.period.Label(), GapText(g), GapIntervalText(g),
           GapTrendText(g)},
          href, g.group);
    }
  }
  h.Close("tbody").Close("table");
}

// "4 gaps. Gap narrowing: 1; No significant change: 3." (trends in alphabetical order)
std::string TrendCounts(const std::vector<GapsEntry>& entries) {
  std::map<std::string, int> counts;
  int total = 0;
  for (const GapsEntry& e : entries) {
    for (const BreakdownView& v : e.views) {
      for (const assess::GapRow& g : v.gaps) {
        ++total;
        ++counts[GapTrendText(g)];
      }
    }
  }
  std::string text = std::to_string(total) + (total == 1 ? " gap." : " gaps.");
  bool first = true;
  for (const auto& [label, n] : counts) {
    text += (first ? " " : "; ") + label + ": " + std::to_string(n);
    first = false;
  }
  return total == 0 ? text : text + ".";
}

}  // namespace

std::vector<Indicator> GapsIndicators(const Plan& plan, const std::vector<Indicator>& indicators) {
  std::vector<Indicator> out;
  for (const Indicator& ind : indicators) {
    if (ind.breakdowns.empty() || (!ind.plan.empty() && ind.plan != plan.id)) continue;
    out.push_back(ind);
  }
  return out;
}

Html GapsSummary(const Links& links, std::string_view area_name,
                 const std::vector<GapsEntry>& entries) {
  Html h;
  if (entries.empty()) return h;
  std::vector<std::string> widening;
  for (const GapsEntry& e : entries) {
    for (const BreakdownView& v : e.views) {
      for (const assess::GapRow& g : v.gaps) {
        if (!g.suppressed && g.trend == stats::GapTrend::kWidening) {
          widening.push_back(e.indicator.title + ": " + g.group + " against " + g.comparison);
        }
      }
    }
  }
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", "inequalities"}}, "Inequalities");
  h.Open("p", {{"class", "govuk-body"}, {"id", "overview-gap-counts"}});
  h.Text("The latest gaps between groups of children in " + std::string(area_name) +
         " that the plan's indicators measure: " + TrendCounts(entries) + " ");
  h.Link(links.Gaps(), "Every gap with its interval and trend");
  h.Text(".");
  h.Close("p");
  if (widening.empty()) return h;
  h.Element("p", {{"class", "govuk-body"}}, "Widening gaps:");
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const std::string& w : widening) h.Element("li", {}, w);
  h.Close("ul");
  return h;
}

std::string RenderGapsPage(const Plan& plan, const Links& links, std::string_view area,
                           std::string_view area_name, const std::vector<GapsEntry>& entries) {
  Html h;
  h.Element("span", {{"class", "govuk-caption-l"}}, plan.title);
  h.Element("h1", {{"class", "govuk-heading-xl"}}, "Inequality gaps");
  h.Element("p", {{"class", "govuk-body"}},
            "The gaps between groups of children in " + std::string(area_name) +
                " for the plan's indicators that are published by group: each group's latest "
                "figure against its comparison group's, the gap's 95% interval and its trend "
                "over the latest five consecutive years. Each group links to its indicator page, "
                "with charts, every period and, for deprivation, England's figures and the slope "
                "index of inequality.");
  if (entries.empty()) {
    h.Element("p", {{"class", "govuk-body"}},
              "None of this plan's indicators is published by group: the indicator catalogue "
              "declares no breakdowns for them.");
  } else {
    h.Element("p", {{"class", "govuk-body"}, {"id", "gap-counts"}}, TrendCounts(entries));
  }
  for (const GapsEntry& e : entries) {
    const std::string id = "gaps-" + e.indicator.id;
    h.Open("h2", {{"class", "govuk-heading-m"}, {"id", id}});
    h.Link(IndicatorHref(e.indicator, area) + "#inequalities", e.indicator.title);
    h.Close("h2");
    PlanLinks(h, plan, links, e.indicator);
    EntryTable(h, e, area, area_name);
  }
  PageFrame frame{
      "Inequality gaps", {{"Home", links.Home()}, {"Inequality gaps", ""}}, NavItem::kGaps, links};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
