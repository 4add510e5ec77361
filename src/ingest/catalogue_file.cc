// Reads indicator catalogues with the shared TomlReader; links are checked against the plan.
#include "ingest/catalogue_file.h"

#include <algorithm>
#include <array>

#include "ingest/plan_file.h"
#include "ingest/toml_reader.h"

namespace waymark::ingest {
namespace {

constexpr std::array<std::string_view, 4> kFrequencies = {"annual", "quarterly", "monthly",
                                                          "other"};

class CatalogueReader : public TomlReader {
 public:
  CatalogueReader(std::string file, const Plan* plan) : TomlReader(std::move(file)), plan_(plan) {
    if (plan_ == nullptr) return;
    for (const auto& o : plan_->outcomes) {
      Declare("outcome", o.id);
      for (const auto& objective : o.objectives) {
        Declare("objective", objective.id);
        for (const auto& m : objective.measures) Declare("measure", m.id);
      }
    }
    if (plan_->index) {
      for (const auto& m : plan_->index->measures) Declare("index measure", m.id);
    }
  }

  CatalogueFileReport Read(const toml::table& root) {
    CheckKeys(root, {"catalogue", "indicators"}, "the top level");
    CatalogueFileReport report;
    if (const toml::node* node = root.get("catalogue")) {
      if (const toml::table* t = node->as_table()) {
        CheckKeys(*t, {"plan"}, "[catalogue]");
        report.plan = Text(*t, "plan", false, "[catalogue]");
      } else {
        Problem(node->source(), "'catalogue' must be a table ([catalogue])");
      }
    }
    if (plan_ != nullptr && !report.plan.empty() && report.plan != plan_->id) {
      Problem(root.get("catalogue")->source(),
              fmt::format("[catalogue] names plan '{}' but links were checked against '{}'",
                          report.plan, plan_->id));
    }
    std::vector<Indicator> indicators;
    Tables(root, "indicators", "the top level", [&](const toml::table& t) {
      indicators.push_back(ReadIndicator(t, report.plan));
    });
    if (plan_ != nullptr) CheckLinks();
    if (!HasProblems()) {
      report.indicators = std::move(indicators);
    } else {
      report.problems = TakeProblems();
    }
    return report;
  }

 private:
  template <typename E, typename Parse>
  E Enum(const toml::table& t, std::string_view key, bool required, E fallback, Parse parse,
         std::string_view expected, std::string_view kWhere) {
    const std::string text = Text(t, key, required, kWhere);
    if (text.empty()) return fallback;
    if (auto value = parse(text)) return *value;
    Problem(t.get(key)->source(),
            fmt::format("'{}' in {} is '{}'; expected one of: {}", key, kWhere, text, expected));
    return fallback;
  }

  IndicatorSource ReadSource(const toml::table& t, std::string_view kWhere) {
    CheckKeys(t, {"name", "format", "code", "url", "value_column", "count_column",
                  "denominator_column", "filters"},
              kWhere);
    IndicatorSource s;
    s.name = Text(t, "name", false, kWhere);
    s.format = Enum(t, "format", true, SourceFormat::kCsv, ParseSourceFormat,
                    "fingertips, lait, ees, csv", kWhere);
    s.code = Text(t, "code", false, kWhere);
    s.url = Text(t, "url", false, kWhere);
    s.value_column = Text(t, "value_column", false, kWhere);
    s.count_column = Text(t, "count_column", false, kWhere);
    s.denominator_column = Text(t, "denominator_column", false, kWhere);
    s.filters = TextTable(t, "filters", kWhere);
    const bool needs_code = s.format != SourceFormat::kCsv;
    if (needs_code && s.code.empty()) {
      Problem(t.source(), fmt::format("{} needs 'code' for format '{}'", kWhere,
                                      SourceFormatName(s.format)));
    }
    if (s.format == SourceFormat::kEes && s.value_column.empty() && s.count_column.empty()) {
      Problem(t.source(), fmt::format("{} needs 'value_column' or 'count_column' for EES", kWhere));
    }
    return s;
  }

