// Tests of survey definitions: the band lists and scales, and every rule of CheckSurvey on both
// sides (header, wording, wards, sections, each question kind, about-you bands, routing,
// indicator feeds, waves), with the field path each problem names; and finding waves.
#include "core/survey.h"

#include <gtest/gtest.h>

#include "core/field_errors_test_util.h"

namespace waymark {
namespace {

using testing::HasField;

std::string Dump(const FieldErrors& errors) {
  std::string out;
  for (const FieldError& e : errors)
    out.append(e.field).append(": ").append(e.message).append("\n");
  return out;
}

Question Choice(std::string id, QuestionKind kind = QuestionKind::kSingleChoice) {
  Question q;
  q.id = std::move(id);
  q.kind = kind;
  q.text = "Do you go to a club?";
  q.options = {{"yes", "Yes"}, {"no", "No"}, {"not-sure", "Not sure"}};
  return q;
}

Question Likert(std::string id) {
  Question q;
  q.id = std::move(id);
  q.kind = QuestionKind::kLikert;
  q.text = "Barnet is a family friendly place to live.";
  q.scale = "agree5";
  q.options = *LikertScale("agree5");
  return q;
}

Question NumberQ(std::string id) {
  Question q;
  q.id = std::move(id);
  q.kind = QuestionKind::kNumber;
  q.text = "How many hours a week do you spend at clubs?";
  q.min = 0;
  q.max = 40;
  return q;
}

Question FreeText(std::string id) {
  Question q;
  q.id = std::move(id);
  q.kind = QuestionKind::kFreeText;
  q.text = "What would make Barnet better?";
  q.max_length = 20;
  return q;
}

Question Band(std::string id, AboutYou about, std::span<const SurveyOption> wards = {}) {
  Question q;
  q.id = std::move(id);
  q.text = std::string(AboutYouText(about));
  q.about_you = about;
  q.options = BandOptions(about, wards);
  return q;
}

Survey Sample() {
  Survey s;
  s.id = "young-people";
  s.code = "your-say";
  s.title = "Your say";
  s.wording = {{"8-10", "We want to hear from you. It takes ten minutes.",
                "You do not have to answer. You can stop at any time."}};
  s.wards = {{"E05000043", "Brunswick Park"}, {"E05000044", "Burnt Oak"}};
  SurveySection a{"living-here", "Living here"};
  a.questions = {Likert("family-friendly"), Choice("club"), NumberQ("club-hours"),
                 FreeText("better")};
  a.questions[0].feeds =
      IndicatorFeed{"children-feel-barnet-family-friendly", {"strongly-agree", "agree"}};
  a.questions[2].show_if = ShowIf{"club", {"yes"}};
  SurveySection b{"about-you", "About you"};
  b.questions = {Band("age", AboutYou::kAgeBand), Band("ward", AboutYou::kWard, s.wards)};
  Question multi = Choice("activities", QuestionKind::kMultipleChoice);
  multi.max_choices = 2;
  b.questions.push_back(multi);
  s.sections = {a, b};
  s.waves = {{"2025-26", "Winter 2025", {2025, 11, 1}, {2026, 1, 31}},
             {"2026-27", "Winter 2026", {2026, 11, 1}, {2027, 1, 31}}};
  return s;
}

Question& Q(Survey& s, std::size_t section, std::size_t question) {
  return s.sections[section].questions[question];
}

TEST(SurveyNames, RoundTrip) {
  for (QuestionKind k : {QuestionKind::kSingleChoice, QuestionKind::kMultipleChoice,
                         QuestionKind::kLikert, QuestionKind::kNumber, QuestionKind::kFreeText}) {
    EXPECT_EQ(ParseQuestionKind(QuestionKindName(k)), k);
  }
  for (AboutYou a : kAllAboutYou) {
    EXPECT_EQ(ParseAboutYou(AboutYouName(a)), a);
    EXPECT_FALSE(AboutYouText(a).empty());
  }
  EXPECT_FALSE(ParseQuestionKind("date-of-birth"));
  EXPECT_FALSE(ParseAboutYou("name"));
}

TEST(SurveyBands, EveryBandEndsWithPreferNotToSay) {
  const std::vector<SurveyOption> wards = {{"E05000043", "Brunswick Park"}};
  for (AboutYou a : kAllAboutYou) {
    const auto bands = BandOptions(a, wards);
    ASSERT_GE(bands.size(), 2U) << AboutYouName(a);
    EXPECT_EQ(bands.back().id, kPreferNotToSay);
  }
  EXPECT_EQ(BandOptions(AboutYou::kAgeBand, {}).size(), 6U);
  EXPECT_EQ(BandOptions(AboutYou::kAgeBand, {})[0].id, "8-10");
  EXPECT_EQ(BandOptions(AboutYou::kWard, wards)[0].id, "E05000043");
  EXPECT_EQ(BandOptions(AboutYou::kCare, {})[1].id, "care-experienced");
  EXPECT_EQ(BandOptions(AboutYou::kSchoolPhase, {}).size(), 5U);
  EXPECT_EQ(AgeBands().size(), 5U);
}

TEST(SurveyScales, NamedScales) {
  for (std::string_view name : LikertScaleNames()) EXPECT_TRUE(LikertScale(name)) << name;
  EXPECT_EQ(LikertScale("agree5")->front().id, "strongly-agree");
  EXPECT_EQ(LikertScale("agree5")->back().id, "strongly-disagree");
  EXPECT_FALSE(LikertScale("agree7"));
}

TEST(CheckSurvey, SampleIsSound) {
  const FieldErrors errors = CheckSurvey(Sample());
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST(CheckSurvey, Header) {
  Survey s = Sample();
  s.id = "Young People";
  s.code = "ab";
  s.title = "";
  s.threshold = kMinThreshold - 1;
  FieldErrors e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "survey.id"));
  EXPECT_TRUE(HasField(e, "survey.code"));
  EXPECT_TRUE(HasField(e, "survey.title"));
  EXPECT_TRUE(HasField(e, "survey.threshold"));
  s = Sample();
  s.code = "abc";
  s.threshold = kMinThreshold;
  EXPECT_TRUE(CheckSurvey(s).empty());
  s.code = std::string(40, 'a');
  s.threshold = kMaxThreshold;
  EXPECT_TRUE(CheckSurvey(s).empty());
  s.code = std::string(41, 'a');
  s.threshold = kMaxThreshold + 1;
  e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "survey.code"));
  EXPECT_TRUE(HasField(e, "survey.threshold"));
  s = Sample();
  s.code = "your/say";
  EXPECT_TRUE(HasField(CheckSurvey(s), "survey.code"));
  s.code = "";
  EXPECT_TRUE(HasField(CheckSurvey(s), "survey.code"));
  s = Sample();
  s.title = std::string(120, 'x');
  EXPECT_TRUE(CheckSurvey(s).empty());
  s.title = std::string(121, 'x');
  EXPECT_TRUE(HasField(CheckSurvey(s), "survey.title"));
  s.title = "Bad\x01title";
  EXPECT_TRUE(HasField(CheckSurvey(s), "survey.title"));
}

