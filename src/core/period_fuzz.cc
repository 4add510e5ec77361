// Fuzz target: any text given as a period label either is refused or parses to a period whose
// canonical label parses back to the same period.
#include <cstdint>
#include <string_view>

#include "core/period.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto period = waymark::ParsePeriod(text);
  if (!period) return 0;
  const auto again = waymark::ParsePeriod(period->Label());
  WAYMARK_FUZZ_CHECK(again.has_value());
  WAYMARK_FUZZ_CHECK(*again == *period);
  WAYMARK_FUZZ_CHECK(again->SortKey() == period->SortKey());
  return 0;
}
