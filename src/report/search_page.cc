// Search of a plan's indicators, objectives and actions, its results page, and the error pages.
#include <algorithm>
#include <cctype>

#include "report/plan_pages.h"
#include "report/plan_text.h"

namespace waymark::report {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> Words(std::string_view query) {
  std::vector<std::string> words;
  std::string word;
  for (char c : query) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(Lower(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(Lower(word));
  return words;
}

bool ContainsAll(const std::string& haystack, const std::vector<std::string>& words) {
  return std::all_of(words.begin(), words.end(),
                     [&](const std::string& w) { return haystack.find(w) != std::string::npos; });
}

std::string ActionText(const Plan& plan, const Action& action) {
  std::string text = action.title;
  for (const std::string& n : PartnerNames(plan, action.responsible)) text += " " + n;
  for (const std::string& n : BodyNames(plan, action.monitoring)) text += " " + n;
  return Lower(text);
}

void SearchForm(Html& h, std::string_view query, const Links& links) {
  h.Open("form", {{"method", "get"}, {"action", "/search"}, {"role", "search"}});
  if (links.CarriesPlan()) {
    h.Void("input", {{"type", "hidden"}, {"name", "plan"}, {"value", links.PlanId()}});
  }
  h.Open("div", {{"class", "govuk-form-group"}});
  h.Element("label", {{"class", "govuk-label govuk-label--m"}, {"for", "q"}}, "Search this plan");
  h.Element("div", {{"class", "govuk-hint"}, {"id", "q-hint"}},
            "Words from an indicator, action or objective, or the name of a partner or monitoring "
            "body");
  h.Void("input", {{"class", "govuk-input"},
                   {"id", "q"},
                   {"name", "q"},
                   {"type", "search"},
                   {"value", query},
                   {"aria-describedby", "q-hint"},
                   {"spellcheck", "false"}});
  h.Close("div");
  h.Element("button",
            {{"type", "submit"}, {"class", "govuk-button"}, {"data-module", "govuk-button"}},
            "Search");
  h.Close("form");
}

void Hit(Html& h, const SearchHit& hit, const Links& links) {
  const bool action = hit.kind == HitKind::kAction;
  const std::string anchor = (action ? "#action-" : "#objective-") + hit.id;
  h.Open("li", {{"class", "waymark-search-hit"}});
  h.Open("p", {{"class", "govuk-body govuk-!-margin-bottom-1"}});
  h.Element("strong",
            {{"class", action ? "govuk-tag govuk-tag--blue" : "govuk-tag govuk-tag--grey"}},
            action ? "Action" : "Objective");
  h.Close("p");
  h.Open("p", {{"class", "govuk-body govuk-!-margin-bottom-1"}});
  h.Link(links.Outcome(hit.outcome_id) + anchor, hit.title);
  h.Close("p");
  std::string context = "Outcome: " + hit.outcome_title;
  if (action) context += ". Objective: " + hit.objective_title;
  h.Element("p", {{"class", "govuk-body-s"}}, context);
  h.Close("li");
}

void IndicatorHit(Html& h, const Indicator& indicator) {
  h.Open("li", {{"class", "waymark-search-hit"}});
  h.Open("p", {{"class", "govuk-body govuk-!-margin-bottom-1"}});
  h.Element("strong", {{"class", "govuk-tag govuk-tag--turquoise"}}, "Indicator");
  h.Close("p");
  h.Open("p", {{"class", "govuk-body govuk-!-margin-bottom-1"}});
  h.Link("/indicators/" + UrlEncode(indicator.id), indicator.title);
  h.Close("p");
  if (!indicator.definition.empty()) {
    h.Element("p", {{"class", "govuk-body-s"}}, indicator.definition);
  }
  h.Close("li");
}

std::string Counted(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// One group of results under a heading that gives its count.
template <typename T, typename Show>
void Group(Html& h, std::string_view id, std::string_view heading, std::string_view none,
           const std::vector<T>& items, Show show) {
  h.Element("h3", {{"class", "govuk-heading-s"}, {"id", id}},
            std::string(heading) + " (" + std::to_string(items.size()) + ")");
  if (items.empty()) {
    h.Element("p", {{"class", "govuk-body"}}, none);
    return;
  }
  h.Open("ol", {{"class", "govuk-list"}, {"aria-labelledby", id}});
  for (const T& item : items) show(item);
  h.Close("ol");
}

}  // namespace

std::vector<SearchHit> SearchPlan(const Plan& plan, std::string_view query) {
  std::vector<SearchHit> hits;
  const std::vector<std::string> words = Words(query);
  if (words.empty()) return hits;
  for (const Outcome& outcome : plan.outcomes) {
    for (const Objective& objective : outcome.objectives) {
      if (ContainsAll(Lower(objective.title + " " + objective.description), words)) {
        hits.push_back(
            {HitKind::kObjective, objective.id, objective.title, outcome.id, outcome.title, ""});
      }
      for (const Action& action : objective.actions) {
        if (ContainsAll(ActionText(plan, action), words)) {
          hits.push_back({HitKind::kAction, action.id, action.title, outcome.id, outcome.title,
                          objective.title});
        }
      }
    }
  }
  return hits;
}

std::string RenderSearch(const Plan& plan, std::string_view query,
                         const std::vector<const IndicatorSeries*>& indicators,
                         const std::vector<SearchHit>& hits, const Links& links) {
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  h.Element("span", {{"class", "govuk-caption-l"}}, plan.title);
  h.Element("h1", {{"class", "govuk-heading-xl"}}, "Search indicators, actions and objectives");
  SearchForm(h, query, links);
  if (!Words(query).empty()) {
    const std::size_t total = indicators.size() + hits.size();
    h.Element("h2", {{"class", "govuk-heading-m"}, {"id", "results"}},
              Counted(total, "result", "results") + " for ‘" + std::string(query) + "’");
    if (total == 0) {
      h.Element("p", {{"class", "govuk-body"}},
                "Try fewer words, or the name of a partner such as ‘Public Health’.");
    } else {
      Group(h, "results-indicators", "Indicators", "No indicator matches.", indicators,
            [&](const IndicatorSeries* s) { IndicatorHit(h, s->indicator); });
      Group(h, "results-plan", "Actions and objectives", "No action or objective matches.", hits,
            [&](const SearchHit& hit) { Hit(h, hit, links); });
    }
  }
  h.Close("div").Close("div");
  PageFrame frame{query.empty() ? "Search" : "Search: " + std::string(query),
                  {{plan.title, links.Home()}, {"Search", ""}},
                  NavItem::kSearch,
                  links};
  return RenderPage(frame, h);
}

std::string RenderErrorPage(int status, std::string_view detail, const Links& links) {
  std::string title = "Sorry, there is a problem with the service";
  std::string advice = "Try again later.";
  switch (status) {
    case 400:
      title = "Sorry, there is a problem with the request";
      advice = "Check the address or the form and try again.";
      break;
    case 404:
      title = "Page not found";
      advice =
          "If you typed the web address, check it is correct. If you pasted the web "
          "address, check you copied the entire address.";
      break;
    case 403:
      title = "You cannot use this page";
      advice = "Your account's role does not allow it. Ask an administrator if you need it.";
      break;
    case 429:
      title = "Too many attempts";
      advice = "Wait, then try again.";
      break;
    case 405:
      title = "This page cannot be used that way";
      advice = "The page exists, but not for this kind of request.";
      break;
    case 413:
      title = "The request is too large";
      advice = "Send less data and try again.";
      break;
    case 431:
      title = "The request headers are too large";
      advice = "Clear the cookies for this site and try again.";
      break;
    default:
      break;
  }
  Html h;
  h.Open("div", {{"class", "govuk-grid-row"}});
  h.Open("div", {{"class", "govuk-grid-column-two-thirds"}});
  h.Element("h1", {{"class", "govuk-heading-xl"}}, title);
  if (!detail.empty()) h.Element("p", {{"class", "govuk-body"}}, detail);
  h.Element("p", {{"class", "govuk-body"}}, advice);
  h.Open("p", {{"class", "govuk-body"}});
  h.Link(links.Home(), "Go to the plan overview");
  h.Close("p");
  h.Close("div").Close("div");
  PageFrame frame{title, {}, NavItem::kNone, links};
  return RenderPage(frame, h);
}

}  // namespace waymark::report
