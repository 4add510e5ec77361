// The pages of board reports (issued_pages.h).
#include "report/issued_pages.h"

#include "report/charts.h"
#include "report/commentary_pages.h"
#include "report/form_kit.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

std::string ReportHref(std::int64_t id, std::string_view suffix = {}) {
  std::string href = "/reports/" + std::to_string(id);
  href.append(suffix);
  return href;
}

std::string_view StateTag(ReportState state) {
  switch (state) {
    case ReportState::kDraft:
      return "govuk-tag govuk-tag--grey";
    case ReportState::kReviewed:
      return "govuk-tag govuk-tag--blue";
    case ReportState::kApproved:
      return "govuk-tag govuk-tag--green";
    case ReportState::kPublished:
      return "govuk-tag govuk-tag--purple";
  }
  return "govuk-tag";
}

void Cell(Html& h, std::string_view label, std::string_view text) {
  h.Element("td", {{"class", "govuk-table__cell"}, {"data-label", label}}, text);
}

void ReportsTable(Html& h, const std::vector<IssuedReport>& reports) {
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-table__caption--m"}},
            "Issued reports, newest first");
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view col : {"Report", "Kind", "Issued", "Data as of", "State"}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, col);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (const IssuedReport& r : reports) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "Report"}});
    h.Link(ReportHref(r.id), r.title);
    h.Close("td");
    Cell(h, "Kind", ReportKindLabel(r.kind));
    Cell(h, "Issued", LongTime(r.issued_at));
    Cell(h, "Data as of", LongTime(r.data_as_of));
    h.Open("td", {{"class", "govuk-table__cell"}, {"data-label", "State"}});
    h.Element("strong", {{"class", StateTag(r.state)}}, ReportStateLabel(r.state));
    h.Close("td").Close("tr");
  }
  h.Close("tbody").Close("table");
}

std::string Who(std::string_view by, std::string_view at) {
  if (at.empty()) return "Not yet";
  return std::string(by) + ", " + LongTime(at);
}

void SignOff(Html& h, const IssuedReportPage& page) {
  const IssuedReport& r = page.report;
  h.Element("h2", {{"class", "govuk-heading-m"}, {"id", "sign-off"}}, "Sign-off");
  h.Open("dl", {{"class", "govuk-summary-list"}});
  SummaryRow(h, "State", std::string(ReportStateLabel(r.state)));
  SummaryRow(h, "Issued", Who(r.issued_by, r.issued_at));
  SummaryRow(h, "Reviewed", Who(r.reviewed_by, r.reviewed_at));
  SummaryRow(h, "Approved", Who(r.approved_by, r.approved_at));
  SummaryRow(h, "Published", Who(r.published_by, r.published_at));
  h.Close("dl");
  if (!page.message.empty()) {
    h.Open("div", {{"class", "govuk-inset-text"}, {"role", "alert"}});
    h.Text(page.message);
    h.Close("div");
  }
  if (!page.next_step) return;
  static constexpr std::string_view kSteps[] = {"", "review", "approve", "publish"};
  static constexpr std::string_view kButtons[] = {"", "Mark as reviewed", "Approve for the board",
                                                  "Publish (make it public)"};
  const auto step = static_cast<std::size_t>(*page.next_step);
  std::string suffix = "/";
  suffix.append(kSteps[step]);
  h.Open("form", {{"method", "post"}, {"action", ReportHref(r.id, suffix)}});
  HiddenCsrf(h, page.csrf_token);
  SubmitButton(h, kButtons[step]);
  h.Close("form");
}

void Downloads(Html& h, const IssuedReportPage& page) {
  const std::int64_t id = page.report.id;
  h.Element("h2", {{"class", "govuk-heading-m"}, {"id", "downloads"}}, "Read and download");
  h.Open("ul", {{"class", "govuk-list"}});
  h.Open("li");
  h.Link(ReportHref(id, "/document"), "Read the report as issued (HTML)");
  h.Close("li");
  if (page.has_pdf) {
    h.Open("li");
    h.Link(ReportHref(id, "/download?format=pdf"), "PDF, as issued");
    h.Close("li");
  }
  h.Open("li");
  h.Link(ReportHref(id, "/download?format=xlsx"), "Excel workbook (one sheet per table)");
  h.Close("li");
  for (const std::string& t : page.table_names) {
    h.Open("li");
    h.Link(ReportHref(id, "/download?format=csv&table=" + UrlEncode(t)), t + " table (CSV)");
    h.Close("li");
  }
  h.Close("ul");
}

void Changes(Html& h, const IssuedReportPage& page) {
  h.Element("h2", {{"class", "govuk-heading-m"}, {"id", "changes"}}, "What has changed since");
  if (!page.changes_known) {
    h.Element("p", {{"class", "govuk-body"}},
              "The figures as they stand now could not be compared with this report.");
    return;
  }
  if (page.changes.empty()) {
    h.Element("p", {{"class", "govuk-body"}},
              "Nothing in this report has changed since it was issued.");
    return;
  }
  h.Element("p", {{"class", "govuk-body"}},
            "The report stays as the board saw it; the figures and updates now differ:");
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const std::string& c : page.changes) h.Element("li", {}, c);
  h.Close("ul");
}

