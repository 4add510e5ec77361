// A board report's tables and formats (see board_formats.h).
#include "report/board_formats.h"

#include <array>
#include <cmath>
#include <utility>

#include "core/cycle.h"
#include "report/board_pages.h"
#include "report/children_pages.h"
#include "report/plan_text.h"
#include "report/report_style.h"
#include "report/xlsx_book.h"

namespace waymark::report {
namespace {

constexpr std::array<std::pair<ReportFormat, std::string_view>, 4> kFormatNames = {{
    {ReportFormat::kHtml, "html"},
    {ReportFormat::kPdf, "pdf"},
    {ReportFormat::kXlsx, "xlsx"},
    {ReportFormat::kCsv, "csv"},
}};

TableCell Number(double x) { return std::isfinite(x) ? TableCell(x) : TableCell(); }
TableCell Text(std::string text) { return text.empty() ? TableCell() : TableCell(std::move(text)); }

TableColumn TextColumn(std::string title) { return {std::move(title), CellKind::kText, 0}; }
TableColumn NumberColumn(std::string title, int decimals = 1) {
  return {std::move(title), CellKind::kNumber, decimals};
}
TableColumn IntegerColumn(std::string title) { return {std::move(title), CellKind::kInteger, 0}; }

Table SummaryTable(const BoardReport& r) {
  Table t{"Summary", "How many indicators and actions stand where in " + r.title,
          {TextColumn("Measure"), IntegerColumn("Count")}, {}};
  const ReportCounts& c = r.counts;
  const std::array<std::pair<std::string_view, int>, 13> rows = {{
      {"Indicators", c.indicators},
      {"Indicators better than England", c.better},
      {"Indicators similar to England", c.similar},
      {"Indicators significantly worse than England", c.worse},
      {"Indicators getting worse", c.getting_worse},
      {"Actions", c.actions},
      {"Actions on track", c.on_track},
      {"Actions at risk", c.at_risk},
      {"Actions off track", c.off_track},
      {"Actions complete", c.complete},
      {"Actions without a submitted update", c.no_update},
      {"Actions overdue", c.overdue},
      {"Actions where the evidence and the update disagree", c.disagree},
  }};
  for (const auto& [label, n] : rows) {
    t.rows.push_back({std::string(label), static_cast<double>(n)});
  }
  return t;
}

Table ExceptionsTable(const BoardReport& r) {
  Table t{"Exceptions", "Items for the board's attention and the rule that chose each",
          {TextColumn("Outcome"), TextColumn("Item"), TextColumn("Item id"), TextColumn("Rule"),
           TextColumn("Rule id"), TextColumn("Detail"), TextColumn("Commentary")},
          {}};
  for (const ReportException& e : r.exceptions) {
    t.rows.push_back({e.outcome_title, e.title, e.subject, std::string(ExceptionRuleText(e.rule)),
                      std::string(ExceptionRuleName(e.rule)), e.detail, Text(e.commentary)});
  }
  return t;
}

Table IndicatorsTable(const BoardReport& r) {
  Table t{"Indicators",
          "Each indicator's latest figure for " + r.area_name +
              " with its 95% interval and comparisons (suppressed figures are empty)",
          {TextColumn("Outcome"), TextColumn("Objective"), TextColumn("Indicator id"),
           TextColumn("Indicator"), TextColumn("Unit"), TextColumn("Period"),
           NumberColumn("Value"), NumberColumn("Lower 95% limit"),
           NumberColumn("Upper 95% limit"), NumberColumn("England"),
           TextColumn("Compared with England"), TextColumn("Basis of the comparison"),
           TextColumn("Recent trend"), TextColumn("Note"), TextColumn("Commentary")},
          {}};
  for (const ReportOutcome& o : r.outcomes) {
    for (const ReportObjective& obj : o.objectives) {
      for (const ReportIndicator& i : obj.indicators) {
        const bool note = i.suppressed || i.period.empty();
        t.rows.push_back({o.title, obj.title, i.id, i.title, Text(i.unit), Text(i.period),
                          Number(i.value), Number(i.lower95), Number(i.upper95),
                          Number(i.england), Text(i.vs_england), Text(i.comparison_basis),
                          Text(i.recent_trend),
                          note ? Text(i.value_text) : TableCell(), Text(i.commentary)});
      }
    }
  }
  return t;
}

Table ActionsTable(const BoardReport& r) {
  Table t{"Actions",
          "Each action with its update of " +
              (r.cycle_name.empty() ? std::string("the cycle") : r.cycle_name),
          {TextColumn("Outcome"), TextColumn("Objective"), TextColumn("Action id"),
           TextColumn("Action"), TextColumn("Responsible"), TextColumn("Status"),
           TextColumn("Previous cycle"), TextColumn("Overdue"),
           TextColumn("Evidence disagrees"), TextColumn("Update"), TextColumn("Next steps"),
           TextColumn("Evidence"), TextColumn("Submitted by"), TextColumn("Submitted at"),
           TextColumn("Commentary")},
          {}};
  for (const ReportOutcome& o : r.outcomes) {
    for (const ReportObjective& obj : o.objectives) {
      for (const ReportAction& a : obj.actions) {
        std::string evidence;
        for (const std::string& e : a.evidence) evidence.append(evidence.empty() ? "" : "\n").append(e);
        const auto previous = ParseActionStatus(a.previous_status);
        t.rows.push_back({o.title, obj.title, a.id, a.title, Text(JoinNames(a.responsible)),
                          a.status_label,
                          previous ? TableCell(std::string(ActionStatusLabel(*previous)))
                                   : TableCell(),
                          std::string(a.overdue ? "yes" : "no"),
                          std::string(a.disagrees ? "yes" : "no"), Text(a.narrative),
                          Text(a.next_steps), Text(evidence), Text(a.author),
                          Text(a.submitted_at), Text(a.commentary)});
      }
    }
  }
  return t;
}

// The commentary on the report, its outcomes and objectives; that on indicators and actions is
// in their own tables.
Table CommentaryTable(const BoardReport& r) {
  Table t{"Commentary",
          "The analyst's commentary on the report, its outcomes and objectives (on indicators "
          "and actions: in their tables)",
          {TextColumn("Item id"), TextColumn("Item"), TextColumn("Commentary")},
          {}};
  if (!r.commentary.empty()) t.rows.push_back({std::string("plan"), std::string("Whole plan"), r.commentary});
  for (const ReportOutcome& o : r.outcomes) {
    if (!o.commentary.empty()) t.rows.push_back({"outcome:" + o.id, o.title, o.commentary});
    for (const ReportObjective& obj : o.objectives) {
      if (obj.commentary.empty()) continue;
      t.rows.push_back({"objective:" + obj.id, obj.title, obj.commentary});
    }
  }
  return t;
}

Table IndexTable(const ReportIndex& x) {
  Table t{"Index",
          x.title + " for " + x.area_name + ": the latest year and the measures that moved it",
          {TextColumn("Item"), NumberColumn("Value", 2)},
          {}};
  auto row = [&t](std::string label, double value) {
    t.rows.push_back({std::move(label), Number(value)});
  };
  row("Year", x.year);
  row("Score", x.score);
  row("Rank", x.rank);
  row("Rank, 5th percentile of simulations", x.rank_p05);
  row("Rank, 95th percentile of simulations", x.rank_p95);
  row("Areas ranked", x.ranked);
  if (x.previous_year > 0) {
    row("Previous year", x.previous_year);
    row("Previous score", x.previous_score);
    row("Previous rank", x.previous_rank);
  }
  for (const IndexMover& m : x.movers) row("Change in contribution: " + m.measure, m.change);
  return t;
}

}  // namespace

std::string_view ReportFormatName(ReportFormat format) {
  for (const auto& [f, name] : kFormatNames) {
    if (f == format) return name;
  }
  return "";
}

std::optional<ReportFormat> ParseReportFormat(std::string_view text) {
  for (const auto& [f, name] : kFormatNames) {
    if (name == text) return f;
  }
  return std::nullopt;
}

std::string_view ReportFormatMediaType(ReportFormat format) {
  switch (format) {
    case ReportFormat::kHtml:
      return "text/html; charset=utf-8";
    case ReportFormat::kPdf:
      return "application/pdf";
    case ReportFormat::kXlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case ReportFormat::kCsv:
      return "text/csv; charset=utf-8";
  }
  return "application/octet-stream";
}

std::vector<Table> BoardReportTables(const BoardReport& report) {
  std::vector<Table> tables;
  tables.push_back(SummaryTable(report));
  if (report.kind == ReportKind::kChildren) {
    tables.push_back(ActionsTable(report));
    return tables;
  }
  tables.push_back(ExceptionsTable(report));
  if (report.kind == ReportKind::kExceptions) return tables;
  tables.push_back(IndicatorsTable(report));
  tables.push_back(ActionsTable(report));
  tables.push_back(CommentaryTable(report));
  if (report.index && report.kind == ReportKind::kPlan) tables.push_back(IndexTable(*report.index));
  return tables;
}

std::optional<Table> BoardReportTable(const BoardReport& report, std::string_view name) {
  const std::vector<Table> tables = BoardReportTables(report);
  const Table* found = FindTable(tables, name);
  if (found == nullptr) return std::nullopt;
  return *found;
}

Result<std::string> RenderBoardReport(const BoardReport& report, ReportFormat format,
                                      const RenderOptions& options) {
  switch (format) {
    case ReportFormat::kHtml:
    case ReportFormat::kPdf: {
      std::string html =
          report.kind == ReportKind::kChildren
              ? ChildrensReportDocument(report, ReportStylesheet())
              : BoardReportDocument(report, {ReportStylesheet(), options.site_url});
      if (format == ReportFormat::kHtml) return html;
      return RenderPdf(html, options.pdf);
    }
    case ReportFormat::kXlsx: {
      const std::vector<Table> tables = BoardReportTables(report);
      XlsxMeta meta;
      meta.title = report.title;
      meta.author = report.organisation;
      meta.organisation = report.organisation;
      meta.data_as_of = "Data as of " + LongTime(report.data_as_of) +
                        (report.cycle_name.empty() ? "" : "; cycle " + report.cycle_name);
      meta.created_unix_seconds = options.created_unix_seconds;
      return XlsxBook(tables, meta);
    }
    case ReportFormat::kCsv:
      break;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "format: CSV is written one file per table; choose html, pdf or xlsx");
}

}  // namespace waymark::report