TEST(CheckSurvey, Wording) {
  Survey s = Sample();
  s.wording.clear();
  EXPECT_TRUE(HasField(CheckSurvey(s), "wording"));
  s = Sample();
  s.wording.push_back({"8-10", "Hello.", "Say yes if you agree."});
  s.wording.push_back({"5-7", "Hello.", "Say yes if you agree."});
  s.wording.push_back({"11-13", "", "  "});
  const FieldErrors e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "wording[1].ages"));  // duplicate band
  EXPECT_TRUE(HasField(e, "wording[2].ages"));  // unknown band
  EXPECT_TRUE(HasField(e, "wording[3].introduction"));
  EXPECT_TRUE(HasField(e, "wording[3].consent"));
  EXPECT_FALSE(HasField(e, "wording[0].ages"));
}

TEST(CheckSurvey, WordingMustBePlainWords) {
  Survey s = Sample();
  s.wording[0].introduction =
      "This is a very long sentence that keeps going on and on with far too many words in it for "
      "a child of eight to follow easily at all.";
  s.wording[0].consent = "The CYPP team reads your answers.";
  FieldErrors e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "wording[0].introduction")) << Dump(e);
  EXPECT_TRUE(HasField(e, "wording[0].consent")) << Dump(e);
  s.wording[0].introduction =
      "This sentence has exactly twenty words in it so it is still short "
      "enough for the plain words rule here.";
  s.wording[0].consent = "The Children and Young People's Plan (CYPP) team reads your answers.";
  e = CheckSurvey(s);
  EXPECT_TRUE(e.empty()) << Dump(e);
  s.wording[0].consent = std::string(1501, 'a');
  EXPECT_TRUE(HasField(CheckSurvey(s), "wording[0].consent"));
}

