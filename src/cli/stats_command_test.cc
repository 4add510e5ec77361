// Tests of `waymark stats METHOD`: CSV contracts, reference values through the command line,
// and positioned errors with no output.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "core/clock.h"
#include "stats/csv.h"

namespace waymark::cli {
namespace {

struct Outcome {
  int exit_code = 0;
  std::string out;
  std::string err;
};

Outcome RunStats(const std::vector<std::string>& args, const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out, err;
  FixedClock clock(0);
  Context ctx;
  ctx.in = &in;
  ctx.out = &out;
  ctx.err = &err;
  ctx.clock = &clock;
  std::vector<const char*> argv = {"waymark", "stats"};
  for (const auto& a : args) argv.push_back(a.c_str());
  Outcome o;
  o.exit_code = Run(static_cast<int>(argv.size()), argv.data(), ctx);
  o.out = out.str();
  o.err = err.str();
  return o;
}

stats::CsvTable Parse(const std::string& text) {
  auto table = stats::ParseCsv(text);
  EXPECT_TRUE(table.has_value());
  return table ? *table : stats::CsvTable{};
}

double Cell(const stats::CsvTable& t, size_t row, std::string_view column) {
  auto index = t.Column(column);
  EXPECT_TRUE(index.has_value()) << column;
  return *stats::ParseCsvNumber(t.rows.at(row).fields.at(*index));
}

std::string Field(const stats::CsvTable& t, size_t row, std::string_view column) {
  return t.rows.at(row).fields.at(*t.Column(column));
}

std::string ReadTestdata(const std::string& name) {
  std::ifstream in(std::string(WAYMARK_SOURCE_DIR) + "/src/stats/testdata/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void ExpectRel(double actual, double expected) {
  EXPECT_NEAR(actual, expected, 1e-9 * std::abs(expected)) << "expected " << expected;
}

TEST(StatsCommandTest, ProportionReproducesReferenceThroughCsv) {
  const stats::CsvTable ref = Parse(ReadTestdata("proportion.csv"));
  std::string input = "area,numerator,denominator\n";
  for (size_t r = 0; r < 8; ++r) {
    input += Field(ref, r, "Area") + "," + Field(ref, r, "Numerator") + "," +
             Field(ref, r, "Denominator") + "\n";
  }
  Outcome o = RunStats({"proportion", "--multiplier", "100"}, input);
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.err, "");
  const stats::CsvTable out = Parse(o.out);
  ASSERT_EQ(out.header,
            (std::vector<std::string>{"area", "numerator", "denominator", "value", "lower_95",
                                      "upper_95", "lower_99_8", "upper_99_8"}));
  ASSERT_EQ(out.rows.size(), 8u);
  for (size_t r = 0; r < 8; ++r) {
    EXPECT_EQ(Field(out, r, "area"), Field(ref, r, "Area"));
    ExpectRel(Cell(out, r, "value"), Cell(ref, r + 8, "value"));
    ExpectRel(Cell(out, r, "lower_95"), Cell(ref, r + 8, "lower95_0cl"));
    ExpectRel(Cell(out, r, "upper_99_8"), Cell(ref, r + 8, "upper99_8cl"));
  }
}

TEST(StatsCommandTest, NumbersRoundTripWithSeventeenDigits) {
  Outcome o = RunStats({"proportion", "--confidence", "95"}, "numerator,denominator\n1,3\n");
  ASSERT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.out,
            "numerator,denominator,value,lower_95,upper_95\n"
            "1,3,0.33333333333333331,0.061491944720396235,0.79234039919795229\n");
  const stats::CsvTable out = Parse(o.out);
  EXPECT_EQ(Cell(out, 0, "value"), 1.0 / 3.0);
}

TEST(StatsCommandTest, EmptyCellsAreMissing) {
  Outcome o = RunStats({"rate"}, "count,population\n,100\n5,\n5,100\n");
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const stats::CsvTable out = Parse(o.out);
  EXPECT_EQ(Field(out, 0, "value"), "");
  EXPECT_EQ(Field(out, 1, "upper_99_8"), "");
  ExpectRel(Cell(out, 2, "value"), 5000);
  // Exact limits below 10 events: 5 per 100 at 95% (rate.csv Area2, per 100000).
  ExpectRel(Cell(out, 2, "lower_95"), 1623.4863901184199);
}

TEST(StatsCommandTest, BadRowsArePositionedAndNothingIsWritten) {
  Outcome o = RunStats({"proportion"},
                       "area,numerator,denominator\nA,5,10\nB,-1,10\nC,x,10\nD,11,10\nE,1,0\n");
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err,
            "stdin:3:2: numerator -1 must be greater than or equal to zero\n"
            "stdin:4:2: 'x' is not a number\n"
            "stdin:5:2: numerator 11 must not exceed denominator 10\n"
            "stdin:6:3: denominator 0 must be greater than zero\n");
}

