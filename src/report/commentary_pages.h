// The analyst's commentary for board reports: /reports/commentary lists every item of the plan
// that commentary can be written on, in one reporting cycle, with what is written on each;
// /reports/commentary/edit is the form for one item (the text with a character count; a save
// that met someone else's newer save shows their text beside the one being typed).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/board_report.h"
#include "core/cycle.h"
#include "core/field_error.h"
#include "core/plan.h"
#include "report/indicator_data.h"
#include "report/layout.h"

namespace waymark::report {

// One item of a plan that commentary can be written on.
struct CommentarySubject {
  std::string subject;  // "plan", "outcome:ID", "objective:ID", "indicator:ID" or "action:ID"
  std::string kind;     // "Whole plan", "Outcome", "Objective", "Indicator" or "Action"
  std::string title;
  std::string outcome_id;  // the outcome it is listed under ("" for the whole plan)
};

// Every item of `plan` in the order of the board pack: the whole plan, then per outcome the
// outcome, each objective, the objective's indicators (from `data`; none when nullptr) and its
// actions. An indicator linked to several objectives is listed once, under its first.
std::vector<CommentarySubject> CommentarySubjects(const Plan& plan, const IndicatorData* data);

// The item named `subject`, or nullptr.
const CommentarySubject* FindCommentarySubject(const std::vector<CommentarySubject>& subjects,
                                               std::string_view subject);

// The element id of an item's row on the list page: "c-" and the subject with ':' as '-'.
std::string CommentaryRowId(std::string_view subject);

// The list page's and the form's address: /reports/commentary[/edit] with the plan (when the
// links carry it), the cycle (when there is one) and the subject (when not empty).
std::string CommentaryHref(const Links& links, std::optional<std::int64_t> cycle_id,
                           std::string_view subject = {}, bool edit = false);

struct CommentaryListPage {
  Links links;
  std::vector<CommentarySubject> subjects;
  std::vector<Commentary> written;      // of the cycle shown
  std::vector<ReportingCycle> cycles;   // newest first
  std::optional<std::int64_t> cycle_id;  // the cycle shown (nullopt: the plan has none)
};
std::string RenderCommentaryListPage(const CommentaryListPage& page);

struct CommentaryFormPage {
  Links links;
  CommentarySubject subject;
  std::optional<std::int64_t> cycle_id;
  std::string cycle_name;  // "" when the plan has no cycle
  std::string text;        // what is in the box
  int version = 0;         // the version the save replaces (0: none yet)
  std::string csrf_token;
  FieldErrors errors;
  // Set when the save met a newer one: what is stored now (its text, author and time).
  std::optional<Commentary> theirs = std::nullopt;
};
std::string RenderCommentaryFormPage(const CommentaryFormPage& page);

}  // namespace waymark::report
