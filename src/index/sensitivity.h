// Uncertainty and sensitivity analysis: Monte Carlo over method choices (weights, normalisation,
// aggregation, imputation, treatment, leave-one-out), per-unit rank statistics, and a Saltelli
// design with first-order (Saltelli 2010) and total (Jansen 1999) Sobol indices of the mean
// absolute rank shift. Seeded with our own generator, so runs are identical on every platform.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/progress.h"
#include "core/result.h"
#include "index/pipeline.h"

namespace waymark::index {

enum class FactorKind {
  kWeights,        // "weights": noisy weights w·(1 + share·(2u − 1)), see Factor::sets
  kNormalisation,  // "normalisation": one of `normalisations`
  kAggregation,    // "aggregation": one of `aggregations` (method and p; threshold kept)
  kImputation,     // "imputation": one of `imputations`
  kTreatment,      // "treatment": one of `treatments`
  kExclusion,      // "exclusion": none, or leave out one of `exclusions`
};

Result<FactorKind> ParseFactorKind(std::string_view name);
std::string_view Name(FactorKind kind);

// One uncertain input. Each run maps one uniform u to option ⌊u·K⌋ (clamped to K − 1).
struct Factor {
  FactorKind kind = FactorKind::kWeights;
  std::string name;         // label in the output; the kind's name when empty
  double share = 0.25;      // kWeights: ± share of each weight
  std::vector<int> levels;  // kWeights: framework levels perturbed (empty: all)
  int sets = 100;           // kWeights: noisy weight sets drawn from the seed (COINr style);
                            // 0: each run's uniform seeds a fresh set
  std::vector<NormSpec> normalisations;
  std::vector<AggSpec> aggregations;
  std::vector<ImputeSpec> imputations;
  std::vector<TreatSpec> treatments;
  std::vector<std::string> exclusions;  // kExclusion: nodes to drop one at a time (empty: all
                                        // indicators)
};

struct SensitivitySpec {
  MethodSpec nominal;
  std::vector<Factor> factors;
  size_t runs = 1000;  // uncertainty analysis: independent runs; Saltelli: base N
  uint64_t seed = 1;
  size_t bootstrap = 1000;  // Saltelli: bootstrap resamples for the index intervals (0: none)
  Progress* progress = nullptr;  // hears each run done of the design's runs (not owned)
};

// Per row (unit-year) statistics of the ranks over a set of runs.
struct RankStats {
  std::vector<double> mean, median, p05, p95;
};

struct UncertaintyResult {
  std::vector<double> nominal_score, nominal_rank;  // per row
  Matrix scores;                                    // rows × runs
  Matrix ranks;                                     // rows × runs, within each year
  Matrix design;                                    // runs × factors: the uniforms used
  size_t failed_runs = 0;  // runs whose spec could not be built (their columns are NaN)
  RankStats stats;
};

struct SobolIndex {
  std::string factor;
  double first = kMissing, total = kMissing;
  double first_p05 = kMissing, first_p95 = kMissing, total_p05 = kMissing, total_p95 = kMissing;
};

struct SensitivityResult {
  UncertaintyResult runs;      // N(d + 2) runs: A, B, then A with column i from B
  std::vector<double> output;  // mean absolute rank shift per run
  std::vector<SobolIndex> indices;
};

// The Family Friendly Index's uncertain inputs (docs/family-friendly-index.md): weights ±25% at
// every level, a fresh set per run; normalisation min-max [1, 100] pooled, z-score shifted to a
// minimum of 1 pooled, or min-max [1, 100] per year; arithmetic or geometric mean; imputation
// median, mean or none; leave one indicator out. Geometric means need positive data, so every
// normalisation option here is positive.
std::vector<Factor> FfiFactors();

// Plain Monte Carlo: spec.runs independent runs. Errors: the nominal build's error; kValidation
// for a factor without options.
Result<UncertaintyResult> RunUncertainty(const Prepared& model, const SensitivitySpec& spec);

// Saltelli design with base N = spec.runs; rank statistics over runs of A and B only (as COINr).
Result<SensitivityResult> RunSensitivity(const Prepared& model, const SensitivitySpec& spec);

// The Saltelli sample of uniforms: N(d + 2) rows × d, rows stacked A, B, A_B^(1..d).
Matrix SaltelliDesign(size_t n, size_t d, uint64_t seed);

// Method: Saisana, Saltelli & Tarantola (2005) average shift in rank: mean over units of
// |rank_run − rank_nominal|, per run (column of `ranks`), NaN units skipped.
std::vector<double> MeanAbsRankShift(const Matrix& ranks, std::span<const double> nominal);

// First-order (Saltelli et al. 2010) and total (Jansen 1999) indices from outputs laid out as
// A (n), B (n), A_B^(1) (n), …, A_B^(d) (n). V = sample variance of A ∪ B. With bootstrap > 0
// the 5–95% intervals come from resampling the n per-row terms (V fixed). Errors:
// kInvalidArgument for a wrong length, n < 2, or zero variance.
Result<std::vector<SobolIndex>> EstimateSobol(std::span<const double> y, size_t n, size_t d,
                                              size_t bootstrap = 0, uint64_t seed = 1);

// Mean, median and type-7 5%/95% quantiles per row over runs [first, first + count).
RankStats SummariseRanks(const Matrix& ranks, size_t first, size_t count);

}  // namespace waymark::index
