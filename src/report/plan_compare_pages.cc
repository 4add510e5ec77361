// The page of two plans side by side, in GOV.UK components: a summary of the changes by kind of
// record, then each kind's records added, removed and changed, named by their titles and linked
// to their pages where they have one.
#include "report/plan_compare_pages.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "report/html.h"
#include "report/layout.h"
#include "report/plan_lineage_section.h"
#include "report/plan_text.h"
#include "store/plan_diff.h"

namespace waymark::report {
namespace {

using store::Change;
using store::ChangeKind;
using Titles = store::RecordTitleMap;

// The kinds of record the diff names, in the order the page shows them, with their headings.
struct KindHeading {
  PlanRecordKind entity;
  std::string_view heading;
};
constexpr std::array<KindHeading, 14> kKinds = {{
    {PlanRecordKind::kPlan, "The plan"},
    {PlanRecordKind::kPrinciple, "Principles"},
    {PlanRecordKind::kBadge, "Child Friendly Cities outcomes"},
    {PlanRecordKind::kPartner, "Partners"},
    {PlanRecordKind::kBody, "Boards, committees and reports"},
    {PlanRecordKind::kText, "Forewords, welcome and pledge"},
    {PlanRecordKind::kOutcome, "Outcomes"},
    {PlanRecordKind::kObjective, "Objectives"},
    {PlanRecordKind::kMeasure, "Measures of success"},
    {PlanRecordKind::kAction, "Actions"},
    {PlanRecordKind::kStrategy, "Strategies"},
    {PlanRecordKind::kStrategyObjective, "Aims of strategies"},
    {PlanRecordKind::kIndex, "The composite index"},
    {PlanRecordKind::kIndexMeasure, "Measures of the index"},
}};

struct KindChanges {
  std::vector<const Change*> added, removed, changed;
  bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

// The id of a kind's section ("changes-strategy-objective"), or with `hash` its fragment link.
std::string Anchor(PlanRecordKind entity, bool hash = false) {
  std::string out = hash ? "#changes-" : "changes-";
  out.append(PlanRecordKindName(entity));
  for (char& c : out) {
    if (c == ' ') c = '-';
  }
  return out;
}

std::string Title(const Titles& titles, const Change& c) {
  const auto it = titles.find({c.entity, c.entity_id});
  return it == titles.end() || it->second.empty() ? c.entity_id : it->second;
}

// The record's page in `plan` (outcomes and actions have one), or "".
std::string PageOf(const Plan& plan, const Change& c) {
  const Links links(plan.id, true);
  if (c.entity == PlanRecordKind::kOutcome) return links.Outcome(c.entity_id);
  if (c.entity == PlanRecordKind::kAction) return links.Action(c.entity_id);
  return "";
}

void RecordName(Html& h, const std::string& href, const std::string& title) {
  if (href.empty()) {
    h.Text(title);
  } else {
    h.Link(href, title);
  }
}

void PlanRow(Html& h, std::string_view key, const Plan& plan) {
  h.Open("div", {{"class", "govuk-summary-list__row"}});
  h.Element("dt", {{"class", "govuk-summary-list__key"}}, key);
  h.Open("dd", {{"class", "govuk-summary-list__value"}});
  h.Link(Links(plan.id, true).Home(), plan.title);
  h.Element("p", {{"class", "govuk-body-s govuk-!-margin-bottom-0"}},
            PlanPeriod(plan) + " · " + StatusLabel(plan.status));
  h.Close("dd").Close("div");
}

std::string Counted(std::size_t n, std::string_view what) {
  return std::to_string(n) + " " + std::string(what);
}

void SummaryTable(Html& h, const std::map<PlanRecordKind, KindChanges>& by_kind) {
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  TableHead(
      h, "Changes by kind of record",
      {{"Records", "govuk-!-width-one-half"}, {"Added", ""}, {"Removed", ""}, {"Changed", ""}});
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const KindHeading& k : kKinds) {
    const auto it = by_kind.find(k.entity);
    if (it == by_kind.end() || it->second.empty()) continue;
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Records"}});
    h.Link(Anchor(k.entity, true), std::string(k.heading));
    h.Close("td");
    for (const auto& [label, list] :
         {std::pair{"Added", &it->second.added}, std::pair{"Removed", &it->second.removed},
          std::pair{"Changed", &it->second.changed}}) {
      h.Element("td",
                {{"class", "govuk-table__cell govuk-table__cell--numeric"}, {"data-label", label}},
                std::to_string(list->size()));
    }
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

void RecordList(Html& h, std::string_view heading, const std::vector<const Change*>& changes,
                const Plan& plan, const Titles& titles) {
  if (changes.empty()) return;
  h.Element("h3", {{"class", "govuk-heading-s"}}, std::string(heading));
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const Change* c : changes) {
    h.Open("li");
    RecordName(h, PageOf(plan, *c), Title(titles, *c));
    h.Close("li");
  }
  h.Close("ul");
}

// A changed field's value as the page shows it: the ids of a link named by the titles of the
// records they name in that plan (an id it does not have stays as written), "(none)" for none.
std::string ValueText(const Change& c, const std::string& value, const Titles& titles) {
  if (value.empty()) return "(none)";
  const std::optional<PlanRecordKind> kind = store::LinkedKind(c.entity, c.field);
  if (!kind) return value;
  std::string out;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t comma = std::min(value.find(", ", start), value.size());
    const std::string id = value.substr(start, comma - start);
    const auto it = titles.find({*kind, id});
    if (!out.empty()) out.append("; ");
    out.append(it == titles.end() || it->second.empty() ? id : it->second);
    start = comma + 2;
  }
  return out;
}

void ChangedTable(Html& h, const std::vector<const Change*>& changes, const Plan& to,
                  const Titles& from_titles, const Titles& titles) {
  if (changes.empty()) return;
  h.Element("h3", {{"class", "govuk-heading-s"}}, "Changed");
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  TableHead(h, "What changed in each record",
            {{"Record", "govuk-!-width-one-quarter"}, {"What", ""}, {"Before", ""}, {"After", ""}});
  h.Open("tbody", {{"class", "govuk-table__body"}});
  for (const Change* c : changes) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Record"}});
    RecordName(h, PageOf(to, *c), Title(titles, *c));
    h.Close("td");
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "What"}}, c->field);
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "Before"}},
              ValueText(*c, c->old_value, from_titles));
    h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", "After"}},
              ValueText(*c, c->new_value, titles));
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

