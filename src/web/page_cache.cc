// The cache of rendered answers.
#include "web/page_cache.h"

namespace waymark::web {

std::shared_ptr<const Response> PageCache::Get(const std::string& key) {
  std::lock_guard lock(mu_);
  const auto it = pages_.find(key);
  return it == pages_.end() ? nullptr : it->second;
}

void PageCache::Put(const std::string& key, std::shared_ptr<const Response> page) {
  const std::size_t size = page->body.size();
  if (size > max_bytes_) return;
  std::lock_guard lock(mu_);
  if (const auto it = pages_.find(key); it != pages_.end()) {
    bytes_ -= it->second->body.size();
    pages_.erase(it);
  }
  if (pages_.size() >= capacity_ || bytes_ + size > max_bytes_) {
    pages_.clear();
    bytes_ = 0;
  }
  pages_.emplace(key, std::move(page));
  bytes_ += size;
}

Response PageCache::Answer(const std::string& key,
                           const std::function<Response(bool& keep)>& render) {
  if (const auto kept = Get(key)) return *kept;
  bool keep = true;
  Response res = render(keep);
  if (keep && res.status == 200) Put(key, std::make_shared<const Response>(res));
  return res;
}

}  // namespace waymark::web
