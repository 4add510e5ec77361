// Test fixture for surveys in the store: a fresh store, a small survey with a question of each
// kind and routing in two waves, a valid response to it, and helpers that save, submit and read
// back with their errors shown.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/survey.h"
#include "store/fresh_store_fixture.h"

namespace waymark::store {

inline constexpr std::int64_t kSurveyNow = 1795378500;  // 2026-11-22T20:15:00Z

inline AuditEntry SurveyAudit() {
  AuditEntry entry;
  entry.at = "2026-11-22T20:15:00Z";
  entry.actor = "os:analyst";
  entry.via = "test";
  return entry;
}

inline Question Choice(std::string id, QuestionKind kind, const std::vector<std::string>& options) {
  Question q;
  q.id = std::move(id);
  q.kind = kind;
  q.text = "Which one?";
  for (const std::string& o : options) q.options.push_back({o, "Option " + o});
  return q;
}

// "mini": likes (single choice yes/no), which (multiple choice cat/dog/fish, at most 2, shown
// when likes is yes), rank (whole number 1 to 50), say (free text up to 200), feel (Likert
// agree3), spare (single choice, never answered by the tests); waves w1 (2025-11-01 to
// 2026-01-31) and w2 (2026-11-01 to 2027-01-31).
inline Survey MiniSurvey() {
  Survey s;
  s.id = "mini";
  s.code = "mini-survey";
  s.title = "Mini survey";
  s.wording = {{"8-10", "We want to hear from you.", "You can stop at any time."}};
  SurveySection section{"main", "Main"};
  section.questions.push_back(Choice("likes", QuestionKind::kSingleChoice, {"yes", "no"}));
  Question which = Choice("which", QuestionKind::kMultipleChoice, {"cat", "dog", "fish"});
  which.max_choices = 2;
  which.show_if = ShowIf{"likes", {"yes"}};
  section.questions.push_back(which);
  Question rank{"rank", QuestionKind::kNumber, "Pick a number."};
  rank.min = 1;
  rank.max = 50;
  section.questions.push_back(rank);
  Question say{"say", QuestionKind::kFreeText, "Tell us more."};
  say.max_length = 200;
  section.questions.push_back(say);
  Question feel{"feel", QuestionKind::kLikert, "It is good here."};
  feel.scale = "agree3";
  feel.options = LikertScale("agree3").value_or(std::vector<SurveyOption>{});
  section.questions.push_back(feel);
  section.questions.push_back(Choice("spare", QuestionKind::kSingleChoice, {"a", "b"}));
  s.sections = {section};
  s.waves = {{"w1", "Winter 2025", {2025, 11, 1}, {2026, 1, 31}},
             {"w2", "Winter 2026", {2026, 11, 1}, {2027, 1, 31}}};
  return s;
}

// A response every question of MiniSurvey would accept: likes yes, which cat, rank `rank`,
// say "fine", feel agree.
inline Response MiniResponse(double rank = 3) {
  Response r;
  r["likes"].choices = {"yes"};
  r["which"].choices = {"cat"};
  r["rank"].number = rank;
  r["say"].text = "fine";
  r["feel"].choices = {"agree"};
  return r;
}

class SurveyStoreTest : public FreshStoreTest {
 protected:
  void Save(const Survey& survey) {
    auto saved = store_->SaveSurvey(survey, kSurveyNow, SurveyAudit());
    ASSERT_TRUE(saved.has_value()) << saved.error().ToString();
  }
  void Submit(const Response& r, Date day = {2025, 11, 10}, std::string_view wave = "w1",
              std::string_view digest = "") {
    auto done = store_->SubmitSurveyResponse("mini", wave, r, day, digest);
    ASSERT_TRUE(done.has_value()) << done.error().ToString();
  }
  Survey Find(std::string_view id = "mini") {
    auto found = store_->FindSurvey(id);
    EXPECT_TRUE(found.has_value()) << found.error().ToString();
    return found.value_or(Survey{});
  }
  std::vector<StoredSurveyResponse> Responses(std::string_view wave = "w1") {
    auto listed = store_->ListSurveyResponses("mini", wave);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(std::vector<StoredSurveyResponse>{});
  }
  std::int64_t Count(std::string_view wave = "") {
    auto counted = store_->CountSurveyResponses("mini", wave);
    EXPECT_TRUE(counted.has_value()) << counted.error().ToString();
    return counted.value_or(-1);
  }
  std::int64_t AuditCount() { return *db().QueryInt("SELECT count(*) FROM audit_log"); }
};

}  // namespace waymark::store
