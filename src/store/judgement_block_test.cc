// Tests of the packed judgement encoding: round trips of every field, known labels written as
// codes and other texts once per block, value and limits that the counts give omitted and
// computed again, format 1 and 2 blocks still read, and damaged bytes refused rather than
// misread.
#include "store/judgement_block.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "stats/count_estimate.h"

namespace waymark::store {
namespace {

const JudgementSeries kSeries{"ind-1", "E09000003", Breakdown{"Female", "10-11 yrs", "", ""}};

Assessment Sample(const std::string& period) {
  Assessment a;
  a.indicator = kSeries.indicator;
  a.area = kSeries.area;
  a.breakdown = kSeries.breakdown;
  a.period = *ParsePeriod(period);
  a.value = 12.3456;
  a.lower95 = -0.5;
  a.upper95 = 1e300;
  a.lower998 = 0;
  a.upper998 = kNoValue;
  a.count = 1234567;
  a.denominator = 7;
  a.target = 15.5;
  a.value_source = ValueSource::kComputed;
  a.vs_england = Comparison::kBetter;
  a.vs_england_998 = Comparison::kSimilar;
  a.vs_england_2level = Comparison::kBetter998;
  a.vs_region = Comparison::kWorse;
  a.vs_region_998 = Comparison::kNotCompared;
  a.vs_region_2level = Comparison::kNone;
  a.recent_trend = RecentTrend::kIncreasingGettingBetter;
  a.quintile = 2;
  a.rank_london = 31;
  a.rank_neighbours = 4;
  a.neighbours_ranked = 11;
  a.rag = Rag::kGreen;
  a.rag_rule = "at or above the target of 15.5 (ünïcode)";
  a.basis = ComparisonBasis::kWilson95;
  a.suppressed = false;
  return a;
}

bool SameNumber(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
}

void ExpectSame(const Assessment& a, const Assessment& b) {
  EXPECT_EQ(a.indicator, b.indicator);
  EXPECT_EQ(a.area, b.area);
  EXPECT_EQ(a.breakdown, b.breakdown);
  EXPECT_EQ(a.period, b.period);
  for (const auto& [x, y] : {std::pair{a.value, b.value},
                             {a.lower95, b.lower95},
                             {a.upper95, b.upper95},
                             {a.lower998, b.lower998},
                             {a.upper998, b.upper998},
                             {a.count, b.count},
                             {a.denominator, b.denominator},
                             {a.target, b.target}}) {
    EXPECT_TRUE(SameNumber(x, y)) << x << " against " << y;
  }
  EXPECT_EQ(a.value_source, b.value_source);
  EXPECT_EQ(a.vs_england, b.vs_england);
  EXPECT_EQ(a.vs_england_998, b.vs_england_998);
  EXPECT_EQ(a.vs_england_2level, b.vs_england_2level);
  EXPECT_EQ(a.vs_region, b.vs_region);
  EXPECT_EQ(a.vs_region_998, b.vs_region_998);
  EXPECT_EQ(a.vs_region_2level, b.vs_region_2level);
  EXPECT_EQ(a.recent_trend, b.recent_trend);
  EXPECT_EQ(a.quintile, b.quintile);
  EXPECT_EQ(a.rank_london, b.rank_london);
  EXPECT_EQ(a.rank_neighbours, b.rank_neighbours);
  EXPECT_EQ(a.neighbours_ranked, b.neighbours_ranked);
  EXPECT_EQ(a.rag, b.rag);
  EXPECT_EQ(a.rag_rule, b.rag_rule);
  EXPECT_EQ(a.basis, b.basis);
  EXPECT_EQ(a.suppressed, b.suppressed);
}

std::string Encode(const std::vector<Assessment>& rows, const JudgementMethod& method = {}) {
  std::vector<const Assessment*> pointers;
  pointers.reserve(rows.size());
  for (const Assessment& a : rows) pointers.push_back(&a);
  std::string block;
  EncodeJudgements(pointers, method, block);
  return block;
}

// A judgement whose value and limits are what `method` gives from `count` and `denominator`.
Assessment FromCounts(const std::string& period, const JudgementMethod& method, double count,
                      double denominator) {
  Assessment a = Sample(period);
  a.count = count;
  a.denominator = denominator;
  const auto e =
      stats::EstimateFromCounts(method.method, method.multiplier, count, denominator).value();
  a.value = e.value;
  a.lower95 = e.lower95;
  a.upper95 = e.upper95;
  a.lower998 = e.lower998;
  a.upper998 = e.upper998;
  return a;
}

TEST(JudgementBlockTest, EveryFieldAndPeriodKindRoundTrips) {
  std::vector<Assessment> rows;
  for (const char* period :
       {"2019", "2019/20", "2017/18-19/20", "2017-19", "2020 Q3", "2020/21 Q2", "May 2021"}) {
    rows.push_back(Sample(period));
  }
  rows[1].value = -0.0;  // a negative zero is kept as a double, not made a whole number
  rows[1].suppressed = true;
  rows[1].basis = ComparisonBasis::kSuppressed;
  rows[2].value_source = ValueSource::kMissing;
  rows[2].vs_england = Comparison::kSecondHighestFifth;
  rows[2].recent_trend = RecentTrend::kCannotBeCalculated;
  rows[2].rag = Rag::kNone;
  rows[2].value = kNoValue;
  rows[2].rag_rule = "";
  rows[2].rank_london = -3;
  rows[3].basis = ComparisonBasis::kUnknown;
  rows[4].count = 9007199254740993.0;  // beyond 2^53: kept as a double
  std::vector<Assessment> back;
  ASSERT_TRUE(DecodeJudgements(Encode(rows), kSeries, back));
  ASSERT_EQ(back.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) ExpectSame(rows[i], back[i]);
}

TEST(JudgementBlockTest, DecodingAppends) {
  std::vector<Assessment> back(1);
  ASSERT_TRUE(DecodeJudgements(Encode({Sample("2019"), Sample("2020")}), kSeries, back));
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0].vs_england, Comparison::kNone);
  EXPECT_EQ(back[1].vs_england, Comparison::kBetter);
  EXPECT_EQ(back[2].vs_england_2level, Comparison::kBetter998);
  EXPECT_EQ(back[2].period.Label(), "2020");
}