TEST(CheckSurvey, Wards) {
  Survey s = Sample();
  s.wards.push_back({"E05000043", "Again"});
  s.wards.push_back({"", "No code"});
  s.wards.push_back({"E05000045", ""});
  Q(s, 1, 1).options = BandOptions(AboutYou::kWard, s.wards);
  const FieldErrors e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "wards[2].id"));
  EXPECT_TRUE(HasField(e, "wards[3].id"));
  EXPECT_TRUE(HasField(e, "wards[4].label"));
  EXPECT_FALSE(HasField(e, "wards[0].id"));
}

TEST(CheckSurvey, Sections) {
  Survey s = Sample();
  s.sections.clear();
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections"));
  s = Sample();
  s.sections[1].id = "living-here";
  s.sections[1].title = "";
  s.sections.push_back(SurveySection{"empty", "Empty"});
  const FieldErrors e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "sections[1].id"));
  EXPECT_TRUE(HasField(e, "sections[1].title"));
  EXPECT_TRUE(HasField(e, "sections[2].questions"));
  EXPECT_FALSE(HasField(e, "sections[0].id"));
}

TEST(CheckSurvey, QuestionIdsAndText) {
  Survey s = Sample();
  Q(s, 1, 2).id = "club";  // used in section 0
  Q(s, 0, 1).text = "";
  Q(s, 0, 3).hint = std::string(501, 'h');
  Q(s, 0, 0).id = "Family_Friendly";
  const FieldErrors e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "sections[1].questions[2].id"));
  EXPECT_TRUE(HasField(e, "sections[0].questions[1].text"));
  EXPECT_TRUE(HasField(e, "sections[0].questions[3].hint"));
  EXPECT_TRUE(HasField(e, "sections[0].questions[0].id"));
}

TEST(CheckSurvey, ChoiceOptions) {
  Survey s = Sample();
  Q(s, 0, 1).options = {{"yes", "Yes"}};
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[1].options"));
  Q(s, 0, 1).options = {{"yes", "Yes"}, {"no", "No"}};
  EXPECT_TRUE(CheckSurvey(s).empty());
  Q(s, 0, 1).options = {{"yes", "Yes"}, {"yes", "Yes again"}, {"No", "No"}, {"maybe", ""}};
  Q(s, 0, 2).show_if.reset();
  const FieldErrors e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "sections[0].questions[1].options[1].id"));  // duplicate
  EXPECT_TRUE(HasField(e, "sections[0].questions[1].options[2].id"));  // not a slug
  EXPECT_TRUE(HasField(e, "sections[0].questions[1].options[3].label"));
  EXPECT_FALSE(HasField(e, "sections[0].questions[1].options[0].id"));
  std::vector<SurveyOption> many;
  many.reserve(31);
  for (int i = 0; i < 31; ++i)
    many.push_back({std::string("o").append(std::to_string(i)), "Option"});
  Q(s, 0, 1).options = many;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[1].options"));
  many.pop_back();
  Q(s, 0, 1).options = many;
  EXPECT_FALSE(HasField(CheckSurvey(s), "sections[0].questions[1].options"));
}

