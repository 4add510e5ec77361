// Tests of the gap and slope rows as CSV and JSON (the header, numbers as the judgements export
// writes them, a suppressed gap with no number at all, every row's own key) and of the
// selection the API and the export share (unknown indicator, area or breakdown label).
#include "assess/inequality_export.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "assess/area_codes_test_util.h"
#include "assess/export_key_test_util.h"
#include "stats/csv.h"
#include "store/fresh_store_fixture.h"

namespace waymark::assess {
namespace {

using ::testing::IsEmpty;
using ::testing::Not;

template <std::size_t N>
std::vector<std::string> Names(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

GapRow Gap() {
  GapRow r;
  r.indicator = "pa";
  r.dimension = "Social care group";
  r.kind = DimensionKind::kSocialCareGroup;
  r.area = std::string(kBarnet);
  r.period = *ParsePeriod("2023/24");
  r.breakdown = {"Persons", "", "Social care group", "CLA"};
  r.group = "CLA";
  r.comparison = "CINO";
  r.group_value = 30;
  r.comparison_value = 20;
  r.absolute = {10, {{2.5, 17.5}, {-1.25, 21}}, "Newcombe", ""};
  r.relative = {1.0 / 3, {{0.1, 0.9}}, "Katz", ""};
  r.trend = stats::GapTrend::kNarrowing;
  return r;
}

// A suppressed gap whose figures were (wrongly) filled in: the export must still show none.
GapRow HiddenGap() {
  GapRow r = Gap();
  r.breakdown.category = "CPPO";
  r.group = "CPPO";
  r.group_value = 123456;
  r.comparison_value = 987654;
  r.absolute = {555555, {{444444, 666666}, {333333, 777777}}, "Newcombe", ""};
  r.relative = {0.125, {{0.0625, 0.25}}, "Katz", ""};
  r.trend = stats::GapTrend::kCannotBeCalculated;
  r.suppressed = true;
  r.note = "a figure of one of the groups is suppressed (small numbers)";
  return r;
}

SlopeRow Slope() {
  SlopeRow r;
  r.indicator = "injuries";
  r.dimension = "Deprivation decile";
  r.area = std::string(kEngland);
  r.period = *ParsePeriod("2022/23");
  r.sex = "Persons";
  r.age = "0-14 yrs";
  r.category_type = "Deciles (IMD2019)";
  r.groups = 10;
  r.sii = -5;
  r.sii95 = {-6.5, -3.25};
  r.intercept = 14.75;
  r.rii = 0.1 + 0.2;
  r.rii95 = {0.25, 0.375};
  return r;
}

TEST(InequalityExportTest, GapsCsvHasTheHeaderAndEveryNumber) {
  const std::vector<GapRow> rows = {Gap()};
  const std::string csv = GapsCsv(rows);
  EXPECT_EQ(csv,
            "indicator,dimension,dimension_kind,area_code,period,sex,age,category_type,category,"
            "group,comparison,group_value,comparison_value,gap,gap_lower_95,gap_upper_95,"
            "gap_lower_99_8,gap_upper_99_8,gap_method,ratio,ratio_lower_95,ratio_upper_95,"
            "ratio_method,trend,suppressed,note\n"
            "pa,Social care group,social-care-group,E09000003,2023/24,Persons,,Social care group,"
            "CLA,CLA,CINO,30,20,10,2.5,17.5,-1.25,21,Newcombe,0.3333333333333333,0.1,0.9,Katz,"
            "Gap narrowing,false,\n");
  // The shortest text that reads back to the same double, as the judgements export writes.
  const auto table = stats::ParseCsv(csv);
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(*stats::ParseCsvNumber(table->rows[0].fields[*table->Column("ratio")]), 1.0 / 3);
}

TEST(InequalityExportTest, ASuppressedGapHasNoNumberInCsvOrJson) {
  const std::vector<GapRow> rows = {Gap(), HiddenGap()};
  const std::string csv = GapsCsv(rows);
  for (const char* hidden : {"123456", "987654", "555555", "444444", "0.125", "0.0625"}) {
    EXPECT_EQ(csv.find(hidden), std::string::npos) << hidden;
  }
  const auto table = stats::ParseCsv(csv);
  ASSERT_TRUE(table.has_value());
  ASSERT_EQ(table->rows.size(), 2u);
  const auto cell = [&](std::size_t row, std::string_view column) {
    return table->rows[row].fields[*table->Column(column)];
  };
  for (std::string_view column :
       {"group_value", "comparison_value", "gap", "gap_lower_95", "gap_upper_99_8", "gap_method",
        "ratio", "ratio_upper_95", "ratio_method"}) {
    EXPECT_EQ(cell(1, column), "") << column;
    EXPECT_NE(cell(0, column), "") << column;  // the shown row has them all
  }
  EXPECT_EQ(cell(1, "suppressed"), "true");
  EXPECT_EQ(cell(1, "trend"), "Cannot be calculated");
  EXPECT_EQ(cell(1, "note"), "a figure of one of the groups is suppressed (small numbers)");
  EXPECT_EQ(cell(1, "category"), "CPPO");  // the key stays

  const nlohmann::json doc = GapsJson(rows);
  ASSERT_EQ(doc.at("data").size(), 2u);
  const nlohmann::json& shown = doc.at("data").at(0);
  const nlohmann::json& hidden = doc.at("data").at(1);
  EXPECT_EQ(hidden.dump().find("123456"), std::string::npos);
  for (const char* field :
       {"group_value", "comparison_value", "gap", "gap_lower_95", "gap_upper_95", "gap_lower_99_8",
        "gap_upper_99_8", "ratio", "ratio_lower_95", "ratio_upper_95"}) {
    EXPECT_TRUE(hidden.at(field).is_null()) << field;
    EXPECT_TRUE(shown.at(field).is_number()) << field;
  }
  EXPECT_EQ(hidden.at("suppressed"), true);
  EXPECT_EQ(shown.at("suppressed"), false);
  EXPECT_EQ(shown.at("gap_lower_99_8"), -1.25);
  EXPECT_EQ(shown.at("trend"), "Gap narrowing");
  EXPECT_EQ(shown.at("dimension_kind"), "social-care-group");
  EXPECT_EQ(shown.at("period"), "2023/24");
}

TEST(InequalityExportTest, JsonHasTheCsvColumnsAsFields) {
  const std::vector<GapRow> gaps = {Gap()};
  const std::vector<SlopeRow> slopes = {Slope()};
  std::set<std::string> gap_fields, slope_fields;
  const nlohmann::json gap_doc = GapsJson(gaps);
  const nlohmann::json slope_doc = SlopesJson(slopes);
  for (const auto& field : gap_doc.at("data").at(0).items()) gap_fields.insert(field.key());
  for (const auto& field : slope_doc.at("data").at(0).items()) slope_fields.insert(field.key());
  const auto gap_names = Names(kGapColumns);
  const auto slope_names = Names(kSlopeColumns);
  EXPECT_EQ(gap_fields, std::set<std::string>(gap_names.begin(), gap_names.end()));
  EXPECT_EQ(slope_fields, std::set<std::string>(slope_names.begin(), slope_names.end()));
  EXPECT_EQ(GapsJson({}).at("data"), nlohmann::json::array());
}

TEST(InequalityExportTest, SlopesCsvAndJsonWithAMissingSlope) {
  SlopeRow missing = Slope();
  missing.period = *ParsePeriod("2023/24");
  missing.groups = 9;
  missing.sii = missing.intercept = missing.rii = kNoValue;
  missing.sii95 = missing.rii95 = {};
  missing.note =
      "9 of the 10 groups have a figure that can be shown; the slope index needs "
      "every group";
  const std::vector<SlopeRow> rows = {Slope(), missing};
  const std::string csv = SlopesCsv(rows);
  EXPECT_EQ(csv,
            "indicator,dimension,area_code,period,sex,age,category_type,groups,sii,"
            "sii_lower_95,sii_upper_95,intercept,rii,rii_lower_95,rii_upper_95,note\n"
            "injuries,Deprivation decile,E92000001,2022/23,Persons,0-14 yrs,Deciles (IMD2019),"
            "10,-5,-6.5,-3.25,14.75,0.30000000000000004,0.25,0.375,\n"
            "injuries,Deprivation decile,E92000001,2023/24,Persons,0-14 yrs,Deciles (IMD2019),"
            "9,,,,,,,,9 of the 10 groups have a figure that can be shown; the slope index needs "
            "every group\n");
  const nlohmann::json doc = SlopesJson(rows);
  EXPECT_EQ(doc.at("data").at(0).at("groups"), 10);
  EXPECT_TRUE(doc.at("data").at(0).at("groups").is_number_integer());
  EXPECT_EQ(doc.at("data").at(0).at("sii"), -5);
  EXPECT_TRUE(doc.at("data").at(1).at("sii").is_null());
  EXPECT_TRUE(doc.at("data").at(1).at("rii_upper_95").is_null());
  EXPECT_EQ(doc.at("data").at(1).at("note"), missing.note);
}

TEST(InequalityExportTest, TextThatLooksLikeAFormulaIsQuoted) {
  GapRow r = Gap();
  r.dimension = "=HYPERLINK(\"x\")";
  r.note = "limits, from counts";
  const std::vector<GapRow> rows = {r};
  const std::string csv = GapsCsv(rows);
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"x\"\")\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"limits, from counts\"\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",-1.25,"), std::string::npos) << "a negative number is not text";
}

// Figures of injuries by sex and by deprivation decile in two editions of the deciles whose
// categories have the same names, for two areas and two years.
Indicator Injuries() {
  Indicator ind;
  ind.id = "injuries";
  ind.value_type = ValueType::kRate;
  ind.method = CiMethod::kByar;
  ind.multiplier = 10000;
  BreakdownDimension sex;
  sex.kind = DimensionKind::kSex;
  sex.label = "Sex";
  sex.comparison = "Female";
  BreakdownDimension deciles;
  deciles.kind = DimensionKind::kDeprivation;
  deciles.label = "Deprivation decile";
  deciles.category_types = {"Deciles 2019", "Deciles 2023"};
  for (int i = 1; i <= 10; ++i) deciles.categories.push_back(fmt::format("D{}", i));
  deciles.comparison = "D10";
  ind.breakdowns = {deciles, sex};
  return ind;
}

Assessment Rate(std::string_view area, int year, Breakdown b, double count) {
  Assessment a;
  a.indicator = "injuries";
  a.area = std::string(area);
  a.period = *ParsePeriod(std::to_string(year));
  a.breakdown = std::move(b);
  a.count = count;
  a.denominator = 100000;
  a.value = count / 10;
  a.lower95 = a.value * 0.9;
  a.upper95 = a.value * 1.1;
  return a;
}

std::vector<Assessment> InjuryFigures() {
  std::vector<Assessment> out;
  for (std::string_view area : {kEngland, kBarnet}) {
    for (int year : {2021, 2022}) {
      out.push_back(Rate(area, year, {"Male", "", "", ""}, 120));
      out.push_back(Rate(area, year, {"Female", "", "", ""}, 80));
      for (const char* type : {"Deciles 2019", "Deciles 2023"}) {
        for (int i = 1; i <= 10; ++i) {
          out.push_back(
              Rate(area, year, {"Persons", "", type, fmt::format("D{}", i)}, 150 - 5 * i));
        }
      }
    }
  }
  return out;
}

TEST(InequalityExportTest, EveryRowHasItsOwnKey) {
  InequalityInputs inputs{Injuries(), InjuryFigures()};
  const std::vector<InequalityInputs> all = {inputs};
  const Inequalities rows = ComputeSelectedInequalities(all, {}, true);
  // Per area and year: 1 sex gap and 9 gaps in each edition; 1 slope per edition.
  EXPECT_EQ(rows.gaps.size(), 2u * 2u * 19u);
  EXPECT_EQ(rows.slopes.size(), 2u * 2u * 2u);
  EXPECT_THAT(RepeatedKeys(GapsCsv(rows.gaps), Names(kGapKey)), IsEmpty());
  EXPECT_THAT(RepeatedKeys(SlopesCsv(rows.slopes), Names(kSlopeKey)), IsEmpty());
  // Without the category type the two editions' rows would share keys: the key needs it.
  std::vector<std::string> short_key = Names(kGapKey);
  std::erase(short_key, "category_type");
  EXPECT_THAT(RepeatedKeys(GapsCsv(rows.gaps), short_key), Not(IsEmpty()));
  std::vector<GapRow> twice = {rows.gaps[0], rows.gaps[0]};
  EXPECT_THAT(RepeatedKeys(GapsCsv(twice), Names(kGapKey)), Not(IsEmpty()));
}

TEST(InequalityExportTest, RowsFollowTheDeclaredBreakdownsThenAreaAndPeriod) {
  std::vector<Assessment> figures = InjuryFigures();
  std::reverse(figures.begin(), figures.end());
  const std::vector<InequalityInputs> all = {{Injuries(), figures}};
  InequalitySelection selection;
  const Inequalities rows = ComputeSelectedInequalities(all, selection, false);
  EXPECT_TRUE(rows.slopes.empty());
  ASSERT_EQ(rows.gaps.size(), 76u);
  EXPECT_EQ(rows.gaps.front().dimension, "Deprivation decile");  // declared first
  EXPECT_EQ(rows.gaps.front().area, kBarnet);
  EXPECT_EQ(rows.gaps.front().period.Label(), "2021");
  EXPECT_EQ(rows.gaps.front().breakdown.category_type, "Deciles 2019");
  EXPECT_EQ(rows.gaps.front().breakdown.category, "D1");
  EXPECT_EQ(rows.gaps.back().dimension, "Sex");
  EXPECT_EQ(rows.gaps.back().area, kEngland);
  EXPECT_EQ(rows.gaps.back().period.Label(), "2022");
  selection.area = std::string(kEngland);
  selection.dimension = "Sex";
  const Inequalities england = ComputeSelectedInequalities(all, selection, true);
  ASSERT_EQ(england.gaps.size(), 2u);
  EXPECT_TRUE(england.slopes.empty());  // sex is not ordered
  EXPECT_EQ(england.gaps[0].group, "Male");
  EXPECT_DOUBLE_EQ(england.gaps[0].absolute.value, 4);  // 12 against 8 per 10,000
}

class SelectedInequalitiesTest : public store::FreshStoreTest {
 protected:
  void SetUp() override {
    FreshStoreTest::SetUp();
    Indicator plain;
    plain.id = "plain";
    Indicator care;
    care.id = "care";
    BreakdownDimension group;
    group.kind = DimensionKind::kSocialCareGroup;
    group.label = "Social care group";
    group.category_types = {"Social care group"};
    group.categories = {"CINO", "CLA"};
    group.comparison = "CINO";
    care.breakdowns = {group};
    ASSERT_TRUE(store_->SaveIndicators({Injuries(), plain, care}, 0).has_value());
    const std::vector<Area> areas = {{std::string(kEngland), "England", AreaType::kCountry, "", ""},
                                     {std::string(kBarnet), "Barnet", AreaType::kCouncil, "", ""}};
    ASSERT_TRUE(store_->SaveAreas(areas, {}).has_value());
    std::vector<Assessment> figures = InjuryFigures();
    Assessment headline = Rate(kBarnet, 2022, {}, 100);
    figures.push_back(headline);
    ASSERT_TRUE(store_->SaveAssessments(figures).has_value());
  }

  std::vector<std::string> Ids(const InequalitySelection& selection) {
    const auto inputs = LoadSelectedInequalities(*store_, selection);
    EXPECT_TRUE(inputs.has_value()) << inputs.error().error.ToString();
    std::vector<std::string> ids;
    if (inputs) {
      for (const InequalityInputs& in : *inputs) ids.push_back(in.indicator.id);
    }
    return ids;
  }

  SelectionProblem ProblemOf(const InequalitySelection& selection) {
    const auto inputs = LoadSelectedInequalities(*store_, selection);
    EXPECT_FALSE(inputs.has_value());
    return inputs ? SelectionProblem{} : inputs.error();
  }
};

TEST_F(SelectedInequalitiesTest, WithoutAnIndicatorEveryOneWithBreakdowns) {
  EXPECT_EQ(Ids({}), (std::vector<std::string>{"injuries", "care"}));  // catalogue order
  EXPECT_EQ(Ids({"", "", "Sex"}), std::vector<std::string>{"injuries"});
  EXPECT_EQ(Ids({"", std::string(kBarnet), "Social care group"}), std::vector<std::string>{"care"});
  EXPECT_EQ(Ids({"plain", "", ""}), std::vector<std::string>{"plain"});  // named: no rows
  const auto inputs = LoadSelectedInequalities(*store_, {"injuries", std::string(kBarnet), ""});
  ASSERT_TRUE(inputs.has_value());
  EXPECT_EQ(inputs->at(0).assessments.size(), 2u * 22u);  // Barnet's, not the headline
}

TEST_F(SelectedInequalitiesTest, UnknownNamesAreProblemsOfTheirParameter) {
  SelectionProblem p = ProblemOf({"nope", "", ""});
  EXPECT_EQ(p.parameter, "indicator");
  EXPECT_EQ(p.error.code, ErrorCode::kNotFound);
  EXPECT_EQ(p.error.message, "no indicator 'nope'");
  p = ProblemOf({"injuries", "E09000999", ""});
  EXPECT_EQ(p.parameter, "area");
  EXPECT_EQ(p.error.code, ErrorCode::kInvalidArgument);
  p = ProblemOf({"", "<b>", ""});
  EXPECT_EQ(p.parameter, "area");
  p = ProblemOf({"injuries", "", "Social care group"});
  EXPECT_EQ(p.parameter, "dimension");
  EXPECT_EQ(p.error.message,
            "dimension must be the label of one of the indicator's breakdowns: Deprivation "
            "decile; Sex");
  p = ProblemOf({"", "", "sex"});  // labels are exact
  EXPECT_EQ(p.parameter, "dimension");
  EXPECT_EQ(p.error.message,
            "dimension must be the label of one of the indicators' breakdowns: Deprivation "
            "decile; Sex; Social care group");
  p = ProblemOf({"plain", "", "Sex"});
  EXPECT_EQ(p.parameter, "dimension");
  EXPECT_EQ(p.error.message, "dimension: the indicator has no breakdowns");
}

}  // namespace
}  // namespace waymark::assess
