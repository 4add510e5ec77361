// The method spec: plain data choosing every pipeline option (imputation, outlier treatment,
// normalisation, weights, aggregation). Each enum has a string name and a Parse function so a
// TOML reader can fill the spec; Monte Carlo runs are "vary the spec, run the pipeline".
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace waymark::index {

// Cross-sectional imputation, within each year.
enum class ImputeMethod {
  kNone,         // "none"
  kMean,         // "mean": indicator mean (COINr i_mean)
  kMedian,       // "median": indicator median (COINr i_median)
  kGroupMean,    // "group_mean": mean within the unit's group (COINr i_mean_grp, indgroup_mean)
  kGroupMedian,  // "group_median": median within the unit's group (COINr i_median_grp)
};

// Imputation over time, within each unit, before the cross-sectional step.
enum class PanelImpute {
  kNone,      // "none"
  kLatest,    // "latest": carry the latest earlier value forward, at most max_gap time points
  kConstant,  // "constant": piecewise constant, ends held (R approx method "constant", rule 2)
  kLinear,    // "linear": linear between observations, ends held (rule 2)
};

enum class TreatMethod {
  kNone,       // "none"
  kWinsorise,  // "winsorise": COINr winsorisation by skew and kurtosis, then the fallback
};

// Applied to the original column when winsorisation cannot fix it.
enum class TreatFallback {
  kNone,       // "none": keep the original column
  kLogCT,      // "log_ct": ln(x − min + 0.01·(max − min))
  kLogCTPlus,  // "log_ct_plus": log_ct for positive skew, −ln(max + a − x) for negative
  kLog,        // "log": ln(x)
};

enum class NormMethod {
  kMinMax,          // "minmax": (x − min)/(max − min)·(high − low) + low
  kZScore,          // "zscore": (x − mean)/sd·sd_target + mean_target
  kZScoreFloor,     // "zscore_floor": z − min(z) + floor (ProMCDA standardized without zero)
  kRank,            // "rank": rank, ties take the minimum
  kRankAverage,     // "rank_average": rank, ties averaged (ProMCDA, Compind)
  kBorda,           // "borda": rank − 1
  kPercentRank,     // "percent_rank": (rank − 1)/(n − 1)
  kDistToTarget,    // "dist2targ": (x − min)/(target − min), optionally capped at 1
  kGoalposts,       // "goalposts": (x − L)/(U − L), optionally truncated to [0, 1], × scale
  kFracMax,         // "fracmax": x/max
  kTargetFraction,  // "target_fraction": ProMCDA target, x/max (+) or 1 − x/max (−), rescaled
};

enum class NormScope {
  kPooled,   // "pooled": one set of statistics over all years
  kPerYear,  // "per_year": statistics within each year
};

enum class AggMethod {
  kArithmetic,   // "arithmetic"
  kGeometric,    // "geometric"
  kHarmonic,     // "harmonic"
  kGeneralised,  // "generalised": power mean with exponent p
  kCopeland,     // "copeland": Copeland score from the weighted outranking matrix
};

struct ImputeSpec {
  PanelImpute panel = PanelImpute::kNone;
  int max_gap = 2;  // kLatest: how many earlier time points may be looked back
  ImputeMethod method = ImputeMethod::kNone;

  bool operator==(const ImputeSpec&) const = default;
};

struct TreatSpec {
  TreatMethod method = TreatMethod::kNone;
  int winmax = 5;
  double skew_threshold = 2.0;
  double kurtosis_threshold = 3.5;
  TreatFallback fallback = TreatFallback::kLogCT;

  bool operator==(const TreatSpec&) const = default;
};

struct NormSpec {
  NormMethod method = NormMethod::kMinMax;
  double low = 0;  // kMinMax, kTargetFraction: output range
  double high = 100;
  double mean = 0;  // kZScore
  double sd = 1;
  double floor = 0.1;              // kZScoreFloor
  bool cap_target = false;         // kDistToTarget: values beyond the target become 1
  bool truncate_goalposts = true;  // kGoalposts
  NormScope scope = NormScope::kPooled;
};

struct AggSpec {
  AggMethod method = AggMethod::kArithmetic;
  double p = 2;              // kGeneralised
  double dat_threshold = 0;  // NA when present children / children < threshold (strict)
};

struct MethodSpec {
  ImputeSpec impute;
  TreatSpec treat;
  NormSpec normalise;
  AggSpec aggregate;
  std::vector<std::pair<std::string, double>> weights;  // overrides by node code
  std::vector<std::string> exclude;                     // nodes left out (leave-one-out)
};

Result<ImputeMethod> ParseImputeMethod(std::string_view name);
Result<PanelImpute> ParsePanelImpute(std::string_view name);
Result<TreatMethod> ParseTreatMethod(std::string_view name);
Result<TreatFallback> ParseTreatFallback(std::string_view name);
Result<NormMethod> ParseNormalisation(std::string_view name);
Result<NormScope> ParseNormScope(std::string_view name);
Result<AggMethod> ParseAggregation(std::string_view name);

std::string_view Name(ImputeMethod value);
std::string_view Name(PanelImpute value);
std::string_view Name(TreatMethod value);
std::string_view Name(TreatFallback value);
std::string_view Name(NormMethod value);
std::string_view Name(NormScope value);
std::string_view Name(AggMethod value);

// The Family Friendly Index nominal method (docs/family-friendly-index.md): carry forward at
// most 2 years, then the indicator median; winsorise up to 3 points, else log_CT; min-max to
// [0, 100] pooled over years; arithmetic mean with at least 2/3 of each group's children present.
MethodSpec FfiNominalSpec();

// Checks ranges: winmax ≥ 1, thresholds finite, high > low, sd > 0, dat_threshold in [0, 1],
// generalised p ≠ 0, finite non-negative weight overrides, max_gap ≥ 0.
Status ValidateSpec(const MethodSpec& spec);

}  // namespace waymark::index