TEST(CheckSurvey, FieldsOfOtherKindsAreRefused) {
  Survey s = Sample();
  Q(s, 0, 1).min = 1;                             // single choice with bounds
  Q(s, 0, 1).max_length = 10;                     // and a length
  Q(s, 0, 1).max_choices = 2;                     // and choice limits
  Q(s, 0, 3).options = {{"a", "A"}, {"b", "B"}};  // free text with options
  Q(s, 0, 2).scale = "agree5";                    // number with a scale
  const FieldErrors e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "sections[0].questions[1].min")) << Dump(e);
  EXPECT_TRUE(HasField(e, "sections[0].questions[1].max_length"));
  EXPECT_TRUE(HasField(e, "sections[0].questions[1].max_choices"));
  EXPECT_TRUE(HasField(e, "sections[0].questions[3].options"));
  EXPECT_TRUE(HasField(e, "sections[0].questions[2].scale"));
}

TEST(CheckSurvey, Likert) {
  Survey s = Sample();
  Q(s, 0, 0).scale = "agree7";
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[0].scale"));
  Q(s, 0, 0).scale = "agree5";
  Q(s, 0, 0).options.pop_back();  // a scale and other options
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[0].options"));
  Q(s, 0, 0).scale = "";  // explicit options are fine
  Q(s, 0, 0).feeds.reset();
  Q(s, 0, 0).options = {{"yes", "Yes"}, {"no", "No"}};
  EXPECT_TRUE(CheckSurvey(s).empty());
  std::vector<SurveyOption> twelve;
  twelve.reserve(12);
  for (int i = 0; i < 12; ++i)
    twelve.push_back({std::string("p").append(std::to_string(i)), "Point"});
  Q(s, 0, 0).options = twelve;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[0].options"));
  twelve.pop_back();
  Q(s, 0, 0).options = twelve;
  EXPECT_TRUE(CheckSurvey(s).empty());
}

TEST(CheckSurvey, MultipleChoiceLimits) {
  Survey s = Sample();
  Question& q = Q(s, 1, 2);  // three options
  q.min_choices = 3;
  q.max_choices = 3;
  EXPECT_TRUE(CheckSurvey(s).empty());
  q.max_choices = 4;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[2].max_choices"));
  q.max_choices = 2;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[2].max_choices"));  // below min
  q.min_choices = 4;
  q.max_choices = 0;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[2].min_choices"));
  q.min_choices = -1;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[2].min_choices"));
}

TEST(CheckSurvey, NumberBounds) {
  Survey s = Sample();
  Question& q = Q(s, 0, 2);
  q.min.reset();
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[2].min"));
  q.min = 40;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[2].max"));  // min == max
  q.min = 39;
  EXPECT_TRUE(CheckSurvey(s).empty());
  q.min = 0.5;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[2].min"));  // whole numbers only
  q.whole = false;
  EXPECT_TRUE(CheckSurvey(s).empty());
  q.max = kMaxNumberMagnitude;
  EXPECT_TRUE(CheckSurvey(s).empty());
  q.max = kMaxNumberMagnitude * 10;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[2].max"));
}

TEST(CheckSurvey, FreeTextLength) {
  Survey s = Sample();
  Question& q = Q(s, 0, 3);
  q.max_length = 0;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[3].max_length"));
  q.max_length = 1;
  EXPECT_TRUE(CheckSurvey(s).empty());
  q.max_length = kMaxFreeTextLength;
  EXPECT_TRUE(CheckSurvey(s).empty());
  q.max_length = kMaxFreeTextLength + 1;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[3].max_length"));
}

