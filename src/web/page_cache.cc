// The cache of rendered answers.
#include "web/page_cache.h"

namespace waymark::web {

std::shared_ptr<const Response> PageCache::Get(const std::string& key) {
  std::lock_guard lock(mu_);
  const auto it = pages_.find(key);
  return it == pages_.end() ? nullptr : it->second;
}

void PageCache::Put(const std::string& key, std::shared_ptr<const Response> page) {
  std::lock_guard lock(mu_);
  if (pages_.size() >= capacity_) pages_.clear();
  pages_[key] = std::move(page);
}

}  // namespace waymark::web
