// JSON documents of surveys and responses with nlohmann::json; its exceptions are caught here
// and come back as kDatabase errors.
#include "store/survey_json.h"

#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace waymark::store {
namespace {

using nlohmann::ordered_json;

// A document that is well-formed JSON but holds a value no survey or response has.
class BadValue : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Checked surveys and responses are well-formed UTF-8 already; anything else is replaced
// rather than thrown on.
std::string Dump(const ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ordered_json OptionsJson(const std::vector<SurveyOption>& options) {
  ordered_json out = ordered_json::array();
  for (const SurveyOption& o : options) out.push_back({{"id", o.id}, {"label", o.label}});
  return out;
}

std::vector<SurveyOption> OptionsFrom(const ordered_json& json) {
  std::vector<SurveyOption> out;
  for (const ordered_json& o : json) {
    out.push_back({o.at("id").get<std::string>(), o.at("label").get<std::string>()});
  }
  return out;
}

ordered_json OptionalNumber(const std::optional<double>& x) {
  return x ? ordered_json(*x) : ordered_json(nullptr);
}

std::optional<double> OptionalNumberFrom(const ordered_json& json) {
  if (json.is_null()) return std::nullopt;
  return json.get<double>();
}

ordered_json QuestionJson(const Question& q) {
  ordered_json json;
  json["id"] = q.id;
  json["kind"] = QuestionKindName(q.kind);
  json["text"] = q.text;
  json["hint"] = q.hint;
  json["required"] = q.required;
  json["about_you"] =
      q.about_you ? ordered_json(AboutYouName(*q.about_you)) : ordered_json(nullptr);
  json["scale"] = q.scale;
  json["options"] = OptionsJson(q.options);
  json["min_choices"] = q.min_choices;
  json["max_choices"] = q.max_choices;
  json["min"] = OptionalNumber(q.min);
  json["max"] = OptionalNumber(q.max);
  json["whole"] = q.whole;
  json["max_length"] = q.max_length;
  json["show_if"] =
      q.show_if ? ordered_json{{"question", q.show_if->question}, {"any_of", q.show_if->any_of}}
                : ordered_json(nullptr);
  json["feeds"] =
      q.feeds ? ordered_json{{"indicator", q.feeds->indicator}, {"counted", q.feeds->counted}}
              : ordered_json(nullptr);
  return json;
}

// The enum named by the string `json`; throws BadValue naming `what` when there is none.
template <typename T, typename Parse>
T EnumFrom(const ordered_json& json, Parse parse, std::string_view what) {
  const std::string name = json.get<std::string>();
  const std::optional<T> value = parse(name);
  if (!value) {
    throw BadValue(fmt::format("unknown {} '{}'", what, name));
  }
  return *value;
}

Question QuestionFrom(const ordered_json& json) {
  Question q;
  q.id = json.at("id").get<std::string>();
  q.kind = EnumFrom<QuestionKind>(json.at("kind"), ParseQuestionKind, "question kind");
  q.text = json.at("text").get<std::string>();
  q.hint = json.at("hint").get<std::string>();
  q.required = json.at("required").get<bool>();
  if (!json.at("about_you").is_null()) {
    q.about_you = EnumFrom<AboutYou>(json.at("about_you"), ParseAboutYou, "about-you band");
  }
  q.scale = json.at("scale").get<std::string>();
  q.options = OptionsFrom(json.at("options"));
  q.min_choices = json.at("min_choices").get<int>();
  q.max_choices = json.at("max_choices").get<int>();
  q.min = OptionalNumberFrom(json.at("min"));
  q.max = OptionalNumberFrom(json.at("max"));
  q.whole = json.at("whole").get<bool>();
  q.max_length = json.at("max_length").get<std::size_t>();
  if (const ordered_json& s = json.at("show_if"); !s.is_null()) {
    q.show_if =
        ShowIf{s.at("question").get<std::string>(), s.at("any_of").get<std::vector<std::string>>()};
  }
  if (const ordered_json& f = json.at("feeds"); !f.is_null()) {
    q.feeds = IndicatorFeed{f.at("indicator").get<std::string>(),
                            f.at("counted").get<std::vector<std::string>>()};
  }
  return q;
}

Date DateFrom(const ordered_json& json) {
  const std::string text = json.get<std::string>();
  const std::optional<Date> date = Date::Parse(text);
  if (!date) {
    throw BadValue(fmt::format("'{}' is not a date", text));
  }
  return *date;
}

ordered_json SectionJson(const SurveySection& s) {
  ordered_json questions = ordered_json::array();
  for (const Question& q : s.questions) questions.push_back(QuestionJson(q));
  return {{"id", s.id}, {"title", s.title}, {"intro", s.intro}, {"questions", questions}};
}

SurveySection SectionFrom(const ordered_json& json) {
  SurveySection s;
  s.id = json.at("id").get<std::string>();
  s.title = json.at("title").get<std::string>();
  s.intro = json.at("intro").get<std::string>();
  for (const ordered_json& q : json.at("questions")) s.questions.push_back(QuestionFrom(q));
  return s;
}

Survey SurveyFrom(const ordered_json& json) {
  Survey s;
  s.id = json.at("id").get<std::string>();
  s.code = json.at("code").get<std::string>();
  s.title = json.at("title").get<std::string>();
  s.threshold = json.at("threshold").get<int>();
  for (const ordered_json& w : json.at("wording")) {
    s.wording.push_back({w.at("ages").get<std::string>(), w.at("introduction").get<std::string>(),
                         w.at("consent").get<std::string>()});
  }
  s.wards = OptionsFrom(json.at("wards"));
  s.area = json.value("area", std::string());  // absent from surveys stored before it was kept
  for (const ordered_json& section : json.at("sections"))
    s.sections.push_back(SectionFrom(section));
  for (const ordered_json& w : json.at("waves")) {
    s.waves.push_back({w.at("id").get<std::string>(), w.at("name").get<std::string>(),
                       DateFrom(w.at("opens")), DateFrom(w.at("closes")),
                       w.value("period", std::string())});
  }
  return s;
}

ordered_json AnswerJson(const Answer& a) {
  ordered_json json = ordered_json::object();
  if (!a.choices.empty()) json["choices"] = a.choices;
  if (a.number) json["number"] = *a.number;
  if (!a.text.empty()) json["text"] = a.text;
  return json;
}

Answer AnswerFrom(const ordered_json& json) {
  if (!json.is_object()) {
    throw BadValue("an answer is not an object");
  }
  Answer a;
  if (const auto it = json.find("choices"); it != json.end()) {
    a.choices = it->get<std::vector<std::string>>();
  }
  if (const auto it = json.find("number"); it != json.end()) a.number = it->get<double>();
  if (const auto it = json.find("text"); it != json.end()) a.text = it->get<std::string>();
  return a;
}

Error NotValid(std::string_view what, const std::exception& e) {
  return Error{ErrorCode::kDatabase, fmt::format("stored {} is not valid: {}", what, e.what()), {}};
}

}  // namespace

std::string SurveyToJson(const Survey& s) {
  ordered_json json;
  json["id"] = s.id;
  json["code"] = s.code;
  json["title"] = s.title;
  json["threshold"] = s.threshold;
  json["wording"] = ordered_json::array();
  for (const AgeWording& w : s.wording) {
    json["wording"].push_back(
        {{"ages", w.ages}, {"introduction", w.introduction}, {"consent", w.consent}});
  }
  json["wards"] = OptionsJson(s.wards);
  json["area"] = s.area;
  json["sections"] = ordered_json::array();
  for (const SurveySection& section : s.sections) json["sections"].push_back(SectionJson(section));
  json["waves"] = ordered_json::array();
  for (const SurveyWave& w : s.waves) {
    json["waves"].push_back({{"id", w.id},
                             {"name", w.name},
                             {"opens", w.opens.ToString()},
                             {"closes", w.closes.ToString()},
                             {"period", w.period}});
  }
  return Dump(json);
}

Result<Survey> SurveyFromJson(std::string_view text) {
  try {
    return SurveyFrom(ordered_json::parse(text));
  } catch (const nlohmann::json::exception& e) {
    return tl::unexpected(NotValid("survey", e));
  } catch (const BadValue& e) {
    return tl::unexpected(NotValid("survey", e));
  }
}

std::string ResponseToJson(const Response& response) {
  ordered_json json = ordered_json::object();
  for (const auto& [question, answer] : response) json[question] = AnswerJson(answer);
  return Dump(json);
}

Result<Response> ResponseFromJson(std::string_view text) {
  try {
    const ordered_json json = ordered_json::parse(text);
    if (!json.is_object()) {
      throw BadValue("a response is not an object");
    }
    Response response;
    for (const auto& [question, answer] : json.items()) {
      response.emplace(question, AnswerFrom(answer));
    }
    return response;
  } catch (const nlohmann::json::exception& e) {
    return tl::unexpected(NotValid("survey response", e));
  } catch (const BadValue& e) {
    return tl::unexpected(NotValid("survey response", e));
  }
}

}  // namespace waymark::store
