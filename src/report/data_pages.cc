// The local figures page and the data upload page.
#include "report/data_pages.h"

#include <cmath>

#include <fmt/format.h>

#include "report/form_kit.h"
#include "report/html.h"
#include "report/layout.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

std::string Number(double x) { return std::isfinite(x) ? fmt::format("{}", x) : ""; }

// "1,234": counts in summaries.
std::string Count(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void SuccessBanner(Html& h, std::string_view heading, std::string_view text) {
  h.Open("div", {{"class", "govuk-notification-banner govuk-notification-banner--success"},
                 {"role", "alert"},
                 {"aria-labelledby", "saved-title"},
                 {"data-module", "govuk-notification-banner"}});
  h.Open("div", {{"class", "govuk-notification-banner__header"}});
  h.Element("h2", {{"class", "govuk-notification-banner__title"}, {"id", "saved-title"}},
            "Success");
  h.Close("div").Open("div", {{"class", "govuk-notification-banner__content"}});
  h.Element("p", {{"class", "govuk-notification-banner__heading"}}, heading);
  if (!text.empty()) h.Element("p", {{"class", "govuk-body"}}, text);
  h.Close("div").Close("div");
}

void FieldError(Html& h, std::string_view id, std::string_view message) {
  h.Open("p", {{"class", "govuk-error-message"}, {"id", std::string(id) + "-error"}});
  h.Element("span", {{"class", "govuk-visually-hidden"}}, "Error:");
  h.Text(" ");
  h.Text(message);
  h.Close("p");
}

// A labelled <select>; `options` are value, text.
void Select(Html& h, std::string_view id, std::string_view label,
            const std::vector<std::pair<std::string, std::string>>& options,
            std::string_view selected, const FieldErrors& errors) {
  const std::string error = ErrorFor(errors, id);
  h.Open("div", {{"class", error.empty() ? "govuk-form-group"
                                         : "govuk-form-group govuk-form-group--error"}});
  h.Element("label", {{"class", "govuk-label"}, {"for", id}}, label);
  if (!error.empty()) FieldError(h, id, error);
  const std::string error_id = std::string(id) + "-error";
  std::vector<Attr> attrs = {
      {"class", error.empty() ? "govuk-select" : "govuk-select govuk-select--error"},
      {"id", id},
      {"name", id}};
  if (!error.empty()) attrs.push_back({"aria-describedby", error_id});
  h.Open("select", attrs);
  for (const auto& [value, text] : options) {
    if (value == selected) {
      h.Element("option", {{"value", value}, {"selected", "selected"}}, text);
    } else {
      h.Element("option", {{"value", value}}, text);
    }
  }
  h.Close("select").Close("div");
}

void Cell(Html& h, std::string_view text, bool numeric = false) {
  h.Element(
      "td",
      {{"class", numeric ? "govuk-table__cell govuk-table__cell--numeric" : "govuk-table__cell"}},
      text);
}

void EnteredTable(Html& h, const Indicator& indicator, const std::vector<EnteredFigure>& rows) {
  h.Element("h2", {{"class", "govuk-heading-m"}, {"id", "entered"}}, "Figures already kept");
  if (rows.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, "There are no figures for this measure yet.");
    return;
  }
  h.Open("div", {{"class", "waymark-scroll"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", "Figures already kept"}});
  h.Open("table", {{"class", "govuk-table waymark-table"}});
  h.Element("caption", {{"class", "govuk-table__caption govuk-visually-hidden"}},
            "Figures of " + indicator.title + ", newest first");
  h.Open("thead", {{"class", "govuk-table__head"}}).Open("tr", {{"class", "govuk-table__row"}});
  for (std::string_view col :
       {"Period", "Area", "Value", "Count", "Denominator", "Note", "Kept from", "By", "When"}) {
    h.Element("th", {{"scope", "col"}, {"class", "govuk-table__header"}}, col);
  }
  h.Close("tr").Close("thead").Open("tbody", {{"class", "govuk-table__body"}});
  for (const EnteredFigure& f : rows) {
    h.Open("tr", {{"class", "govuk-table__row"}});
    Cell(h, f.current ? f.period : f.period + " (replaced)");
    Cell(h, f.area_name);
    Cell(h, Number(f.value), true);
    Cell(h, Number(f.count), true);
    Cell(h, Number(f.denominator), true);
    Cell(h, f.note);
    Cell(h, f.source);
    Cell(h, f.by);
    Cell(h, f.at);
    h.Close("tr");
  }
  h.Close("tbody").Close("table").Close("div");
}

}  // namespace

void LocalFigureFields(Html& h, const FigureFields& fields, const FieldErrors& errors) {
  const Indicator& ind = *fields.indicator;
  const ingest::LocalFigureInput& input = *fields.input;
  const auto id = [&](std::string_view name) {
    std::string out(fields.prefix);
    out.append(name);
    return out;
  };
  Select(h, id("area"), "Area", *fields.areas, input.area, errors);
  if (fields.ask_period) {
    TextInput(h,
              {.id = id("period"),
               .label = "Period",
               .value = input.period,
               .hint = "As published: a year (2024), a financial or academic year (2024/25), a "
                       "quarter (2024/25 Q1) or a month (May 2024)",
               .width = "govuk-input--width-10"},
              errors);
  }
  const std::string unit = ind.unit.empty() ? "" : "In " + ind.unit + ". ";
  const std::string value_hint = unit + "A number, without % or commas.";
  TextInput(h,
            {.id = id("value"),
             .label = "Value",
             .value = input.value,
             .hint = value_hint,
             .width = "govuk-input--width-10"},
            errors);
  const std::string count_hint =
      (ind.numerator.empty() ? std::string("The count") : ind.numerator) + " (optional).";
  TextInput(h,
            {.id = id("count"),
             .label = "Count",
             .value = input.count,
             .hint = count_hint,
             .width = "govuk-input--width-10"},
            errors);
  const std::string den_hint =
      (ind.denominator.empty() ? std::string("What the count is out of") : ind.denominator) +
      " (optional).";
  TextInput(h,
            {.id = id("denominator"),
             .label = "Denominator",
             .value = input.denominator,
             .hint = den_hint,
             .width = "govuk-input--width-10"},
            errors);
  TextInput(h,
            {.id = id("note"),
             .label = "Note (optional)",
             .value = input.note,
             .hint = "Where the figure comes from, or what to know about it (one line, up to "
                     "500 characters)."},
            errors);
}

std::string RenderLocalFiguresPage(const LocalFiguresPage& page) {
  const Indicator& ind = page.indicator;
  const std::string action = "/indicators/" + UrlEncode(ind.id) + "/figures";
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  if (!page.saved.empty()) {
    SuccessBanner(h, "Figure saved", page.saved);
  }
  ErrorSummary(h, page.errors);
  h.Element("span", {{"class", "govuk-caption-l"}}, ind.title);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Enter a figure");
  h.Element("p", {{"class", "govuk-body"}},
            "This is a local measure" +
                (page.owner_name.empty() ? std::string() : ", kept by " + page.owner_name) +
                ": no public data set publishes it. A figure you enter is checked like a row of "
                "a data file, kept with your name and organisation (an earlier figure for the "
                "same area and period is kept as a revision) and judged at once.");
  h.Open("form", {{"method", "post"}, {"action", action}, {"novalidate", "novalidate"}});
  HiddenCsrf(h, page.csrf_token);
  LocalFigureFields(h, {&ind, "", &page.areas, &page.input, true}, page.errors);
  SubmitButton(h, "Save figure");
  h.Close("form");
  h.Open("p", {{"class", "govuk-body"}});
  h.Link("/indicators/" + UrlEncode(ind.id), "See the measure's figures and judgements");
  h.Close("p");
  h.Close("div").Close("div");
  EnteredTable(h, ind, page.recent);
  PageFrame frame{TitleWithErrors("Enter a figure: " + ind.title, page.errors),
                  {{"Home", "/"},
                   {"Indicators", "/indicators"},
                   {ind.title, "/indicators/" + UrlEncode(ind.id)},
                   {"Enter a figure", ""}},
                  NavItem::kIndicators,
                  Links{}};
  return RenderPage(frame, h);
}

namespace {

void Problems(Html& h, const DataImportPage& page) {
  h.Open("div", {{"id", "problems"}});
  h.Element("h2", {{"class", "govuk-heading-m"}},
            page.problem_count == 1 ? "The problem in the file" : "The problems in the file");
  h.Element("p", {{"class", "govuk-body"}},
            "Nothing was imported. Correct the file and upload it again.");
  h.Open("ul", {{"class", "govuk-list govuk-list--bullet"}});
  for (const std::string& p : page.problems) h.Open("li").Element("code", {}, p).Close("li");
  h.Close("ul");
  if (page.problem_count > page.problems.size()) {
    h.Element("p", {{"class", "govuk-body"}},
              "and " + Count(page.problem_count - page.problems.size()) + " more");
  }
  h.Close("div");
}

void Summary(Html& h, const ImportSummary& s) {
  SuccessBanner(h, "Figures imported from " + s.file,
                s.rejudge_problem.empty()
                    ? "The indicators whose figures changed have been judged again."
                    : "The figures were kept, but judging them again failed: " + s.rejudge_problem +
                          ". Run waymark assess to judge every figure.");
  h.Open("dl", {{"class", "govuk-summary-list"}});
  SummaryRow(h, "Rows read", Count(s.rows));
  SummaryRow(h, "New figures", Count(s.inserted));
  SummaryRow(h, "Revised figures (earlier values kept)", Count(s.revised));
  SummaryRow(h, "Unchanged figures", Count(s.unchanged));
  SummaryRow(h, "Rows repeated in the file", Count(s.repeated));
  SummaryRow(h, "Rows skipped (not in the catalogue)", Count(s.skipped));
  SummaryRow(h, "Indicators judged again", Count(s.indicators_rejudged));
  SummaryRow(h, "Their judgements", Count(s.assessments));
  h.Close("dl");
}

}  // namespace

std::string RenderDataImportPage(const DataImportPage& page) {
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  if (page.summary) Summary(h, *page.summary);
  ErrorSummary(h, page.errors);
  h.Element("h1", {{"class", "govuk-heading-l"}}, "Import a data file");
  if (!page.problems.empty()) Problems(h, page);
  h.Element("p", {{"class", "govuk-body"}},
            "Upload figures for the catalogue's indicators, as from the command line: a file "
            "with any problem imports nothing, and each problem is listed with its line and "
            "column. The indicators whose figures change are judged again at once.");
  h.Open("form", {{"method", "post"},
                  {"action", "/data/import"},
                  {"enctype", "multipart/form-data"},
                  {"novalidate", "novalidate"}});
  HiddenCsrf(h, page.csrf_token);  // first: the server reads it before the file
  Radios(h,
         {.name = "format",
          .legend = "Format of the file",
          .options = {{"fingertips", "Fingertips export (OHID)"},
                      {"lait", "LAIT (DfE Local Authority Interactive Tool)"},
                      {"ees", "Explore Education Statistics (DfE tidy CSV)"},
                      {"csv", "Waymark CSV"}},
          .selected = page.format},
         page.errors);
  const std::string error = ErrorFor(page.errors, "file");
  h.Open("div", {{"class", error.empty() ? "govuk-form-group"
                                         : "govuk-form-group govuk-form-group--error"}});
  h.Element("label", {{"class", "govuk-label"}, {"for", "file"}}, "The file");
  h.Element("div", {{"class", "govuk-hint"}, {"id", "file-hint"}},
            "A CSV file of up to " + page.limit +
                ". An EES file keeps the name it was published with: the catalogue finds its "
                "indicators by that name.");
  if (!error.empty()) FieldError(h, "file", error);
  h.Void("input", {{"class", error.empty() ? "govuk-file-upload"
                                           : "govuk-file-upload govuk-file-upload--error"},
                   {"id", "file"},
                   {"name", "file"},
                   {"type", "file"},
                   {"accept", ".csv,text/csv"},
                   {"aria-describedby", error.empty() ? "file-hint" : "file-hint file-error"}});
  h.Close("div");
  SubmitButton(h, "Upload and import");
  h.Close("form");
  h.Close("div").Close("div");
  const bool failed = !page.errors.empty() || !page.problems.empty();
  PageFrame frame{failed ? "Error: Import a data file" : "Import a data file",
                  {{"Home", "/"}, {"Indicators", "/indicators"}, {"Import a data file", ""}},
                  NavItem::kIndicators,
                  Links{}};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
