// Fuzz target: any bytes stored as a block of judgements are either refused as damaged or
// decode to judgements that encode and decode again to the same judgements, with no method and
// with each method that omits the numbers the counts give.
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "store/judgement_block.h"

namespace {

using waymark::Assessment;

bool SameBits(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
}

void CheckSame(const std::vector<Assessment>& rows, const std::vector<Assessment>& again) {
  WAYMARK_FUZZ_CHECK(again.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Assessment& a = rows[i];
    const Assessment& b = again[i];
    WAYMARK_FUZZ_CHECK(a.period == b.period);
    for (const auto& [x, y] : {std::pair{a.value, b.value},
                               {a.lower95, b.lower95},
                               {a.upper95, b.upper95},
                               {a.lower998, b.lower998},
                               {a.upper998, b.upper998},
                               {a.count, b.count},
                               {a.denominator, b.denominator},
                               {a.target, b.target}}) {
      WAYMARK_FUZZ_CHECK(SameBits(x, y));
    }
    WAYMARK_FUZZ_CHECK(a.value_source == b.value_source && a.vs_england == b.vs_england);
    WAYMARK_FUZZ_CHECK(a.vs_england_998 == b.vs_england_998);
    WAYMARK_FUZZ_CHECK(a.vs_england_2level == b.vs_england_2level);
    WAYMARK_FUZZ_CHECK(a.vs_region == b.vs_region && a.vs_region_998 == b.vs_region_998);
    WAYMARK_FUZZ_CHECK(a.vs_region_2level == b.vs_region_2level);
    WAYMARK_FUZZ_CHECK(a.recent_trend == b.recent_trend && a.rag == b.rag);
    WAYMARK_FUZZ_CHECK(a.rag_rule == b.rag_rule && a.basis == b.basis);
    WAYMARK_FUZZ_CHECK(a.quintile == b.quintile && a.rank_london == b.rank_london);
    WAYMARK_FUZZ_CHECK(a.rank_neighbours == b.rank_neighbours);
    WAYMARK_FUZZ_CHECK(a.neighbours_ranked == b.neighbours_ranked);
    WAYMARK_FUZZ_CHECK(a.suppressed == b.suppressed);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using waymark::store::JudgementMethod;
  const waymark::store::JudgementSeries series{"ind", "E09000003", {}};
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<Assessment> rows;
  if (!waymark::store::DecodeJudgements(bytes, series, rows)) return 0;
  std::vector<const Assessment*> pointers;
  pointers.reserve(rows.size());
  for (const Assessment& a : rows) pointers.push_back(&a);
  for (const JudgementMethod& method :
       {JudgementMethod{}, JudgementMethod{waymark::CiMethod::kWilson, 100},
        JudgementMethod{waymark::CiMethod::kByar, 100000}}) {
    std::string block;
    waymark::store::EncodeJudgements(pointers, method, block);
    std::vector<Assessment> again;
    WAYMARK_FUZZ_CHECK(waymark::store::DecodeJudgements(block, series, again).has_value());
    CheckSame(rows, again);
  }
  return 0;
}
