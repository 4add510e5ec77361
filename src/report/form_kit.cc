// GOV.UK Frontend form components (see form_kit.h).
#include "report/form_kit.h"

#include <algorithm>

namespace waymark::report {
namespace {

std::string GroupClass(bool has_error) {
  return has_error ? "govuk-form-group govuk-form-group--error" : "govuk-form-group";
}

void ErrorMessage(Html& h, std::string_view id, std::string_view message) {
  h.Open("p", {{"class", "govuk-error-message"}, {"id", std::string(id) + "-error"}});
  h.Element("span", {{"class", "govuk-visually-hidden"}}, "Error:");
  h.Text(" ");
  h.Text(message);
  h.Close("p");
}

void Hint(Html& h, std::string_view id, std::string_view hint) {
  if (hint.empty()) return;
  h.Element("div", {{"class", "govuk-hint"}, {"id", std::string(id) + "-hint"}}, hint);
}

// The ids of the hint and error message that describe a field ("" when neither).
std::string DescribedBy(std::string_view id, std::string_view hint, std::string_view error,
                        std::string_view extra = {}) {
  std::string out;
  auto add = [&](const std::string& part) {
    if (!out.empty()) out += ' ';
    out += part;
  };
  if (!hint.empty()) add(std::string(id) + "-hint");
  if (!extra.empty()) add(std::string(extra));
  if (!error.empty()) add(std::string(id) + "-error");
  return out;
}

// A field's label; as the page's h1 when `heading`, sized "l" then (or by `size`).
void Label(Html& h, std::string_view id, std::string_view label, bool heading,
           std::string_view size = {}) {
  if (heading) h.Open("h1", {{"class", "govuk-label-wrapper"}});
  if (heading && size.empty()) size = "l";
  const std::string cls = size.empty() ? "govuk-label" : "govuk-label govuk-label--" + std::string(size);
  h.Element("label", {{"class", cls}, {"for", id}}, label);
  if (heading) h.Close("h1");
}

}  // namespace

void HiddenCsrf(Html& h, std::string_view token) { HiddenField(h, "csrf_token", token); }

void HiddenField(Html& h, std::string_view name, std::string_view value) {
  h.Void("input", {{"type", "hidden"}, {"name", name}, {"value", value}});
}

void ErrorSummary(Html& h, const FieldErrors& errors) {
  if (errors.empty()) return;
  h.Open("div", {{"class", "govuk-error-summary"}, {"data-module", "govuk-error-summary"}});
  h.Open("div", {{"role", "alert"}});
  h.Element("h2", {{"class", "govuk-error-summary__title"}}, "There is a problem");
  h.Open("div", {{"class", "govuk-error-summary__body"}});
  h.Open("ul", {{"class", "govuk-list govuk-error-summary__list"}});
  for (const FieldError& e : errors) {
    h.Open("li");
    if (e.field.empty()) {
      h.Text(e.message);
    } else {
      h.Link("#" + e.field, e.message, "");
    }
    h.Close("li");
  }
  h.Close("ul").Close("div").Close("div").Close("div");
}

std::string ErrorFor(const FieldErrors& errors, std::string_view field) {
  for (const FieldError& e : errors) {
    if (e.field == field) return e.message;
  }
  return "";
}

std::string TitleWithErrors(std::string_view title, const FieldErrors& errors) {
  return errors.empty() ? std::string(title) : "Error: " + std::string(title);
}

void TextInput(Html& h, const TextField& f, const FieldErrors& errors) {
  const std::string error = ErrorFor(errors, f.id);
  h.Open("div", {{"class", GroupClass(!error.empty())}});
  Label(h, f.id, f.label, f.label_is_heading, f.label_size);
  Hint(h, f.id, f.hint);
  if (!error.empty()) ErrorMessage(h, f.id, error);
  std::string cls = error.empty() ? "govuk-input" : "govuk-input govuk-input--error";
  if (!f.width.empty()) cls.append(" ").append(f.width);
  const std::string described = DescribedBy(f.id, f.hint, error);
  std::vector<Attr> attrs = {{"class", cls},         {"id", f.id},
                             {"name", f.id},         {"type", f.type},
                             {"value", f.value},     {"autocomplete", f.autocomplete},
                             {"spellcheck", "false"}};
  if (!described.empty()) attrs.push_back({"aria-describedby", described});
  if (!f.inputmode.empty()) attrs.push_back({"inputmode", f.inputmode});
  h.Void("input", attrs);
  h.Close("div");
}

void TextArea(Html& h, const TextAreaField& f, const FieldErrors& errors) {
  const std::string error = ErrorFor(errors, f.id);
  const bool counted = f.max_characters > 0;
  const std::string max = std::to_string(f.max_characters);
  if (counted) {
    h.Open("div", {{"class", "govuk-character-count"},
                   {"data-module", "govuk-character-count"},
                   {"data-maxlength", max}});
  }
  h.Open("div", {{"class", GroupClass(!error.empty())}});
  Label(h, f.id, f.label, f.label_is_heading, f.label_size);
  Hint(h, f.id, f.hint);
  if (!error.empty()) ErrorMessage(h, f.id, error);
  std::string cls = error.empty() ? "govuk-textarea" : "govuk-textarea govuk-textarea--error";
  if (counted) cls += " govuk-js-character-count";
  const std::string info_id = std::string(f.id) + "-info";
  const std::string described = DescribedBy(f.id, f.hint, error, counted ? info_id : "");
  const std::string rows = std::to_string(f.rows);
  std::vector<Attr> attrs = {{"class", cls}, {"id", f.id}, {"name", f.id}, {"rows", rows}};
  if (!described.empty()) attrs.push_back({"aria-describedby", described});
  h.Open("textarea", attrs).Text(f.value).Close("textarea");
  h.Close("div");
  if (counted) {
    h.Element("div", {{"id", info_id}, {"class", "govuk-hint govuk-character-count__message"}},
              "You can enter up to " + max + " characters");
    h.Close("div");
  }
}

namespace {

// The fieldset and legend of a group of radios or checkboxes, with its hint and error; leaves
// the fieldset open.
void OpenChoiceGroup(Html& h, std::string_view name, std::string_view legend,
                     std::string_view hint, std::string_view legend_size,
                     const std::string& error) {
  h.Open("div", {{"class", GroupClass(!error.empty())}});
  const std::string described = DescribedBy(name, hint, error);
  std::vector<Attr> fieldset = {{"class", "govuk-fieldset"}};
  if (!described.empty()) fieldset.push_back({"aria-describedby", described});
  h.Open("fieldset", fieldset);
  const std::string legend_class =
      "govuk-fieldset__legend govuk-fieldset__legend--" + std::string(legend_size);
  if (legend_size == "l") {
    h.Open("legend", {{"class", legend_class}});
    h.Element("h1", {{"class", "govuk-fieldset__heading"}}, legend);
    h.Close("legend");
  } else {
    h.Element("legend", {{"class", legend_class}}, legend);
  }
  Hint(h, name, hint);
  if (!error.empty()) ErrorMessage(h, name, error);
}

// One radio or checkbox with its label; the first of a group has the group's name as its id.
void ChoiceItem(Html& h, std::string_view kind, std::string_view name, const std::string& value,
                const std::string& label, bool first, bool checked) {
  const std::string id = first ? std::string(name) : std::string(name) + "-" + value;
  const std::string prefix = "govuk-" + std::string(kind);
  const std::string item_class = prefix + "__item";
  const std::string input_class = prefix + "__input";
  const std::string label_class = "govuk-label " + prefix + "__label";
  h.Open("div", {{"class", item_class}});
  std::vector<Attr> attrs = {{"class", input_class},
                             {"id", id},
                             {"name", name},
                             {"type", kind == "radios" ? "radio" : "checkbox"},
                             {"value", value}};
  if (checked) attrs.push_back({"checked", "checked"});
  h.Void("input", attrs);
  h.Element("label", {{"class", label_class}, {"for", id}}, label);
  h.Close("div");
}

}  // namespace

void Radios(Html& h, const RadiosField& f, const FieldErrors& errors) {
  OpenChoiceGroup(h, f.name, f.legend, f.hint, f.legend_size, ErrorFor(errors, f.name));
  h.Open("div", {{"class", f.inline_options ? "govuk-radios govuk-radios--inline" : "govuk-radios"},
                 {"data-module", "govuk-radios"}});
  bool first = true;
  for (const auto& [value, label] : f.options) {
    ChoiceItem(h, "radios", f.name, value, label, first, value == f.selected);
    first = false;
  }
  h.Close("div").Close("fieldset").Close("div");
}

void Checkboxes(Html& h, const CheckboxesField& f, const FieldErrors& errors) {
  OpenChoiceGroup(h, f.name, f.legend, f.hint, f.legend_size, ErrorFor(errors, f.name));
  h.Open("div", {{"class", "govuk-checkboxes"}, {"data-module", "govuk-checkboxes"}});
  bool first = true;
  for (const auto& [value, label] : f.options) {
    const bool checked =
        std::find(f.selected.begin(), f.selected.end(), value) != f.selected.end();
    ChoiceItem(h, "checkboxes", f.name, value, label, first, checked);
    first = false;
  }
  h.Close("div").Close("fieldset").Close("div");
}

void SubmitButton(Html& h, std::string_view text, ButtonKind kind, std::string_view name,
                  std::string_view value) {
  std::string_view cls = "govuk-button";
  if (kind == ButtonKind::kSecondary) cls = "govuk-button govuk-button--secondary";
  if (kind == ButtonKind::kWarning) cls = "govuk-button govuk-button--warning";
  std::vector<Attr> attrs = {
      {"type", "submit"}, {"class", cls}, {"data-module", "govuk-button"}};
  if (!name.empty()) {
    attrs.push_back({"name", name});
    attrs.push_back({"value", value});
  }
  h.Open("button", attrs).Text(text).Close("button");
}

}  // namespace waymark::report