void KindSection(Html& h, const KindHeading& kind, const KindChanges& changes,
                 const PlanComparison& page, const Titles& from_titles, const Titles& to_titles) {
  h.Element("h2", {{"class", "govuk-heading-l"}, {"id", Anchor(kind.entity)}},
            std::string(kind.heading));
  h.Element(
      "p", {{"class", "govuk-body"}},
      Counted(changes.added.size(), "added") + ", " + Counted(changes.removed.size(), "removed") +
          ", " +
          Counted(changes.changed.size(), changes.changed.size() == 1 ? "change" : "changes") +
          ".");
  RecordList(h, "Added", changes.added, *page.to, to_titles);
  RecordList(h, "Removed", changes.removed, *page.from, from_titles);
  ChangedTable(h, changes.changed, *page.to, from_titles, to_titles);
}

void OtherComparisons(Html& h, const PlanComparison& page) {
  h.Element("h2", {{"class", "govuk-heading-m"}}, "Other comparisons");
  h.Open("ul", {{"class", "govuk-list"}});
  h.Open("li").Link(PlanComparisonHref(page.to->id, page.from->id),
                    "The other way round: from " + page.to->title + " to " + page.from->title);
  h.Close("li");
  for (const PlanSummary& p : page.plans) {
    if (p.id == page.from->id || p.id == page.to->id) continue;
    h.Open("li").Link(PlanComparisonHref(p.id, page.to->id),
                      "From " + p.title + " to " + page.to->title);
    h.Close("li");
  }
  h.Close("ul");
}

}  // namespace

std::string PlanComparisonHref(std::string_view from, std::string_view to) {
  return "/plans/" + UrlEncode(from) + "/compare/" + UrlEncode(to);
}

std::string RenderPlanComparison(const PlanComparison& page) {
  // The plan record itself is compared field by field whatever the two plans' ids.
  Plan from = *page.from;
  from.id = page.to->id;
  const std::vector<Change> changes = store::DiffPlans(from, *page.to);
  std::map<PlanRecordKind, KindChanges> by_kind;
  for (const Change& c : changes) {
    KindChanges& k = by_kind[c.entity];
    (c.kind == ChangeKind::kAdded     ? k.added
     : c.kind == ChangeKind::kRemoved ? k.removed
                                      : k.changed)
        .push_back(&c);
  }
  const Titles from_titles = store::RecordTitles(from);
  const Titles to_titles = store::RecordTitles(*page.to);
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}}).Open("div", {{"class", "govuk-grid-column-full"}});
  h.Element("span", {{"class", "govuk-caption-l"}}, "Plans side by side");
  h.Element("h1", {{"class", "govuk-heading-xl"}}, "What changed from one plan to the other");
  h.Open("dl", {{"class", "govuk-summary-list"}});
  PlanRow(h, "From", *page.from);
  PlanRow(h, "To", *page.to);
  h.Close("dl");
  h.Append(GenerationsSection(page.generations, page.data));
  if (changes.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "The two plans are the same.");
  } else {
    h.Element("p", {{"class", "govuk-body"}},
              "Records are matched by their ids: a record whose id is in only one plan is added "
              "or removed, and a changed field of a record in both is shown before and after.");
    SummaryTable(h, by_kind);
    for (const KindHeading& k : kKinds) {
      const auto it = by_kind.find(k.entity);
      if (it != by_kind.end() && !it->second.empty()) {
        KindSection(h, k, it->second, page, from_titles, to_titles);
      }
    }
  }
  OtherComparisons(h, page);
  h.Close("div").Close("div");
  const std::string title = "Plans side by side";
  PageFrame frame{title,
                  {{page.to->title, Links(page.to->id, true).Home()}, {title, ""}},
                  NavItem::kNone,
                  Links(page.to->id, true)};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
