// Tests of funnel-plot limits, significance and points against the PHEindicatormethods funnel
// tables, compared to the precision the tables store.
#include "stats/funnel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "stats/poisson_bisection.h"
#include "stats/test_util.h"

namespace waymark::stats {
namespace {

using testing::RefTable;

// Half a unit in the last decimal place the table stores for this cell.
double StoredTolerance(const std::string& cell) {
  const size_t dot = cell.find('.');
  const size_t exponent = cell.find_first_of("eE");
  if (exponent != std::string::npos) {
    return std::abs(*ParseCsvNumber(cell)) * 1e-9;  // full-precision scientific notation
  }
  const double decimals = dot == std::string::npos ? 0 : static_cast<double>(cell.size() - dot - 1);
  return 0.5 * std::pow(10, -decimals) * (1 + 1e-9);
}

// Expects `actual` to round to the cell as stored.
void ExpectStored(double actual, const RefTable& t, size_t r, const std::string& column) {
  const std::string& cell = t.Str(r, column);
  const double expected = t.Num(r, column);
  EXPECT_NEAR(actual, expected, StoredTolerance(cell)) << column << " row " << r + 2;
}

std::vector<double> Column(const RefTable& t, const std::string& name) {
  std::vector<double> values;
  for (size_t r = 0; r < t.RowCount(); ++r) values.push_back(t.Num(r, name));
  return values;
}

void ExpectProportionTable(const std::vector<FunnelRow>& rows, const RefTable& t) {
  ASSERT_EQ(rows.size(), t.RowCount());
  for (size_t r = 0; r < t.RowCount(); ++r) {
    EXPECT_EQ(rows[r].x, t.Num(r, "Population")) << "row " << r + 2;
    ExpectStored(rows[r].lower_2s, t, r, "lower_2s_limit");
    ExpectStored(rows[r].upper_2s, t, r, "upper_2s_limit");
    ExpectStored(rows[r].lower_3s, t, r, "lower_3s_limit");
    ExpectStored(rows[r].upper_3s, t, r, "upper_3s_limit");
    ExpectStored(rows[r].baseline, t, r, "baseline");
  }
}

TEST(FunnelTest, ReproducesPhStatsScalarCases) {
  RefTable t("phstats_unit_cases.csv");
  int checked = 0;
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const std::string& fn = t.Str(r, "function");
    const FunnelSide side = t.Str(r, "side") == "low" ? FunnelSide::kLow : FunnelSide::kHigh;
    const double x = t.Num(r, "x_or_obs");
    const double n = t.Num(r, "n_or_expected_or_population");
    const double p = t.Num(r, "confidence_or_p");
    const double expected = t.Num(r, "expected");
    SCOPED_TRACE(fn + " row " + std::to_string(r + 2));
    if (fn == "poisson_funnel") {
      const PoissonSide ps = side == FunnelSide::kLow ? PoissonSide::kLow : PoissonSide::kHigh;
      EXPECT_NEAR_REL(PoissonBisectionLimit(x, p, ps), expected, 1e-12);
    } else if (fn == "funnel_ratio_significance") {
      EXPECT_NEAR(std::round(RatioSignificanceLimit(x, n, p, side) * 100) / 100, expected, 1e-12);
    } else if (fn == "sigma_adjustment") {
      EXPECT_NEAR_REL(ProportionControlLimit(p, n, t.Num(r, "average_proportion"), side,
                                             t.Num(r, "multiplier")),
                      expected, 1e-12);
    } else {
      continue;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 9);
}

TEST(FunnelTest, BisectionAgreesWithGammaQuantilesToAboutOnePartInTenMillion) {
  const double bisection = PoissonBisectionLimit(200, 0.025, PoissonSide::kLow);
  EXPECT_NEAR(bisection, 173.240862, 1e-6);
  EXPECT_NEAR(bisection / 173.24088303, 1, 2e-7);
  EXPECT_NEAR(PoissonRangeProbability(3, 0, 1e10), 1, 1e-12);
  // The series stops once a term is below 1e-10 of the total, so agreement is to about 1e-10.
  EXPECT_NEAR(PoissonRangeProbability(2, 0, 0), std::exp(-2.0), 1e-10);
  EXPECT_NEAR(PoissonRangeProbability(2.5, 2, 2), std::exp(-2.5) * 2.5 * 2.5 / 2, 1e-10);
  // Non-integer bounds count the whole numbers between them.
  EXPECT_EQ(PoissonRangeProbability(2.5, 1.5, 2.5), PoissonRangeProbability(2.5, 2, 2));
}

TEST(FunnelTest, ReproducesProportionLimits) {
  RefTable in("funnel_prop_inputs.csv");
  auto rows = ProportionFunnelLimits(Column(in, "numerator"), Column(in, "denominator"), 100);
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ExpectProportionTable(*rows, RefTable("funnel_prop_outputs.csv"));
}

TEST(FunnelTest, ReproducesProportionLimitsWithAxisVariation) {
  RefTable in("funnel_prop_inputs.csv");
  std::vector<double> x, n;
  for (size_t r = 0; r < in.RowCount(); ++r) {
    if (in.Num(r, "denominator") >= 31000) continue;
    x.push_back(in.Num(r, "numerator"));
    n.push_back(in.Num(r, "denominator"));
  }
  auto rows = ProportionFunnelLimits(x, n, 100);
  ASSERT_TRUE(rows.has_value());
  ExpectProportionTable(*rows, RefTable("funnel_prop_outputs_axis_variation.csv"));
}

TEST(FunnelTest, ReproducesRatioLimits) {
  RefTable in("funnel_ratio_inputs.csv");
  RefTable t("funnel_ratio_outputs.csv");
  for (RatioType type : {RatioType::kCount, RatioType::kIsr}) {
    auto rows = RatioFunnelLimits(Column(in, "obs"), Column(in, "expected"), type);
    ASSERT_TRUE(rows.has_value());
    ASSERT_EQ(rows->size(), t.RowCount());
    const std::string suffix = type == RatioType::kCount ? "_count" : "_isr";
    for (size_t r = 0; r < t.RowCount(); ++r) {
      const FunnelRow& row = (*rows)[r];
      EXPECT_EQ(row.x, t.Num(r, "Observed_events"));
      ExpectStored(row.lower_2s_denominator, t, r, "lower_2s_exp_events");
      ExpectStored(row.upper_2s_denominator, t, r, "upper_2s_exp_events");
      ExpectStored(row.lower_3s_denominator, t, r, "lower_3s_exp_events");
      ExpectStored(row.upper_3s_denominator, t, r, "upper_3s_exp_events");
      ExpectStored(row.lower_2s, t, r, "lower_2s" + suffix);
      ExpectStored(row.upper_2s, t, r, "upper_2s" + suffix);
      ExpectStored(row.lower_3s, t, r, "lower_3s" + suffix);
      ExpectStored(row.upper_3s, t, r, "upper_3s" + suffix);
    }
  }
}

void ExpectRateTable(const RateFunnelInput& input, const std::string& file,
                     const std::string& statistic) {
  RefTable t(file);
  auto rows = RateFunnelLimits(input);
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), t.RowCount());
  for (size_t r = 0; r < t.RowCount(); ++r) {
    const FunnelRow& row = (*rows)[r];
    SCOPED_TRACE(file);
    EXPECT_EQ(row.x, t.Num(r, "Events")) << "row " << r + 2;
    ExpectStored(row.lower_2s_denominator, t, r, "lower_2s_population_1_year");
    ExpectStored(row.upper_2s_denominator, t, r, "upper_2s_population_1_year");
    ExpectStored(row.lower_3s_denominator, t, r, "lower_3s_population_1_year");
    ExpectStored(row.upper_3s_denominator, t, r, "upper_3s_population_1_year");
    ExpectStored(row.lower_2s, t, r, "lower_2s_limit");
    ExpectStored(row.upper_2s, t, r, "upper_2s_limit");
    ExpectStored(row.lower_3s, t, r, "lower_3s_limit");
    ExpectStored(row.upper_3s, t, r, "upper_3s_limit");
    ExpectStored(row.baseline, t, r, "baseline");
    EXPECT_EQ(t.Str(r, "statistic"), statistic);
    EXPECT_EQ(t.Str(r, "method"), "Poisson");
  }
}

