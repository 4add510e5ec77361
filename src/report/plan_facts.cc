// The facts of a plan on its pages, and their check against the catalogue (plan_facts.h).
#include "report/plan_facts.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/layout.h"

namespace waymark::report {
namespace {

std::string AreaName(const AreaNamer& name, std::string_view code) {
  return name ? name(code) : std::string(code);
}

// "Barnet, 2016. Compared with England 13.2%, London 12.9%. Source: …" — the fields the fact
// has, in that order.
void FactDetails(Html& h, const Fact& fact, const AreaNamer& name) {
  std::string where;
  if (!fact.area.empty()) where = AreaName(name, fact.area);
  if (!fact.period.empty()) where += (where.empty() ? "" : ", ") + fact.period;
  if (!where.empty()) h.Element("p", {{"class", "govuk-body-s govuk-!-margin-bottom-1"}}, where);
  if (!fact.comparators.empty()) {
    std::string line = "Compared with ";
    for (std::size_t i = 0; i < fact.comparators.size(); ++i) {
      const FactComparator& c = fact.comparators[i];
      line += fmt::format("{}{} {}", i == 0 ? "" : ", ", AreaName(name, c.area),
                          FactFigureText(fact, c.figure));
    }
    h.Element("p", {{"class", "govuk-body-s govuk-!-margin-bottom-1"}}, line);
  }
  if (!fact.source.empty()) {
    h.Element("p", {{"class", "govuk-body-s govuk-!-margin-bottom-1"}}, "Source: " + fact.source);
  }
  if (!fact.detail.empty()) h.Element("p", {{"class", "govuk-body-s"}}, fact.detail);
}

}  // namespace

namespace {

// The fact's figures (its area's, then each comparator's) against the catalogue in `period`.
std::vector<FactCheckLine> LinesIn(const IndicatorData& data, const IndicatorSeries* series,
                                   const std::optional<Period>& period, const Fact& fact) {
  std::vector<FactCheckLine> lines = {{fact.area, *fact.figure}};
  for (const FactComparator& c : fact.comparators) lines.push_back({c.area, c.figure});
  if (series == nullptr || !period) return lines;
  for (FactCheckLine& line : lines) {
    const Assessment* a = data.At(*series, line.area, *period);
    // No figure, a row without a value, or a suppressed one (never shown, never compared).
    if (a == nullptr || a->suppressed || std::isnan(a->value)) continue;
    line.measured = a;
    line.agrees = FactFigureAgrees(line.stated, a->value);
  }
  return lines;
}

bool AllAgree(const std::vector<FactCheckLine>& lines) {
  return std::all_of(lines.begin(), lines.end(), [](const FactCheckLine& l) { return l.agrees; });
}

}  // namespace

std::optional<FactCheck> CheckFact(const IndicatorData& data, const Fact& fact,
                                   std::optional<int> quoted_before) {
  if (fact.indicator.empty() || !fact.figure || fact.area.empty()) return std::nullopt;
  FactCheck check;
  check.series = data.Find(fact.indicator);
  if (!fact.period.empty()) {
    check.period = ParsePeriod(fact.period);
    check.lines = LinesIn(data, check.series, check.period, fact);
    return check;
  }
  // The plan states no period: the latest period of the catalogue whose figures all agree.
  check.searched = true;
  if (check.series != nullptr) {
    for (auto p = check.series->periods.rbegin(); p != check.series->periods.rend(); ++p) {
      if (quoted_before && p->start_year >= *quoted_before) continue;
      std::vector<FactCheckLine> lines = LinesIn(data, check.series, *p, fact);
      if (!AllAgree(lines)) continue;
      check.period = *p;
      check.lines = std::move(lines);
      return check;
    }
  }
  check.lines = LinesIn(data, nullptr, std::nullopt, fact);
  return check;
}

Html RenderFactCheck(const IndicatorData& data, const Plan& plan, const Fact& fact) {
  Html h;
  const std::optional<FactCheck> check =
      CheckFact(data, fact, plan.start ? std::optional<int>(plan.start->year) : std::nullopt);
  if (!check) return h;
  h.Open("p", {{"class", "govuk-body-s waymark-fact-check"}});
  if (check->series == nullptr) {
    h.Text(fmt::format("Not checked: the catalogue has no indicator '{}'.", fact.indicator));
    return h.Close("p");
  }
  h.Text(check->period || check->searched ? "Checked against " : "Not checked against ");
  h.Link("/indicators/" + UrlEncode(fact.indicator), check->series->indicator.title);
  if (!check->period) {
    h.Text(check->searched
               ? ": the plan states no period, and in no period of the catalogue before the plan "
                 "do these figures agree."
               : fmt::format(": '{}' is not a period label the catalogue uses.", fact.period));
    return h.Close("p");
  }
  if (check->searched) {
    h.Text(fmt::format(": the plan states no period; the catalogue's figures agree for {}: ",
                       check->period->Label()));
  } else {
    h.Text(fmt::format(" for {}: ", check->period->Label()));
  }
  for (std::size_t i = 0; i < check->lines.size(); ++i) {
    const FactCheckLine& line = check->lines[i];
    const std::string area = data.AreaName(line.area);
    std::string text;
    if (line.measured == nullptr) {
      text = fmt::format("{} has no figure in the catalogue", area);
    } else if (line.agrees) {
      text = fmt::format("{} {} agrees", area, FactFigureText(fact, line.stated));
    } else {
      text = fmt::format("{} differs: the plan gives {}, the catalogue {}", area,
                         FactFigureText(fact, line.stated), FactFigureText(fact, line.measured->value));
    }
    h.Text(fmt::format("{}{}", i == 0 ? "" : "; ", text));
  }
  h.Text(".");
  return h.Close("p");
}

void FactList(Html& h, const std::vector<Fact>& facts, const AreaNamer& name,
              const std::function<Html(const Fact&)>& check) {
  h.Open("dl", {{"class", "govuk-summary-list"}});
  for (const Fact& f : facts) {
    h.Open("div", {{"class", "govuk-summary-list__row"}});
    h.Element("dt", {{"class", "govuk-summary-list__key"}}, f.label);
    h.Open("dd", {{"class", "govuk-summary-list__value"}});
    const bool stated = f.figure.has_value() || !f.value.empty();
    h.Element("p",
              {{"class", stated ? "govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1"
                                : "govuk-body waymark-muted govuk-!-margin-bottom-1"}},
              stated ? FactValueText(f) : "Not stated");
    FactDetails(h, f, name);
    if (check) h.Append(check(f));
    h.Close("dd").Close("div");
  }
  h.Close("dl");
}

}  // namespace waymark::report
