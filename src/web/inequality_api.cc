// Gap and slope rows for the API: the figures read under the store's lock, the gaps and slope
// indices computed outside it, written by the export's own conversion (assess/inequality_export.h).
#include "web/inequality_api.h"

#include <nlohmann/json.hpp>

#include "assess/inequality_export.h"
#include "web/route_kit.h"

namespace waymark::web {
namespace {

enum class Rows { kGaps, kSlopes };

// At most this many characters in a parameter; longer is 400 before the store is asked.
constexpr std::size_t kLongestParameter = 200;

// ?indicator=, ?area= and ?dimension=; absent or empty selects every one.
Answer<assess::InequalitySelection> SelectionOf(const Request& request) {
  assess::InequalitySelection selection;
  const std::pair<const char*, std::string*> fields[] = {{"indicator", &selection.indicator},
                                                         {"area", &selection.area},
                                                         {"dimension", &selection.dimension}};
  for (const auto& [name, value] : fields) {
    *value = request.Query(name).value_or("");
    if (value->size() > kLongestParameter) {
      return Refuse(request, 400, std::string(name) + " must be at most 200 characters", name);
    }
  }
  return selection;
}

Response Inequality(PlanSource& plans, const Request& request, Rows kind) {
  const auto format = FormatOf(request);
  if (!format) return format.error();
  const auto selection = SelectionOf(request);
  if (!selection) return selection.error();
  auto inputs = plans.WithStore(
      [&](store::Store& store) { return assess::LoadSelectedInequalities(store, *selection); });
  if (!inputs) {
    const assess::SelectionProblem& problem = inputs.error();
    if (problem.parameter.empty()) return Fail(request, 500, "the database could not be read");
    const int status = problem.error.code == ErrorCode::kNotFound ? 404 : 400;
    return Fail(request, status, problem.error.message, problem.parameter);
  }
  const bool slopes = kind == Rows::kSlopes;
  const assess::Inequalities rows =
      assess::ComputeSelectedInequalities(*inputs, *selection, slopes);
  if (*format == Format::kCsv) {
    const std::string name = slopes ? "slopes" : "gaps";
    const std::string prefix = selection->indicator.empty() ? "" : selection->indicator + "-";
    return Response::Csv(200, slopes ? assess::SlopesCsv(rows.slopes) : assess::GapsCsv(rows.gaps),
                         prefix + name + ".csv");
  }
  return Response::Json(
      200, JsonText(slopes ? assess::SlopesJson(rows.slopes) : assess::GapsJson(rows.gaps)));
}

}  // namespace

void AddInequalityApi(Router& router, PlanSource& plans) {
  router.Add("GET", "/api/v1/gaps", Permission::kPublic,
             [&plans](const Request& r) { return Inequality(plans, r, Rows::kGaps); });
  router.Add("GET", "/api/v1/slopes", Permission::kPublic,
             [&plans](const Request& r) { return Inequality(plans, r, Rows::kSlopes); });
}

}  // namespace waymark::web
