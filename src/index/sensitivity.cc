// Monte Carlo uncertainty analysis and variance-based sensitivity analysis of the index ranks
// (Saisana, Saltelli & Tarantola 2005; COINr get_sensitivity, SA_sample, SA_estimate).
#include "index/sensitivity.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "index/column_stats.h"
#include "stats/random.h"

namespace waymark::index {

using stats::Xoshiro256;

namespace {

constexpr std::array<std::pair<FactorKind, std::string_view>, 6> kFactorNames{{
    {FactorKind::kWeights, "weights"},
    {FactorKind::kNormalisation, "normalisation"},
    {FactorKind::kAggregation, "aggregation"},
    {FactorKind::kImputation, "imputation"},
    {FactorKind::kTreatment, "treatment"},
    {FactorKind::kExclusion, "exclusion"},
}};

using WeightSet = std::vector<std::pair<std::string, double>>;

// A factor ready to apply: its option count and, for weights, the pre-drawn sets (or, with
// sets = 0, what is needed to draw a set from each run's uniform).
struct BoundFactor {
  const Factor* factor = nullptr;
  size_t options = 0;
  std::vector<WeightSet> weight_sets;
  std::vector<std::string> exclusions;
  const CompiledFramework* framework = nullptr;
  NodeWeights nominal;
  uint64_t seed = 0;
};

bool LevelPerturbed(const Factor& f, int level) {
  return f.levels.empty() || std::find(f.levels.begin(), f.levels.end(), level) != f.levels.end();
}

// Method: COINr get_noisy_weights: w' = w + w·share·(2u − 1), independently per weight.
WeightSet NoisyWeightSet(const Factor& f, const CompiledFramework& fw, const NodeWeights& nominal,
                         Xoshiro256& rng) {
  WeightSet set;
  const std::vector<Node>* groups[] = {&fw.indicators, &fw.aggregates};
  size_t offset = 0;
  for (const auto* group : groups) {
    for (size_t i = 0; i < group->size(); ++i) {
      const Node& node = (*group)[i];
      if (node.parent.empty() || !LevelPerturbed(f, node.level)) continue;
      const double w = nominal.weight[offset + i];
      set.emplace_back(node.code, w + w * f.share * (2 * rng.Uniform() - 1));
    }
    offset += group->size();
  }
  return set;
}

Result<BoundFactor> Bind(const Factor& f, const Prepared& model, const NodeWeights& nominal,
                         Xoshiro256& rng) {
  BoundFactor b;
  b.factor = &f;
  switch (f.kind) {
    case FactorKind::kWeights:
      if (f.sets < 0 || !(f.share >= 0 && f.share <= 1)) {
        return MakeError(ErrorCode::kValidation, "weights factor needs sets ≥ 0, share in [0,1]");
      }
      for (int k = 0; k < f.sets; ++k) {
        b.weight_sets.push_back(NoisyWeightSet(f, model.framework, nominal, rng));
      }
      b.options = f.sets > 0 ? b.weight_sets.size() : 1;
      b.framework = &model.framework;
      b.nominal = nominal;
      b.seed = rng.Next();
      break;
    case FactorKind::kNormalisation:
      b.options = f.normalisations.size();
      break;
    case FactorKind::kAggregation:
      b.options = f.aggregations.size();
      break;
    case FactorKind::kImputation:
      b.options = f.imputations.size();
      break;
    case FactorKind::kTreatment:
      b.options = f.treatments.size();
      break;
    case FactorKind::kExclusion:
      b.exclusions = f.exclusions;
      if (b.exclusions.empty()) {
        for (const auto& node : model.framework.indicators) b.exclusions.push_back(node.code);
      }
      b.options = b.exclusions.size() + 1;
      break;
  }
  if (b.options == 0) {
    return MakeError(ErrorCode::kValidation,
                     "factor '" + std::string(Name(f.kind)) + "' has no options");
  }
  return b;
}

// Method: discrete factor mapping ⌊u·K⌋, Saisana et al. (2005); COINr SA_sample (cut into K).
size_t Option(double u, size_t k) {
  const auto i = static_cast<size_t>(u * static_cast<double>(k));
  return i < k ? i : k - 1;
}

void Apply(const BoundFactor& b, double u, MethodSpec& spec) {
  const Factor& f = *b.factor;
  const size_t k = Option(u, b.options);
  switch (f.kind) {
    case FactorKind::kWeights:
      if (f.sets == 0) {
        // The run's uniform seeds its own set: equal uniforms (as in A and A_B^(j), j ≠ i)
        // give equal weights, distinct uniforms distinct ones.
        Xoshiro256 rng(b.seed ^ std::bit_cast<uint64_t>(u));
        const auto set = NoisyWeightSet(f, *b.framework, b.nominal, rng);
        spec.weights.insert(spec.weights.end(), set.begin(), set.end());
        break;
      }
      spec.weights.insert(spec.weights.end(), b.weight_sets[k].begin(), b.weight_sets[k].end());
      break;
    case FactorKind::kNormalisation:
      spec.normalise = f.normalisations[k];
      break;
    case FactorKind::kAggregation:
      spec.aggregate.method = f.aggregations[k].method;
      spec.aggregate.p = f.aggregations[k].p;
      break;
    case FactorKind::kImputation:
      spec.impute = f.imputations[k];
      break;
    case FactorKind::kTreatment:
      spec.treat = f.treatments[k];
      break;
    case FactorKind::kExclusion:
      if (k > 0) spec.exclude.push_back(b.exclusions[k - 1]);
      break;
  }
}

struct Bound {
  std::vector<BoundFactor> factors;
  std::vector<double> nominal_score, nominal_rank;
};

Result<Bound> BindAll(const Prepared& model, const SensitivitySpec& spec) {
  Bound out;
  WAYMARK_ASSIGN_OR_RETURN(out.nominal_score, RunIndexScores(model, spec.nominal));
  out.nominal_rank = RanksWithinYear(out.nominal_score, model.keys);
  WAYMARK_ASSIGN_OR_RETURN(const NodeWeights nominal,
                           ResolveWeights(model.framework, spec.nominal));
  Xoshiro256 rng(spec.seed ^ 0x5eed5eed5eed5eedULL);
  for (const auto& f : spec.factors) {
    WAYMARK_ASSIGN_OR_RETURN(auto b, Bind(f, model, nominal, rng));
    out.factors.push_back(std::move(b));
  }
  if (out.factors.empty()) return MakeError(ErrorCode::kValidation, "no uncertain factors");
  return out;
}

// Imputed and treated data per distinct (imputation, treatment) pair met so far: the runs of a
// design share a handful of these, and normalisation onwards is all that differs between them.
class TreatedCache {
 public:
  const Matrix& Get(const Prepared& model, const MethodSpec& spec) {
    for (const auto& e : entries_) {
      if (e.impute == spec.impute && e.treat == spec.treat) return e.treated;
    }
    entries_.push_back({spec.impute, spec.treat, ImputeAndTreat(model, spec)});
    return entries_.back().treated;
  }

