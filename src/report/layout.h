// The page frame shared by every HTML page: the GOV.UK Frontend template (skip link, header with
// the service name, service navigation, phase banner, breadcrumbs, main, footer) and the links
// between pages, which carry the selected plan when the database holds several.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/html.h"

namespace waymark::report {

// Percent-encodes a URL component (everything but unreserved characters).
std::string UrlEncode(std::string_view text);

// Builds the addresses of the pages of one plan. When `carry_plan` is set (several plans in the
// database), every address names the plan with ?plan=ID so that navigation stays on it.
class Links {
 public:
  Links() = default;
  Links(std::string plan_id, bool carry_plan)
      : plan_id_(std::move(plan_id)), carry_plan_(carry_plan) {}

  std::string Home() const;
  std::string Outcome(std::string_view outcome_id) const;
  // An objective's place on its outcome's page.
  std::string Objective(std::string_view outcome_id, std::string_view objective_id) const;
  std::string Search(std::string_view query = {}) const;
  // An action's page, its update form, the signed-in user's actions, cycles (`suffix` is a
  // path under the action, e.g. "/update").
  std::string Action(std::string_view action_id, std::string_view suffix = {}) const;
  std::string MyActions() const;
  std::string Cycles() const;
  // The plan's inequality gaps (/gaps).
  std::string Gaps() const;
  // The strategies that build on the plan (/strategies) and one of them.
  std::string Strategies() const;
  std::string Strategy(std::string_view strategy_id) const;
  // Child rights: the principles and Child Friendly Cities outcomes the actions serve (/rights).
  std::string Rights() const;
  // The outcome in the API: JSON, or CSV when `csv` is set. Always names the plan.
  std::string ApiOutcome(std::string_view outcome_id, bool csv) const;
  const std::string& PlanId() const { return plan_id_; }
  bool CarriesPlan() const { return carry_plan_; }

 private:
  std::string WithPlan(std::string path, bool has_query) const;

  std::string plan_id_;
  bool carry_plan_ = false;
};

struct Crumb {
  std::string text;
  std::string href;  // empty for the current page
};

enum class NavItem { kNone, kOverview, kIndicators, kGaps, kCompare, kSearch };

struct PageFrame {
  std::string title;  // the page's own title; " – Waymark" is added
  std::vector<Crumb> crumbs;
  NavItem active = NavItem::kNone;
  Links links;
};

// A GET form with one labelled select, for choices that need no JavaScript (period, mapped
// indicator): `keep` are other query parameters carried as hidden inputs.
struct ChoiceForm {
  std::string action;
  std::vector<std::pair<std::string, std::string>> keep;
  std::string name;  // the parameter, also the select's id
  std::string label;
  std::vector<std::pair<std::string, std::string>> options;  // value, text
  std::string selected;                                      // the value shown as chosen
  std::string button;
};
void RenderChoiceForm(Html& h, const ChoiceForm& form);

// The whole document: frame around `main`, the content of <main>.
std::string RenderPage(const PageFrame& frame, const Html& main);

}  // namespace waymark::report