  // One [[indicators.breakdowns]] (docs/indicators.md), checked against the indicator's source
  // and its other breakdowns.
  void ReadBreakdown(const toml::table& t, Indicator& ind, const std::string& kWhere) {
    CheckKeys(t, {"kind", "label", "category_types", "categories", "comparison", "geography",
                  "column"},
              kWhere);
    BreakdownDimension d;
    d.kind = Enum(t, "kind", true, DimensionKind::kSex, ParseDimensionKind,
                  "sex, age, deprivation, social-care-group, disadvantage, send, ethnicity, ward",
                  kWhere);
    d.label = Text(t, "label", false, kWhere);
    if (d.label.empty()) d.label = DimensionKindLabel(d.kind);
    d.category_types = TextArray(t, "category_types", kWhere);
    d.categories = TextArray(t, "categories", kWhere);
    d.comparison = Text(t, "comparison", true, kWhere);
    d.geography = Text(t, "geography", false, kWhere);
    d.column = Text(t, "column", false, kWhere);
    const auto at = [&](std::string_view key) -> const toml::source_region& {
      const toml::node* node = t.get(key);
      return node != nullptr ? node->source() : t.source();
    };
    if (UsesCategoryType(d.kind) && d.category_types.empty()) {
      Problem(at("category_types"), fmt::format("{} needs 'category_types' for kind '{}'", kWhere,
                                                DimensionKindName(d.kind)));
    }
    if (!UsesCategoryType(d.kind) && !d.category_types.empty()) {
      Problem(at("category_types"), fmt::format("'category_types' in {} is not for kind '{}': "
                                                "sex and age are fields of every figure",
                                                kWhere, DimensionKindName(d.kind)));
    }
    if ((d.kind == DimensionKind::kDeprivation || d.kind == DimensionKind::kAge) &&
        d.categories.size() < 2) {
      Problem(at("categories"), fmt::format("{} needs 'categories', its groups in order (at least "
                                            "two)", kWhere));
    }
    CheckUnique(t, d.categories, "categories", kWhere);
    CheckUnique(t, d.category_types, "category_types", kWhere);
    if (!d.categories.empty() && !d.comparison.empty() &&
        std::find(d.categories.begin(), d.categories.end(), d.comparison) == d.categories.end()) {
      Problem(at("comparison"), fmt::format("comparison '{}' in {} is not one of its categories",
                                            d.comparison, kWhere));
    }
    if (!d.geography.empty() && d.kind != DimensionKind::kDeprivation) {
      Problem(at("geography"), fmt::format("'geography' in {} is only for kind 'deprivation'",
                                           kWhere));
    }
    if (!d.column.empty()) CheckColumn(t, d, ind, kWhere);
    for (const BreakdownDimension& other : ind.breakdowns) {
      if (other.label == d.label) {
        Problem(t.source(), fmt::format("{} has two breakdowns labelled '{}': give each its own "
                                        "'label'", kWhere, d.label));
      }
    }
    ind.breakdowns.push_back(std::move(d));
  }

  void CheckUnique(const toml::table& t, const std::vector<std::string>& list,
                   std::string_view key, std::string_view kWhere) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (std::find(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(i), list[i]) !=
          list.begin() + static_cast<std::ptrdiff_t>(i)) {
        Problem(t.get(key)->source(),
                fmt::format("'{}' in {} names '{}' twice", key, kWhere, list[i]));
      }
    }
  }

  // A breakdown read from an EES column: one category type, and not a filtered column.
  void CheckColumn(const toml::table& t, const BreakdownDimension& d, const Indicator& ind,
                   std::string_view kWhere) {
    const toml::source_region& at = t.get("column")->source();
    if (ind.source.format != SourceFormat::kEes) {
      Problem(at, fmt::format("'column' in {} is only for EES sources (format = \"ees\")", kWhere));
    } else if (!UsesCategoryType(d.kind) || d.category_types.size() != 1) {
      Problem(at, fmt::format("'column' in {} needs exactly one of 'category_types', the type its "
                              "rows are stored under",
                              kWhere));
    } else if (ind.source.filters.contains(d.column)) {
      Problem(at, fmt::format("column '{}' in {} is also a filter of the source", d.column,
                              kWhere));
    } else if (std::any_of(ind.breakdowns.begin(), ind.breakdowns.end(),
                           [](const BreakdownDimension& o) { return !o.column.empty(); })) {
      Problem(at, fmt::format("{} reads a second 'column': a figure has one category, so an "
                              "indicator reads its groups from one column",
                              kWhere));
    }
  }

  Target ReadTarget(const toml::table& t, std::string_view kWhere) {
    CheckKeys(t, {"area", "period", "value", "baseline_period", "baseline"}, kWhere);
    Target target;
    target.area = Text(t, "area", true, kWhere);
    target.period = Text(t, "period", true, kWhere);
    if (!target.period.empty() && !ParsePeriod(target.period)) {
      Problem(t.get("period")->source(),
              fmt::format("period '{}' in {} is not a period label", target.period, kWhere));
    }
    target.value = Number(t, "value", true, kWhere).value_or(0);
    target.baseline_period = Text(t, "baseline_period", false, kWhere);
    target.baseline = Number(t, "baseline", false, kWhere);
    if (target.baseline.has_value() != !target.baseline_period.empty()) {
      Problem(t.source(), fmt::format("{} needs both 'baseline' and 'baseline_period'", kWhere));
    }
    return target;
  }

  // The owning organisation of a local measure: a slug, only with local = true, and (when links
  // are checked) a partner of the plan.
  std::string Owner(const toml::table& t, bool local, std::string_view named) {
    std::string owner = Text(t, "owner", false, named);
    if (owner.empty()) return owner;
    const toml::source_region& at = t.get("owner")->source();
    if (!local) {
      Problem(at, fmt::format("'owner' in {} is only for local measures (local = true)", named));
      return {};
    }
    if (!IsValidSlug(owner)) {
      Problem(at, fmt::format("owner '{}' in {} is not a valid partner id: use 1-64 characters "
                              "of a-z, 0-9 and '-', not starting or ending with '-'",
                              owner, named));
      return {};
    }
    if (plan_ != nullptr && !PlanHasPartner(owner)) {
      Problem(at, fmt::format("owner '{}' in {} is not a partner of plan '{}'", owner, named,
                              plan_->id));
    }
    return owner;
  }

