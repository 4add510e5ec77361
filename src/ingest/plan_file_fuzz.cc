// Fuzz target: any text is either refused with positioned problems or read into a plan that
// writes back to a plan file reading to the same plan.
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "ingest/plan_file.h"
#include "ingest/plan_toml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto report = waymark::ingest::ParsePlanText(text, "fuzz.toml");
  if (!report.ok()) {
    WAYMARK_FUZZ_CHECK(!report.problems.empty());
    for (const auto& p : report.problems) WAYMARK_FUZZ_CHECK(p.pos.file == "fuzz.toml");
    return 0;
  }
  const std::string written = waymark::ingest::WritePlanToml(*report.plan);
  const auto again = waymark::ingest::ParsePlanText(written, "written.toml");
  WAYMARK_FUZZ_CHECK(again.ok());
  WAYMARK_FUZZ_CHECK(*again.plan == *report.plan);
  return 0;
}
