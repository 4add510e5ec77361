// Fuzz target: any bytes stored as a block of figures are either refused as damaged or decode
// to figures that encode and decode again to the same figures.
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "store/figure_block.h"

namespace {

bool SameBits(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using waymark::store::Figure;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<Figure> figures;
  if (!waymark::store::DecodeBlock(bytes, figures)) return 0;
  std::string block;
  waymark::store::EncodeBlock(figures, block);
  std::vector<Figure> again;
  WAYMARK_FUZZ_CHECK(waymark::store::DecodeBlock(block, again).has_value());
  WAYMARK_FUZZ_CHECK(again.size() == figures.size());
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const Figure& a = figures[i];
    const Figure& b = again[i];
    WAYMARK_FUZZ_CHECK(a.period == b.period && a.key == b.key);
    for (std::size_t n = 0; n < waymark::store::kFigureNumbers; ++n) {
      WAYMARK_FUZZ_CHECK(SameBits(a.numbers[n], b.numbers[n]));
    }
    WAYMARK_FUZZ_CHECK(a.missing_reason == b.missing_reason && a.note == b.note);
    WAYMARK_FUZZ_CHECK(a.published_trend == b.published_trend);
    WAYMARK_FUZZ_CHECK(a.published_vs_england == b.published_vs_england);
    WAYMARK_FUZZ_CHECK(a.published_vs_region == b.published_vs_region);
    WAYMARK_FUZZ_CHECK(a.import_id == b.import_id && a.source_row == b.source_row);
  }
  return 0;
}
