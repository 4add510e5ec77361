// Figures of local measures entered in the browser: who may enter them, the areas they may be
// for, and the one function every form that takes them calls (the figures page
// /indicators/{id}/figures, and the action update form for the local measures of an action's
// objective). Figures are checked like a row of a data file, kept through the same
// ObservationImport as file imports (so they have provenance and revisions like any imported
// figure), judged at once and audited.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "assess/rejudge.h"
#include "core/access.h"
#include "core/clock.h"
#include "core/field_error.h"
#include "core/indicator.h"
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

// One figure to keep: a local measure's id, the fields as sent, and the text put before the
// field names of its problems (e.g. "figure-ID-" when a form has several; "" for one).
struct LocalFigureEntry {
  std::string indicator;
  ingest::LocalFigureInput input;
  std::string field_prefix;
};

struct LocalFiguresSaved {
  FieldErrors errors;  // when not empty, nothing was kept
  store::ObservationImportStats stats;
  assess::RejudgeStats rejudged;
  std::string rejudge_problem;  // why judging again failed after the figures were kept
  bool ok() const { return errors.empty(); }
};

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
