// Sliding-window counts of failed sign-ins per account and per address.
#include "core/sign_in_throttle.h"

#include <algorithm>

namespace waymark {
namespace {

int Count(const std::map<std::string, int, std::less<>>& counts, std::string_view key) {
  const auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

void Decrement(std::map<std::string, int, std::less<>>& counts, const std::string& key) {
  const auto it = counts.find(key);
  if (it == counts.end()) return;
  if (--it->second <= 0) counts.erase(it);
}

}  // namespace

void SignInThrottle::Forget(Failure& failure) {
  if (failure.forgotten) return;
  failure.forgotten = true;
  Decrement(by_account_, failure.account);
  Decrement(by_address_, failure.address);
  --live_;
}

void SignInThrottle::Expire(std::int64_t now) {
  while (!failures_.empty() &&
         (failures_.front().forgotten || failures_.front().at + limits_.window_seconds <= now)) {
    Forget(failures_.front());
    failures_.pop_front();
  }
}

template <typename Match>
std::int64_t SignInThrottle::OldestEnd(Match match) const {
  for (const Failure& f : failures_) {
    if (!f.forgotten && match(f)) return f.at + limits_.window_seconds;
  }
  return 0;
}

std::int64_t SignInThrottle::RetryAfter(std::string_view account, std::string_view address,
                                        std::int64_t now) {
  Expire(now);
  std::int64_t until = 0;
  if (Count(by_account_, account) >= limits_.per_account) {
    until = std::max(until, OldestEnd([&](const Failure& f) { return f.account == account; }));
  }
  if (Count(by_address_, address) >= limits_.per_address) {
    until = std::max(until, OldestEnd([&](const Failure& f) { return f.address == address; }));
  }
  return until > now ? until - now : 0;
}

void SignInThrottle::RecordFailure(std::string_view account, std::string_view address,
                                   std::int64_t now) {
  Expire(now);
  while (live_ >= limits_.max_failures && !failures_.empty()) {
    Forget(failures_.front());
    failures_.pop_front();
  }
  failures_.push_back(Failure{std::string(account), std::string(address), now, false});
  ++by_account_[std::string(account)];
  ++by_address_[std::string(address)];
  ++live_;
}

void SignInThrottle::RecordSuccess(std::string_view account, std::string_view address,
                                   std::int64_t now) {
  Expire(now);
  for (Failure& f : failures_) {
    if (f.account == account && f.address == address) Forget(f);
  }
}

}  // namespace waymark
