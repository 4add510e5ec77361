// Tests of the shared block pieces: every number form gives back the same bits, short decimals
// take their short form, and payloads no writer makes are refused.
#include "store/block_codec.h"

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace waymark::store::codec {
namespace {

struct Written {
  std::uint8_t tag;
  std::string bytes;
};

Written Write(double v) {
  char buf[16];
  char* p = buf;
  const std::uint8_t tag = PutNumber(v, p);
  return {tag, std::string(buf, p)};
}

// Reads back what Write wrote and says whether it is the same double, bit for bit.
bool RoundTrips(double v) {
  const Written w = Write(v);
  Reader in(w.bytes);
  const double back = in.Number(w.tag);
  if (in.failed() || !in.done()) return false;
  if (std::isnan(v)) return std::isnan(back);
  return std::bit_cast<std::uint64_t>(back) == std::bit_cast<std::uint64_t>(v);
}

TEST(BlockCodecTest, EachNumberTakesItsShortestExactForm) {
  EXPECT_EQ(Write(kNoValue).tag, kMissing);
  EXPECT_EQ(Write(kNoValue).bytes.size(), 0u);
  EXPECT_EQ(Write(1234567).tag, kWhole);
  EXPECT_EQ(Write(-3).bytes, std::string(1, 5));  // zig-zag
  // 0.5: digits 5 (zig-zag 10), one place (low bits 0).
  EXPECT_EQ(Write(0.5).tag, kDecimal);
  EXPECT_EQ(Write(0.5).bytes, std::string(1, 80));
  // Fingertips' four places: 291417 in four bytes, not eight.
  EXPECT_EQ(Write(29.1417).tag, kDecimal);
  EXPECT_EQ(Write(29.1417).bytes.size(), 4u);
  EXPECT_EQ(Write(-0.04).tag, kDecimal);
  EXPECT_EQ(Write(0.00000001).tag, kDecimal);  // eight places, the most
  // Neither whole nor a decimal of at most eight places: the double's own 8 bytes.
  for (const double v : {0.1 + 0.2, 1.0 / 3, 0.000000001, 1e-300, 1.5e300, -0.0,
                         std::numeric_limits<double>::infinity(),
                         -std::numeric_limits<double>::infinity(), 9007199254740993.5e-8}) {
    EXPECT_EQ(Write(v).tag, kDouble) << v;
    EXPECT_EQ(Write(v).bytes.size(), 8u) << v;
  }
}

TEST(BlockCodecTest, EveryFormGivesBackTheSameBits) {
  for (const double v :
       {kNoValue, 0.0, -0.0, 0.5, -0.5, 29.1417, 12.3456, 1e300, 1e-300, 0.1 + 0.2, 1.0 / 3,
        123456789.12345678, 90071992.54740991, 4503599627370495.5, 9007199254740992.0,
        std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::max(),
        std::numeric_limits<double>::infinity()}) {
    EXPECT_TRUE(RoundTrips(v)) << v;
  }
}

// Decimals as a CSV writes them, parsed as the import parses them: each is kept short and
// read back to the very double the text gave.
TEST(BlockCodecTest, ParsedDecimalsRoundTripInTheirShortForm) {
  std::mt19937_64 random(20261206);
  std::uniform_int_distribution<long long> digits(-999999999999LL, 999999999999LL);
  std::uniform_int_distribution<int> places(1, 8);
  for (int i = 0; i < 200000; ++i) {
    const long long d = digits(random);
    const int p = places(random);
    char text[40];
    std::snprintf(text, sizeof text, "%s%lld.%0*lld", d < 0 ? "-" : "", std::llabs(d) / 100000000,
                  p, (std::llabs(d) % 100000000) % static_cast<long long>(std::pow(10, p)));
    const double v = std::strtod(text, nullptr);
    ASSERT_TRUE(RoundTrips(v)) << text;
    if (std::trunc(v) != v) {
      ASSERT_EQ(Write(v).tag, kDecimal) << text;
    }
  }
}

TEST(BlockCodecTest, AnyDoubleRoundTrips) {
  std::mt19937_64 random(7);
  for (int i = 0; i < 200000; ++i) {
    const double v = std::bit_cast<double>(random());
    ASSERT_TRUE(RoundTrips(v)) << v;
  }
}

TEST(BlockCodecTest, ADecimalNoWriterMakesIsRefused) {
  char buf[16];
  // Digits 0 (every place count): a zero is whole, never a decimal.
  for (std::uint64_t places = 0; places < 8; ++places) {
    char* p = PutVarint(places, buf);
    Reader in(std::string_view(buf, static_cast<std::size_t>(p - buf)));
    (void)in.Number(kDecimal);
    EXPECT_TRUE(in.failed()) << places;
  }
  // Digits past 2^53 cannot be a double exactly.
  char* p = PutVarint(ZigZag(std::int64_t{1} << 54) << 3, buf);
  Reader in(std::string_view(buf, static_cast<std::size_t>(p - buf)));
  (void)in.Number(kDecimal);
  EXPECT_TRUE(in.failed());
  Reader cut(std::string_view("\x80", 1));  // a varint that never ends
  (void)cut.Number(kDecimal);
  EXPECT_TRUE(cut.failed());
}

}  // namespace
}  // namespace waymark::store::codec
