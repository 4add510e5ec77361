// The web pages of board reports: /reports (the issued reports a reader may see, with the
// link to issue one), /reports/new (the form: kind, outcome, cycle, board) and /reports/{id}
// (an issued report's sign-off, downloads in every format, the frozen document, what has
// changed since it was issued and, for the children's version, how readable its wording is).
#pragma once

#include <string>
#include <vector>

#include "core/board_report.h"
#include "core/cycle.h"
#include "core/field_error.h"
#include "core/plan.h"
#include "report/children_pages.h"
#include "report/layout.h"

namespace waymark::report {

struct ReportsPage {
  Links links;
  std::vector<IssuedReport> reports;  // those the reader may see, newest first, no bodies
  bool can_issue = false;
};
std::string RenderReportsPage(const ReportsPage& page);

// What the issue form was sent with.
struct ReportInput {
  std::string kind;
  std::string outcome;
  std::string cycle;  // a cycle id, "" for the current one
  std::string board;
};

struct NewReportPage {
  const Plan* plan = nullptr;
  Links links;
  std::vector<ReportingCycle> cycles;  // newest first
  std::string csrf_token;
  ReportInput input;
  FieldErrors errors;
};
std::string RenderNewReportPage(const NewReportPage& page);

struct IssuedReportPage {
  Links links;
  IssuedReport report;  // without its bodies
  std::string board_name;
  bool has_pdf = false;
  std::vector<std::string> table_names;  // the CSV downloads
  std::vector<std::string> changes;       // since it was issued (empty: nothing changed)
  bool changes_known = false;             // false when the data now could not be compared
  // The sign-off step the reader may take now (nullopt: none) and the CSRF token for it.
  std::optional<ReportState> next_step;
  std::string csrf_token;
  std::string message;  // why the last step was refused, shown above the buttons
  // The children's version only: the readability of each outcome's wording (empty: not shown).
  std::vector<WordingReadability> readability = {};
};
std::string RenderIssuedReportPage(const IssuedReportPage& page);

}  // namespace waymark::report
