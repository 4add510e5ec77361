// The GOV.UK Frontend form components every form of the site is made of: the hidden CSRF field,
// the error summary linking to the fields, text inputs, text areas with a character count,
// radios and buttons. Each field shows its own error message (and is described by it) when the
// list of problems names it. Everything works without JavaScript.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/field_error.h"
#include "report/html.h"

namespace waymark::report {

void HiddenCsrf(Html& h, std::string_view token);
void HiddenField(Html& h, std::string_view name, std::string_view value);

// "There is a problem" with one link per problem to its field (#FIELD); nothing when empty.
void ErrorSummary(Html& h, const FieldErrors& errors);
// The message of the first problem with `field`, or "".
std::string ErrorFor(const FieldErrors& errors, std::string_view field);
// "Error: " before a page title when there are problems (as GOV.UK asks).
std::string TitleWithErrors(std::string_view title, const FieldErrors& errors);

struct TextField {
  std::string_view id = {};  // also the field's name
  std::string_view label = {};
  std::string_view value = {};
  std::string_view hint = {};
  std::string_view type = "text";
  std::string_view width = {};  // e.g. "govuk-input--width-10"
  std::string_view autocomplete = "off";
  bool label_is_heading = false;
  std::string_view inputmode = {};  // e.g. "decimal" or "numeric" for a number
  std::string_view label_size = {};  // "" (body size), "m" or "l"
};
void TextInput(Html& h, const TextField& field, const FieldErrors& errors);

struct TextAreaField {
  std::string_view id = {};
  std::string_view label = {};
  std::string_view value = {};
  std::string_view hint = {};
  std::size_t max_characters = 0;  // > 0: a character count ("You can enter up to N characters")
  int rows = 5;
  bool label_is_heading = false;
  std::string_view label_size = {};  // "" (body size), "m" or "l"
};
void TextArea(Html& h, const TextAreaField& field, const FieldErrors& errors);

struct RadiosField {
  std::string_view name = {};  // the first radio's id is the name, for the error summary's link
  std::string_view legend = {};
  std::string_view hint = {};
  std::vector<std::pair<std::string, std::string>> options = {};  // value, label
  std::string_view selected = {};
  bool inline_options = false;
  // The legend's size: "s" (default), "m", or "l" (then it is also the page's h1, for a page
  // that asks one question).
  std::string_view legend_size = "s";
};
void Radios(Html& h, const RadiosField& field, const FieldErrors& errors);

// Checkboxes: the same as radios (the first box's id is the name), any number chosen.
struct CheckboxesField {
  std::string_view name = {};
  std::string_view legend = {};
  std::string_view hint = {};
  std::vector<std::pair<std::string, std::string>> options = {};  // value, label
  std::vector<std::string> selected = {};
  std::string_view legend_size = "s";
};
void Checkboxes(Html& h, const CheckboxesField& field, const FieldErrors& errors);

enum class ButtonKind { kPrimary, kSecondary, kWarning };
// <button type="submit" name=NAME value=VALUE> (name and value left out when `name` is empty).
void SubmitButton(Html& h, std::string_view text, ButtonKind kind = ButtonKind::kPrimary,
                  std::string_view name = {}, std::string_view value = {});

}  // namespace waymark::report
