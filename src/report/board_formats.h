// A board report in each of its formats: the HTML document, the PDF rendered from it by
// WeasyPrint, the Excel workbook (one sheet per table) and the CSV of each table. The tables
// (BoardReportTables) carry the same figures as the document, numbers as numbers, suppressed
// figures as empty cells.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "report/board_model.h"
#include "report/pdf_render.h"
#include "report/table.h"

namespace waymark::report {

enum class ReportFormat { kHtml, kPdf, kXlsx, kCsv };
std::string_view ReportFormatName(ReportFormat format);  // "html", "pdf", "xlsx", "csv"
std::optional<ReportFormat> ParseReportFormat(std::string_view text);
std::string_view ReportFormatMediaType(ReportFormat format);

// The report's tables: "Summary", "Exceptions", and (but for the exception report)
// "Indicators", "Actions" and "Index" when the report has an index. The children's version has
// "Summary" and "Actions" only (its HTML and PDF are ChildrensReportDocument).
std::vector<Table> BoardReportTables(const BoardReport& report);
// The table called `name` ignoring case (for downloads of one CSV); nullopt when none.
std::optional<Table> BoardReportTable(const BoardReport& report, std::string_view name);

struct RenderOptions {
  std::string site_url;  // see BoardDocumentOptions
  PdfOptions pdf;
  std::int64_t created_unix_seconds = 0;  // the workbook's creation time
};

// The report as an HTML document, a PDF or a workbook. CSV is one file per table
// (BoardReportTables, TableCsv): kCsv here gives kInvalidArgument.
Result<std::string> RenderBoardReport(const BoardReport& report, ReportFormat format,
                                      const RenderOptions& options);

}  // namespace waymark::report
