// splitmix64 and xoshiro256** generators and the uniform transform.
#include "stats/random.h"

namespace waymark::stats {
namespace {

constexpr uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

uint64_t SplitMix64::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Xoshiro256::Xoshiro256(uint64_t seed) {
  SplitMix64 sm(seed);
  for (auto& s : s_) s = sm.Next();
}

uint64_t Xoshiro256::Next() {
  const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

double Xoshiro256::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

double Xoshiro256::OpenUniform() {
  return (static_cast<double>(Next() >> 11) + 0.5) * 0x1.0p-53;
}

uint64_t Xoshiro256::Below(uint64_t n) {
  const uint64_t k = static_cast<uint64_t>(Uniform() * static_cast<double>(n));
  return k < n ? k : n - 1;
}

}  // namespace waymark::stats
