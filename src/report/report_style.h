// The print stylesheet of board reports (static/report.css), compiled in at build time: it is
// inlined in report documents (read away from the site and rendered to PDF) and served by the
// web layer as /assets/report.css.
#pragma once

#include <string_view>

namespace waymark::report {

std::string_view ReportStylesheet();

}  // namespace waymark::report
