// Plan access for the web server. The store (one database connection) is not thread-safe, so
// every store call is serialised by one mutex; loaded plans are kept (by id, revision and update
// time) and shared read-only with the request threads, so rendering happens outside the lock. The
// list of plans is read again when the plans' data version moved (an import through any node or
// command shows at the next request), and at least once per refresh interval.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "core/plan.h"
#include "core/result.h"
#include "store/store.h"

namespace waymark::web {

// The plans in the database and the one a request asked for (or the default one).
struct PlanView {
  std::vector<PlanSummary> plans;
  std::shared_ptr<const Plan> plan;
  // Changes whenever any plan changes (ids, revisions, update times) and differs between those
  // who see drafts and those who do not: a key for caches of pages that show this view.
  std::string version;
  // What else a kept page of the plan depends on, read with the plans' version: the figures'
  // data version and the plan's progress version (store::PageVersions).
  std::int64_t figures_version = 0;
  std::int64_t progress = 0;
};

class PlanSource {
 public:
  explicit PlanSource(std::unique_ptr<store::Store> store,
                      std::chrono::milliseconds refresh = std::chrono::seconds(1))
      : store_(std::move(store)), refresh_(refresh) {}

  // Every stored plan `principal` may see (CanSeePlan).
  Result<std::vector<PlanSummary>> List(const Principal& principal);
  // The plan `plan_id`, or when none is named the default plan: the published plan that
  // starts last (one whose period is not stated only when no published plan states one),
  // else the first plan, among those `principal` may see. kNotFound for an
  // unknown id, a plan the principal may not see (it must not learn that it exists) or an
  // empty database.
  Result<PlanView> Resolve(const std::optional<std::string>& plan_id, const Principal& principal);
  // Runs `f(store)` holding the store's lock (for other readers of the same database).
  template <typename F>
  decltype(auto) WithStore(F&& f) {
    std::lock_guard lock(mu_);
    return f(*store_);
  }

 private:
  struct Cached {
    int revision = 0;
    std::string updated_at;
    std::shared_ptr<const Plan> plan;
  };
  Result<std::shared_ptr<const Plan>> LoadLocked(const PlanSummary& summary);
  // The list of plans, read from the store again when the plans' data version (`version`, or
  // read now) moved (a plan imported through any node or command) or when older than refresh_.
  Status RefreshLocked(std::optional<std::int64_t> version = std::nullopt);
  std::vector<PlanSummary> VisibleLocked(const Principal& principal) const;

  std::mutex mu_;
  std::unique_ptr<store::Store> store_;
  std::chrono::milliseconds refresh_;
  std::chrono::steady_clock::time_point listed_at_;
  bool listed_ = false;
  std::int64_t listed_version_ = 0;  // the plans' data version the list was read at
  std::vector<PlanSummary> plans_;
  std::string version_;
  std::map<std::string, Cached, std::less<>> cache_;
};

// The id of the default plan among `plans` (see Resolve); empty when there are none.
std::string DefaultPlanId(const std::vector<PlanSummary>& plans);

}  // namespace waymark::web
