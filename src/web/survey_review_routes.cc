// The review of a wave's written answers: GET /surveys/{id}/free-text?wave= lists them (each
// alone, never with the rest of its response) and POST /surveys/{id}/free-text marks one
// reviewed or not and flags or unflags it for safeguarding (fields wave, answer, action).
// Analysts only. An answer flagged for safeguarding is shown (with the local procedure, the
// setting "safeguarding-procedure") only to holders of the safeguarding permission
// (core/access.h CanSeeSafeguarding); to other analysts it does not exist: they are told how
// many such answers there are, and a form naming one is refused like an unknown answer.
#include <algorithm>

#include "assess/stored_survey_results.h"
#include "core/cycle.h"
#include "report/survey_results_pages.h"
#include "web/route_kit.h"
#include "web/survey_results_routes.h"

namespace waymark::web {
namespace {

struct ReviewScope {
  Survey survey;
  const SurveyWave* wave = nullptr;
  std::vector<store::FreeTextAnswer> answers;
  std::string procedure;
};

// The wave named `wave_id` ("" for the latest that has opened, else the first), or nullptr.
const SurveyWave* FindWave(const Survey& survey, std::string_view wave_id, const Date& today) {
  if (wave_id.empty()) {
    const SurveyWave* latest = assess::LatestOpenedWave(survey, today);
    return latest != nullptr || survey.waves.empty() ? latest : &survey.waves.front();
  }
  return FindSurveyWave(survey, wave_id);
}

// The survey of the path, the wave `wave_id` names (`bad_wave` when it names none), its
// answers and the procedure text.
Answer<ReviewScope> ScopeOf(const ProgressRoutes& r, const Request& request,
                            std::string_view wave_id, int bad_wave) {
  auto survey =
      r.plans.WithStore([&](store::Store& s) { return s.FindSurvey(request.Param("id")); });
  if (!survey && survey.error().code == ErrorCode::kNotFound) {
    return Refuse(request, 404, "no such survey");
  }
  if (!survey) return Refuse(request, 500, "the survey could not be read");
  ReviewScope scope{std::move(*survey), nullptr, {}, {}};
  scope.wave = FindWave(scope.survey, wave_id, DateOfUnixSeconds(r.clock.NowUnixSeconds()));
  if (scope.wave == nullptr) {
    return Refuse(request, bad_wave, "wave: not a wave of this survey", "wave");
  }
  auto read = r.plans.WithStore([&](store::Store& s) -> Result<ReviewScope> {
    WAYMARK_ASSIGN_OR_RETURN(scope.answers, s.ListFreeTextAnswers(scope.survey.id, scope.wave->id));
    auto procedure = s.GetSetting(kSafeguardingProcedureSetting);
    if (!procedure && procedure.error().code != ErrorCode::kNotFound) {
      return tl::unexpected(procedure.error());
    }
    scope.procedure = procedure ? *procedure : std::string(kDefaultSafeguardingProcedure);
    return std::move(scope);
  });
  if (!read) return Refuse(request, 500, "the written answers could not be read");
  return std::move(*read);
}

report::FreeTextReviewPage PageOf(const Request& request, const ReviewScope& scope) {
  const bool sees = CanSeeSafeguarding(request.principal);
  report::FreeTextReviewPage page;
  page.survey_id = scope.survey.id;
  page.survey_title = scope.survey.title;
  page.wave = *scope.wave;
  for (const SurveyWave& w : scope.survey.waves) page.waves.emplace_back(w.id, w.name);
  for (const SurveySection& section : scope.survey.sections) {
    for (const Question& q : section.questions) {
      if (q.kind != QuestionKind::kFreeText) continue;
      report::FreeTextQuestionAnswers group{q.id, q.text, {}, 0};
      for (const store::FreeTextAnswer& a : scope.answers) {
        if (a.question_id != q.id) continue;
        if (a.safeguarding && !sees) {
          ++group.hidden_flagged;
          continue;
        }
        group.answers.push_back(a);
      }
      page.questions.push_back(std::move(group));
    }
  }
  page.sees_safeguarding = sees;
  if (sees) page.procedure = scope.procedure;
  page.csrf_token = request.csrf_token;
  return page;
}

Response ReviewPage(const ProgressRoutes& r, const Request& request) {
  auto scope = ScopeOf(r, request, request.Query("wave").value_or(""), 404);
  if (!scope) return scope.error();
  return Response::Html(200, report::RenderFreeTextReviewPage(PageOf(request, *scope)));
}

// What the form's `action` asks for, or nullopt when it is none of the four.
std::optional<store::FreeTextReview> ReviewOf(std::string_view action) {
  store::FreeTextReview review;
  if (action == report::kReviewMarkReviewed) {
    review.reviewed = true;
  } else if (action == report::kReviewMarkUnreviewed) {
    review.reviewed = false;
  } else if (action == report::kReviewFlag) {
    review.safeguarding = true;
  } else if (action == report::kReviewUnflag) {
    review.safeguarding = false;
  } else {
    return std::nullopt;
  }
  return review;
}

// The problems of a review form: an unknown action, or an answer the reviewer cannot see.
FieldErrors CheckReview(const Request& request, const ReviewScope& scope,
                        std::string_view answer_id, std::string_view action) {
  FieldErrors errors;
  const auto it = std::find_if(scope.answers.begin(), scope.answers.end(),
                               [&](const store::FreeTextAnswer& a) { return a.id == answer_id; });
  if (it == scope.answers.end() || (it->safeguarding && !CanSeeSafeguarding(request.principal))) {
    errors.push_back({"answer", "Choose an answer of this wave to review"});
  }
  if (!ReviewOf(action)) {
    errors.push_back({"action",
                      "Choose to mark the answer reviewed or not, or to flag or unflag "
                      "it for safeguarding"});
  }
  return errors;
}

Response ReviewPost(const ProgressRoutes& r, const Request& request) {
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  const std::string wave_id = FormValue(*form, "wave");
  auto scope = ScopeOf(r, request, wave_id, 400);  // an unknown survey first: 404
  if (!scope) return scope.error();
  if (wave_id.empty()) return Fail(request, 400, "wave: choose the wave of the answer", "wave");
  const std::string answer_id = FormValue(*form, "answer");
  const std::string action = FormValue(*form, "action");
  const FieldErrors errors = CheckReview(request, *scope, answer_id, action);
  if (!errors.empty()) {
    report::FreeTextReviewPage page = PageOf(request, *scope);
    page.errors = errors;
    return Response::Html(400, report::RenderFreeTextReviewPage(page));
  }
  const AuditEntry audit = RequestAudit(request, r.clock, "survey.review");
  auto saved = r.plans.WithStore([&](store::Store& s) {
    return s.ReviewFreeTextAnswer(scope->survey.id, scope->wave->id, answer_id, *ReviewOf(action),
                                  r.clock.NowUnixSeconds(), audit);
  });
  if (!saved) return Fail(request, 500, "the review could not be saved");
  return SeeOther(report::SurveyFreeTextHref(scope->survey.id, scope->wave->id) + "#answer-" +
                  answer_id);
}

}  // namespace

void AddSurveyReviewPages(Router& router, const ProgressRoutes& routes) {
  router.Add("GET", "/surveys/{id}/free-text", Permission::kEditPlans,
             [routes](const Request& r) { return ReviewPage(routes, r); });
  router.Add("POST", "/surveys/{id}/free-text", Permission::kEditPlans,
             [routes](const Request& r) { return ReviewPost(routes, r); });
}

}  // namespace waymark::web
