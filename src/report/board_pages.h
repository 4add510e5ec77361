// Board reports as documents: the whole HTML document (for download and for the PDF, with the
// print stylesheet inlined) and the report's body for the web page. The summary comes first
// (exceptions, counts and what changed since the last issued report), then each outcome with
// its objectives' indicators (spine chart, trend charts, table with intervals and comparisons)
// and actions with the cycle's updates, then the Family Friendly Index, what young people told
// us and the methods. The exception report has the summary and the exceptions only.
#pragma once

#include <string>
#include <string_view>

#include "report/board_model.h"
#include "report/html.h"

namespace waymark::report {

struct BoardDocumentOptions {
  std::string_view stylesheet;  // the print stylesheet's text (ReportStylesheet())
  // Where the methods pages live, e.g. "https://waymark.example" (links are absolute in a
  // document read away from the site; "" keeps them relative).
  std::string site_url;
};

// The report's content: everything inside <main>, starting with its <h1>.
Html BoardReportBody(const BoardReport& report, std::string_view site_url);

// A whole report document around `body`: lang en-GB, the report's title, author and
// description, the stylesheet inlined, <body class="BODY_CLASS"><main>body</main>.
std::string ReportDocument(const BoardReport& report, std::string_view stylesheet,
                           std::string_view body_class, const Html& body);

// A whole HTML document (lang en-GB, title, the stylesheet inlined), ready for WeasyPrint.
std::string BoardReportDocument(const BoardReport& report, const BoardDocumentOptions& options);

}  // namespace waymark::report