// The children's version: each outcome's reading ease, reading age and plain-words problems.
void Readability(Html& h, const std::vector<WordingReadability>& rows) {
  if (rows.empty()) return;
  h.Element("h2", {{"class", "govuk-heading-m"}, {"id", "readability"}},
            "How easy the words are to read");
  h.Element("p", {{"class", "govuk-body"}},
            "Flesch reading ease (70 or more is easy) and reading age of each outcome's words "
            "for children, with the problems to fix: long sentences, more than one number in a "
            "sentence, abbreviations not spelt out.");
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view col : {"Outcome", "Reading ease", "Reading age", "Problems"}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, col);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (const WordingReadability& r : rows) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    Cell(h, "Outcome", r.outcome_title);
    if (!r.has_words) {
      Cell(h, "Reading ease", "No words yet");
      Cell(h, "Reading age", "");
      Cell(h, "Problems", "");
      h.Close("tr");
      continue;
    }
    Cell(h, "Reading ease", OneDecimal(r.reading_ease));
    Cell(h, "Reading age", OneDecimal(r.reading_age));
    std::string problems = r.problems.empty() ? "None" : "";
    for (const ReadabilityProblem& p : r.problems) {
      problems.append(problems.empty() ? "" : "; ").append(p.message);
    }
    Cell(h, "Problems", problems);
    h.Close("tr");
  }
  h.Close("tbody").Close("table");
}

void Radios(Html& h, std::string_view name, std::string_view legend,
            std::vector<std::pair<std::string, std::string>> options, std::string_view selected,
            const FieldErrors& errors, std::string_view hint = {}) {
  report::Radios(h,
                 {.name = name, .legend = legend, .hint = hint, .options = std::move(options),
                  .selected = selected},
                 errors);
}

}  // namespace

std::string RenderReportsPage(const ReportsPage& page) {
  Html h;
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Board reports");
  if (page.can_issue) {
    h.Open("div", {{"class", "govuk-button-group"}});
    h.Link("/reports/new", "Issue a report to a board", "govuk-button");
    h.Link(CommentaryHref(page.links, std::nullopt), "Write commentary",
           "govuk-button govuk-button--secondary");
    h.Close("div");
  }
  if (page.reports.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "No report has been published yet.");
  } else {
    ReportsTable(h, page.reports);
  }
  PageFrame frame{"Board reports",
                  {{"Plan overview", page.links.Home()}, {"Board reports", ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

std::string RenderNewReportPage(const NewReportPage& page) {
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  ErrorSummary(h, page.errors);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Issue a report to a board");
  h.Element("p", {{"class", "govuk-body"}},
            "Issuing freezes the report: its figures, judgements, updates and commentary are "
            "kept exactly as they are now, with a PDF, whatever is imported later.");
  std::string action = "/reports";
  if (page.links.CarriesPlan()) action += "?plan=" + UrlEncode(page.links.PlanId());
  h.Open("form", {{"method", "post"}, {"action", action}, {"novalidate", "novalidate"}});
  HiddenCsrf(h, page.csrf_token);
  std::vector<std::pair<std::string, std::string>> kinds;
  for (ReportKind k : {ReportKind::kPlan, ReportKind::kOutcome, ReportKind::kExceptions,
                       ReportKind::kChildren}) {
    kinds.emplace_back(std::string(ReportKindName(k)), std::string(ReportKindLabel(k)));
  }
  Radios(h, "kind", "Kind of report", kinds, page.input.kind, page.errors);
  std::vector<std::pair<std::string, std::string>> outcomes;
  for (const Outcome& o : page.plan->outcomes) outcomes.emplace_back(o.id, o.title);
  Radios(h, "outcome", "Outcome (outcome reports only)", outcomes, page.input.outcome,
         page.errors);
  std::vector<std::pair<std::string, std::string>> cycles = {{"", "The current cycle"}};
  for (const ReportingCycle& c : page.cycles) {
    std::string label = c.name;
    label.append(" (").append(LongDate(c.from)).append(" to ").append(LongDate(c.to)).append(")");
    cycles.emplace_back(std::to_string(c.id), std::move(label));
  }
  Radios(h, "cycle", "Reporting cycle", cycles, page.input.cycle, page.errors);
  std::vector<std::pair<std::string, std::string>> boards;
  for (const MonitoringBody& b : page.plan->bodies) boards.emplace_back(b.id, b.name);
  Radios(h, "board", "Board it goes to", boards, page.input.board, page.errors,
         "The monitoring bodies named in the plan");
  SubmitButton(h, "Issue the report");
  h.Close("form");
  h.Close("div").Close("div");
  PageFrame frame{TitleWithErrors("Issue a report", page.errors),
                  {{"Plan overview", page.links.Home()},
                   {"Board reports", "/reports"},
                   {"Issue a report", ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

std::string RenderIssuedReportPage(const IssuedReportPage& page) {
  const IssuedReport& r = page.report;
  Html h;
  h.Element("span", {{"class", "govuk-caption-l"}}, ReportKindLabel(r.kind));
  h.Element("h1", {{"class", "govuk-heading-l"}}, r.title);
  h.Open("dl", {{"class", "govuk-summary-list"}});
  SummaryRow(h, "Board", page.board_name.empty() ? r.board : page.board_name);
  SummaryRow(h, "Data as of", LongTime(r.data_as_of));
  h.Close("dl");
  Downloads(h, page);
  SignOff(h, page);
  Changes(h, page);
  Readability(h, page.readability);
  PageFrame frame{r.title,
                  {{"Plan overview", page.links.Home()},
                   {"Board reports", "/reports"},
                   {r.title, ""}},
                  NavItem::kNone,
                  page.links};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