TEST(JudgementBlockTest, KnownTextsAreWrittenAsCodesAndOthersInTheBlock) {
  const std::string block = Encode({Sample("2019")});
  EXPECT_EQ(block[0], 3);
  for (const std::string_view label : {"Better", "Similar", "Increasing and getting better",
                                       "computed", "green", "wilson-95", "(99.8%)"}) {
    EXPECT_EQ(block.find(label), std::string::npos) << label;
  }
  EXPECT_NE(block.find("at or above the target of 15.5"), std::string::npos);
  // Each known text once, so that an index means one text only.
  const auto known = KnownJudgementTexts();
  for (std::size_t i = 0; i < known.size(); ++i) {
    EXPECT_EQ(std::count(known.begin(), known.end(), known[i]), 1) << known[i];
  }
  // Every comparison basis is known.
  for (int i = 0; i < kComparisonBasisCount; ++i) {
    const std::string_view code = ComparisonBasisCode(static_cast<ComparisonBasis>(i));
    EXPECT_NE(std::find(known.begin(), known.end(), code), known.end()) << code;
  }
}

// A format 1 block of `texts` and one judgement: 2019 (a calendar year), no numbers, the text
// indices `indices` (value source, the six comparisons, trend, rating, rule, basis), ranks 0,
// not suppressed.
std::string FormatOneBlock(const std::vector<std::string>& texts,
                           const std::array<std::uint8_t, 11>& indices) {
  std::string block{'\x01', static_cast<char>(texts.size())};
  for (const std::string& text : texts) {
    block.push_back(static_cast<char>(text.size()));
    block += text;
  }
  block.push_back('\x01');
  block.append("\x00\xc6\x1f\x01\x00\x00", 6);
  for (const std::uint8_t index : indices) block.push_back(static_cast<char>(index));
  block.append(4 + 1, '\0');
  return block;
}

TEST(JudgementBlockTest, AFormatOneBlockKeepsReadingItsOwnTexts) {
  const std::string block =
      FormatOneBlock({"", "Better", "computed", "Increasing and getting worse", "amber",
                      "across the target", "byar-95"},
                     {2, 1, 0, 0, 1, 0, 0, 3, 4, 5, 6});
  std::vector<Assessment> back;
  ASSERT_TRUE(DecodeJudgements(block, kSeries, back));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].period.Label(), "2019");
  EXPECT_EQ(back[0].value_source, ValueSource::kComputed);
  EXPECT_EQ(back[0].vs_england, Comparison::kBetter);
  EXPECT_EQ(back[0].vs_england_998, Comparison::kNone);
  EXPECT_EQ(back[0].vs_region, Comparison::kBetter);
  EXPECT_EQ(back[0].recent_trend, RecentTrend::kIncreasingGettingWorse);
  EXPECT_EQ(back[0].rag, Rag::kAmber);
  EXPECT_EQ(back[0].rag_rule, "across the target");
  EXPECT_EQ(back[0].basis, ComparisonBasis::kByar95);
  // Format 2 numbers the known texts first: index 0 is "" and 1 is "computed".
  std::string coded = FormatOneBlock({"Better"}, {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  coded[0] = 2;
  back.clear();
  ASSERT_TRUE(DecodeJudgements(coded, kSeries, back));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].value_source, ValueSource::kComputed);
  EXPECT_EQ(back[0].vs_england, Comparison::kNone);
  EXPECT_EQ(back[0].basis, ComparisonBasis::kUnknown);
}