TEST(CheckSurvey, AboutYouIsBandsOnly) {
  Survey s = Sample();
  Q(s, 1, 0).options.push_back({"exact-age", "Type your age"});
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[0].options"));
  s = Sample();
  Q(s, 1, 0).options.pop_back();  // no "prefer not to say"
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[0].options"));
  s = Sample();
  Q(s, 1, 0).kind = QuestionKind::kFreeText;
  Q(s, 1, 0).options.clear();
  Q(s, 1, 0).max_length = 20;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[0].kind"));
  s = Sample();
  Q(s, 1, 0).required = true;
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[0].required"));
  s = Sample();
  Q(s, 1, 0).feeds = IndicatorFeed{"some-indicator", {"8-10"}};
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[0].feeds"));
  s = Sample();
  Q(s, 1, 2) = Band("age-again", AboutYou::kAgeBand);
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[2].about_you"));
}

TEST(CheckSurvey, WardQuestionNeedsWards) {
  Survey s = Sample();
  s.wards.clear();
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[1].questions[1].about_you"));
  s.sections[1].questions.erase(s.sections[1].questions.begin() + 1);
  EXPECT_TRUE(CheckSurvey(s).empty());  // no ward question, no wards needed
}

TEST(CheckSurvey, Routing) {
  Survey s = Sample();
  ShowIf& rule = *Q(s, 0, 2).show_if;
  rule.question = "activities";  // a later question
  FieldErrors e = CheckSurvey(s);
  ASSERT_TRUE(HasField(e, "sections[0].questions[2].show_if.question")) << Dump(e);
  EXPECT_NE(e[0].message.find("earlier"), std::string::npos);
  rule.question = "club-hours";  // itself
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[2].show_if.question"));
  rule.question = "nowhere";
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[2].show_if.question"));
  Q(s, 0, 3).show_if = ShowIf{"club-hours", {"yes"}};  // a number question
  rule.question = "club";
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[3].show_if.question"));
  Q(s, 0, 3).show_if.reset();
  rule.any_of = {"yes", "maybe", "yes"};
  e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "sections[0].questions[2].show_if.any_of[1]"));
  EXPECT_TRUE(HasField(e, "sections[0].questions[2].show_if.any_of[2]"));
  EXPECT_FALSE(HasField(e, "sections[0].questions[2].show_if.any_of[0]"));
  rule.any_of.clear();
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[2].show_if.any_of"));
  rule.any_of = {"yes", "not-sure"};
  EXPECT_TRUE(CheckSurvey(s).empty());
  Q(s, 1, 2).show_if = ShowIf{"age", {"14-16", "17-19"}};  // routing on a band, across sections
  EXPECT_TRUE(CheckSurvey(s).empty());
}

TEST(CheckSurvey, IndicatorFeeds) {
  Survey s = Sample();
  IndicatorFeed& feed = *Q(s, 0, 0).feeds;
  feed.indicator = "Not A Code";
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[0].feeds.indicator"));
  feed.indicator = "children-feel-barnet-family-friendly";
  feed.counted = {"agree", "agreed", "agree"};
  FieldErrors e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "sections[0].questions[0].feeds.counted[1]"));
  EXPECT_TRUE(HasField(e, "sections[0].questions[0].feeds.counted[2]"));
  feed.counted.clear();
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[0].feeds.counted"));
  feed.counted = {"strongly-agree", "agree", "neither", "disagree", "strongly-disagree"};
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[0].feeds.counted"));
  feed.counted.pop_back();
  EXPECT_TRUE(CheckSurvey(s).empty());
  Q(s, 0, 3).feeds = IndicatorFeed{"x", {"a"}};  // free text cannot feed
  EXPECT_TRUE(HasField(CheckSurvey(s), "sections[0].questions[3].feeds"));
}

