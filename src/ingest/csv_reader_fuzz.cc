// Fuzz target: the CSV reader reads any bytes to the end or stops at an error with a position,
// gives every field a column, and reads the same records whatever its block size (the split of
// quote-free lines and the full state machine agree).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "ingest/csv_reader.h"

namespace {

struct Outcome {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<int>> columns;
  std::vector<int> lines;
  bool failed = false;
  int error_line = 0;
};

Outcome ReadAll(waymark::ingest::CsvReader& reader) {
  Outcome out;
  waymark::ingest::CsvRecord record;
  while (true) {
    auto more = reader.Next(record);
    if (!more) {
      out.failed = true;
      out.error_line = more.error().pos.line;
      WAYMARK_FUZZ_CHECK(out.error_line >= 1);
      return out;
    }
    if (!*more) return out;
    WAYMARK_FUZZ_CHECK(record.fields.size() == record.columns.size());
    WAYMARK_FUZZ_CHECK(!record.fields.empty());
    for (const int column : record.columns) WAYMARK_FUZZ_CHECK(column >= 1);
    out.rows.emplace_back(record.fields.begin(), record.fields.end());
    out.columns.push_back(record.columns);
    out.lines.push_back(record.line);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto whole = waymark::ingest::CsvReader::FromString(text, "fuzz.csv");
  const Outcome a = ReadAll(*whole);
  // The same bytes read through a file three bytes at a time.
  const std::string path = "/tmp/waymark-csv-fuzz-" + std::to_string(::getpid()) + ".csv";
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
    auto small = waymark::ingest::CsvReader::Open(path, 3);
    WAYMARK_FUZZ_CHECK(small.has_value());
    const Outcome b = ReadAll(**small);
    std::remove(path.c_str());
    WAYMARK_FUZZ_CHECK(a.rows == b.rows);
    WAYMARK_FUZZ_CHECK(a.columns == b.columns);
    WAYMARK_FUZZ_CHECK(a.lines == b.lines);
    WAYMARK_FUZZ_CHECK(a.failed == b.failed && a.error_line == b.error_line);
  }
  return 0;
}
