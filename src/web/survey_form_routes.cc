// The survey response form (see survey_form_routes.h). Every form page is sent with
// "Cache-Control: no-store", so that a shared computer's browser does not keep a child's
// answers; the one-time code is checked and used in the same transaction as the response is
// stored, and nothing links the two.
#include "web/survey_form_routes.h"

#include "core/cycle.h"
#include "core/survey_code.h"
#include "core/survey_flow.h"
#include "report/survey_form_pages.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

using report::SurveyFormContext;

struct SurveyForm {
  PlanSource& plans;
  const Clock& clock;
};

Response Page(int status, std::string body) {
  Response res = Response::Html(status, std::move(body));
  res.Set("Cache-Control", "no-store");
  return res;
}

Date Today(const SurveyForm& f) { return DateOfUnixSeconds(f.clock.NowUnixSeconds()); }

// The survey at /s/{code}, or the answer why there is none (404 unknown, 500 unreadable).
Answer<Survey> SurveyOf(const SurveyForm& f, const Request& request) {
  auto survey =
      f.plans.WithStore([&](store::Store& s) { return s.FindSurveyByCode(request.Param("code")); });
  if (survey) return std::move(*survey);
  if (survey.error().code == ErrorCode::kNotFound) return Refuse(request, 404, "");
  return Refuse(request, 500, "the survey could not be read");
}

Response ListOpen(const SurveyForm& f, const Request& request) {
  auto surveys = f.plans.WithStore([](store::Store& s) { return s.ListSurveys(); });
  if (!surveys) return Fail(request, 500, "the surveys could not be read");
  const Date today = Today(f);
  std::vector<report::OpenSurvey> open;
  for (const store::SurveySummary& s : *surveys) {
    for (const store::SurveyWaveSummary& w : s.waves) {
      if (w.wave.opens <= today && today <= w.wave.closes) {
        open.push_back({s.code, s.title, w.wave.name, w.wave.closes});
      }
    }
  }
  return Page(200, report::RenderOpenSurveysPage(open));
}

// The first page again when the age group is missing or not one the survey has words for.
Response AgesMissing(const Survey& survey, const SurveyWave& wave) {
  return Page(400, report::RenderSurveyStartPage(survey, wave, {{"ages", "Choose how old you are"}}));
}

Response Start(const SurveyForm& f, const Request& request) {
  auto survey = SurveyOf(f, request);
  if (!survey) return survey.error();
  const SurveyWave* wave = WaveOn(*survey, Today(f));
  if (wave == nullptr) return Page(404, report::RenderSurveyClosedPage(*survey));
  const std::optional<std::string> ages = request.Query("ages");
  if (!ages) return Page(200, report::RenderSurveyStartPage(*survey, *wave, {}));
  if (WordingFor(*survey, *ages) == nullptr) return AgesMissing(*survey, *wave);
  const SurveyFormContext context{&*survey, wave, *ages, request.csrf_token, {}};
  return Page(200, report::RenderSurveyConsentPage(context, {}));
}

// The answers a form carries: every field but the form's own ('_' and the CSRF token).
ResponseInput AnswersOf(const std::multimap<std::string, std::string>& form) {
  ResponseInput answers;
  for (const auto& [name, value] : form) {
    if (name.empty() || name.front() == '_' || name == "csrf_token") continue;
    answers[name].push_back(value);
  }
  return answers;
}

Response QuestionPage(const SurveyFormContext& c, const std::vector<SurveyFormPage>& pages,
                      std::size_t index, const FieldErrors& errors) {
  return Page(errors.empty() ? 200 : 400,
              report::RenderSurveyQuestionPage(c, pages, index, errors));
}

// Stores the response: 303 to the thank-you page, or the check page (or the page of the first
// problem) with what is wrong.
Response Send(const SurveyForm& f, const Request& request, const SurveyFormContext& c,
              const std::vector<SurveyFormPage>& pages, const std::string& code) {
  const ResponseCheck check = CheckResponse(*c.survey, c.answers);
  if (const auto at = FirstPageWithProblem(pages, check.errors)) {
    return QuestionPage(c, pages, *at, check.errors);
  }
  if (!check.errors.empty()) return Fail(request, 400, "the form's answers could not be read");
  std::string digest;
  if (code.find_first_not_of(" \t") != std::string::npos) {
    const std::string normal = NormaliseSurveyCode(code);
    if (normal.size() != kSurveyCodeLength ||
        normal.find_first_not_of(kSurveyCodeAlphabet) != std::string::npos) {
      return Page(400, report::RenderSurveyCheckPage(
                           c, pages, code,
                           {{std::string(report::kSurveyCodeField),
                             "Enter the code as it is written, like ABCD-EFGH-JK"}}));
    }
    digest = SurveyCodeDigest(normal);
  }
  const Status stored = f.plans.WithStore([&](store::Store& s) {
    return s.SubmitSurveyResponse(c.survey->id, c.wave->id, check.response, Today(f), digest);
  });
  if (stored) return SeeOther("/s/" + report::UrlEncode(c.survey->code) + "/sent");
  const ErrorCode failure = stored.error().code;
  if (failure == ErrorCode::kNotFound || failure == ErrorCode::kConflict) {
    const std::string message = failure == ErrorCode::kConflict
                                    ? "This code has already been used"
                                    : "This code is not right: check it and try again, or "
                                      "leave the box empty";
    return Page(400, report::RenderSurveyCheckPage(
                         c, pages, code, {{std::string(report::kSurveyCodeField), message}}));
  }
  return Fail(request, failure == ErrorCode::kInvalidArgument ? 400 : 500,
              "your answers could not be stored; please try again");
}

