// JSON conversion of indicators (round trip) and of areas and assessments (output only).
#include "ingest/indicator_json.h"

#include <nlohmann/json.hpp>

namespace waymark::ingest {

using nlohmann::json;

namespace {
json Number(double x) { return HasValue(x) ? json(x) : json(nullptr); }

json BreakdownsToJson(const std::vector<BreakdownDimension>& dimensions) {
  json out = json::array();
  for (const BreakdownDimension& d : dimensions) {
    out.push_back({{"kind", std::string(DimensionKindName(d.kind))},
                   {"label", d.label},
                   {"category_types", d.category_types},
                   {"categories", d.categories},
                   {"comparison", d.comparison},
                   {"geography", d.geography},
                   {"column", d.column}});
  }
  return out;
}

// Throws on a damaged entry; IndicatorFromJson turns that into its error.
std::vector<BreakdownDimension> BreakdownsFromJson(const json& j) {
  std::vector<BreakdownDimension> out;
  for (const json& b : j) {
    BreakdownDimension d;
    d.kind = ParseDimensionKind(b.at("kind").get<std::string>()).value();
    d.label = b.at("label").get<std::string>();
    d.category_types = b.at("category_types").get<std::vector<std::string>>();
    d.categories = b.at("categories").get<std::vector<std::string>>();
    d.comparison = b.at("comparison").get<std::string>();
    d.geography = b.at("geography").get<std::string>();
    d.column = b.at("column").get<std::string>();
    out.push_back(std::move(d));
  }
  return out;
}
}  // namespace

json IndicatorToJson(const Indicator& i) {
  json targets = json::array();
  for (const auto& t : i.targets) {
    targets.push_back({{"area", t.area},
                       {"period", t.period},
                       {"value", t.value},
                       {"baseline_period", t.baseline_period},
                       {"baseline", t.baseline ? json(*t.baseline) : json(nullptr)}});
  }
  return {{"id", i.id},
          {"title", i.title},
          {"definition", i.definition},
          {"numerator", i.numerator},
          {"denominator", i.denominator},
          {"value_type", std::string(ValueTypeName(i.value_type))},
          {"unit", i.unit},
          {"multiplier", i.multiplier},
          {"polarity", std::string(PolarityName(i.polarity))},
          {"method", std::string(CiMethodName(i.method))},
          {"frequency", i.frequency},
          {"caveats", i.caveats},
          {"value_only_reason", i.value_only_reason},
          {"disclosure_min_count", i.disclosure_min_count},
          {"plan", i.plan},
          {"outcomes", i.outcomes},
          {"objectives", i.objectives},
          {"measures", i.measures},
          {"index_measures", i.index_measures},
          {"local", i.local},
          {"owner", i.owner},
          {"source",
           {{"name", i.source.name},
            {"format", std::string(SourceFormatName(i.source.format))},
            {"code", i.source.code},
            {"url", i.source.url},
            {"value_column", i.source.value_column},
            {"count_column", i.source.count_column},
            {"denominator_column", i.source.denominator_column},
            {"filters", i.source.filters}}},
          {"targets", targets},
          {"breakdowns", BreakdownsToJson(i.breakdowns)}};
}

Result<Indicator> IndicatorFromJson(const json& j) {
  try {
    Indicator i;
    i.id = j.at("id").get<std::string>();
    i.title = j.at("title").get<std::string>();
    i.definition = j.at("definition").get<std::string>();
    i.numerator = j.at("numerator").get<std::string>();
    i.denominator = j.at("denominator").get<std::string>();
    i.value_type = ParseValueType(j.at("value_type").get<std::string>()).value();
    i.unit = j.at("unit").get<std::string>();
    i.multiplier = j.at("multiplier").get<double>();
    i.polarity = ParsePolarityName(j.at("polarity").get<std::string>()).value();
    i.method = ParseCiMethod(j.at("method").get<std::string>()).value();
    i.frequency = j.at("frequency").get<std::string>();
    i.caveats = j.at("caveats").get<std::string>();
    // Catalogues stored before the reason was kept have none.
    i.value_only_reason = j.value("value_only_reason", std::string());
    i.disclosure_min_count = j.at("disclosure_min_count").get<int>();
    i.plan = j.at("plan").get<std::string>();
    i.outcomes = j.at("outcomes").get<std::vector<std::string>>();
    i.objectives = j.at("objectives").get<std::vector<std::string>>();
    i.measures = j.at("measures").get<std::vector<std::string>>();
    i.index_measures = j.at("index_measures").get<std::vector<std::string>>();
    i.local = j.at("local").get<bool>();
    // Catalogues stored before owners were kept have none.
    if (const auto owner = j.find("owner"); owner != j.end()) i.owner = owner->get<std::string>();
    const json& s = j.at("source");
    i.source.name = s.at("name").get<std::string>();
    i.source.format = ParseSourceFormat(s.at("format").get<std::string>()).value();
    i.source.code = s.at("code").get<std::string>();
    i.source.url = s.at("url").get<std::string>();
    i.source.value_column = s.at("value_column").get<std::string>();
    i.source.count_column = s.at("count_column").get<std::string>();
    i.source.denominator_column = s.at("denominator_column").get<std::string>();
    i.source.filters = s.at("filters").get<std::map<std::string, std::string>>();
    for (const auto& t : j.at("targets")) {
      Target target;
      target.area = t.at("area").get<std::string>();
      target.period = t.at("period").get<std::string>();
      target.value = t.at("value").get<double>();
      target.baseline_period = t.at("baseline_period").get<std::string>();
      if (!t.at("baseline").is_null()) target.baseline = t.at("baseline").get<double>();
      i.targets.push_back(std::move(target));
    }
    // Catalogues stored before breakdowns were declared have none.
    if (const auto b = j.find("breakdowns"); b != j.end()) {
      i.breakdowns = BreakdownsFromJson(*b);
    }
    return i;
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kDatabase, std::string("stored indicator is damaged: ") + e.what());
  }
}