// Index of the largest value (the first if tied).
size_t ArgMax(const std::vector<double>& v) {
  return static_cast<size_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

TEST(FunnelTest, ReproducesRateLimits) {
  RefTable in("funnel_rate_input_funnels.csv");
  std::vector<double> ev = Column(in, "ev");
  std::vector<double> rate = Column(in, "rate");
  RateFunnelInput input{ev, rate, {}, RateType::kDsr, 100000, 3};
  ExpectRateTable(input, "funnel_rate_outputs.csv", "rate (dsr per 100,000)");

  std::vector<double> ev5 = ev;
  ev5[ArgMax(ev)] = 5;
  RateFunnelInput crude{ev5, rate, {}, RateType::kCrude, 100000, 3};
  ExpectRateTable(crude, "funnel_rate_outputs_2.csv", "rate (crude per 100,000)");

  // Crude with denominators: pop = 1e5·ev/rate; the largest area gets 0 events and rate 0; only
  // areas with pop above half the largest pop are kept.
  std::vector<double> pop;
  for (size_t i = 0; i < ev.size(); ++i) pop.push_back(100000 * ev[i] / rate[i]);
  const size_t top = ArgMax(ev);
  const double max_pop = *std::max_element(pop.begin(), pop.end());
  std::vector<double> kept_ev, kept_rate, kept_pop;
  for (size_t i = 0; i < ev.size(); ++i) {
    if (!(pop[i] > max_pop / 2)) continue;
    kept_ev.push_back(i == top ? 0 : ev[i]);
    kept_rate.push_back(i == top ? 0 : rate[i]);
    kept_pop.push_back(pop[i]);
  }
  RateFunnelInput with_denominators{kept_ev, kept_rate, kept_pop, RateType::kCrude, 100000, 3};
  ExpectRateTable(with_denominators, "funnel_rate_outputs_3.csv", "rate (crude per 100,000)");
}

TEST(FunnelTest, ReproducesRatePoints) {
  RefTable t("funnel_rate_input_funnels.csv");
  std::vector<double> ev = Column(t, "ev");
  std::vector<double> rate = Column(t, "rate");
  const size_t top = ArgMax(ev);
  std::vector<double> ev5 = ev;
  ev5[top] = 5;
  auto dsr = RateFunnelPoints({ev5, rate, {}, RateType::kDsr, 100000, 3});
  auto crude = RateFunnelPoints({ev, rate, {}, RateType::kCrude, 100000, 3});
  std::vector<double> ev0 = ev;
  ev0[top] = 0;
  std::vector<double> pop = Column(t, "pop");
  auto with_denominators = RateFunnelPoints({ev0, rate, pop, RateType::kCrude, 100000, 5});
  ASSERT_TRUE(dsr && crude && with_denominators);
  for (size_t r = 0; r < t.RowCount(); ++r) {
    SCOPED_TRACE("row " + std::to_string(r + 2));
    EXPECT_TRUE(testing::Near((*dsr)[r].rate, t.Num(r, "rate_chart"), 0));
    EXPECT_TRUE(testing::Near((*dsr)[r].denominator, t.Num(r, "denominator_derived"), 0, 5e-5));
    EXPECT_EQ((*crude)[r].rate, t.Num(r, "rate_chart_crude"));
    ExpectStored((*crude)[r].denominator, t, r, "denominator_derived_crude");
    EXPECT_EQ((*with_denominators)[r].rate, t.Num(r, "rate_chart_crude_with_denom"));
    ExpectStored((*with_denominators)[r].denominator, t, r, "denominator_derived_crude_with_denom");
  }
}

TEST(FunnelTest, ReproducesProportionAndRatioSignificance) {
  RefTable prop("funnel_prop_inputs.csv");
  auto p = ProportionFunnelSignificance(Column(prop, "numerator"), Column(prop, "denominator"));
  ASSERT_TRUE(p.has_value());
  for (size_t r = 0; r < prop.RowCount(); ++r) {
    EXPECT_EQ(FunnelSignificanceLabel((*p)[r]), prop.Str(r, "significance")) << "row " << r + 2;
  }
  RefTable ratio("funnel_ratio_inputs.csv");
  auto q = RatioFunnelSignificance(Column(ratio, "obs"), Column(ratio, "expected"));
  ASSERT_TRUE(q.has_value());
  for (size_t r = 0; r < ratio.RowCount(); ++r) {
    EXPECT_EQ(FunnelSignificanceLabel((*q)[r]), ratio.Str(r, "significance")) << "row " << r + 2;
  }
}

TEST(FunnelTest, ReproducesRateSignificanceInEightConfigurations) {
  RefTable t("funnel_rate_dsr_inputs.csv");
  const std::vector<double> count = Column(t, "count");
  const std::vector<double> pop = Column(t, "pop");
  struct Config {
    RateType type;
    const char* rate_column;
    double multiplier;
    const char* name;
  };
  const Config configs[] = {
      {RateType::kDsr, "rate_dsr", 100000, "dsr_per_100000"},
      {RateType::kDsr, "rate_dsr", 100, "dsr_per_100"},
      {RateType::kCrude, "rate_crude_per_100000", 100000, "crude_per_100000"},
      {RateType::kCrude, "rate_crude_per_100", 100, "crude_per_100"},
  };
  for (const Config& c : configs) {
    const std::vector<double> rate = Column(t, c.rate_column);
    for (bool with_zero : {true, false}) {
      const size_t n = with_zero ? t.RowCount() : t.RowCount() - 1;
      const std::string column = std::string(c.name) + (with_zero ? "_with_0" : "_without_0");
      RateFunnelInput input{std::span(count).first(n),
                            std::span(rate).first(n),
                            std::span(pop).first(n),
                            c.type,
                            c.multiplier,
                            1};
      auto s = RateFunnelSignificance(input);
      ASSERT_TRUE(s.has_value()) << column << ": " << s.error().message;
      for (size_t r = 0; r < n; ++r) {
        EXPECT_EQ(FunnelSignificanceLabel((*s)[r]), t.Str(r, column)) << column << " row " << r + 2;
      }
    }
  }
}

TEST(FunnelTest, RejectsBadInput) {
  const std::vector<double> x = {1, 2};
  const std::vector<double> n = {10, 1};
  EXPECT_FALSE(ProportionFunnelLimits(x, n).has_value());  // 2 > 1
  EXPECT_FALSE(ProportionFunnelLimits(x, std::vector<double>{10}).has_value());
  EXPECT_FALSE(ProportionFunnelLimits({}, {}).has_value());
  EXPECT_FALSE(RatioFunnelSignificance(x, std::vector<double>{1, 0}).has_value());
  EXPECT_FALSE(
      RatioFunnelLimits(std::vector<double>{kMissing}, std::vector<double>{1}, RatioType::kIsr)
          .has_value());
  const std::vector<double> ev = {0, 5};
  const std::vector<double> rate = {0, 10};
  EXPECT_FALSE(RateFunnelLimits({ev, rate, {}, RateType::kCrude, 100000, 1}).has_value());
  EXPECT_FALSE(RateFunnelLimits({ev, rate, {}, RateType::kDsr, 100000, 0}).has_value());
}

TEST(FunnelPropertyTest, LimitsNarrowWithPopulation) {
  RefTable in("funnel_prop_inputs.csv");
  auto rows = ProportionFunnelLimits(Column(in, "numerator"), Column(in, "denominator"), 100);
  ASSERT_TRUE(rows.has_value());
  for (size_t i = 1; i < rows->size(); ++i) {
    const FunnelRow& a = (*rows)[i - 1];
    const FunnelRow& b = (*rows)[i];
    EXPECT_GT(b.x, a.x);
    EXPECT_LE(b.lower_3s, b.lower_2s);
    EXPECT_LE(b.lower_2s, b.baseline);
    EXPECT_GE(b.upper_2s, b.baseline);
    EXPECT_GE(b.lower_2s, a.lower_2s);
  }
}

}  // namespace
}  // namespace waymark::stats
