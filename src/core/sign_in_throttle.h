// Brute-force protection for signing in: failed attempts are counted per account and per client
// address in a sliding window; once either count reaches its limit, further attempts for that
// account or from that address are refused until the oldest counted failure leaves the window.
// A success forgets only the failures of the same account from the same address, so it does
// not reset another address's count. Pure logic: the caller passes the time and holds a lock.
// The server keeps the failures in the database (Store::RecentSignInFailures), so that every
// node counts every node's failures, and asks the rule with them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>

namespace waymark {

// One failed sign-in: the account tried and the client's address, at Unix seconds.
struct SignInFailure {
  std::string account;
  std::string address;
  std::int64_t at = 0;
  bool operator==(const SignInFailure&) const = default;
};

struct ThrottleLimits {
  int per_account = 5;
  int per_address = 20;
  std::int64_t window_seconds = std::int64_t{15} * 60;
  std::size_t max_failures = 100'000;  // memory bound: the oldest are forgotten first
};

class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

  // Seconds until an attempt for `account` from `address` may be made; 0 when it may now.
  std::int64_t RetryAfter(std::string_view account, std::string_view address, std::int64_t now);
  void RecordFailure(std::string_view account, std::string_view address, std::int64_t now);
  void RecordSuccess(std::string_view account, std::string_view address, std::int64_t now);
  // Failures currently counted (for tests and the memory bound).
  std::size_t Size() const { return live_; }

 private:
  struct Failure {
    std::string account;
    std::string address;
    std::int64_t at = 0;
    bool forgotten = false;
  };
  void Expire(std::int64_t now);
  void Forget(Failure& failure);
  // When the oldest counted failure matching `match` leaves the window.
  template <typename Match>
  std::int64_t OldestEnd(Match match) const;

  ThrottleLimits limits_;
  std::deque<Failure> failures_;  // oldest first
  std::map<std::string, int, std::less<>> by_account_;
  std::map<std::string, int, std::less<>> by_address_;
  std::size_t live_ = 0;
};

}  // namespace waymark