TEST(StatsCommandTest, StructuralProblems) {
  Outcome missing = RunStats({"rate"}, "count,pop\n1,2\n");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.out, "");
  EXPECT_EQ(missing.err, "stdin:1: missing required column 'population'\n");
  Outcome ragged = RunStats({"rate"}, "count,population\n1,2,3\n");
  EXPECT_EQ(ragged.exit_code, 1);
  EXPECT_EQ(ragged.err, "stdin:2:1: row has 3 fields but the header has 2\n");
  Outcome empty = RunStats({"mean"}, "");
  EXPECT_EQ(empty.exit_code, 1);
  Outcome multiplier = RunStats({"compare", "--multiplier", "100"}, "value\n1\n");
  EXPECT_EQ(multiplier.exit_code, 1);
  EXPECT_NE(multiplier.err.find("--multiplier does not apply to compare"), std::string::npos);
  Outcome confidence =
      RunStats({"proportion", "--confidence", "95,150"}, "numerator,denominator\n");
  EXPECT_EQ(confidence.exit_code, 1);
  EXPECT_EQ(confidence.out, "");
  EXPECT_NE(confidence.err.find("confidence level 150"), std::string::npos);
  Outcome unknown = RunStats({"median"}, "");
  EXPECT_NE(unknown.exit_code, 0);
}

TEST(StatsCommandTest, DsrUsesEsp2013WhenNoStandardIsGiven) {
  const stats::CsvTable input = Parse(ReadTestdata("dsr_multiarea_input.csv"));
  std::string csv = "group,count,population\n";
  for (const auto& row : input.rows) {
    csv += row.fields[0] + "," + row.fields[2] + "," + row.fields[3] + "\n";
  }
  Outcome o = RunStats({"dsr"}, csv);
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const stats::CsvTable out = Parse(o.out);
  const stats::CsvTable ref = Parse(ReadTestdata("dsr_results.csv"));
  ASSERT_EQ(out.rows.size(), 3u);
  for (size_t r = 0; r < 3; ++r) {
    EXPECT_EQ(Field(out, r, "group"), Field(ref, r + 4, "area"));
    EXPECT_EQ(Cell(out, r, "total_count"), Cell(ref, r + 4, "total_count"));
    if (r == 2) {
      EXPECT_EQ(Field(out, r, "value"), "");  // suppressed below 10 events
      continue;
    }
    ExpectRel(Cell(out, r, "value"), Cell(ref, r + 4, "value"));
    ExpectRel(Cell(out, r, "lower_95"), Cell(ref, r + 4, "lower95_0cl"));
    ExpectRel(Cell(out, r, "upper_99_8"), Cell(ref, r + 4, "upper99_8cl"));
  }
  Outcome short_group = RunStats({"dsr"}, "group,count,population\nA,1,100\n");
  EXPECT_EQ(short_group.exit_code, 1);
  EXPECT_NE(short_group.err.find("stdin:2:1: group 'A' has 1 rows"), std::string::npos);
  // A user-supplied standard (ESP1976, 18 bands), per 10000: dsr_results.csv row 4 at 95%.
  const stats::CsvTable esp1976 = Parse(ReadTestdata("dsr_1976_input.csv"));
  std::string csv1976 = "group,count,population,standard_population\n";
  for (const auto& row : esp1976.rows) {
    csv1976 += "1976," + row.fields[1] + "," + row.fields[2] + "," + row.fields[3] + "\n";
  }
  Outcome standard = RunStats({"dsr", "--multiplier", "10000", "--confidence", "95"}, csv1976);
  ASSERT_EQ(standard.exit_code, 0) << standard.err;
  const stats::CsvTable s1976 = Parse(standard.out);
  ASSERT_EQ(s1976.rows.size(), 1u);
  ExpectRel(Cell(s1976, 0, "value"), Cell(ref, 3, "value"));
  ExpectRel(Cell(s1976, 0, "lower_95"), Cell(ref, 3, "lower95_0cl"));
  ExpectRel(Cell(s1976, 0, "upper_95"), Cell(ref, 3, "upper95_0cl"));
  Outcome with_standard =
      RunStats({"dsr", "--multiplier", "1000"},
               "group,count,population,standard_population\nA,20,1000,1\nA,10,2000,1\nB,1,5,-1\n");
  EXPECT_EQ(with_standard.exit_code, 1);
  EXPECT_EQ(with_standard.err, "stdin:4:4: standard_population must be zero or more\n");
}

