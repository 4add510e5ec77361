// A portable, seeded random number source: xoshiro256** seeded by splitmix64, with our own
// transform to doubles in [0, 1). Identical streams on every platform and standard library.
#pragma once

#include <cstdint>

namespace waymark::stats {

// Method: splitmix64 (Steele, Lea & Flood 2014; Vigna's public-domain reference constants).
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next();

 private:
  uint64_t state_;
};

// Method: xoshiro256** 1.0 (Blackman & Vigna 2018), state filled from splitmix64(seed).
class Xoshiro256 {
 public:
  explicit Xoshiro256(uint64_t seed);
  uint64_t Next();
  // The top 53 bits scaled by 2^−53: a double in [0, 1).
  double Uniform();
  // The top 53 bits k as (k + 0.5)·2^−53: a double strictly inside (0, 1), for inversion.
  double OpenUniform();
  // An integer in [0, n) by scaling a uniform; n ≥ 1.
  uint64_t Below(uint64_t n);

 private:
  uint64_t s_[4]{};
};

}  // namespace waymark::stats
