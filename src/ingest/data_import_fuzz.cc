// Fuzz target: any bytes read as a data file of each format either stop the import with an
// error or give observations and problems; every problem names the file and a line and column,
// and no observation has an unknown area or a count above its denominator for a proportion.
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_set>
#include <vector>

#include "fuzz_check.h"
#include "ingest/data_import.h"

namespace {

waymark::Indicator Make(const std::string& id, waymark::SourceFormat format,
                        const std::string& code, waymark::ValueType type) {
  waymark::Indicator i;
  i.id = id;
  i.value_type = type;
  i.source.format = format;
  i.source.code = code;
  return i;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using waymark::SourceFormat;
  using waymark::ValueType;
  const std::string path = "/tmp/waymark-import-fuzz-" + std::to_string(::getpid()) + ".csv";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  const std::unordered_set<std::string> areas = {"E92000001", "E12000007", "E09000003"};
  const std::vector<waymark::Indicator> catalogue = {
      Make("p", SourceFormat::kCsv, "", ValueType::kProportion),
      Make("r", SourceFormat::kCsv, "", ValueType::kRate),
      Make("f", SourceFormat::kFingertips, "90284", ValueType::kProportion),
      Make("l", SourceFormat::kLait, "m1", ValueType::kRate),
      Make("e", SourceFormat::kEes, "rate", ValueType::kProportion)};
  for (const auto format : {SourceFormat::kCsv, SourceFormat::kFingertips, SourceFormat::kLait,
                            SourceFormat::kEes}) {
    std::size_t seen = 0;
    const auto report = waymark::ingest::ImportDataFile(
        format, path, catalogue, areas, [&](const waymark::Observation& o) {
          ++seen;
          WAYMARK_FUZZ_CHECK(areas.count(o.area) == 1);
          WAYMARK_FUZZ_CHECK(o.source_row >= 2);
          if (o.indicator == "p" && !std::isnan(o.count) && !std::isnan(o.denominator)) {
            WAYMARK_FUZZ_CHECK(o.count <= o.denominator);
          }
          return waymark::Status{};
        });
    WAYMARK_FUZZ_CHECK(report.accepted == seen);
    WAYMARK_FUZZ_CHECK(report.problem_count >= report.problems.size());
    for (const auto& p : report.problems) {
      WAYMARK_FUZZ_CHECK(p.pos.file == path);
      WAYMARK_FUZZ_CHECK(p.pos.line >= 1 && p.pos.column >= 1);
    }
  }
  std::remove(path.c_str());
  return 0;
}
