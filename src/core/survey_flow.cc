// The pages of a survey's response form (see survey_flow.h).
#include "core/survey_flow.h"

#include <algorithm>
#include <set>

namespace waymark {
namespace {

// The answers as far as routing needs them: the values of choice questions, unchecked.
Response RoutingView(const Survey& survey, const ResponseInput& answers) {
  Response view;
  for (const auto& [id, values] : answers) {
    const Question* q = FindQuestion(survey, id);
    if (q == nullptr || !IsChoice(q->kind)) continue;
    Answer answer;
    for (const std::string& v : values) {
      if (!v.empty()) answer.choices.push_back(v);
    }
    if (!answer.empty()) view.emplace(id, std::move(answer));
  }
  return view;
}

bool Contains(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

std::vector<SurveyFormPage> SurveyFormPages(const Survey& survey, const ResponseInput& answers) {
  const std::vector<std::string> shown = VisibleQuestions(survey, RoutingView(survey, answers));
  std::vector<SurveyFormPage> pages;
  for (std::size_t s = 0; s < survey.sections.size(); ++s) {
    bool section_shown = false;
    std::vector<std::string> part;  // every question of the part, shown or not
    SurveyFormPage page{s, true, {}, {}};
    auto close = [&] {
      if (page.questions.empty()) return;
      page.first_of_section = !section_shown;
      section_shown = true;
      pages.push_back(std::move(page));
    };
    for (const Question& q : survey.sections[s].questions) {
      if (part.empty() || (q.show_if && Contains(part, q.show_if->question))) {
        close();
        page = SurveyFormPage{s, false, q.id, {}};
        part.clear();
      }
      part.push_back(q.id);
      if (Contains(shown, q.id)) page.questions.push_back(q.id);
    }
    close();
  }
  return pages;
}

std::optional<std::size_t> FindFormPage(const std::vector<SurveyFormPage>& pages,
                                        std::string_view key) {
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].key == key) return i;
  }
  return std::nullopt;
}

ResponseInput ShownAnswers(const Survey& survey, const ResponseInput& answers) {
  const std::vector<std::string> shown = VisibleQuestions(survey, RoutingView(survey, answers));
  ResponseInput out;
  for (const auto& [id, values] : answers) {
    if (FindQuestion(survey, id) != nullptr && !Contains(shown, id)) continue;
    std::vector<std::string> kept;
    for (const std::string& v : values) {
      if (!v.empty()) kept.push_back(v);
    }
    if (!kept.empty()) out.emplace(id, std::move(kept));
  }
  return out;
}

FieldErrors PageProblems(const Survey& survey, const SurveyFormPage& page,
                         const ResponseInput& answers) {
  FieldErrors out;
  for (const FieldError& e : CheckResponse(survey, answers).errors) {
    if (Contains(page.questions, e.field)) out.push_back(e);
  }
  return out;
}

std::optional<std::size_t> FirstPageWithProblem(const std::vector<SurveyFormPage>& pages,
                                                const FieldErrors& errors) {
  for (std::size_t i = 0; i < pages.size(); ++i) {
    for (const FieldError& e : errors) {
      if (Contains(pages[i].questions, e.field)) return i;
    }
  }
  return std::nullopt;
}

}  // namespace waymark
