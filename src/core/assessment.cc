// The label pool behind Assessment's judgement fields.
#include "core/assessment.h"

#include <mutex>
#include <set>

namespace waymark {

std::string_view InternLabel(std::string_view text) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> pool;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = pool.find(text);
  if (it == pool.end()) it = pool.emplace(text).first;
  return *it;
}

}  // namespace waymark