TEST(CheckSurvey, Waves) {
  Survey s = Sample();
  s.waves[1].opens = {2026, 1, 31};  // touches the first wave's last day
  FieldErrors e = CheckSurvey(s);
  ASSERT_TRUE(HasField(e, "waves[1].opens")) << Dump(e);
  EXPECT_NE(e[0].message.find("overlaps"), std::string::npos);
  s.waves[1].opens = {2026, 2, 1};  // the day after: no overlap
  EXPECT_TRUE(CheckSurvey(s).empty());
  s.waves[1].closes = {2026, 1, 31};
  EXPECT_TRUE(HasField(CheckSurvey(s), "waves[1].closes"));
  s.waves[1].closes = {2026, 2, 1};  // one day
  EXPECT_TRUE(CheckSurvey(s).empty());
  s.waves[1].closes = {2026, 2, 30};
  EXPECT_TRUE(HasField(CheckSurvey(s), "waves[1].closes"));
  s = Sample();
  s.waves[1].id = s.waves[0].id;
  s.waves[1].name = "";
  s.waves[0].opens = {};
  e = CheckSurvey(s);
  EXPECT_TRUE(HasField(e, "waves[1].id"));
  EXPECT_TRUE(HasField(e, "waves[1].name"));
  EXPECT_TRUE(HasField(e, "waves[0].opens"));
  s = Sample();
  s.waves.push_back({"inside", "Inside", {2025, 12, 1}, {2025, 12, 2}});  // inside the first
  EXPECT_TRUE(HasField(CheckSurvey(s), "waves[2].opens"));
  s.waves.back() = {"around", "Around", {2025, 1, 1}, {2027, 12, 31}};  // around both
  EXPECT_TRUE(HasField(CheckSurvey(s), "waves[2].opens"));
}

TEST(CheckSurvey, WavePeriods) {
  Survey s = Sample();
  EXPECT_EQ(WavePeriod(s.waves[0])->Label(), "2025");  // the calendar year it opens in
  s.waves[0].period = "2025/26";
  EXPECT_EQ(WavePeriod(s.waves[0])->Label(), "2025/26");
  EXPECT_TRUE(CheckSurvey(s).empty());
  s.waves[0].period = "winter";
  EXPECT_FALSE(WavePeriod(s.waves[0]).has_value());
  FieldErrors e = CheckSurvey(s);
  ASSERT_TRUE(HasField(e, "waves[0].period")) << Dump(e);
  EXPECT_NE(e[0].message.find("'winter' is not a period"), std::string::npos);
  s.waves[0].period = "2026";  // the second wave's own year
  e = CheckSurvey(s);
  ASSERT_TRUE(HasField(e, "waves[1].period")) << Dump(e);
  EXPECT_NE(e[0].message.find("both for 2026"), std::string::npos);
  Survey no_feeds = s;
  no_feeds.sections[0].questions[0].feeds.reset();
  EXPECT_TRUE(CheckSurvey(no_feeds).empty());  // no figures to replace each other
  s.waves[0].period = "2025";  // said out loud: the same as the rule gives
  EXPECT_TRUE(CheckSurvey(s).empty());
}

TEST(SurveyLookups, WavesWordingAndQuestions) {
  const Survey s = Sample();
  EXPECT_EQ(WaveOn(s, {2026, 11, 1})->id, "2026-27");
  EXPECT_EQ(WaveOn(s, {2027, 1, 31})->id, "2026-27");
  EXPECT_EQ(WaveOn(s, {2026, 1, 31})->id, "2025-26");
  EXPECT_EQ(WaveOn(s, {2026, 2, 1}), nullptr);
  EXPECT_EQ(WaveOn(s, {2027, 2, 1}), nullptr);
  EXPECT_EQ(PreviousWave(s, "2026-27")->id, "2025-26");
  EXPECT_EQ(PreviousWave(s, "2025-26"), nullptr);
  EXPECT_EQ(PreviousWave(s, "none"), nullptr);
  EXPECT_NE(WordingFor(s, "8-10"), nullptr);
  EXPECT_EQ(WordingFor(s, "11-13"), nullptr);
  EXPECT_EQ(FindQuestion(s, "ward")->about_you, AboutYou::kWard);
  EXPECT_EQ(FindQuestion(s, "name"), nullptr);
  EXPECT_EQ(FindSurveyWave(s, "2025-26")->name, "Winter 2025");
  EXPECT_EQ(FindSurveyWave(s, "2024-25"), nullptr);
}

}  // namespace
}  // namespace waymark
