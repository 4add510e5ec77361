// Tests of survey wave results: Wilson intervals, suppression on both sides of the threshold,
// band tables (small bands, secondary suppression, routing), multiple choice, comparison with
// the previous wave, number and free-text summaries, indicator feeds, bad input, and a property
// test over random responses that no hidden count can be recovered by simple subtraction.
#include "assess/survey_results.h"

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "stats/confidence.h"
#include "stats/inequality.h"
#include "stats/proportion.h"

namespace waymark::assess {
namespace {

constexpr Date kWave1Day{2025, 3, 10};
constexpr Date kWave2Day{2026, 3, 10};

std::vector<SurveyOption> Options(const std::vector<std::string>& ids) {
  std::vector<SurveyOption> out;
  out.reserve(ids.size());
  for (const std::string& id : ids) out.push_back({id, id});
  return out;
}

Question Choice(std::string id, const std::vector<std::string>& options,
                QuestionKind kind = QuestionKind::kSingleChoice) {
  Question q;
  q.id = std::move(id);
  q.kind = kind;
  q.text = q.id + "?";
  q.options = Options(options);
  return q;
}

Question About(std::string id, AboutYou about) {
  Question q;
  q.id = std::move(id);
  q.about_you = about;
  q.options = BandOptions(about, {});
  return q;
}

// gender (about you); safe (single); clubs (multiple); goes-out (single); likes (Likert, only
// when goes-out = yes, feeds an indicator); age (number); comments (free text).
Survey TestSurvey(int threshold = 10) {
  Survey s;
  s.id = "clubs";
  s.code = "clubs-2026";
  s.title = "Clubs";
  s.threshold = threshold;
  SurveySection you{"you", "About you"};
  you.questions.push_back(About("gender", AboutYou::kGender));
  SurveySection main{"main", "Clubs"};
  main.questions.push_back(Choice("safe", {"yes", "no", "not-sure"}));
  main.questions.push_back(
      Choice("clubs", {"sport", "music", "art"}, QuestionKind::kMultipleChoice));
  main.questions.push_back(Choice("goes-out", {"yes", "no"}));
  Question likes = Choice("likes", {}, QuestionKind::kLikert);
  likes.scale = "agree5";
  likes.options = *LikertScale("agree5");
  likes.show_if = ShowIf{"goes-out", {"yes"}};
  likes.feeds = IndicatorFeed{"likes-clubs", {"strongly-agree", "agree"}};
  main.questions.push_back(likes);
  Question age;
  age.id = "age";
  age.kind = QuestionKind::kNumber;
  age.text = "How old?";
  age.min = 0;
  age.max = 30;
  main.questions.push_back(age);
  Question comments;
  comments.id = "comments";
  comments.kind = QuestionKind::kFreeText;
  comments.text = "Anything else?";
  comments.max_length = 200;
  main.questions.push_back(comments);
  s.sections = {you, main};
  s.waves = {{"w1", "Spring 2025", {2025, 3, 1}, {2025, 3, 31}},
             {"w2", "Spring 2026", {2026, 3, 1}, {2026, 3, 31}}};
  return s;
}

using Choices = std::map<std::string, std::vector<std::string>>;

SurveyResponseRow Row(const Choices& choices, Date day = kWave2Day) {
  SurveyResponseRow row;
  row.day = day;
  for (const auto& [q, ids] : choices) row.answers[q].choices = ids;
  return row;
}

void Add(std::vector<SurveyResponseRow>& rows, int n, const SurveyResponseRow& row) {
  for (int i = 0; i < n; ++i) rows.push_back(row);
}

const SurveyQuestionResult& Q(const SurveyResults& r, std::string_view id) {
  for (const SurveyQuestionResult& q : r.questions) {
    if (q.id == id) return q;
  }
  ADD_FAILURE() << "no question " << id;
  return r.questions.front();
}

const SurveyCell& Overall(const SurveyResults& r, std::string_view q, std::string_view option) {
  for (const SurveyOptionResult& o : Q(r, q).choice->options) {
    if (o.option == option) return o.cell;
  }
  ADD_FAILURE() << "no option " << option;
  return Q(r, q).choice->options.front().cell;
}

const SurveyOptionResult& OverallOption(const SurveyResults& r, std::string_view q,
                                        std::string_view option) {
  for (const SurveyOptionResult& o : Q(r, q).choice->options) {
    if (o.option == option) return o;
  }
  ADD_FAILURE() << "no option " << option;
  return Q(r, q).choice->options.front();
}

const SurveyBandRowResult& BandRow(const SurveyResults& r, std::string_view q,
                                   std::string_view band) {
  const SurveyBandTable& table = Q(r, q).choice->bands.at(0);
  for (const SurveyBandRowResult& row : table.rows) {
    if (row.band == band) return row;
  }
  ADD_FAILURE() << "no band " << band;
  return table.rows.front();
}

SurveyResults Results(const Survey& s, const std::vector<SurveyResponseRow>& rows,
                      const std::vector<SurveyResponseRow>* previous = nullptr) {
  std::optional<std::span<const SurveyResponseRow>> before;
  if (previous != nullptr) before = std::span<const SurveyResponseRow>(*previous);
  Result<SurveyResults> r = SurveyWaveResults(s, "w2", rows, before);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
  return r ? *r : SurveyResults{};
}

TEST(SurveyResultsTest, WilsonIntervalsMatchTheStatsFunctionAndPublishedValues) {
  std::vector<SurveyResponseRow> rows;
  Add(rows, 45, Row({{"safe", {"yes"}}}));
  Add(rows, 55, Row({{"safe", {"no"}}}));
  const SurveyResults r = Results(TestSurvey(), rows);
  const SurveyCell& yes = Overall(r, "safe", "yes");
  ASSERT_EQ(yes.count, 45);
  ASSERT_TRUE(yes.share);
  EXPECT_DOUBLE_EQ(yes.share->percent, 45.0);
  EXPECT_NEAR(yes.share->lower, 35.6, 0.05);  // published Wilson 95%: 35.6% to 54.8%
  EXPECT_NEAR(yes.share->upper, 54.8, 0.05);
  const double z = stats::DefaultConfidenceLevels()[0].Z();
  const stats::Interval golden = stats::WilsonInterval(45, 100, z);
  EXPECT_NEAR(yes.share->lower, golden.lower * 100, 1e-9);
  EXPECT_NEAR(yes.share->upper, golden.upper * 100, 1e-9);
  EXPECT_EQ(Q(r, "safe").choice->respondents, 100);
  EXPECT_EQ(Overall(r, "safe", "not-sure").count, 0);  // a zero in a large row is shown
}

TEST(SurveyResultsTest, TwentyOfFiftyIsTwentySevenPointSixToFiftyThreePointEight) {
  std::vector<SurveyResponseRow> rows;
  Add(rows, 20, Row({{"safe", {"yes"}}}));
  Add(rows, 30, Row({{"safe", {"no"}}}));
  const SurveyResults r = Results(TestSurvey(), rows);
  const SurveyCell& yes = Overall(r, "safe", "yes");
  ASSERT_TRUE(yes.share);
  EXPECT_NEAR(yes.share->lower, 27.6, 0.05);
  EXPECT_NEAR(yes.share->upper, 53.8, 0.05);
}

std::vector<SurveyResponseRow> SafeRows(int yes, int no, int not_sure) {
  std::vector<SurveyResponseRow> rows;
  Add(rows, yes, Row({{"safe", {"yes"}}}));
  Add(rows, no, Row({{"safe", {"no"}}}));
  Add(rows, not_sure, Row({{"safe", {"not-sure"}}}));
  return rows;
}

TEST(SurveyResultsTest, BothSidesOfTheDefaultThreshold) {
  const SurveyResults below = Results(TestSurvey(10), SafeRows(9, 30, 40));
  EXPECT_FALSE(Overall(below, "safe", "yes").count);
  EXPECT_FALSE(Overall(below, "safe", "yes").share);
  // The 9 would otherwise be 79 − 30 − 40: a second count of the row is hidden too.
  EXPECT_FALSE(Overall(below, "safe", "no").count);
  EXPECT_FALSE(Overall(below, "safe", "no").share);

  const SurveyResults at = Results(TestSurvey(10), SafeRows(10, 30, 40));
  EXPECT_EQ(Overall(at, "safe", "yes").count, 10);
  EXPECT_TRUE(Overall(at, "safe", "yes").share);
  EXPECT_EQ(Overall(at, "safe", "no").count, 30);
}

TEST(SurveyResultsTest, BothSidesOfAThresholdOfFive) {
  const SurveyResults below = Results(TestSurvey(5), SafeRows(4, 30, 40));
  EXPECT_FALSE(Overall(below, "safe", "yes").count);
  const SurveyResults at = Results(TestSurvey(5), SafeRows(5, 30, 40));
  EXPECT_EQ(Overall(at, "safe", "yes").count, 5);
  EXPECT_NEAR(Overall(at, "safe", "yes").share->percent, 100.0 * 5 / 75, 1e-9);
}

TEST(SurveyResultsTest, ABandOfThreeHasNoCountsPercentagesOrIntervals) {
  std::vector<SurveyResponseRow> rows;
  Add(rows, 3, Row({{"gender", {"girl"}}, {"safe", {"yes"}}}));
  Add(rows, 20, Row({{"gender", {"boy"}}, {"safe", {"yes"}}}));
  Add(rows, 20, Row({{"gender", {"boy"}}, {"safe", {"no"}}}));
  Add(rows, 20, Row({{"safe", {"yes"}}}));
  Add(rows, 20, Row({{"gender", {"prefer-not-to-say"}}, {"safe", {"no"}}}));
  const SurveyResults r = Results(TestSurvey(), rows);
  const SurveyBandRowResult& girls = BandRow(r, "safe", "girl");
  EXPECT_FALSE(girls.respondents);
  for (const SurveyCell& cell : girls.cells) {
    // Only a zero the whole table shows (nobody at all said "not sure") stays shown.
    EXPECT_FALSE(cell.count && *cell.count != 0);
    EXPECT_FALSE(cell.share);
  }
  EXPECT_FALSE(girls.cells.at(0).count);  // the 3 who said yes
  // "Not stated" holds those who skipped it and those who preferred not to say.
  const SurveyBandRowResult& not_stated = BandRow(r, "safe", "");
  EXPECT_EQ(not_stated.label, kNotStatedLabel);
  EXPECT_FALSE(not_stated.respondents && *not_stated.respondents != 40);
  EXPECT_EQ(Q(r, "safe").choice->bands.at(0).about_question, "gender");
  // The about-you question has no table by itself.
  EXPECT_TRUE(Q(r, "gender").choice->bands.empty());
}

// docs/disclosure-control.md's worked example, with gender as the band.
std::vector<SurveyResponseRow> WorkedExample() {
  std::vector<SurveyResponseRow> rows;
  const auto band = [&rows](const std::vector<std::string>& gender, int yes, int no, int not_sure) {
    Choices c;
    if (!gender.empty()) c["gender"] = gender;
    c["safe"] = {"yes"};
    Add(rows, yes, Row(c));
    c["safe"] = {"no"};
    Add(rows, no, Row(c));
    c["safe"] = {"not-sure"};
    Add(rows, not_sure, Row(c));
  };
  band({"girl"}, 30, 12, 15);
  band({"boy"}, 25, 5, 14);
  band({}, 20, 16, 11);
  return rows;
}

TEST(SurveyResultsTest, SecondarySuppressionIsCarriedThrough) {
  const SurveyResults r = Results(TestSurvey(), WorkedExample());
  const SurveyBandRowResult& boys = BandRow(r, "safe", "boy");
  const SurveyBandRowResult& girls = BandRow(r, "safe", "girl");
  EXPECT_EQ(boys.cells[0].count, 25);
  EXPECT_FALSE(boys.cells[1].count);  // 5: primary
  EXPECT_FALSE(boys.cells[1].share);
  // 44 − 25 − 5 and 33 − 16 − 5 would give the 5 back: both are hidden.
  EXPECT_FALSE(boys.cells[2].count);
  EXPECT_FALSE(girls.cells[1].count);
  EXPECT_FALSE(girls.cells[1].share);
  EXPECT_EQ(boys.respondents, 44);
  EXPECT_EQ(Overall(r, "safe", "no").count, 33);
  EXPECT_TRUE(Overall(r, "safe", "no").share);
}

TEST(SurveyResultsTest, MultipleChoiceCountsMayExceedRespondents) {
  std::vector<SurveyResponseRow> rows;
  Add(rows, 15, Row({{"clubs", {"sport", "music"}}}));
  Add(rows, 15, Row({{"clubs", {"sport"}}}));
  Add(rows, 10, Row({{"clubs", {"music", "art"}}}));
  const SurveyResults r = Results(TestSurvey(), rows);
  const SurveyChoiceResult& clubs = *Q(r, "clubs").choice;
  EXPECT_TRUE(clubs.multiple_choice);
  EXPECT_EQ(clubs.respondents, 40);
  EXPECT_EQ(Overall(r, "clubs", "sport").count, 30);
  EXPECT_EQ(Overall(r, "clubs", "music").count, 25);
  EXPECT_EQ(Overall(r, "clubs", "art").count, 10);
  EXPECT_DOUBLE_EQ(Overall(r, "clubs", "sport").share->percent, 75.0);
  EXPECT_DOUBLE_EQ(Overall(r, "clubs", "music").share->percent, 62.5);
}

std::int64_t SumRespondents(const SurveyBandTable& table) {
  std::int64_t sum = 0;
  for (const SurveyBandRowResult& row : table.rows) sum += row.respondents.value_or(-1000);
  return sum;
}

TEST(SurveyResultsTest, AHiddenQuestionIsNotAnsweredByThoseItIsHiddenFrom) {
  std::vector<SurveyResponseRow> rows;
  Add(rows, 12, Row({{"gender", {"girl"}}, {"goes-out", {"yes"}}, {"likes", {"agree"}}}));
  Add(rows, 11, Row({{"goes-out", {"yes"}}, {"likes", {"disagree"}}}));
  Add(rows, 10, Row({{"gender", {"girl"}}, {"goes-out", {"yes"}}}));  // skipped likes
  Add(rows, 15, Row({{"gender", {"boy"}}, {"goes-out", {"no"}}}));     // likes hidden
  Add(rows, 14, Row({{"goes-out", {"no"}}}));                          // likes hidden
  const SurveyResults r = Results(TestSurvey(), rows);
  // likes: only those shown it and answering; its "Not stated" row is the 11, not the 14 too.
  EXPECT_EQ(Q(r, "likes").choice->respondents, 23);
  const SurveyBandTable& likes = Q(r, "likes").choice->bands.at(0);
  EXPECT_EQ(BandRow(r, "likes", "").respondents, 11);
  EXPECT_EQ(BandRow(r, "likes", "girl").respondents, 12);
  EXPECT_EQ(SumRespondents(likes), 23);
  // goes-out: everyone; its band rows add up to all 62.
  EXPECT_EQ(Q(r, "goes-out").choice->respondents, 62);
  EXPECT_EQ(SumRespondents(Q(r, "goes-out").choice->bands.at(0)), 62);
  EXPECT_EQ(BandRow(r, "goes-out", "").respondents, 25);
}

TEST(SurveyResultsTest, ComparesWithThePreviousWave) {
  const auto wave = [](int yes, int no, Date day) {
    std::vector<SurveyResponseRow> rows;
    Add(rows, yes, Row({{"safe", {"yes"}}}, day));
    Add(rows, no, Row({{"safe", {"no"}}}, day));
    return rows;
  };
  const std::vector<SurveyResponseRow> before = wave(40, 60, kWave1Day);
  const SurveyResults higher = Results(TestSurvey(), wave(60, 40, kWave2Day), &before);
  EXPECT_EQ(higher.previous_wave, "w1");
  const SurveyOptionResult& yes = OverallOption(higher, "safe", "yes");
  EXPECT_EQ(yes.change.change, WaveChange::kHigher);
  EXPECT_NEAR(*yes.change.points, 20.0, 1e-9);
  const auto gap =
      stats::ProportionDifference(60, 100, 40, 100, std::span(stats::DefaultConfidenceLevels().data(), 1), 100);
  EXPECT_NEAR(*yes.change.lower, gap->intervals[0].lower, 1e-9);
  EXPECT_EQ(OverallOption(higher, "safe", "no").change.change, WaveChange::kLower);
  EXPECT_EQ(WaveChangeLabel(yes.change.change), "Higher");

  const SurveyResults similar = Results(TestSurvey(), wave(45, 55, kWave2Day), &before);
  const SurveyOptionResult& same = OverallOption(similar, "safe", "yes");
  EXPECT_EQ(same.change.change, WaveChange::kNoSignificantChange);
  EXPECT_NEAR(*same.change.points, 5.0, 1e-9);
  EXPECT_EQ(WaveChangeLabel(same.change.change), "No significant change");

  // A cell hidden in either wave is not compared, and nothing of it is given.
  const std::vector<SurveyResponseRow> small = wave(5, 95, kWave1Day);
  const SurveyResults hidden = Results(TestSurvey(), wave(60, 40, kWave2Day), &small);
  EXPECT_EQ(OverallOption(hidden, "safe", "yes").change.change, WaveChange::kNotCompared);
  EXPECT_FALSE(OverallOption(hidden, "safe", "yes").change.points);
  // Without the previous responses nothing is compared.
  const SurveyResults alone = Results(TestSurvey(), wave(60, 40, kWave2Day));
  EXPECT_EQ(alone.previous_wave, "");
  EXPECT_EQ(OverallOption(alone, "safe", "yes").change.change, WaveChange::kNotCompared);
}

std::vector<SurveyResponseRow> LikesRows(int strongly, int agree, int disagree) {
  std::vector<SurveyResponseRow> rows;
  Add(rows, strongly, Row({{"goes-out", {"yes"}}, {"likes", {"strongly-agree"}}}));
  Add(rows, agree, Row({{"goes-out", {"yes"}}, {"likes", {"agree"}}}));
  Add(rows, disagree, Row({{"goes-out", {"yes"}}, {"likes", {"disagree"}}}));
  return rows;
}

TEST(SurveyResultsTest, FeedsGiveTheShareCountedWhenNothingIsSmall) {
  const SurveyResults r = Results(TestSurvey(), LikesRows(10, 15, 20));
  ASSERT_EQ(r.feeds.size(), 1U);
  EXPECT_EQ(r.feeds[0].indicator, "likes-clubs");
  EXPECT_EQ(r.feeds[0].question, "likes");
  ASSERT_TRUE(r.feeds[0].figure);
  EXPECT_EQ(r.feeds[0].figure->numerator, 25);
  EXPECT_EQ(r.feeds[0].figure->denominator, 45);
  EXPECT_NEAR(r.feeds[0].figure->value, 100.0 * 25 / 45, 1e-9);
  const stats::Interval ci = stats::WilsonInterval(25, 45, stats::DefaultConfidenceLevels()[0].Z());
  EXPECT_NEAR(r.feeds[0].figure->lower, ci.lower * 100, 1e-9);
  EXPECT_NEAR(r.feeds[0].figure->upper, ci.upper * 100, 1e-9);
}

TEST(SurveyResultsTest, FeedsAreSuppressedWhenSmall) {
  // Counted options of 4 and 4: both hidden, so is the figure.
  EXPECT_FALSE(Results(TestSurvey(), LikesRows(4, 4, 30)).feeds.at(0).figure);
  // 9 respondents: below the threshold.
  EXPECT_FALSE(Results(TestSurvey(), LikesRows(0, 9, 0)).feeds.at(0).figure);
  // 10 respondents, all counted: given.
  EXPECT_TRUE(Results(TestSurvey(), LikesRows(0, 10, 0)).feeds.at(0).figure);
}

TEST(SurveyResultsTest, NumberSummaryOnlyFromEnoughAnswers) {
  const auto rows_of = [](int n) {
    std::vector<SurveyResponseRow> rows;
    for (int i = 1; i <= n; ++i) {
      SurveyResponseRow row = Row({});
      row.answers["age"].number = i;
      row.answers["comments"].text = "secret words " + std::to_string(i);
      rows.push_back(row);
    }
    return rows;
  };
  const SurveyResults nine = Results(TestSurvey(), rows_of(9));
  EXPECT_FALSE(Q(nine, "age").number->answers);
  EXPECT_FALSE(Q(nine, "age").number->median);
  EXPECT_FALSE(Q(nine, "comments").free_text_answers);
  EXPECT_FALSE(nine.responses);
  const SurveyResults eleven = Results(TestSurvey(), rows_of(11));
  EXPECT_EQ(Q(eleven, "age").number->answers, 11);
  EXPECT_DOUBLE_EQ(*Q(eleven, "age").number->median, 6);
  EXPECT_DOUBLE_EQ(*Q(eleven, "age").number->lower_quartile, 3.5);
  EXPECT_DOUBLE_EQ(*Q(eleven, "age").number->upper_quartile, 8.5);
  EXPECT_EQ(Q(eleven, "comments").free_text_answers, 11);
  EXPECT_EQ(eleven.responses, 11);
}

TEST(SurveyResultsTest, RefusesBadInputNamingTheField) {
  const Survey s = TestSurvey();
  const auto error = [&s](std::vector<SurveyResponseRow> rows, std::string_view wave = "w2") {
    Result<SurveyResults> r = SurveyWaveResults(s, wave, rows);
    EXPECT_FALSE(r.has_value());
    return r ? std::string() : r.error().message;
  };
  EXPECT_NE(error({}, "w9").find("wave: \"w9\""), std::string::npos);
  EXPECT_NE(error({Row({{"nope", {"yes"}}})}).find("responses[0].answers.nope"),
            std::string::npos);
  EXPECT_NE(error({Row({}), Row({{"safe", {"maybe"}}})}).find("responses[1].answers.safe"),
            std::string::npos);
  EXPECT_NE(error({Row({{"safe", {"yes", "no"}}})}).find("one option only"), std::string::npos);
  EXPECT_NE(error({Row({{"clubs", {"art", "art"}}})}).find("chosen twice"), std::string::npos);
  EXPECT_NE(error({Row({{"goes-out", {"no"}}, {"likes", {"agree"}}})}).find("routing"),
            std::string::npos);
  EXPECT_NE(error({Row({{"safe", {"yes"}}}, kWave1Day)}).find("responses[0].day"),
            std::string::npos);
  SurveyResponseRow nan = Row({});
  nan.answers["age"].number = std::nan("");
  EXPECT_NE(error({nan}).find("responses[0].answers.age"), std::string::npos);

  Survey low = s;
  low.threshold = 1;
  EXPECT_FALSE(SurveyWaveResults(low, "w2", {}).has_value());
  const std::vector<SurveyResponseRow> none;
  Result<SurveyResults> first = SurveyWaveResults(s, "w1", none, std::span(none));
  ASSERT_FALSE(first.has_value());
  EXPECT_NE(first.error().message.find("no previous wave"), std::string::npos);
  const std::vector<SurveyResponseRow> wrong_day = {Row({}, kWave2Day)};
  Result<SurveyResults> prev = SurveyWaveResults(s, "w2", none, std::span(wrong_day));
  ASSERT_FALSE(prev.has_value());
  EXPECT_NE(prev.error().message.find("previous[0].day"), std::string::npos);
}

// ---- property: no hidden count can be worked out by subtraction from shown numbers ----

void ExpectNoLoneHidden(const std::vector<std::optional<std::int64_t>>& parts,
                        std::optional<std::int64_t> total, const std::string& where) {
  if (!total) return;
  int hidden = 0;
  for (const auto& p : parts) hidden += p ? 0 : 1;
  EXPECT_NE(hidden, 1) << where << ": one hidden part of a shown total";
}

void CheckChoice(const SurveyChoiceResult& c, int threshold, const std::string& where) {
  const auto check_cell = [&](const SurveyCell& cell, const std::string& at) {
    if (!cell.count) {
      EXPECT_FALSE(cell.share) << at;
      return;
    }
    EXPECT_FALSE(*cell.count > 0 && *cell.count < threshold) << at;
  };
  std::vector<std::optional<std::int64_t>> overall;
  for (const SurveyOptionResult& o : c.options) {
    check_cell(o.cell, where + "." + o.option);
    overall.push_back(o.cell.count);
  }
  if (!c.multiple_choice) ExpectNoLoneHidden(overall, c.respondents, where);
  for (const SurveyBandTable& band : c.bands) {
    std::vector<std::optional<std::int64_t>> respondents;
    for (const SurveyBandRowResult& row : band.rows) {
      respondents.push_back(row.respondents);
      std::vector<std::optional<std::int64_t>> cells;
      for (const SurveyCell& cell : row.cells) {
        check_cell(cell, where + "/" + row.label);
        cells.push_back(cell.count);
      }
      if (!c.multiple_choice) ExpectNoLoneHidden(cells, row.respondents, where + "/" + row.label);
    }
    ExpectNoLoneHidden(respondents, c.respondents, where + "/" + band.about_question);
    for (std::size_t o = 0; o < c.options.size(); ++o) {
      std::vector<std::optional<std::int64_t>> column;
      for (const SurveyBandRowResult& row : band.rows) column.push_back(row.cells[o].count);
      ExpectNoLoneHidden(column, c.options[o].cell.count,
                         where + "/" + band.about_question + "." + c.options[o].option);
    }
  }
}

TEST(SurveyResultsPropertyTest, NoHiddenCountFollowsFromShownNumbers) {
  Survey s = TestSurvey();
  s.sections[0].questions.push_back(About("send", AboutYou::kSend));
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    s.threshold = std::uniform_int_distribution<int>(3, 10)(rng);
    const int n = std::uniform_int_distribution<int>(5, 90)(rng);
    // Skewed answers so that small cells are common.
    std::discrete_distribution<int> gender({30, 25, 3, 6, 8});  // girl boy another pnts skip
    std::discrete_distribution<int> send({8, 40, 4, 3, 10});    // yes no not-sure pnts skip
    std::discrete_distribution<int> safe({50, 7, 15, 5});       // yes no not-sure skip
    std::bernoulli_distribution tick(0.3);
    std::vector<SurveyResponseRow> rows;
    std::map<std::string, std::int64_t> truth;
    for (int i = 0; i < n; ++i) {
      Choices c;
      const int g = gender(rng);
      if (g < 4) c["gender"] = {s.sections[0].questions[0].options[static_cast<std::size_t>(g)].id};
      const int d = send(rng);
      if (d < 4) c["send"] = {s.sections[0].questions[1].options[static_cast<std::size_t>(d)].id};
      const int a = safe(rng);
      if (a < 3) {
        c["safe"] = {std::vector<std::string>{"yes", "no", "not-sure"}[static_cast<std::size_t>(a)]};
        ++truth["safe." + c["safe"][0]];
      }
      for (const char* club : {"sport", "music", "art"}) {
        if (!tick(rng)) continue;
        c["clubs"].push_back(club);
        ++truth[std::string("clubs.") + club];
      }
      rows.push_back(Row(c));
    }
    const SurveyResults r = Results(s, rows);
    for (const SurveyQuestionResult& q : r.questions) {
      if (!q.choice) continue;
      const std::string where = "seed " + std::to_string(seed) + " " + q.id;
      CheckChoice(*q.choice, s.threshold, where);
      if (q.id != "safe" && q.id != "clubs") continue;
      for (const SurveyOptionResult& o : q.choice->options) {
        if (o.cell.count) {
          EXPECT_EQ(*o.cell.count, truth[q.id + "." + o.option]) << where;
        }
      }
    }
  }
}

}  // namespace
}  // namespace waymark::assess
