// Labels and small text helpers of the plan pages.
#include "report/plan_text.h"

#include <array>
#include <cctype>
#include <set>

namespace waymark::report {

namespace {

std::string MonthName(int month) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return std::string(kMonths[static_cast<std::size_t>(month - 1)]);
}

}  // namespace

std::string LongDate(const Date& date) {
  if (date.month < 1 || date.month > 12) return date.ToString();
  return std::to_string(date.day) + " " + MonthName(date.month) + " " + std::to_string(date.year);
}

std::string LongTime(std::string_view iso) {
  if (iso.size() < 16 || iso[10] != 'T' || iso[13] != ':') return std::string(iso);
  const auto date = Date::Parse(iso.substr(0, 10));
  if (!date) return std::string(iso);
  std::string out = LongDate(*date);
  out += " at ";
  out += iso.substr(11, 5);
  return out;
}

std::string PlanPeriod(const Plan& plan) {
  if (!plan.start || !plan.end) return "period not stated";  // never an invented date
  return LongDate(*plan.start) + " to " + LongDate(*plan.end);
}

std::string StatusLabel(std::string_view status) {
  std::string out(status);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string KindLabel(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kStage: return "Stage of the child's journey";
    case OutcomeKind::kPriority: return "Cross-cutting priority";
    case OutcomeKind::kTheme: return "Theme";
    case OutcomeKind::kOutcome: break;
  }
  return "Outcome";
}

std::string DirectionLabel(Direction d) {
  switch (d) {
    case Direction::kIncrease:
      return "Increase";
    case Direction::kDecrease:
      return "Decrease";
    case Direction::kMaintain:
      return "Maintain";
    case Direction::kNotStated:
      return "Not stated";
  }
  return "Not stated";
}

std::string OutcomesHeading(const Plan& plan) {
  for (const Outcome& o : plan.outcomes) {
    if (o.kind == OutcomeKind::kStage || o.kind == OutcomeKind::kPriority) {
      return "Stages and priorities";
    }
  }
  return "Outcomes";
}

OutcomeCounts CountOutcome(const Outcome& outcome) {
  OutcomeCounts counts;
  std::set<std::string> partners;
  counts.objectives = static_cast<int>(outcome.objectives.size());
  for (const Objective& o : outcome.objectives) {
    counts.actions += static_cast<int>(o.actions.size());
    for (const Action& a : o.actions) partners.insert(a.responsible.begin(), a.responsible.end());
  }
  counts.partners = static_cast<int>(partners.size());
  return counts;
}

namespace {

template <typename Item>
std::vector<std::string> Names(const std::vector<Item>& items,
                               const std::vector<std::string>& ids) {
  std::vector<std::string> names;
  names.reserve(ids.size());
  for (const std::string& id : ids) {
    std::string name = id;
    for (const Item& item : items) {
      if (item.id == id) {
        name = item.name;
        break;
      }
    }
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace

std::vector<std::string> PartnerNames(const Plan& plan, const std::vector<std::string>& ids) {
  return Names(plan.partners, ids);
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += "; ";
    out += n;
  }
  return out;
}

std::vector<std::string> BodyNames(const Plan& plan, const std::vector<std::string>& ids) {
  return Names(plan.bodies, ids);
}

void SummaryRow(Html& h, std::string_view key, std::string_view value) {
  h.Open("div", {{"class", "govuk-summary-list__row"}});
  h.Element("dt", {{"class", "govuk-summary-list__key"}}, key);
  h.Element("dd", {{"class", "govuk-summary-list__value"}}, value);
  h.Close("div");
}

void TableHead(Html& h, std::string_view caption, std::initializer_list<Column> cols) {
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--s"}}, caption);
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (const Column& c : cols) {
    const std::string cls = c.width.empty() ? std::string("govuk-table__header")
                                            : "govuk-table__header " + std::string(c.width);
    h.Element("th", {{"scope", "col"}, {"class", cls}}, c.title);
  }
  h.Close("tr").Close("thead");
}

std::string PartialDateLabel(const PartialDate& date) {
  if (date.month == 0) return std::to_string(date.year);
  if (date.day == 0) return MonthName(date.month) + " " + std::to_string(date.year);
  return LongDate(Date{date.year, date.month, date.day});
}

}  // namespace waymark::report
