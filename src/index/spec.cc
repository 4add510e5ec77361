// String names of the method-spec enums, their parsers, and spec range checks.
#include "index/spec.h"

#include <array>
#include <cmath>

namespace waymark::index {
namespace {

template <typename E, size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

constexpr NameTable<ImputeMethod, 5> kImputeNames{{{ImputeMethod::kNone, "none"},
                                                   {ImputeMethod::kMean, "mean"},
                                                   {ImputeMethod::kMedian, "median"},
                                                   {ImputeMethod::kGroupMean, "group_mean"},
                                                   {ImputeMethod::kGroupMedian, "group_median"}}};
constexpr NameTable<PanelImpute, 4> kPanelNames{{{PanelImpute::kNone, "none"},
                                                 {PanelImpute::kLatest, "latest"},
                                                 {PanelImpute::kConstant, "constant"},
                                                 {PanelImpute::kLinear, "linear"}}};
constexpr NameTable<TreatMethod, 2> kTreatNames{
    {{TreatMethod::kNone, "none"}, {TreatMethod::kWinsorise, "winsorise"}}};
constexpr NameTable<TreatFallback, 4> kFallbackNames{{{TreatFallback::kNone, "none"},
                                                      {TreatFallback::kLogCT, "log_ct"},
                                                      {TreatFallback::kLogCTPlus, "log_ct_plus"},
                                                      {TreatFallback::kLog, "log"}}};
constexpr NameTable<NormMethod, 11> kNormNames{{{NormMethod::kMinMax, "minmax"},
                                                {NormMethod::kZScore, "zscore"},
                                                {NormMethod::kZScoreFloor, "zscore_floor"},
                                                {NormMethod::kRank, "rank"},
                                                {NormMethod::kRankAverage, "rank_average"},
                                                {NormMethod::kBorda, "borda"},
                                                {NormMethod::kPercentRank, "percent_rank"},
                                                {NormMethod::kDistToTarget, "dist2targ"},
                                                {NormMethod::kGoalposts, "goalposts"},
                                                {NormMethod::kFracMax, "fracmax"},
                                                {NormMethod::kTargetFraction, "target_fraction"}}};
constexpr NameTable<NormScope, 2> kScopeNames{
    {{NormScope::kPooled, "pooled"}, {NormScope::kPerYear, "per_year"}}};
constexpr NameTable<AggMethod, 5> kAggNames{{{AggMethod::kArithmetic, "arithmetic"},
                                             {AggMethod::kGeometric, "geometric"},
                                             {AggMethod::kHarmonic, "harmonic"},
                                             {AggMethod::kGeneralised, "generalised"},
                                             {AggMethod::kCopeland, "copeland"}}};

template <typename E, size_t N>
Result<E> Parse(const NameTable<E, N>& table, std::string_view name, std::string_view what) {
  for (const auto& [value, text] : table) {
    if (text == name) return value;
  }
  std::string known;
  for (const auto& entry : table) known += (known.empty() ? "" : ", ") + std::string(entry.second);
  return MakeError(ErrorCode::kInvalidArgument, "unknown " + std::string(what) + " '" +
                                                    std::string(name) + "' (known: " + known + ")");
}

template <typename E, size_t N>
std::string_view Lookup(const NameTable<E, N>& table, E value) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return "unknown";
}

Status Invalid(const std::string& message) {
  return MakeError(ErrorCode::kInvalidArgument, message);
}

}  // namespace

Result<ImputeMethod> ParseImputeMethod(std::string_view n) {
  return Parse(kImputeNames, n, "imputation");
}
Result<PanelImpute> ParsePanelImpute(std::string_view n) {
  return Parse(kPanelNames, n, "panel imputation");
}
Result<TreatMethod> ParseTreatMethod(std::string_view n) {
  return Parse(kTreatNames, n, "treatment");
}
Result<TreatFallback> ParseTreatFallback(std::string_view n) {
  return Parse(kFallbackNames, n, "treatment fallback");
}
Result<NormMethod> ParseNormalisation(std::string_view n) {
  return Parse(kNormNames, n, "normalisation");
}
Result<NormScope> ParseNormScope(std::string_view n) {
  return Parse(kScopeNames, n, "normalisation scope");
}
Result<AggMethod> ParseAggregation(std::string_view n) {
  return Parse(kAggNames, n, "aggregation");
}

std::string_view Name(ImputeMethod v) { return Lookup(kImputeNames, v); }
std::string_view Name(PanelImpute v) { return Lookup(kPanelNames, v); }
std::string_view Name(TreatMethod v) { return Lookup(kTreatNames, v); }
std::string_view Name(TreatFallback v) { return Lookup(kFallbackNames, v); }
std::string_view Name(NormMethod v) { return Lookup(kNormNames, v); }
std::string_view Name(NormScope v) { return Lookup(kScopeNames, v); }
std::string_view Name(AggMethod v) { return Lookup(kAggNames, v); }

MethodSpec FfiNominalSpec() {
  MethodSpec spec;
  spec.impute.panel = PanelImpute::kLatest;
  spec.impute.max_gap = 2;
  spec.impute.method = ImputeMethod::kMedian;
  spec.treat.method = TreatMethod::kWinsorise;
  spec.treat.winmax = 3;
  spec.treat.fallback = TreatFallback::kLogCT;
  spec.normalise.method = NormMethod::kMinMax;
  spec.normalise.low = 0;
  spec.normalise.high = 100;
  spec.normalise.scope = NormScope::kPooled;
  spec.aggregate.method = AggMethod::kArithmetic;
  spec.aggregate.dat_threshold = 2.0 / 3.0;
  return spec;
}

Status ValidateSpec(const MethodSpec& spec) {
  if (spec.impute.max_gap < 0) return Invalid("max_gap must be ≥ 0");
  const auto& t = spec.treat;
  if (t.winmax < 1) return Invalid("winmax must be ≥ 1");
  if (!std::isfinite(t.skew_threshold) || !std::isfinite(t.kurtosis_threshold)) {
    return Invalid("treatment thresholds must be finite");
  }
  const auto& n = spec.normalise;
  if (!std::isfinite(n.low) || !std::isfinite(n.high) || !(n.high > n.low)) {
    return Invalid("normalisation range needs high > low");
  }
  if (!std::isfinite(n.mean) || !(n.sd > 0) || !std::isfinite(n.sd)) {
    return Invalid("z-score needs a finite mean and sd > 0");
  }
  if (!std::isfinite(n.floor)) return Invalid("z-score floor must be finite");
  const auto& a = spec.aggregate;
  if (!(a.dat_threshold >= 0 && a.dat_threshold <= 1)) {
    return Invalid("dat_threshold must be in [0, 1]");
  }
  if (a.method == AggMethod::kGeneralised && (!std::isfinite(a.p) || a.p == 0)) {
    return Invalid("generalised mean needs a finite p ≠ 0");
  }
  for (const auto& [code, w] : spec.weights) {
    if (!std::isfinite(w) || w < 0) return Invalid("weight of '" + code + "' must be ≥ 0");
  }
  return {};
}

}  // namespace waymark::index
