// The HTML pages that show a plan as written: overview, outcome, search, plus the error page.
// Indicator figures are not part of these pages yet; each page has a bounded slot (PageSlots)
// through which the assessment layer adds its own markup per outcome.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan.h"
#include "report/html.h"
#include "report/plan_facts.h"
#include "report/indicator_data.h"
#include "report/layout.h"

namespace waymark::report {

// Extra markup for an outcome, supplied by layers that know more than the plan (indicator
// summaries, spine charts). An empty function or an empty result leaves the slot out.
struct PageSlots {
  // On the overview, inside the outcome's card, after the objectives and actions summary.
  std::function<Html(const Plan&, const Outcome&)> overview_outcome;
  // On the outcome page, between "What we know" and the objectives.
  std::function<Html(const Plan&, const Outcome&)> outcome_page;
  // On the overview, before the outcomes (how the actions are going).
  std::function<Html(const Plan&)> overview_top;
  // The overview's paragraph on the plan's inequality gaps (GapsSummary), after the index.
  std::function<Html(const Plan&)> overview_gaps;
  // Under each fact: its check against the catalogue (RenderFactCheck).
  FactCheckSlot fact_check;
  // The names of the areas facts are for and compared with (codes when unset).
  AreaNamer area_name;
};

// The plans to choose from when the database holds several (empty or one: no selector).
struct PlanChoice {
  std::vector<PlanSummary> plans;
  std::string current;
};

// The form that picks the plan shown (nothing when there are fewer than two), sent to `action`.
void PlanSelector(Html& h, const PlanChoice& choice, std::string_view action);

std::string RenderOverview(const Plan& plan, const PlanChoice& choice, const Links& links,
                           const PageSlots& slots);

// The outcome page; the outcome must belong to `plan`.
std::string RenderOutcome(const Plan& plan, const Outcome& outcome, const Links& links,
                          const PageSlots& slots);

enum class HitKind { kObjective, kAction };

struct SearchHit {
  HitKind kind = HitKind::kObjective;
  std::string id;
  std::string title;
  std::string outcome_id;
  std::string outcome_title;
  std::string objective_title;  // for actions: the objective they serve
};

// Objectives and actions whose title, description or partner and body names contain every word
// of `query` (case-insensitive). An empty query finds nothing.
std::vector<SearchHit> SearchPlan(const Plan& plan, std::string_view query);

// The search page: indicators found (by title, definition or id) and objectives and actions
// found, each group under its own heading with its count.
std::string RenderSearch(const Plan& plan, std::string_view query,
                         const std::vector<const IndicatorSeries*>& indicators,
                         const std::vector<SearchHit>& hits, const Links& links);

// A GOV.UK style error page ("Page not found" and others) for an HTTP status.
std::string RenderErrorPage(int status, std::string_view detail, const Links& links);

}  // namespace waymark::report
