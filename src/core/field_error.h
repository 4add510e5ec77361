// A problem with one field of a form or API body, named by the field (the form field's and the
// JSON member's name) so that a page can link its error summary to it and an API can name it.
#pragma once

#include <string>
#include <vector>

namespace waymark {

struct FieldError {
  std::string field;
  std::string message;  // what to do, in GOV.UK error-message style
  bool operator==(const FieldError&) const = default;
};
using FieldErrors = std::vector<FieldError>;

}  // namespace waymark
