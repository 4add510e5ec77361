// Surveys and survey responses as the store keeps them: JSON documents that read back equal to
// what was written (every field of core's Survey and Answer, numbers exactly).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "core/survey.h"

namespace waymark::store {

std::string SurveyToJson(const Survey& survey);
// kDatabase naming what is wrong when `text` is not a survey document.
Result<Survey> SurveyFromJson(std::string_view text);

// A response as an object: question id -> {"choices": [...]}, {"number": n} or {"text": "..."}
// (only the parts an answer has).
std::string ResponseToJson(const Response& response);
Result<Response> ResponseFromJson(std::string_view text);

}  // namespace waymark::store
