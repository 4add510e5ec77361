// The inequalities section's figures and the /gaps page.
#include "web/inequality_routes.h"

#include <exception>

#include "assess/stored_inequalities.h"
#include "report/gaps_page.h"
#include "report/inequality_section.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

// The figures of `id`'s breakdowns for each of `areas`, with the indicator as stored.
Result<assess::InequalityInputs> ReadFigures(store::Store& store, std::string_view id,
                                             const std::vector<std::string_view>& areas) {
  assess::InequalityInputs out;
  for (std::string_view area : areas) {
    WAYMARK_ASSIGN_OR_RETURN(assess::InequalityInputs in,
                             assess::LoadInequalityInputs(store, id, area));
    out.indicator = std::move(in.indicator);
    for (Assessment& a : in.assessments) out.assessments.push_back(std::move(a));
  }
  return out;
}

// Every indicator of `indicators` (still in the catalogue) with its figures for `area`, read under
// one hold of the store.
Result<std::vector<assess::InequalityInputs>> ReadAll(PlanSource& plans,
                                                      const std::vector<Indicator>& indicators,
                                                      std::string_view area) {
  try {
    return plans.WithStore(
        [&](store::Store& store) -> Result<std::vector<assess::InequalityInputs>> {
          std::vector<assess::InequalityInputs> out;
          for (const Indicator& ind : indicators) {
            auto in = ReadFigures(store, ind.id, {area});
            if (!in && in.error().code == ErrorCode::kNotFound) continue;  // since removed
            if (!in) return tl::unexpected(in.error());
            out.push_back(std::move(*in));
          }
          return out;
        });
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal,
                     std::string("reading the figures by group failed: ") + e.what());
  }
}

Response GapsPage(PlanSource& plans, IndicatorSource& indicators, const Request& request) {
  const auto view = PlanOf(plans, request);
  if (!view) return view.error();
  const auto snapshot = SnapshotFor(indicators, request);
  if (!snapshot) return snapshot.error();
  const report::IndicatorData& data = *snapshot->data;
  const auto entries = PlanGapEntries(plans, data, *view->plan);
  if (!entries) {
    return Fail(request, 500, "The figures by group could not be read from the database.");
  }
  const std::string area(report::kDefaultArea);
  return Response::Html(200, report::RenderGapsPage(*view->plan, LinksOf(*view), area,
                                                    data.AreaName(area), *entries));
}

}  // namespace

Result<std::vector<report::GapsEntry>> PlanGapEntries(PlanSource& plans,
                                                      const report::IndicatorData& data,
                                                      const Plan& plan) {
  std::vector<Indicator> catalogue;
  for (const report::IndicatorSeries& s : data.Series()) catalogue.push_back(s.indicator);
  const std::string area(report::kDefaultArea);
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<assess::InequalityInputs> inputs,
                           ReadAll(plans, report::GapsIndicators(plan, catalogue), area));
  std::vector<report::GapsEntry> entries;
  for (const assess::InequalityInputs& in : inputs) {
    const report::IndicatorSeries* s = data.Find(in.indicator.id);
    report::InequalityRequest ask;
    ask.area = area;
    ask.area_name = data.AreaName(area);
    ask.england_for_deprivation = false;
    ask.slopes = false;
    entries.push_back(
        {in.indicator, report::BuildInequalityViews(in.indicator, s ? s->breakdown : Breakdown{},
                                                    in.assessments, ask)});
  }
  return entries;
}

std::optional<report::Html> IndicatorInequalities(PlanSource& plans,
                                                  const report::IndicatorData& data,
                                                  const report::IndicatorSeries& s,
                                                  std::string_view area,
                                                  const std::optional<Period>& period) {
  if (s.indicator.breakdowns.empty()) return report::Html();
  std::vector<std::string_view> areas = {area};
  if (area != kEnglandCode) areas.push_back(kEnglandCode);
  Result<assess::InequalityInputs> inputs = MakeError(ErrorCode::kInternal, "not read");
  try {
    inputs = plans.WithStore(
        [&](store::Store& store) { return ReadFigures(store, s.indicator.id, areas); });
  } catch (const std::exception&) {
    return std::nullopt;  // shown as such by the page, and not kept
  }
  if (!inputs) return std::nullopt;
  report::InequalityRequest ask;
  ask.area = std::string(area);
  ask.area_name = data.AreaName(area);
  ask.period = period;
  return report::InequalitySection(inputs->indicator, s.breakdown, inputs->assessments, ask);
}

void AddInequalityPages(Router& router, PlanSource& plans, IndicatorSource& indicators) {
  router.Add("GET", "/gaps", Permission::kPublic,
             [&plans, &indicators](const Request& r) { return GapsPage(plans, indicators, r); });
}

}  // namespace waymark::web
