// "You said, we did" pages: for analysts, /findings lists a plan's findings by outcome and
// /findings/new and /findings/{id} are the forms for one finding and its answers (each form of
// a stored finding carrying the version it was read at); for children
// and young people, /young-people shows the published plan's findings in plain words, outcome
// by outcome ("What you told us", what we did, are doing or cannot do and why, "What happens
// next"), with example answers marked as examples.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_error.h"
#include "core/finding.h"
#include "core/plan.h"
#include "report/layout.h"

namespace waymark::report {

// The id of the section of a finding's page that shows it as stored now, after someone else
// changed it (FindingFormPage::stale); the error summary links to it.
inline constexpr std::string_view kStoredNowId = "stored-now";

// The address of the findings list, a finding's page ("" suffix) or one of its forms.
std::string FindingsHref(const Links& links);
std::string FindingHref(const Links& links, std::int64_t id, std::string_view suffix = {});

struct FindingListPage {
  Links links;
  const Plan* plan = nullptr;
  std::vector<Finding> findings;
};
std::string RenderFindingListPage(const FindingListPage& page);

// What a finding's form holds as typed (re-shown as typed when refused).
struct FindingForm {
  std::string key;
  std::string outcome;
  std::string said;
  std::string source;
  std::string source_name;
  std::string date;
  std::string participants;
};
FindingForm FormOf(const Finding& finding);

// What the answer form holds as typed.
struct AnswerForm {
  std::string target;
  std::string kind;
  std::string text;
  std::string date;
  std::string answered_by;
  bool illustrative = false;
};

// The new-finding form (finding.id 0) or a stored finding's page: its form, its answers (each
// with a remove button), the answer form and the delete button. Every form of a stored finding
// carries its version (hidden field "version"), so a change made after someone else's is
// refused. When `stale`, someone else changed the finding after its writer opened the page:
// the finding as stored now is shown (section "stored-now") above the forms, which keep what
// was typed and carry the version now stored.
struct FindingFormPage {
  Links links;
  const Plan* plan = nullptr;
  Finding finding;  // as stored (id 0: a new finding)
  bool stale = false;
  FindingForm form;
  FieldErrors errors;  // of the finding's form
  AnswerForm answer;
  FieldErrors answer_errors;  // of the answer form: "target", "kind", "text", ...
  std::string csrf_token;
};
std::string RenderFindingFormPage(const FindingFormPage& page);

struct YoungPeoplePage {
  Links links;
  const Plan* plan = nullptr;
  std::vector<Finding> findings;
};
std::string RenderYoungPeoplePage(const YoungPeoplePage& page);

// "You said: ... We did: ..." for one finding: the line the children's version of board
// reports shows under "What you told us".
std::string YouSaidWeDid(const Finding& finding);

}  // namespace waymark::report
