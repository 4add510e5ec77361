// Wording shared by the plan pages: labels for statuses, kinds and directions, dates and
// periods, counts, partner and body names, and summary list rows.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan.h"
#include "report/html.h"

namespace waymark::report {

// "1 April 2019".
std::string LongDate(const Date& date);
// "3 December 2026 at 14:13" for an ISO 8601 UTC time "2026-12-03T14:13:28Z" (the text as
// given when it is not one).
std::string LongTime(std::string_view iso);
// "1 April 2019 to 31 March 2023", or "period not stated" for a plan without a period.
std::string PlanPeriod(const Plan& plan);
// "Published", "Draft", "Archived" (other values capitalised as given).
std::string StatusLabel(std::string_view status);
// "Outcome", "Stage of the child's journey", "Cross-cutting priority", "Theme".
std::string KindLabel(OutcomeKind kind);
std::string DirectionLabel(Direction d);
// "Outcomes", or "Stages and priorities" when the plan is of the older shape.
std::string OutcomesHeading(const Plan& plan);

struct OutcomeCounts {
  int objectives = 0;
  int actions = 0;
  int partners = 0;  // distinct partners responsible for at least one action
};
OutcomeCounts CountOutcome(const Outcome& outcome);

// Names of the partners / monitoring bodies with these ids (unknown ids are shown as given).
std::vector<std::string> PartnerNames(const Plan& plan, const std::vector<std::string>& ids);
std::vector<std::string> BodyNames(const Plan& plan, const std::vector<std::string>& ids);
// "a; b; c" ("" for none).
std::string JoinNames(const std::vector<std::string>& names);

// <div class="govuk-summary-list__row"><dt>key</dt><dd>value</dd></div>
void SummaryRow(Html& h, std::string_view key, std::string_view value);

// A column of a plan page's table: its heading and a GOV.UK width override class (or empty).
struct Column {
  std::string_view title;
  std::string_view width;
};
// A table's caption and header row.
void TableHead(Html& h, std::string_view caption, std::initializer_list<Column> cols);

// "2023", "March 2023" or "14 March 2013": a date as precisely as it is known.
std::string PartialDateLabel(const PartialDate& date);

}  // namespace waymark::report
