// Tests of the packed figure encoding: round trips of every period kind and number form, the
// sizes that make whole numbers cheap, and damaged bytes refused rather than misread.
#include "store/figure_block.h"

#include <cmath>

#include <gtest/gtest.h>

namespace waymark::store {
namespace {

Observation SampleObservation(const std::string& period) {
  Observation o;
  o.period = *ParsePeriod(period);
  o.value = 12.3456;
  o.lower95 = -0.5;
  o.upper95 = 1e300;
  o.count = 1234567;
  o.denominator = -7;
  o.missing_reason = "";
  o.note = "provisional: ünïcode";
  o.published_trend = "Increasing";
  o.published_vs_england = "Similar";
  o.published_vs_region = "Better 95%";
  o.source_row = 5000001;
  return o;
}

TEST(FigureBlockTest, EveryPeriodKindAndNumberFormRoundTrips) {
  std::vector<Figure> figures;
  std::vector<Observation> sources;
  for (const char* label : {"2023", "2023/24", "2021/22-23/24", "2018-20", "2023 Q1",
                            "2023/24 Q4", "2023-05", "1899"}) {
    sources.push_back(SampleObservation(label));
  }
  sources.back().value = kNoValue;
  sources.back().missing_reason = "c";
  sources.back().lower998 = -0.0;  // negative zero keeps its sign
  figures.reserve(sources.size());
  for (const auto& o : sources) figures.push_back(FigureOf(o, 42));
  std::string block;
  EncodeBlock(figures, block);
  std::vector<Figure> back;
  ASSERT_TRUE(DecodeBlock(block, back).has_value());
  ASSERT_EQ(back.size(), sources.size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    Observation o;
    ToObservation(back[i], o);
    const Observation& want = sources[i];
    EXPECT_EQ(o.period, want.period) << want.period.Label();
    EXPECT_EQ(back[i].key, want.period.SortKey());
    EXPECT_EQ(back[i].import_id, 42);
    EXPECT_EQ(o.source_row, want.source_row);
    for (auto [got, expected] : {std::pair{o.value, want.value}, {o.lower95, want.lower95},
                                 {o.upper95, want.upper95}, {o.lower998, want.lower998},
                                 {o.upper998, want.upper998}, {o.count, want.count},
                                 {o.denominator, want.denominator}}) {
      if (std::isnan(expected)) {
        EXPECT_TRUE(std::isnan(got));
      } else {
        EXPECT_EQ(got, expected);
        EXPECT_EQ(std::signbit(got), std::signbit(expected));
      }
    }
    EXPECT_EQ(o.missing_reason, want.missing_reason);
    EXPECT_EQ(o.note, want.note);
    EXPECT_EQ(o.published_trend, want.published_trend);
    EXPECT_EQ(o.published_vs_england, want.published_vs_england);
    EXPECT_EQ(o.published_vs_region, want.published_vs_region);
    EXPECT_TRUE(back[i].SameFigures(figures[i]));
  }
}

TEST(FigureBlockTest, WholeNumbersAndEmptyTextsTakeLittleSpace) {
  Observation o;
  o.period = *ParsePeriod("2023");
  o.count = 12;
  o.denominator = 50;
  std::string entry;
  AppendFigure(FigureOf(o, 1), entry);
  // period (1 + 2 + 1) + tags 2 + two one-byte numbers + text mask 1 + import 1 + row 1.
  EXPECT_EQ(entry.size(), 11u);
  o.value = 0.5;  // a decimal of one place: one byte
  entry.clear();
  AppendFigure(FigureOf(o, 1), entry);
  EXPECT_EQ(entry.size(), 12u);
  o.value = 1.0 / 3;  // neither: eight bytes
  entry.clear();
  AppendFigure(FigureOf(o, 1), entry);
  EXPECT_EQ(entry.size(), 19u);
}

TEST(FigureBlockTest, SameFiguresComparesNumbersAndMissingReasonOnly) {
  Observation a = SampleObservation("2023");
  Observation b = a;
  b.note = "other note";
  b.source_row = 3;
  EXPECT_TRUE(FigureOf(a, 1).SameFigures(FigureOf(b, 2)));
  b.count = 1234568;
  EXPECT_FALSE(FigureOf(a, 1).SameFigures(FigureOf(b, 1)));
  b = a;
  b.upper998 = 0;  // missing against present
  EXPECT_FALSE(FigureOf(a, 1).SameFigures(FigureOf(b, 1)));
  b = a;
  b.missing_reason = std::string(1, 'x');  // not a literal: GCC 12 -Wrestrict
  EXPECT_FALSE(FigureOf(a, 1).SameFigures(FigureOf(b, 1)));
}

TEST(FigureBlockTest, DamagedBytesAreRefused) {
  std::string block;
  EncodeBlock({FigureOf(SampleObservation("2023/24"), 7)}, block);
  std::vector<Figure> out;
  out.clear();
  ASSERT_TRUE(DecodeBlock(block.substr(0, 1), out).has_value());  // the format byte: no figures
  EXPECT_TRUE(out.empty());
  for (std::size_t cut = 0; cut < block.size(); ++cut) {
    if (cut == 1) continue;
    out.clear();
    EXPECT_FALSE(DecodeBlock(block.substr(0, cut), out).has_value()) << "cut at " << cut;
  }
  std::string other_format = block;
  other_format[0] = 2;
  EXPECT_FALSE(DecodeBlock(other_format, out).has_value());
  std::string bad_tag = block;
  bad_tag[5] = static_cast<char>(0xff);  // the low tag byte: four numbers now read as decimals
  EXPECT_FALSE(DecodeBlock(bad_tag, out).has_value());
  out.clear();
  ASSERT_TRUE(DecodeBlock(block, out).has_value());
  EXPECT_EQ(out.size(), 1u);
}

}  // namespace
}  // namespace waymark::store