TEST(JudgementBlockTest, ALabelOfUnknownWordsIsRefused) {
  const std::array<std::uint8_t, 11> none{};
  std::vector<Assessment> back(1);
  // Words that were never a label, and a label's words in another label's place.
  for (std::size_t field = 0; field < 9; ++field) {
    for (const std::string words : {"Much better", "Better", "computed", "green"}) {
      std::array<std::uint8_t, 11> indices = none;
      indices[field] = 1;
      const bool fits = (field == 0 && words == "computed") ||
                        (field >= 1 && field <= 6 && words == "Better") ||
                        (field == 8 && words == "green");
      const auto result = DecodeJudgements(FormatOneBlock({"", words}, indices), kSeries, back);
      EXPECT_EQ(static_cast<bool>(result), fits) << field << " " << words;
      if (!fits) {
        EXPECT_EQ(back.size(), 1u);
      }
      back.resize(1);
    }
  }
  // The rule may be any words; an unknown basis is read as not recorded.
  std::array<std::uint8_t, 11> free = none;
  free[9] = free[10] = 1;
  ASSERT_TRUE(DecodeJudgements(FormatOneBlock({"", "Much better"}, free), kSeries, back));
  EXPECT_EQ(back.back().rag_rule, "Much better");
  EXPECT_EQ(back.back().basis, ComparisonBasis::kUnknown);
}

TEST(JudgementBlockTest, AFormatThreeBlockNamesItsMethodAndCheckedFlags) {
  // Format 3, Wilson × 100, no texts, one judgement: 2019, only count 3 and denominator 4,
  // every text index 0, ranks 0, derived.
  std::string block("\x03\x00\x02\xc8\x01\x00\x01\x00\xc6\x1f\x01\x00\x28\x06\x08", 15);
  block.append(11 + 4, '\0');
  block.push_back('\x02');
  std::vector<Assessment> back;
  ASSERT_TRUE(DecodeJudgements(block, kSeries, back));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].value, 75);
  EXPECT_EQ(back[0].count, 3);
  EXPECT_TRUE(SameNumber(back[0].lower95,
                         stats::EstimateFromCounts(CiMethod::kWilson, 100, 3, 4)->lower95));
  EXPECT_FALSE(back[0].suppressed);
  // Derived and suppressed.
  block.back() = '\x03';
  back.clear();
  ASSERT_TRUE(DecodeJudgements(block, kSeries, back));
  EXPECT_TRUE(back.at(0).suppressed);
  // No such flag.
  block.back() = '\x04';
  EXPECT_FALSE(DecodeJudgements(block, kSeries, back));
  // Derived, but the counts cannot give a proportion (3 out of 2).
  std::string more = block;
  more.back() = '\x02';
  more[14] = '\x04';  // denominator 2
  EXPECT_FALSE(DecodeJudgements(more, kSeries, back));
  // Derived from a count that is not whole (2.5, a decimal): refused, as the writer never
  // derives from one.
  std::string fractional("\x03\x00\x02\xc8\x01\x00\x01\x00\xc6\x1f\x01\x00\x2c\x90\x03\x08", 16);
  fractional.append(11 + 4, '\0');
  fractional.push_back('\x02');
  EXPECT_FALSE(DecodeJudgements(fractional, kSeries, back));
  fractional.back() = '\x00';  // the same count, its numbers not derived
  EXPECT_TRUE(DecodeJudgements(fractional, kSeries, back));
  EXPECT_EQ(back.back().count, 2.5);
  // No method to derive with.
  std::string supplied = block;
  supplied.back() = '\x02';
  supplied[1] = static_cast<char>(CiMethod::kSupplied);
  EXPECT_FALSE(DecodeJudgements(supplied, kSeries, back));
  supplied[1] = '\x09';  // no such method
  EXPECT_FALSE(DecodeJudgements(supplied, kSeries, back));
  // A derived flag in a format 2 block.
  std::string coded("\x02\x00\x01\x00\xc6\x1f\x01\x00\x28\x06\x08", 11);
  coded.append(11 + 4, '\0');
  coded.push_back('\x02');
  EXPECT_FALSE(DecodeJudgements(coded, kSeries, back));
  coded.back() = '\x01';
  back.clear();
  EXPECT_TRUE(DecodeJudgements(coded, kSeries, back));
  EXPECT_EQ(back.size(), 1u);
}