TEST(StatsCommandTest, IsrMeanCompareTrendQuantile) {
  Outcome isr = RunStats({"isr", "--multiplier", "100"},
                         "group,count,population,reference_count,reference_population\n"
                         "A,5,100,10,1000\nA,15,100,30,1000\n");
  ASSERT_EQ(isr.exit_code, 0) << isr.err;
  stats::CsvTable t = Parse(isr.out);
  EXPECT_EQ(t.header[0], "group");
  ExpectRel(Cell(t, 0, "expected"), 4);
  ExpectRel(Cell(t, 0, "value"), 500);

  Outcome mean = RunStats({"mean", "--confidence", "95"}, "group,value\nA,1\nB,5\nA,3\n");
  ASSERT_EQ(mean.exit_code, 0) << mean.err;
  t = Parse(mean.out);
  EXPECT_EQ(t.header,
            (std::vector<std::string>{"group", "n", "value", "sd", "lower_95", "upper_95"}));
  EXPECT_EQ(Field(t, 0, "n"), "2");
  ExpectRel(Cell(t, 0, "sd"), std::sqrt(2.0));
  // t(0.975; 1 df) = tan(0.475π) = 12.706204736174698; the standard error is 1.
  ExpectRel(Cell(t, 0, "upper_95"), 2 + 12.706204736174698);
  EXPECT_EQ(mean.out.substr(mean.out.find("B,")), "B,1,5,,,\n");

  Outcome compare =
      RunStats({"compare"},
               "value,lower_95,upper_95,lower_99_8,upper_99_8,benchmark,polarity\n"
               "2.6,2.5,2.7,2.3,2.9,2.8,low\n2.6,2.5,2.7,2.3,2.9,2.6,high\n2.6,2.5,2.7,2.3,2.9,2.2,"
               "neutral\n2.6,,,,,2.2,high\n2.6,2.5,2.7,2.3,2.9,2.2,\n");
  ASSERT_EQ(compare.exit_code, 0) << compare.err;
  t = Parse(compare.out);
  EXPECT_EQ(Field(t, 0, "comparison_95"), "Better");
  EXPECT_EQ(Field(t, 0, "comparison_99_8"), "Similar");
  EXPECT_EQ(Field(t, 0, "comparison_2level"), "Better (95%)");
  EXPECT_EQ(Field(t, 1, "comparison_2level"), "Similar");
  EXPECT_EQ(Field(t, 2, "comparison_95"), "Higher");
  EXPECT_EQ(Field(t, 2, "comparison_2level"), "Higher (99.8%)");
  EXPECT_EQ(Field(t, 3, "comparison_95"), "Not compared");
  EXPECT_EQ(Field(t, 4, "comparison_99_8"), "Not compared");
  EXPECT_EQ(RunStats({"compare"},
                     "value,lower_95,upper_95,lower_99_8,upper_99_8,benchmark,"
                     "polarity\n1,1,1,1,1,1,up\n")
                .err,
            "stdin:2:7: polarity 'up' must be high, low or neutral\n");

  Outcome inverted = RunStats({"compare", "--confidence", "95"},
                              "value,lower_95,upper_95,benchmark,polarity\n2,3,1,2,high\n");
  EXPECT_EQ(inverted.exit_code, 1);
  EXPECT_EQ(inverted.out, "");
  EXPECT_EQ(inverted.err, "stdin:2:2: lower_95 is above upper_95\n");

  Outcome trend = RunStats({"trend"},
                           "series,period,numerator,denominator,polarity\n"
                           "s,2018,1367,44701,low\ns,2017,1332,44064,low\ns,2016,1199,42811,\n"
                           "s,2015,1023,41527,low\ns,2014,994,40299,low\n"
                           "t,2019/20,5,10,high\nt,2020/21,5,10,high\n"
                           "u,1,500,1000,high\nu,2,450,1000,\nu,3,400,1000,\nu,4,350,1000,\n"
                           "u,5,300,1000,\n");
  ASSERT_EQ(trend.exit_code, 0) << trend.err;
  EXPECT_EQ(trend.out,
            "series,trend\ns,Increasing and getting worse\nt,Cannot be calculated\n"
            "u,Decreasing and getting worse\n");
  Outcome repeated = RunStats({"trend"}, "series,period,numerator,denominator\ns,1,1,2\ns,1,1,2\n");
  EXPECT_EQ(repeated.err, "stdin:3:2: series 's' repeats period '1'\n");

  std::string q = "group,value,polarity\n";
  for (int i = 1; i <= 10; ++i) q += "g," + std::to_string(i) + ",low\n";
  q += "h,1,low\nh,,low\n";
  Outcome quantile = RunStats({"quantile"}, q);
  ASSERT_EQ(quantile.exit_code, 0) << quantile.err;
  t = Parse(quantile.out);
  EXPECT_EQ(Field(t, 0, "quintile"), "1");
  EXPECT_EQ(Field(t, 9, "quintile"), "5");
  EXPECT_EQ(Field(t, 9, "quartile"), "4");
  EXPECT_EQ(Field(t, 10, "quintile"), "");  // too few values in group h
}

}  // namespace
}  // namespace waymark::cli
