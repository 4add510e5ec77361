// A board report as a plain value: everything a report shows (the summary, each outcome's
// objectives with their indicators and actions, the exceptions with the rule that chose each,
// the Family Friendly Index and what young people told us), already suppressed and worded, so
// that rendering it needs nothing else. Issuing a report stores this value as JSON
// (BoardReportJson) and the renderers read it back (ParseBoardReport): a frozen report is drawn
// from what it held, never derived again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/board_report.h"
#include "core/judgement_label.h"
#include "core/result.h"
#include "report/charts.h"

namespace waymark::report {

// The gap between a group of an indicator's figures and its comparison group (a breakdown the
// catalogue declares), for the plan's council in the gap's latest period.
struct ReportGap {
  std::string dimension;   // the breakdown's label, e.g. "Social care group"
  std::string group;       // e.g. "CLA 12 months at 31 March"
  std::string comparison;  // e.g. "CINO at 31 March"
  std::string period;
  std::string gap_text;       // "+8.1", or "suppressed (small numbers)"
  std::string interval_text;  // "2.0 to 14.2", or "" (with `note` saying why)
  std::string trend;          // "Gap narrowing", "Gap widening", ... (stats::GapTrendLabel)
  bool widening = false;      // the trend is GapTrend::kWidening
  bool suppressed = false;
  std::string note;
};

// One indicator of an objective, for the plan's council in its latest period.
struct ReportIndicator {
  std::string id;
  std::string title;
  std::string unit;
  std::string area_name;
  std::string period;       // label of the latest period with a figure
  double value = kNoValue;  // NaN when missing or suppressed
  double lower95 = kNoValue;
  double upper95 = kNoValue;
  double england = kNoValue;
  std::string value_text;    // as the dashboard shows it ("suppressed: fewer than 5" when so)
  std::string england_text;
  std::string interval_text;  // "95.1 to 97.3" or ""
  bool suppressed = false;
  std::string vs_england;        // Fingertips label or a fifth (Words), "" when not compared
  std::string comparison_basis;  // ComparisonBasisText: the method, or why not compared
  std::string recent_trend;      // Fingertips recent-trend label (Words), "" when none
  std::string polarity;      // "high", "low" or "neutral"
  SpineRow spine;
  TrendChart trend;
  std::string commentary;
  std::vector<ReportGap> gaps;  // one per group of each breakdown, when it has a gap

  // The labels read back from the words kept in the report (kNone for words of no label).
  Comparison EnglandComparison() const;
  RecentTrend Trend() const;
};

// One action with its update of the report's cycle.
struct ReportAction {
  std::string id;
  std::string title;
  std::vector<std::string> responsible;  // organisation names
  std::string status;         // ActionStatusName, "" when no submitted update
  std::string status_label;   // "On track", "No update", "Overdue"…
  bool overdue = false;
  bool disagrees = false;     // the evidence and the update disagree
  std::string previous_status;  // the previous cycle's submitted status ("" when none)
  std::string narrative;
  std::string next_steps;
  std::vector<std::string> evidence;
  std::string author;        // name of who last saved the update
  std::string submitted_at;  // ISO 8601 UTC, "" unless submitted
  std::string commentary;
};

struct ReportObjective {
  std::string id;
  std::string title;
  std::vector<ReportIndicator> indicators;
  std::vector<ReportAction> actions;
  std::string commentary;
};

// Counts for the one-page summary of an outcome (and of the plan).
struct ReportCounts {
  int indicators = 0;
  int better = 0;
  int similar = 0;
  int worse = 0;         // worse than England (95%)
  int getting_worse = 0;
  int actions = 0;
  int on_track = 0;
  int at_risk = 0;
  int off_track = 0;
  int complete = 0;
  int no_update = 0;
  int overdue = 0;
  int disagree = 0;
};

struct ReportOutcome {
  std::string id;
  std::string title;
  std::string description;
  std::vector<std::string> voice;  // what young people told us
  std::vector<ReportObjective> objectives;
  ReportCounts counts;
  std::string commentary;
  // The plan's wording for the children's version ("" while it is still being written).
  std::string children_promised;
  std::string children_did;
  std::string children_next;
};

// Why an item needs the board's attention. Each rule is stated in words beside the item.
enum class ExceptionRule {
  kWorseThanEngland,   // significantly worse than England in the latest period (95%)
  kGettingWorse,       // recent trend "getting worse"
  kOffTrackTwice,      // off track in this cycle and the previous one
  kOffTrack,           // off track in this cycle
  kOverdue,            // no submitted update after the due date
  kDisagree,           // the update says on track or complete; an indicator is getting worse
  kGapWidening,        // a gap between groups of an indicator is widening (99.8%)
};
std::string_view ExceptionRuleName(ExceptionRule rule);  // "worse-than-england"…
std::optional<ExceptionRule> ParseExceptionRule(std::string_view name);
std::string_view ExceptionRuleText(ExceptionRule rule);  // the rule in words

struct ReportException {
  ExceptionRule rule = ExceptionRule::kWorseThanEngland;
  std::string outcome_id;
  std::string outcome_title;
  std::string subject;  // "indicator:ID" or "action:ID"
  std::string title;
  std::string detail;   // the figures or the update that met the rule
  std::string commentary;
};

// The measures that moved the index score most between two years.
struct IndexMover {
  std::string measure;
  double change = kNoValue;  // contribution this year minus last year
};

struct ReportIndex {
  std::string title;
  std::string area_name;
  int year = 0;
  double score = kNoValue;
  double rank = kNoValue;
  double rank_p05 = kNoValue;
  double rank_p95 = kNoValue;
  int ranked = 0;
  std::string comparison;
  int previous_year = 0;  // 0 when there is no earlier year
  double previous_score = kNoValue;
  double previous_rank = kNoValue;
  std::vector<IndexMover> movers;  // largest changes first, at most five
};

struct BoardReport {
  ReportKind kind = ReportKind::kPlan;
  std::string plan_id;
  std::string plan_title;
  std::string organisation;
  std::string title;       // e.g. "Board pack: 2026–27 Q2"
  std::string outcome_id;  // the outcome of an outcome report, else ""
  std::int64_t cycle_id = 0;  // 0 when the plan has had no cycle
  std::string cycle_name;    // "" when the plan has had no cycle
  std::string cycle_period;  // "1 July 2026 to 30 September 2026"
  std::string cycle_due;
  std::string data_as_of;    // ISO 8601 UTC of the latest figures imported or judged
  std::string generated_at;  // ISO 8601 UTC
  std::string area_name;     // the plan's council
  int suppress_below = 0;    // counts under this are suppressed (0: the sources' own rules)
  std::vector<ReportOutcome> outcomes;
  std::vector<ReportException> exceptions;
  std::optional<ReportIndex> index;
  std::string commentary;  // on the whole report
  ReportCounts counts;     // the whole report
  // The last report of the same kind and scope issued before this one ("" when none) and what
  // changed since it (DescribeChanges).
  std::string previous_title;
  std::string previous_issued_at;
  std::vector<std::string> changes;
};

// The report as JSON (stable field names; numbers as numbers, NaN as null) and back. A text
// that is not such JSON gives kInvalidArgument naming the field.
std::string BoardReportJson(const BoardReport& report);
Result<BoardReport> ParseBoardReport(std::string_view json);

// What changed from `before` to `after`, one sentence per change: an indicator's latest period,
// value or comparison with England, an action's status, and the index score and rank.
std::vector<std::string> DescribeChanges(const BoardReport& before, const BoardReport& after);

}  // namespace waymark::report