TEST(JudgementBlockTest, NumbersTheCountsGiveAreOmittedAndComputedAgain) {
  const JudgementMethod wilson{CiMethod::kWilson, 100};
  const JudgementMethod byar{CiMethod::kByar, 100000};
  for (const auto& method : {wilson, byar}) {
    std::vector<Assessment> rows;
    // Counts on both sides of Byar's threshold for exact limits (10), and none at all.
    for (const double count : {0.0, 3.0, 9.0, 10.0, 2784.0, 14355.0}) {
      rows.push_back(FromCounts(std::to_string(2000 + rows.size()), method, count, 14355));
    }
    const std::string derived = Encode(rows, method);
    const std::string full = Encode(rows);
    // Five doubles fewer a judgement (a few of the exact limits are whole or short decimals).
    EXPECT_LE(derived.size() + rows.size() * 30, full.size());
    std::vector<Assessment> back;
    ASSERT_TRUE(DecodeJudgements(derived, kSeries, back));
    ASSERT_EQ(back.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) ExpectSame(rows[i], back[i]);
  }
}

TEST(JudgementBlockTest, NumbersTheCountsDoNotGiveAreKept) {
  const JudgementMethod wilson{CiMethod::kWilson, 100};
  std::vector<Assessment> rows = {FromCounts("2019", wilson, 2784, 14355),
                                  FromCounts("2020", wilson, 2784, 14355),
                                  FromCounts("2021", wilson, 2784, 14355),
                                  FromCounts("2022", wilson, 2784, 14355),
                                  Sample("2023"),
                                  FromCounts("2024", wilson, 2.5, 10)};
  rows[0].value = std::nextafter(rows[0].value, 100.0);  // one step off: supplied, not computed
  rows[1].upper998 = kNoValue;                           // a limit missing
  rows[2].denominator = kNoValue;                        // no denominator to compute from
  // rows[5]: a count that is not whole, which a block never derives from.
  std::vector<Assessment> back;
  const std::string block = Encode(rows, wilson);
  ASSERT_TRUE(DecodeJudgements(block, kSeries, back));
  ASSERT_EQ(back.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) ExpectSame(rows[i], back[i]);
  // Only the fourth is derived: five doubles fewer than the block without a method, less the
  // second byte of the multiplier (100, where no method has 0).
  EXPECT_EQ(Encode(rows).size() - block.size(), 5u * 8 - 1);
}

TEST(JudgementBlockTest, EachTextIsStoredOncePerBlock) {
  std::vector<Assessment> rows(20, Sample("2019"));
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].period.start_year += static_cast<int>(i);
  const std::string one = Encode({rows[0]});
  const std::string twenty = Encode(rows);
  // The rule's 40 bytes and the labels are written once; each later judgement costs its
  // period, numbers, indices and ranks only.
  EXPECT_LT(twenty.size() - one.size(), 19u * 75);
  EXPECT_LT(twenty.size(), 20u * 100);
}

TEST(JudgementBlockTest, AnEmptySeriesRoundTrips) {
  std::vector<Assessment> back;
  ASSERT_TRUE(DecodeJudgements(Encode({}), kSeries, back));
  EXPECT_TRUE(back.empty());
}

TEST(JudgementBlockTest, DamagedBytesAreRefusedAndChangeNothing) {
  const std::string block = Encode({Sample("2019"), Sample("2020/21")});
  std::vector<Assessment> back(2);
  for (std::size_t n = 0; n < block.size(); ++n) {
    const auto result = DecodeJudgements(block.substr(0, n), kSeries, back);
    ASSERT_FALSE(result) << "cut to " << n << " bytes";
    EXPECT_EQ(back.size(), 2u);
  }
  EXPECT_FALSE(DecodeJudgements(block + '\0', kSeries, back));
  std::string other = block;
  other[0] = 4;
  const auto unknown = DecodeJudgements(other, kSeries, back);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("unknown format"), std::string::npos);
  EXPECT_EQ(back.size(), 2u);
}

TEST(JudgementBlockTest, AnIndexBeyondTheBlocksTextsIsRefused) {
  // Format 1, no texts, one judgement: 2019 (a calendar year), no numbers, then a text index
  // of 0 when the block has none.
  const std::string block("\x01\x00\x01\x00\xc6\x1f\x01\x00\x00\x00", 10);
  std::vector<Assessment> back;
  const auto result = DecodeJudgements(block, kSeries, back);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("damaged"), std::string::npos);
  EXPECT_TRUE(back.empty());
  // Format 2: the index just past the known texts, when the block has none of its own.
  std::string coded("\x02\x00\x01\x00\xc6\x1f\x01\x00\x00", 9);
  coded.push_back(static_cast<char>(KnownJudgementTexts().size()));
  ASSERT_LT(KnownJudgementTexts().size(), 128u);  // one varint byte
  EXPECT_FALSE(DecodeJudgements(coded, kSeries, back));
  EXPECT_TRUE(back.empty());
}

}  // namespace
}  // namespace waymark::store
