// Life expectancy: Chiang II abridged life table with Silcocks' variance.
#include "stats/life_expectancy.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

namespace waymark::stats {
namespace {

constexpr std::array<double, 20> kStartAges = {0,  1,  5,  10, 15, 20, 25, 30, 35, 40,
                                               45, 50, 55, 60, 65, 70, 75, 80, 85, 90};
constexpr size_t kBands = kStartAges.size();
// Method: PIM suppresses groups whose total population is at most 5000.
constexpr double kMinimumPopulation = 5000;
// Method: PIM suppresses the value when the 95% interval is wider than 20 years.
constexpr double kMaximumHalfWidth = 10;

LifeExpectancyStatus Screen(std::span<const LifeTableBand> bands) {
  auto any = [&](auto predicate) { return std::any_of(bands.begin(), bands.end(), predicate); };
  if (any([](const LifeTableBand& b) { return b.deaths < 0; })) {
    return LifeExpectancyStatus::kNegativeDeaths;
  }
  if (any([](const LifeTableBand& b) { return b.population <= 0; })) {
    return LifeExpectancyStatus::kNonPositivePopulation;
  }
  if (bands.size() != kBands) return LifeExpectancyStatus::kWrongBandCount;
  if (any([](const LifeTableBand& b) { return b.deaths > b.population; })) {
    return LifeExpectancyStatus::kDeathsExceedPopulation;
  }
  double total = 0;
  for (const LifeTableBand& b : bands) total += b.population;
  if (total <= kMinimumPopulation) return LifeExpectancyStatus::kSmallPopulation;
  return LifeExpectancyStatus::kCalculated;
}

// Population and deaths from each age upwards.
void AddCumulativeTotals(std::vector<LifeExpectancyRow>& rows,
                         const std::vector<LifeTableBand>& sorted) {
  double population = 0;
  double deaths = 0;
  for (size_t i = sorted.size(); i-- > 0;) {
    population += sorted[i].population;
    deaths += sorted[i].deaths;
    rows[i].population_used = population;
    rows[i].deaths_used = deaths;
  }
}

// Method: Chiang II abridged life table (Chiang 1984) with the Silcocks et al. (2001) variance,
// as PIM R/LifeExpectancy.R:
//   Mᵢ = Dᵢ/Pᵢ; nᵢ = band width (2/M for the open band); aᵢ = 0.1 at age 0, else 0.5;
//   qᵢ = Mᵢnᵢ/(1 + Mᵢnᵢ(1 − aᵢ)) when Dᵢ <= Pᵢ/nᵢ/aᵢ, else 1; lᵢ₊₁ = lᵢ(1 − qᵢ), l₁ = 100000;
//   Lᵢ = nᵢ(lᵢ₊₁ + aᵢdᵢ), open band l/M; eᵢ = Tᵢ/lᵢ;
//   s²ᵢ = qᵢ²(1 − qᵢ)/Dᵢ (0 when dᵢ = 0), open band 4/(D·M²);
//   Wᵢ = s²ᵢlᵢ²((1 − aᵢ)nᵢ + eᵢ₊₁)², open band (l/2)²s²; SE(eᵢ) = √(Σ_{j>=i} Wⱼ/lᵢ²).
void Calculate(const std::vector<LifeTableBand>& b, std::span<const ConfidenceLevel> levels,
               std::vector<LifeExpectancyRow>& rows) {
  const size_t n = b.size();
  std::vector<double> m(n), width(n), a(n), q(n), l(n), d(n), big_l(n), e(n), w(n);
  for (size_t i = 0; i < n; ++i) {
    m[i] = b[i].deaths / b[i].population;
    width[i] = i + 1 < n ? b[i + 1].start_age - b[i].start_age : 2 / m[i];
    a[i] = b[i].start_age == 0 ? 0.1 : 0.5;
    q[i] = b[i].deaths <= b[i].population / width[i] / a[i]
               ? m[i] * width[i] / (1 + m[i] * width[i] * (1 - a[i]))
               : 1;
    l[i] = i == 0 ? 100000 : l[i - 1] * (1 - q[i - 1]);
  }
  for (size_t i = 0; i < n; ++i) {
    d[i] = l[i] - (i + 1 < n ? l[i + 1] : 0);
    big_l[i] = i + 1 < n ? width[i] * (l[i + 1] + a[i] * d[i]) : l[i] / m[i];
  }
  double t = 0;
  for (size_t i = n; i-- > 0;) {
    t += big_l[i];
    e[i] = l[i] == 0 ? 0 : t / l[i];
  }
  for (size_t i = 0; i < n; ++i) {
    double s2 = d[i] == 0 ? 0 : q[i] * q[i] * (1 - q[i]) / b[i].deaths;
    if (i + 1 == n) {
      s2 = 4 / (b[i].deaths * m[i] * m[i]);
      w[i] = (l[i] / 2) * (l[i] / 2) * s2;
    } else {
      const double span = (1 - a[i]) * width[i] + e[i + 1];
      w[i] = s2 * l[i] * l[i] * span * span;
    }
  }
  const double z95 = NormalQuantile(0.975);
  double sum_w = 0;
  for (size_t i = n; i-- > 0;) {
    sum_w += w[i];
    const double se = std::sqrt(sum_w / (l[i] * l[i]));
    LifeExpectancyRow& row = rows[i];
    row.wide_interval = z95 * se > kMaximumHalfWidth;
    // Method: an infinite expectancy is reported as missing (PIM).
    row.estimate.value = row.wide_interval || std::isinf(e[i]) ? kMissing : e[i];
    for (size_t k = 0; k < levels.size(); ++k) {
      row.estimate.intervals[k] = {e[i] - levels[k].Z() * se, e[i] + levels[k].Z() * se};
    }
  }
}

}  // namespace

std::span<const double> LifeTableStartAges() { return kStartAges; }

std::string_view LifeExpectancyStatusMessage(LifeExpectancyStatus status) {
  switch (status) {
    case LifeExpectancyStatus::kCalculated:
      return "";
    case LifeExpectancyStatus::kNegativeDeaths:
      return "some age bands have negative deaths; outputs have been suppressed";
    case LifeExpectancyStatus::kNonPositivePopulation:
      return "some age bands have a zero or less population; outputs have been suppressed";
    case LifeExpectancyStatus::kWrongBandCount:
      return "the group does not have the 20 age bands; life expectancy cannot be calculated";
    case LifeExpectancyStatus::kDeathsExceedPopulation:
      return "some age bands have more deaths than population; outputs have been suppressed";
    case LifeExpectancyStatus::kSmallPopulation:
      return "the total population is 5,000 or less; outputs have been suppressed";
  }
  return "";
}

Result<LifeExpectancyResult> LifeExpectancy(std::span<const LifeTableBand> bands,
                                            std::span<const ConfidenceLevel> levels) {
  std::vector<LifeTableBand> sorted(bands.begin(), bands.end());
  for (const LifeTableBand& b : sorted) {
    if (IsMissing(b.start_age) || IsMissing(b.population) || IsMissing(b.deaths)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "life table bands need start age, population "
                       "and deaths");
    }
    if (std::find(kStartAges.begin(), kStartAges.end(), b.start_age) == kStartAges.end()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("start age {} is not one of 0, 1, 5, 10, ..., 90", b.start_age));
    }
  }
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const LifeTableBand& x, const LifeTableBand& y) { return x.start_age < y.start_age; });
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].start_age == sorted[i - 1].start_age) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("start age {} appears twice", sorted[i].start_age));
    }
  }
  LifeExpectancyResult result;
  result.status = Screen(sorted);
  result.rows.resize(sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    result.rows[i].start_age = sorted[i].start_age;
    result.rows[i].estimate.method = "Chiang, using Silcocks et al for confidence limits";
    result.rows[i].estimate.intervals.resize(levels.size());
  }
  AddCumulativeTotals(result.rows, sorted);
  if (result.status == LifeExpectancyStatus::kCalculated) Calculate(sorted, levels, result.rows);
  return result;
}

}  // namespace waymark::stats
