// Figures of local measures entered in the browser: who may enter them, the areas they may be
// for, and the one function every form that takes them calls (the figures page
// /indicators/{id}/figures, and the action update form for the local measures of an action's
// objective). Figures are checked like a row of a data file, kept through the same
// ObservationImport as file imports (so they have provenance and revisions like any imported
// figure), judged at once and audited.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "assess/rejudge.h"
#include "core/access.h"
#include "core/clock.h"
#include "core/cycle.h"
#include "core/field_error.h"
#include "core/indicator.h"
#include "core/period.h"
#include "ingest/local_figure.h"
#include "store/store.h"
#include "web/indicator_source.h"
#include "web/plan_source.h"
#include "web/route_kit.h"

namespace waymark::web {

// The provenance of figures entered in a form: DataImportInfo's file and format.
inline constexpr std::string_view kFormFile = "web form";
inline constexpr std::string_view kFormFormat = "form";

// True when `principal` may enter figures of `indicator`: it is a local measure, and the
// principal is an analyst, or a partner user of the organisation that owns it
// (Indicator::owner). A local measure with no owner takes figures from analysts only.
bool MayEnterFigures(const Principal& principal, const Indicator& indicator);

// The local measures of `catalogue` that `principal` may enter figures of, in catalogue order.
std::vector<const Indicator*> EnterableMeasures(const std::vector<Indicator>& catalogue,
                                                const Principal& principal);

// The areas a figure of a local measure may be for: the plan's council (report::kDefaultArea)
// and then its wards by name, as (code, name); empty when the council is not among `areas`.
std::vector<std::pair<std::string, std::string>> FigureAreas(const std::vector<Area>& areas);

// One figure to keep: a local measure's id, the fields as sent, the text put before the field
// names of its problems (FigurePrefix when a form has several; "" for one), and the text put
// before their messages ("" for none; the measure's title when a form has several).
struct LocalFigureEntry {
  std::string indicator;
  ingest::LocalFigureInput input;
  std::string field_prefix;
  std::string message_prefix;
};

// The prefix of the fields of `indicator`'s figure in a form that has several: "figure-ID-".
std::string FigurePrefix(std::string_view indicator);

// The figure of `indicator` sent in `form` under `prefix` (its fields "area", "value", "count",
// "denominator", "note" and, unless `period` is given, "period"), for `period` when given;
// nullopt when every field but the area is left blank (no figure this time).
std::optional<ingest::LocalFigureInput> FigureInputOf(
    const std::multimap<std::string, std::string>& form, std::string_view prefix,
    const std::optional<Period>& period);

// The period a reporting cycle covers, as figures are labelled: a calendar year (1 January to
// 31 December), a financial or academic year (1 April to 31 March, 1 September to 31 August),
// a quarter of the financial year (April to June is Q1: "2026/27 Q1") or a calendar month;
// nullopt for any other span.
std::optional<Period> CyclePeriod(const ReportingCycle& cycle);

// Figures checked and not yet kept: every entry's check, and all their problems.
struct CheckedFigures {
  std::vector<ingest::LocalFigureCheck> checks;
  FieldErrors errors;  // when not empty, nothing may be kept
  bool ok() const { return errors.empty(); }
};

struct LocalFiguresSaved {
  FieldErrors errors;  // when not empty, nothing was kept
  store::ObservationImportStats stats;
  assess::RejudgeStats rejudged;
  std::string rejudge_problem;  // why judging again failed after the figures were kept
  bool ok() const { return errors.empty(); }
};

// Checks every entry (CheckLocalFigure) for `request.principal`, keeping nothing: 404 for an
// entry whose indicator is unknown or not a local measure, 403 when the principal may not
// enter its figures, 500 when the store fails.
Answer<CheckedFigures> CheckLocalFigures(PlanSource& plans, const Request& request,
                                         const std::vector<LocalFigureEntry>& entries);

// Keeps figures that CheckLocalFigures passed (ok()) as SaveLocalFigures does. An error, with
// its message in words, when the store fails (nothing kept) or when the figures were kept but
// their audit entries could not be written.
Result<LocalFiguresSaved> KeepLocalFigures(PlanSource& plans, IndicatorSource& indicators,
                                           const Clock& clock, const Request& request,
                                           const CheckedFigures& figures);

// Checks every entry (CheckLocalFigure) and, only when all are right, keeps them as one
// import for `request.principal` (file "web form", format "form", user "EMAIL (ORGANISATION)",
// the time from `clock`), judges the indicators whose figures changed again
// (assess::RejudgeIndicators), audits each figure (action "figures.add", entity "indicator",
// the indicator's id, the figure as JSON) and invalidates `indicators` so that the pages show
// the figures at once. An answer instead of a result: 404 for an entry whose indicator is
// unknown or not a local measure, 403 when the principal may not enter its figures (nothing is
// kept in either case), 500 when the store fails (or, once they are kept, when their audit
// entries cannot be written). No entries: nothing to do.
Answer<LocalFiguresSaved> SaveLocalFigures(PlanSource& plans, IndicatorSource& indicators,
                                           const Clock& clock, const Request& request,
                                           const std::vector<LocalFigureEntry>& entries);

}  // namespace waymark::web
