// The headline breakdown rule.
#include "core/headline.h"

#include <tuple>

namespace waymark {

std::optional<Breakdown> HeadlineBreakdown(const std::map<Breakdown, std::size_t>& counts) {
  const auto score = [](const Breakdown& b, std::size_t n) {
    const bool whole = b.category_type.empty() && b.category.empty();
    return std::make_tuple(whole, b.sex == "Persons", b.age.empty(), n);
  };
  std::optional<Breakdown> best;
  std::size_t best_n = 0;
  for (const auto& [b, n] : counts) {
    if (best && !(score(b, n) > score(*best, best_n))) continue;
    best = b;
    best_n = n;
  }
  return best;
}

}  // namespace waymark