 private:
  struct Entry {
    ImputeSpec impute;
    TreatSpec treat;
    Matrix treated;
  };
  std::vector<Entry> entries_;
};

// Runs every row of `design` (runs × factors) and fills scores and ranks.
UncertaintyResult RunDesign(const Prepared& model, const SensitivitySpec& spec, const Bound& b,
                            Matrix design) {
  UncertaintyResult out;
  out.nominal_score = b.nominal_score;
  out.nominal_rank = b.nominal_rank;
  const size_t rows = model.raw.rows;
  out.scores = Matrix(rows, design.rows);
  out.ranks = Matrix(rows, design.rows);
  TreatedCache cache;
  for (size_t run = 0; run < design.rows; ++run) {
    AdvanceProgress(spec.progress, run, design.rows);
    MethodSpec s = spec.nominal;
    for (size_t f = 0; f < b.factors.size(); ++f) Apply(b.factors[f], design.At(run, f), s);
    auto scores = ScoresFromTreated(model, cache.Get(model, s), s);
    if (!scores) {
      ++out.failed_runs;
      continue;
    }
    const auto ranks = RanksWithinYear(*scores, model.keys);
    for (size_t r = 0; r < rows; ++r) {
      out.scores.At(r, run) = (*scores)[r];
      out.ranks.At(r, run) = ranks[r];
    }
  }
  AdvanceProgress(spec.progress, design.rows, design.rows);
  out.design = std::move(design);
  return out;
}

}  // namespace

Result<FactorKind> ParseFactorKind(std::string_view name) {
  for (const auto& [kind, text] : kFactorNames) {
    if (text == name) return kind;
  }
  return MakeError(ErrorCode::kInvalidArgument, "unknown uncertain factor '" + std::string(name) +
                                                    "' (known: weights, normalisation, "
                                                    "aggregation, imputation, treatment, "
                                                    "exclusion)");
}

std::string_view Name(FactorKind kind) {
  for (const auto& [k, text] : kFactorNames) {
    if (k == kind) return text;
  }
  return "unknown";
}

std::vector<Factor> FfiFactors() {
  Factor weights;
  weights.kind = FactorKind::kWeights;
  weights.share = 0.25;
  weights.sets = 0;
  Factor norm;
  norm.kind = FactorKind::kNormalisation;
  NormSpec minmax;
  minmax.low = 1;
  // The z-score shifted to a minimum of 1 (ProMCDA "standardized without zero"): a plain
  // z-score goes negative for an area several standard deviations out, and the geometric mean
  // below has no logarithm of it. Under the arithmetic mean, with every value present, the shift
  // changes no rank.
  NormSpec z;
  z.method = NormMethod::kZScoreFloor;
  z.floor = 1;
  NormSpec per_year = minmax;
  per_year.scope = NormScope::kPerYear;
  norm.normalisations = {minmax, z, per_year};
  Factor agg;
  agg.kind = FactorKind::kAggregation;
  AggSpec geometric;
  geometric.method = AggMethod::kGeometric;
  agg.aggregations = {AggSpec{}, geometric};
  Factor impute;
  impute.kind = FactorKind::kImputation;
  const ImputeSpec nominal = FfiNominalSpec().impute;
  ImputeSpec mean = nominal, none = nominal;
  mean.method = ImputeMethod::kMean;
  none.method = ImputeMethod::kNone;
  impute.imputations = {nominal, mean, none};
  Factor exclusion;
  exclusion.kind = FactorKind::kExclusion;
  return {weights, norm, agg, impute, exclusion};
}

RankStats SummariseRanks(const Matrix& ranks, size_t first, size_t count) {
  RankStats s;
  std::vector<double> v;
  v.reserve(count);
  for (size_t r = 0; r < ranks.rows; ++r) {
    v.clear();
    for (size_t i = 0; i < count; ++i) {
      const double rank = ranks.At(r, first + i);
      if (!IsMissing(rank)) v.push_back(rank);
    }
    std::sort(v.begin(), v.end());
    s.mean.push_back(Mean(v));
    s.median.push_back(SortedQuantileType7(v, 0.5));
    s.p05.push_back(SortedQuantileType7(v, 0.05));
    s.p95.push_back(SortedQuantileType7(v, 0.95));
  }
  return s;
}

Result<UncertaintyResult> RunUncertainty(const Prepared& model, const SensitivitySpec& spec) {
  if (spec.runs == 0) return MakeError(ErrorCode::kInvalidArgument, "runs must be ≥ 1");
  WAYMARK_ASSIGN_OR_RETURN(const Bound b, BindAll(model, spec));
  Matrix design(spec.runs, b.factors.size());
  Xoshiro256 rng(spec.seed);
  for (double& u : design.values) u = rng.Uniform();
  auto out = RunDesign(model, spec, b, std::move(design));
  out.stats = SummariseRanks(out.ranks, 0, out.ranks.cols);
  return out;
}

// Method: Saltelli (2002) / Saltelli et al. (2010) radial design: A, B and A_B^(i).
Matrix SaltelliDesign(size_t n, size_t d, uint64_t seed) {
  Matrix out(n * (d + 2), d);
  Xoshiro256 rng(seed);
  for (size_t i = 0; i < 2 * n * d; ++i) out.values[i] = rng.Uniform();
  for (size_t f = 0; f < d; ++f) {
    for (size_t j = 0; j < n; ++j) {
      const size_t row = (2 + f) * n + j;
      for (size_t c = 0; c < d; ++c) out.At(row, c) = out.At(c == f ? n + j : j, c);
    }
  }
  return out;
}

std::vector<double> MeanAbsRankShift(const Matrix& ranks, std::span<const double> nominal) {
  std::vector<double> y(ranks.cols);
  for (size_t run = 0; run < ranks.cols; ++run) {
    double sum = 0;
    size_t n = 0;
    for (size_t r = 0; r < ranks.rows; ++r) {
      const double a = ranks.At(r, run);
      if (IsMissing(a) || IsMissing(nominal[r])) continue;
      sum += std::abs(a - nominal[r]);
      ++n;
    }
    y[run] = n == 0 ? kMissing : sum / static_cast<double>(n);
  }
  return y;
}

namespace {

double MeanOfTerms(const std::vector<double>& terms, const std::vector<size_t>* pick) {
  double sum = 0;
  const size_t n = terms.size();
  for (size_t j = 0; j < n; ++j) sum += terms[pick ? (*pick)[j] : j];
  return sum / static_cast<double>(n);
}

}  // namespace

// Method: first order S_i = mean(y_B·(y_ABi − y_A))/V (Saltelli et al. 2010, Table 2 (b));
// total ST_i = mean((y_A − y_ABi)²)/(2V) (Jansen 1999); COINr SA_estimate.
Result<std::vector<SobolIndex>> EstimateSobol(std::span<const double> y, size_t n, size_t d,
                                              size_t bootstrap, uint64_t seed) {
  if (n < 2 || d == 0 || y.size() != n * (d + 2)) {
    return MakeError(ErrorCode::kInvalidArgument, "Sobol: output length must be N(d + 2), N ≥ 2");
  }
  for (double v : y) {
    if (IsMissing(v)) return MakeError(ErrorCode::kInvalidArgument, "Sobol: missing output");
  }
  const double v = SampleSd(y.subspan(0, 2 * n)) * SampleSd(y.subspan(0, 2 * n));
  if (!(v > 0)) return MakeError(ErrorCode::kInvalidArgument, "Sobol: output has no variance");
  const auto ya = y.subspan(0, n), yb = y.subspan(n, n);
  std::vector<SobolIndex> out(d);
  Xoshiro256 rng(seed);
  std::vector<double> first_terms(n), total_terms(n), boot_first, boot_total;
  std::vector<size_t> pick(n);
  for (size_t i = 0; i < d; ++i) {
    const auto yab = y.subspan((2 + i) * n, n);
    for (size_t j = 0; j < n; ++j) {
      first_terms[j] = yb[j] * (yab[j] - ya[j]);
      total_terms[j] = (ya[j] - yab[j]) * (ya[j] - yab[j]);
    }
    out[i].first = MeanOfTerms(first_terms, nullptr) / v;
    out[i].total = MeanOfTerms(total_terms, nullptr) / (2 * v);
    if (bootstrap == 0) continue;
    boot_first.resize(bootstrap);
    boot_total.resize(bootstrap);
    for (size_t b = 0; b < bootstrap; ++b) {
      for (auto& p : pick) p = rng.Below(n);
      boot_first[b] = MeanOfTerms(first_terms, &pick) / v;
      boot_total[b] = MeanOfTerms(total_terms, &pick) / (2 * v);
    }
    out[i].first_p05 = QuantileType7(boot_first, 0.05);
    out[i].first_p95 = QuantileType7(boot_first, 0.95);
    out[i].total_p05 = QuantileType7(boot_total, 0.05);
    out[i].total_p95 = QuantileType7(boot_total, 0.95);
  }
  return out;
}

Result<SensitivityResult> RunSensitivity(const Prepared& model, const SensitivitySpec& spec) {
  if (spec.runs < 2) return MakeError(ErrorCode::kInvalidArgument, "base N must be ≥ 2");
  WAYMARK_ASSIGN_OR_RETURN(const Bound b, BindAll(model, spec));
  const size_t n = spec.runs, d = b.factors.size();
  SensitivityResult out;
  out.runs = RunDesign(model, spec, b, SaltelliDesign(n, d, spec.seed));
  out.runs.stats = SummariseRanks(out.runs.ranks, 0, 2 * n);
  out.output = MeanAbsRankShift(out.runs.ranks, out.runs.nominal_rank);
  WAYMARK_ASSIGN_OR_RETURN(out.indices,
                           EstimateSobol(out.output, n, d, spec.bootstrap, spec.seed + 1));
  for (size_t i = 0; i < d; ++i) {
    const Factor& f = *b.factors[i].factor;
    out.indices[i].factor = f.name.empty() ? std::string(Name(f.kind)) : f.name;
  }
  return out;
}

}  // namespace waymark::index
