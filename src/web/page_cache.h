// A bounded cache of rendered answers (the response before the account bar, the cache policy
// and compression are applied), keyed by what they depend on and the address, so that a page of
// an unchanged plan or snapshot of figures is rendered once. Thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "web/http.h"

namespace waymark::web {

class PageCache {
 public:
  // At most `capacity` answers whose bodies hold at most `max_bytes` in all.
  explicit PageCache(std::size_t capacity = 256, std::size_t max_bytes = std::size_t{64} << 20)
      : capacity_(capacity), max_bytes_(max_bytes) {}

  // The answer stored under `key`, or nullptr.
  std::shared_ptr<const Response> Get(const std::string& key);
  // Stores an answer; when full, the cache starts again empty (one larger than `max_bytes` is
  // not stored).
  void Put(const std::string& key, std::shared_ptr<const Response> page);
  // The answer stored under `key`, else `render(keep)`'s, stored when it is a 200 and `keep`
  // stayed set (it is cleared for an answer with a part that could not be read).
  Response Answer(const std::string& key, const std::function<Response(bool& keep)>& render);

 private:
  std::size_t capacity_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;  // the bodies' sizes, in all
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const Response>> pages_;
};

}  // namespace waymark::web