Response Consent(const SurveyFormContext& c, const std::string& consent,
                 const std::vector<SurveyFormPage>& pages) {
  if (consent == "no") return Page(200, report::RenderSurveyDeclinedPage(*c.survey));
  if (consent != "yes") {
    return Page(400, report::RenderSurveyConsentPage(
                         c, {{std::string(report::kSurveyConsentField),
                              "Choose yes if you want to take part, or no"}}));
  }
  if (pages.empty()) return Page(200, report::RenderSurveyCheckPage(c, pages, "", {}));
  return QuestionPage(c, pages, 0, {});
}

// "next" from page `at`: the page again with its problems, the next page or the check page.
Response Next(const SurveyFormContext& c, const std::vector<SurveyFormPage>& pages,
              std::size_t at) {
  const FieldErrors problems = PageProblems(*c.survey, pages[at], c.answers);
  if (!problems.empty()) return QuestionPage(c, pages, at, problems);
  if (at + 1 < pages.size()) return QuestionPage(c, pages, at + 1, {});
  return Page(200, report::RenderSurveyCheckPage(c, pages, "", {}));
}

Response Post(const SurveyForm& f, const Request& request) {
  auto survey = SurveyOf(f, request);
  if (!survey) return survey.error();
  const SurveyWave* wave = WaveOn(*survey, Today(f));
  if (wave == nullptr) return Page(404, report::RenderSurveyClosedPage(*survey));
  const auto form = ParseForm(request.body);
  if (!form) return Fail(request, 400, "the form could not be read");
  SurveyFormContext c{&*survey, wave, FormValue(*form, report::kSurveyAgesField),
                      request.csrf_token, ShownAnswers(*survey, AnswersOf(*form))};
  if (WordingFor(*survey, c.ages) == nullptr) return AgesMissing(*survey, *wave);
  for (const auto& [id, values] : c.answers) {
    if (FindQuestion(*survey, id) == nullptr) {
      return Fail(request, 400, "the form has an answer to no question of this survey", id);
    }
  }
  const std::vector<SurveyFormPage> pages = SurveyFormPages(*survey, c.answers);
  const std::string consent = FormValue(*form, report::kSurveyConsentField);
  if (FormValue(*form, report::kSurveyStepField) == "consent") return Consent(c, consent, pages);
  if (consent != "yes") return Page(400, report::RenderSurveyConsentPage(c, {}));

  const std::string go = FormValue(*form, report::kSurveyGoField);
  if (go == "submit") return Send(f, request, c, pages, FormValue(*form, report::kSurveyCodeField));
  if (go.starts_with("page:")) {
    const auto at = FindFormPage(pages, std::string_view(go).substr(5));
    if (!at) return Page(200, report::RenderSurveyCheckPage(c, pages, "", {}));
    return QuestionPage(c, pages, *at, {});
  }
  const std::string key = FormValue(*form, report::kSurveyPageField);
  const auto at = FindFormPage(pages, key);
  if (go == "back") {
    if (key.empty()) return QuestionPage(c, pages, pages.size() - 1, {});  // from the check page
    if (!at || *at == 0) return Page(200, report::RenderSurveyConsentPage(c, {}));
    return QuestionPage(c, pages, *at - 1, {});
  }
  if (go != "next") return Fail(request, 400, "the form's button was not recognised", "_go");
  if (!at) return Fail(request, 400, "the form's page was not recognised", "_page");
  return Next(c, pages, *at);
}

Response Sent(const SurveyForm& f, const Request& request) {
  auto survey = SurveyOf(f, request);
  if (!survey) return survey.error();
  return Page(200, report::RenderSurveySentPage(*survey));
}

}  // namespace

void AddSurveyFormRoutes(Router& router, PlanSource& plans, const Clock& clock) {
  const SurveyForm form{plans, clock};
  router.Add("GET", "/s", Permission::kPublic,
             [form](const Request& r) { return ListOpen(form, r); });
  router.Add("GET", "/s/{code}/sent", Permission::kPublic,
             [form](const Request& r) { return Sent(form, r); });
  router.Add("GET", "/s/{code}", Permission::kPublic,
             [form](const Request& r) { return Start(form, r); });
  router.Add("POST", "/s/{code}", Permission::kPublic,
             [form](const Request& r) { return Post(form, r); });
}

}  // namespace waymark::web