  bool PlanHasPartner(std::string_view id) const {
    for (const Partner& p : plan_->partners) {
      if (p.id == id) return true;
    }
    return false;
  }

  Indicator ReadIndicator(const toml::table& t, const std::string& plan) {
    constexpr std::string_view kWhere = "[[indicators]]";
    CheckKeys(t, {"id", "title", "definition", "numerator", "denominator", "value_type", "unit",
                  "multiplier", "polarity", "method", "frequency", "caveats",
                  "value_only_reason", "disclosure_min_count", "outcomes", "objectives",
                  "measures", "index_measures", "local", "owner", "source", "targets",
                  "breakdowns"},
              kWhere);
    Indicator ind;
    ind.id = Id(t, "indicator", kWhere);
    ind.plan = plan;
    const std::string named = fmt::format("indicator '{}'", ind.id);
    ind.title = Text(t, "title", true, named);
    ind.definition = Text(t, "definition", false, named);
    ind.numerator = Text(t, "numerator", false, named);
    ind.denominator = Text(t, "denominator", false, named);
    ind.value_type = Enum(t, "value_type", true, ValueType::kProportion, ParseValueType,
                          "proportion, rate, count, mean, score, rank, ratio", named);
    ind.unit = Text(t, "unit", false, named);
    const double default_multiplier =
        ind.value_type == ValueType::kProportion && ind.unit == "%" ? 100 : 1;
    ind.multiplier = Number(t, "multiplier", false, named).value_or(default_multiplier);
    if (!(ind.multiplier > 0)) Problem(t.get("multiplier")->source(), "multiplier must be positive");
    ind.polarity = Enum(t, "polarity", true, Polarity::kNeutral, ParsePolarityName,
                        "high, low, neutral", named);
    ind.method = Enum(t, "method", false, CiMethod::kSupplied, ParseCiMethod,
                      "wilson, byar, dsr, supplied", named);
    ind.frequency = Choice(t, "frequency", kFrequencies, "annual", named);
    ind.caveats = Text(t, "caveats", false, named);
    ind.value_only_reason = Text(t, "value_only_reason", false, named);
    if (!ind.value_only_reason.empty() && ind.method != CiMethod::kSupplied) {
      Problem(t.get("value_only_reason")->source(),
              fmt::format("{}: value_only_reason is for figures without counts (method = "
                          "\"supplied\"), but its method is \"{}\"",
                          named, CiMethodName(ind.method)));
    }
    const double min_count = Number(t, "disclosure_min_count", false, named).value_or(0);
    if (min_count < 0 || min_count != static_cast<int>(min_count)) {
      Problem(t.get("disclosure_min_count")->source(),
              "disclosure_min_count must be a whole number, 0 or more");
    }
    ind.disclosure_min_count = static_cast<int>(min_count);
    Links(t, "outcomes", "outcome", named, &ind.outcomes);
    Links(t, "objectives", "objective", named, &ind.objectives);
    Links(t, "measures", "measure", named, &ind.measures);
    Links(t, "index_measures", "index measure", named, &ind.index_measures);
    ind.local = Bool(t, "local", false, named);
    ind.owner = Owner(t, ind.local, named);
    if (const toml::node* node = t.get("source"); node != nullptr && node->as_table() != nullptr) {
      ind.source = ReadSource(*node->as_table(), fmt::format("source of {}", named));
    } else {
      Problem(node != nullptr ? node->source() : t.source(),
              fmt::format("{} needs a [indicators.source] table", named));
    }
    Tables(t, "targets", named, [&](const toml::table& target) {
      ind.targets.push_back(ReadTarget(target, fmt::format("target of {}", named)));
    });
    Tables(t, "breakdowns", named, [&](const toml::table& b) {
      ReadBreakdown(b, ind, fmt::format("breakdown of {}", named));
    });
    return ind;
  }

  const Plan* plan_;
};

}  // namespace

CatalogueFileReport ParseCatalogueText(std::string_view text, const std::string& file_name,
                                       const Plan* plan) {
  auto root = ParseToml(text, file_name);
  if (!root) {
    CatalogueFileReport report;
    report.problems.push_back(root.error());
    return report;
  }
  CatalogueReader reader(file_name, plan);
  return reader.Read(*root);
}

CatalogueFileReport ReadCatalogueFile(const std::string& path, const Plan* plan) {
  auto text = ReadTextFile(path);
  if (!text) {
    CatalogueFileReport report;
    report.problems.push_back(text.error());
    return report;
  }
  return ParseCatalogueText(*text, path, plan);
}

std::string CataloguePlanId(std::string_view text) {
  try {
    const toml::table root = toml::parse(text);
    return root["catalogue"]["plan"].value_or(std::string{});
  } catch (const toml::parse_error&) {
    return {};
  }
}

}  // namespace waymark::ingest
