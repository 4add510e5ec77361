// The whole-plan board pack of the demo database (7 outcomes, every indicator and action):
// building and rendering it to HTML (median of several runs), to PDF through RenderPdf, and the
// same HTML rendered by WeasyPrint alone from the command line, side by side. Prints the times
// and the ratio of our PDF to WeasyPrint's own. Goals: HTML under 100 ms; PDF within 1.2 times
// WeasyPrint alone.
//
//   report_bench [DATABASE]   (default: demo.db, as `make demo` leaves it)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/clock.h"
#include "report/board_formats.h"
#include "report/board_pages.h"
#include "report/report_style.h"
#include "store/store.h"
#include "web/report_source.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point from) {
  return std::chrono::duration<double>(Clock::now() - from).count();
}

double Median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs[xs.size() / 2];
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "report_bench: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string db = argc > 1 ? argv[1] : "demo.db";
  if (!std::filesystem::exists(db)) {
    std::printf("report_bench: skipped: no database %s (run `make demo` first)\n", db.c_str());
    return 0;
  }
  if (!waymark::report::PdfRendererAvailable()) {
    std::printf("report_bench: skipped: weasyprint is not installed\n");
    return 0;
  }
  auto store = waymark::store::OpenSqliteStore(db, waymark::store::OpenMode::kReadOnly);
  if (!store) return Fail(store.error().ToString());
  auto plans = (*store)->ListPlans();
  if (!plans || plans->empty()) return Fail("no plan in " + db);
  const waymark::SystemClock clock;
  auto data = waymark::web::LoadIndicatorData(**store);
  if (!data) return Fail(data.error().ToString());
  waymark::web::ReportScope scope;
  scope.plan_id = plans->front().id;
  for (const auto& p : *plans) {
    if (p.status == "published") scope.plan_id = p.id;
  }

  std::vector<double> html_times;
  std::string html;
  for (int run = 0; run < 9; ++run) {
    const auto start = Clock::now();
    auto model = waymark::web::LoadBoardReport(**store, scope, clock, &*data);
    if (!model) return Fail(model.error().ToString());
    html = waymark::report::BoardReportDocument(
        *model, {waymark::report::ReportStylesheet(), ""});
    html_times.push_back(Seconds(start));
  }

  auto model = waymark::web::LoadBoardReport(**store, scope, clock, &*data);
  if (!model) return Fail(model.error().ToString());
  auto start = Clock::now();
  auto pdf = waymark::report::RenderBoardReport(*model, waymark::report::ReportFormat::kPdf, {});
  const double ours = Seconds(start);
  if (!pdf) return Fail(pdf.error().ToString());

  const auto dir = std::filesystem::temp_directory_path() / "waymark-report-bench";
  std::filesystem::create_directories(dir);
  const auto in = dir / "board-pack.html";
  const auto out = dir / "board-pack.pdf";
  std::ofstream(in, std::ios::binary) << html;
  const std::string command = "weasyprint --pdf-variant pdf/ua-1 --encoding utf-8 '" +
                              in.string() + "' '" + out.string() + "' 2>/dev/null";
  start = Clock::now();
  const int status = std::system(command.c_str());
  const double alone = Seconds(start);
  std::filesystem::remove_all(dir);
  if (status != 0) return Fail("weasyprint alone failed: " + command);

  std::printf("board pack of %s: %zu bytes of HTML, %zu bytes of PDF\n", scope.plan_id.c_str(),
              html.size(), pdf->size());
  std::printf("HTML (build + render, median of %zu): %8.1f ms  (goal < 100 ms)\n",
              html_times.size(), Median(html_times) * 1000);
  std::printf("PDF through RenderPdf:               %8.2f s\n", ours);
  std::printf("PDF by WeasyPrint alone:             %8.2f s\n", alone);
  std::printf("ratio ours / WeasyPrint alone:       %8.2f  (goal <= 1.2)\n", ours / alone);
  return 0;
}
