// The sliding-window sign-in limits on both sides of each threshold.
#include "core/sign_in_throttle.h"

#include <gtest/gtest.h>

namespace waymark {
namespace {

constexpr std::int64_t kT0 = 1'800'000'000;

std::string Name(std::string prefix, int i) { return prefix.append(std::to_string(i)); }

TEST(SignInThrottle, FiveFailuresPerAccountThenWaitForTheWindow) {
  SignInThrottle t;
  for (int i = 0; i < 4; ++i) t.RecordFailure("a@x", "1.1.1.1", kT0 + i);
  EXPECT_EQ(t.RetryAfter("a@x", "1.1.1.1", kT0 + 10), 0);  // 4 < 5
  t.RecordFailure("a@x", "2.2.2.2", kT0 + 10);
  EXPECT_EQ(t.RetryAfter("a@x", "3.3.3.3", kT0 + 10), 900 - 10);  // any address
  EXPECT_EQ(t.RetryAfter("b@x", "1.1.1.1", kT0 + 10), 0);         // other accounts
  EXPECT_EQ(t.RetryAfter("a@x", "1.1.1.1", kT0 + 899), 1);
  EXPECT_EQ(t.RetryAfter("a@x", "1.1.1.1", kT0 + 900), 0);  // the first failure left
}

TEST(SignInThrottle, TwentyFailuresPerAddress) {
  SignInThrottle t;
  for (int i = 0; i < 19; ++i) t.RecordFailure(Name("u", i), "9.9.9.9", kT0);
  EXPECT_EQ(t.RetryAfter("new", "9.9.9.9", kT0), 0);
  t.RecordFailure("u19", "9.9.9.9", kT0);
  EXPECT_EQ(t.RetryAfter("new", "9.9.9.9", kT0 + 5), 895);
  EXPECT_EQ(t.RetryAfter("new", "8.8.8.8", kT0 + 5), 0);
}

TEST(SignInThrottle, ASuccessForgetsOnlyItsOwnAccountAndAddress) {
  SignInThrottle t;
  for (int i = 0; i < 3; ++i) t.RecordFailure("a@x", "1.1.1.1", kT0);
  for (int i = 0; i < 2; ++i) t.RecordFailure("a@x", "2.2.2.2", kT0);
  EXPECT_GT(t.RetryAfter("a@x", "2.2.2.2", kT0), 0);
  t.RecordSuccess("a@x", "2.2.2.2", kT0 + 1);
  EXPECT_EQ(t.Size(), 3u);  // the other address's failures stay
  EXPECT_EQ(t.RetryAfter("a@x", "2.2.2.2", kT0 + 1), 0);
  t.RecordFailure("a@x", "1.1.1.1", kT0 + 2);
  t.RecordFailure("a@x", "1.1.1.1", kT0 + 2);
  EXPECT_GT(t.RetryAfter("a@x", "2.2.2.2", kT0 + 2), 0);
}

TEST(SignInThrottle, MemoryIsBounded) {
  SignInThrottle t({5, 20, 900, 1000});
  for (int i = 0; i < 5000; ++i) t.RecordFailure(Name("u", i), Name("a", i), kT0);
  EXPECT_EQ(t.Size(), 1000u);
  EXPECT_EQ(t.RetryAfter("u4999", "a4999", kT0), 0);
}

}  // namespace
}  // namespace waymark
