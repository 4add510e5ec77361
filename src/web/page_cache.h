// A bounded cache of rendered pages, keyed by the plan version and the address, so that a page
// of an unchanged plan is rendered once. Thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace waymark::web {

class PageCache {
 public:
  explicit PageCache(std::size_t capacity = 256) : capacity_(capacity) {}

  // The page stored under `key`, or nullptr.
  std::shared_ptr<const std::string> Get(const std::string& key);
  // Stores a page; when full, the cache starts again empty.
  void Put(const std::string& key, std::shared_ptr<const std::string> page);

 private:
  std::size_t capacity_;
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> pages_;
};

}  // namespace waymark::web