json AreaToJson(const Area& a) {
  return {{"code", a.code},
          {"name", a.name},
          {"type", std::string(AreaTypeName(a.type))},
          {"parent", a.parent},
          {"old_code", a.old_code}};
}

json AssessmentToJson(const Assessment& a) {
  const bool hide = a.suppressed;
  return {{"indicator", a.indicator},
          {"area_code", a.area},
          {"period", a.period.Label()},
          {"sex", a.breakdown.sex},
          {"age", a.breakdown.age},
          {"category_type", a.breakdown.category_type},
          {"category", a.breakdown.category},
          {"value", hide ? json(nullptr) : Number(a.value)},
          {"lower_95", hide ? json(nullptr) : Number(a.lower95)},
          {"upper_95", hide ? json(nullptr) : Number(a.upper95)},
          {"lower_99_8", hide ? json(nullptr) : Number(a.lower998)},
          {"upper_99_8", hide ? json(nullptr) : Number(a.upper998)},
          {"count", hide ? json(nullptr) : Number(a.count)},
          {"denominator", hide ? json(nullptr) : Number(a.denominator)},
          {"suppressed", a.suppressed},
          {"compared_to_england", Words(a.vs_england)},
          {"comparison_basis", ComparisonBasisText(a.basis)},
          {"comparison_basis_code", ComparisonBasisCode(a.basis)},
          {"compared_to_england_99_8", Words(a.vs_england_998)},
          {"compared_to_england_2level", Words(a.vs_england_2level)},
          {"compared_to_region", Words(a.vs_region)},
          {"recent_trend", Words(a.recent_trend)},
          {"quintile", a.quintile == 0 ? json(nullptr) : json(a.quintile)},
          {"rank_london", a.rank_london == 0 ? json(nullptr) : json(a.rank_london)},
          {"rank_neighbours", a.rank_neighbours == 0 ? json(nullptr) : json(a.rank_neighbours)},
          {"rag", Words(a.rag)},
          {"rag_rule", a.rag_rule}};
}

}  // namespace waymark::ingest
