// The process's table of static file addresses (see asset_urls.h).
#include "report/asset_urls.h"

#include <memory>
#include <mutex>

namespace waymark::report {
namespace {

using Table = std::map<std::string, std::string, std::less<>>;

std::mutex& TableMutex() {
  static std::mutex mu;
  return mu;
}

std::shared_ptr<const Table>& CurrentTable() {
  static std::shared_ptr<const Table> table = std::make_shared<const Table>();
  return table;
}

}  // namespace

void SetAssetUrls(Table urls) {
  auto table = std::make_shared<const Table>(std::move(urls));
  std::lock_guard lock(TableMutex());
  CurrentTable() = std::move(table);
}

std::string AssetUrl(std::string_view path) {
  std::shared_ptr<const Table> table;
  {
    std::lock_guard lock(TableMutex());
    table = CurrentTable();
  }
  const auto it = table->find(path);
  return it == table->end() ? std::string(path) : it->second;
}

}  // namespace waymark::report
