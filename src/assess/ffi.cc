// Builds the composite index input from stored assessments and runs the src/index engine.
// Method statement and sources: docs/family-friendly-index.md.
#include "assess/ffi.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "core/headline.h"
#include "index/aggregate.h"
#include "index/impute.h"
#include "index/model.h"
#include "index/pipeline.h"
#include "index/sensitivity.h"

namespace waymark::assess {
namespace {

constexpr int kDefaultRuns = 1000;
constexpr std::uint64_t kDefaultSeed = 1;

// One column of the index table: an indicator under one measure (an indicator linked to two
// measures gives two columns).
struct Column {
  std::string code;  // "<measure>:<indicator>", unique in the framework
  std::string measure;
  std::string indicator;
  int direction = 1;
  std::optional<std::pair<double, double>> goalposts;  // the measure's fixed goalposts
};

// The comparison set's area codes, sorted. London boroughs are the councils whose parent is the
// London region; "neighbours" is the home council and its statistical neighbours.
Result<std::vector<std::string>> ComparisonSet(const std::string& comparison,
                                               const std::string& home,
                                               const std::vector<Area>& areas,
                                               const std::vector<ComparatorGroup>& groups) {
  std::set<std::string> codes;
  if (comparison == "neighbours") {
    for (const ComparatorGroup& g : groups) {
      if (g.owner_area != home || home.empty()) continue;
      codes.insert(home);
      codes.insert(g.members.begin(), g.members.end());
      break;
    }
  } else {
    for (const Area& a : areas) {
      if (a.type != AreaType::kCouncil) continue;
      if (comparison == "all-councils" || a.parent == kLondonCode) codes.insert(a.code);
    }
  }
  if (codes.empty()) {
    return MakeError(ErrorCode::kValidation,
                     fmt::format("the comparison set '{}' has no areas; import the area registry "
                                 "(and statistical neighbours)",
                                 comparison));
  }
  return std::vector<std::string>(codes.begin(), codes.end());
}

// The whole-population breakdown of an indicator: its headline breakdown (core/headline.h),
// when that has no category.
std::optional<Breakdown> WholePopulation(const std::vector<const Assessment*>& rows) {
  std::map<Breakdown, std::size_t> counts;
  for (const Assessment* a : rows) ++counts[a->breakdown];
  auto best = HeadlineBreakdown(counts);
  if (best && (!best->category_type.empty() || !best->category.empty())) return std::nullopt;
  return best;
}

// Values per (area, year) of one indicator: single-year periods only, a year being the period's
// start year (2023/24 → 2023), the latest period per year; suppressed figures are missing.
using Values = std::map<std::pair<std::string, int>, double>;

Values IndicatorValues(const std::vector<const Assessment*>& rows, const Breakdown& breakdown,
                       const std::set<std::string>& areas) {
  std::map<std::pair<std::string, int>, std::pair<long long, double>> latest;
  for (const Assessment* a : rows) {
    if (!(a->breakdown == breakdown) || !a->period.IsSingleYear()) continue;
    if (areas.count(a->area) == 0) continue;
    const double value = a->suppressed ? kNoValue : a->value;
    auto [it, added] =
        latest.try_emplace({a->area, a->period.start_year}, a->period.SortKey(), value);
    if (!added && a->period.SortKey() > it->second.first) it->second = {a->period.SortKey(), value};
  }
  Values out;
  for (const auto& [key, v] : latest) {
    if (HasValue(v.second)) out[key] = v.second;
  }
  return out;
}

int Direction(const IndexMeasure& measure, const Indicator& indicator) {
  if (measure.polarity == "high") return 1;
  if (measure.polarity == "low") return -1;
  if (indicator.polarity == Polarity::kHigh) return 1;
  if (indicator.polarity == Polarity::kLow) return -1;
  return 0;
}

// The plan's measures that have data, their columns and values; measures without any data are
// listed as awaiting local data.
struct Selection {
  std::vector<const IndexMeasure*> measures;
  std::vector<Column> columns;
  std::vector<Values> values;  // per column
  std::vector<std::string> awaiting;
  std::vector<std::string> goalposts;  // measures scaled by their fixed goalposts
  std::vector<std::string> notes;
};

Selection SelectColumns(const IndexInputs& in, const std::set<std::string>& area_set) {
  std::map<std::string, std::vector<const Assessment*>> by_indicator;
  for (const Assessment& a : in.assessments) by_indicator[a.indicator].push_back(&a);
  Selection s;
  for (const IndexMeasure& m : in.plan.index->measures) {
    const std::size_t first_column = s.columns.size();
    std::set<std::string> areas_with_data;
    for (const Indicator& ind : in.indicators) {
      if (std::find(ind.index_measures.begin(), ind.index_measures.end(), m.id) ==
          ind.index_measures.end()) {
        continue;
      }
      if (!ind.plan.empty() && ind.plan != in.plan.id &&
          std::find(in.sharing_plans.begin(), in.sharing_plans.end(), ind.plan) ==
              in.sharing_plans.end()) {
        continue;
      }
      const int direction = Direction(m, ind);
      if (direction == 0) {
        s.notes.push_back(fmt::format("{} left out of '{}': no polarity", ind.id, m.id));
        continue;
      }
      const auto rows = by_indicator.find(ind.id);
      if (rows == by_indicator.end()) continue;
      const std::optional<Breakdown> breakdown = WholePopulation(rows->second);
      if (!breakdown) continue;
      Values values = IndicatorValues(rows->second, *breakdown, area_set);
      if (values.empty()) continue;
      for (const auto& [key, value] : values) areas_with_data.insert(key.first);
      s.columns.push_back(Column{m.id + ":" + ind.id, m.id, ind.id, direction, m.goalposts});
      s.values.push_back(std::move(values));
    }
    // A measure with fixed goalposts counts from one area up (a local survey); otherwise one
    // council's data cannot be compared, and imputing it for every other area would copy it.
    if (areas_with_data.size() > 1 || (m.goalposts && !areas_with_data.empty())) {
      s.measures.push_back(&m);
      if (m.goalposts) s.goalposts.push_back(m.id);
      continue;
    }
    if (areas_with_data.size() == 1) {
      s.notes.push_back(fmt::format(
          "'{}' has data for {} only: not compared (give the measure goalposts to count it)", m.id,
          *areas_with_data.begin()));
    }
    s.columns.resize(first_column);
    s.values.resize(first_column);
    s.awaiting.push_back(m.id);
  }
  return s;
}

// Area × year rows with every column, values carried forward at most `max_gap` years (COINr
// impute_panel "latest"), then kept only when the share of measures with a value is at least
// `min_coverage` (the availability rule of COINr Screen, applied to the comparable measures).
index::Table BuildTable(const Selection& s, const std::vector<std::string>& areas,
                        const std::vector<int>& years, int max_gap, double min_coverage) {
  index::Table full;
  for (const Column& c : s.columns) full.columns.push_back(c.code);
  full.x = index::Matrix(areas.size() * years.size(), s.columns.size());
  for (std::size_t a = 0; a < areas.size(); ++a) {
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
      std::vector<double> series(years.size(), kNoValue);
      for (std::size_t y = 0; y < years.size(); ++y) {
        const auto it = s.values[c].find({areas[a], years[y]});
        if (it != s.values[c].end()) series[y] = it->second;
      }
      if (max_gap > 0) {
        series = index::ImputeSeries(series, years, index::PanelImpute::kLatest, max_gap);
      }
      for (std::size_t y = 0; y < years.size(); ++y) {
        full.x.At(a * years.size() + y, c) = series[y];
      }
    }
  }
  index::Table kept;
  kept.columns = full.columns;
  std::vector<double> cells;
  for (std::size_t a = 0; a < areas.size(); ++a) {
    for (std::size_t y = 0; y < years.size(); ++y) {
      const std::size_t row = a * years.size() + y;
      std::set<std::string> present;
      for (std::size_t c = 0; c < s.columns.size(); ++c) {
        if (!index::IsMissing(full.x.At(row, c))) present.insert(s.columns[c].measure);
      }
      // Local measures (fixed goalposts) are left out of the share: they are neither required
      // nor a way to reach the coverage that the comparable measures set.
      std::size_t comparable = 0;
      for (const std::string& m : present) {
        comparable += std::count(s.goalposts.begin(), s.goalposts.end(), m) == 0 ? 1 : 0;
      }
      const std::size_t required = s.measures.size() - s.goalposts.size();
      const double share =
          required == 0 ? 1.0 : static_cast<double>(comparable) / static_cast<double>(required);
      if (present.empty() || share + 1e-9 < min_coverage) continue;
      kept.keys.unit.push_back(areas[a]);
      kept.keys.year.push_back(years[y]);
      kept.keys.group.emplace_back();
      for (std::size_t c = 0; c < s.columns.size(); ++c) cells.push_back(full.x.At(row, c));
    }
  }
  kept.x = index::Matrix(kept.keys.size(), s.columns.size());
  kept.x.values = std::move(cells);
  return kept;
}

// Indicators (level 1) under their measures (level 2, weighted) under the index (level 3).
index::Framework BuildFramework(const Selection& s, const std::string& top) {
  index::Framework f;
  for (const Column& c : s.columns) {
    index::Node node;
    node.code = c.code;
    node.parent = c.measure;
    node.level = 1;
    node.direction = c.direction;
    if (c.goalposts) {
      node.goalposts = index::Goalposts{c.goalposts->first, c.goalposts->second, 1};
      node.fixed_goalposts = true;
    }
    f.nodes.push_back(node);
  }
  for (const IndexMeasure* m : s.measures) {
    index::Node node;
    node.code = m->id;
    node.parent = top;
    node.level = 2;
    node.weight = m->weight.value_or(1.0);
    f.nodes.push_back(node);
  }
  index::Node root;
  root.code = top;
  root.level = 3;
  f.nodes.push_back(root);
  return f;
}

// The FFI's uncertain inputs (FfiFactors) with the plan's weight share; carrying forward is
// done before the engine, so the imputation options keep only their cross-sectional step.
// Leave-one-out drops only indicators whose measure has others (dropping a measure's only
// indicator would leave the measure empty and the run undefined).
std::vector<index::Factor> Factors(const IndexMethod& method, const Selection& s) {
  std::map<std::string, int> per_measure;
  for (const Column& c : s.columns) ++per_measure[c.measure];
  std::vector<std::string> droppable;
  for (const Column& c : s.columns) {
    if (per_measure[c.measure] > 1) droppable.push_back(c.code);
  }
  std::vector<index::Factor> factors;
  for (index::Factor& f : index::FfiFactors()) {
    if (f.kind == index::FactorKind::kWeights && method.weight_share) {
      f.share = *method.weight_share;
    }
    for (index::ImputeSpec& i : f.imputations) i.panel = index::PanelImpute::kNone;
    if (f.kind == index::FactorKind::kExclusion) {
      if (droppable.empty()) continue;
      f.exclusions = droppable;
    }
    factors.push_back(std::move(f));
  }
  return factors;
}

std::vector<int> Years(const Selection& s, const IndexMethod& method) {
  std::set<int> years;
  for (const Values& v : s.values) {
    for (const auto& [key, value] : v) years.insert(key.second);
  }
  std::vector<int> out;
  for (int y : years) {
    if (method.first_year && y < *method.first_year) continue;
    if (method.last_year && y > *method.last_year) continue;
    out.push_back(y);
  }
  return out;
}

// The results per row with a score: nominal score and rank, the measure scores and their
// contributions, the Monte Carlo rank statistics.
void FillRows(const index::Prepared& model, const index::Results& nominal,
              const std::optional<index::Matrix>& contributions, const index::UncertaintyResult& mc,
              const Selection& s, IndexComputation& out) {
  const std::size_t top = model.framework.TopIndex();
  std::vector<std::size_t> measure_column;
  for (const IndexMeasure* m : s.measures) measure_column.push_back(*model.framework.Find(m->id));
  std::set<std::string> scored;
  std::set<int> years;
  for (std::size_t r = 0; r < model.keys.size(); ++r) {
    const double score = nominal.aggregated.At(r, top);
    if (index::IsMissing(score)) continue;
    store::IndexAreaYear row;
    row.area = model.keys.unit[r];
    row.year = model.keys.year[r];
    row.score = score;
    row.rank = nominal.ranks.At(r, top);
    row.rank_median = mc.stats.median[r];
    row.rank_p05 = mc.stats.p05[r];
    row.rank_p95 = mc.stats.p95[r];
    for (std::size_t i = 0; i < s.measures.size(); ++i) {
      const std::size_t c = measure_column[i];
      row.measures.push_back(
          store::IndexMeasureScore{s.measures[i]->id, nominal.aggregated.At(r, c),
                                   contributions ? contributions->At(r, c) : kNoValue});
    }
    scored.insert(row.area);
    years.insert(row.year);
    out.results.rows.push_back(std::move(row));
  }
  std::sort(out.results.rows.begin(), out.results.rows.end(),
            [](const store::IndexAreaYear& a, const store::IndexAreaYear& b) {
              return std::tie(a.year, a.area) < std::tie(b.year, b.area);
            });
  out.areas_scored = scored.size();
  out.years.assign(years.begin(), years.end());
}

}  // namespace

std::string HomeArea(const Plan& plan, const std::vector<Area>& areas,
                     const std::vector<ComparatorGroup>& groups) {
  std::string best;
  std::size_t best_length = 0;
  for (const Area& a : areas) {
    if (a.type != AreaType::kCouncil || a.name.empty()) continue;
    if (plan.organisation.find(a.name) != std::string::npos && a.name.size() > best_length) {
      best = a.code;
      best_length = a.name.size();
    }
  }
  if (best.empty() && groups.size() == 1) best = groups.front().owner_area;
  return best;
}

Result<index::MethodSpec> NominalIndexSpec(const IndexMethod& method) {
  index::MethodSpec spec = index::FfiNominalSpec();
  if (method.normalisation) {
    WAYMARK_ASSIGN_OR_RETURN(spec.normalise.method,
                             index::ParseNormalisation(*method.normalisation));
  }
  if (method.aggregation) {
    WAYMARK_ASSIGN_OR_RETURN(spec.aggregate.method, index::ParseAggregation(*method.aggregation));
  }
  if (method.imputation) {
    WAYMARK_ASSIGN_OR_RETURN(spec.impute.method, index::ParseImputeMethod(*method.imputation));
  }
  if (method.outliers) {
    WAYMARK_ASSIGN_OR_RETURN(spec.treat.method, index::ParseTreatMethod(*method.outliers));
  }
  if (method.min_coverage) spec.aggregate.dat_threshold = *method.min_coverage;
  if (method.carry_forward_max_gap) spec.impute.max_gap = *method.carry_forward_max_gap;
  spec.impute.panel = index::PanelImpute::kNone;
  WAYMARK_TRY(index::ValidateSpec(spec));
  return spec;
}

std::vector<std::string> PlansSharingIndex(const Plan& plan, const std::vector<Plan>& others) {
  std::vector<std::string> out;
  if (!plan.index) return out;
  for (const Plan& other : others) {
    if (other.id != plan.id && other.index && other.index->id == plan.index->id) {
      out.push_back(other.id);
    }
  }
  return out;
}

Result<IndexComputation> ComputeIndex(const IndexInputs& in, const IndexOptions& options,
                                      Progress* progress) {
  if (!in.plan.index) {
    return MakeError(ErrorCode::kNotFound,
                     fmt::format("plan '{}' has no [index] section", in.plan.id));
  }
  const IndexMethod& method = in.plan.index->method;
  WAYMARK_ASSIGN_OR_RETURN(index::MethodSpec spec, NominalIndexSpec(method));
  IndexComputation out;
  out.home_area = HomeArea(in.plan, in.areas, in.groups);
  const std::string comparison = method.comparison.value_or("london");
  WAYMARK_ASSIGN_OR_RETURN(std::vector<std::string> areas,
                           ComparisonSet(comparison, out.home_area, in.areas, in.groups));
  out.comparison_size = areas.size();
  const Selection s = SelectColumns(in, std::set<std::string>(areas.begin(), areas.end()));
  out.notes = s.notes;
  if (s.measures.empty()) {
    return MakeError(ErrorCode::kValidation, "no index measure has data for the comparison set");
  }
  const std::vector<int> years = Years(s, method);
  const double min_coverage = spec.aggregate.dat_threshold;
  const index::Table table = BuildTable(s, areas, years, spec.impute.max_gap, min_coverage);
  if (table.keys.size() == 0) {
    return MakeError(
        ErrorCode::kValidation,
        fmt::format("no area and year has data for {:.0f}% of the measures", min_coverage * 100));
  }
  const std::string top = "index:" + in.plan.index->id;
  WAYMARK_ASSIGN_OR_RETURN(index::Prepared model, index::Prepare(table, BuildFramework(s, top)));
  WAYMARK_ASSIGN_OR_RETURN(index::Results nominal, index::RunPipeline(model, spec));
  std::optional<index::Matrix> contributions;
  if (spec.aggregate.method == index::AggMethod::kArithmetic) {
    WAYMARK_ASSIGN_OR_RETURN(
        contributions,
        index::Contributions(nominal.aggregated, model.framework, nominal.weights, spec.aggregate));
  }
  index::SensitivitySpec mc_spec;
  mc_spec.nominal = spec;
  mc_spec.factors = Factors(method, s);
  mc_spec.runs =
      static_cast<std::size_t>(options.runs.value_or(method.runs.value_or(kDefaultRuns)));
  mc_spec.seed =
      options.seed.value_or(method.seed ? static_cast<std::uint64_t>(*method.seed) : kDefaultSeed);
  const int sensitivity_runs =
      options.sensitivity_runs.value_or(method.sensitivity_runs.value_or(0));
  // The Saltelli design runs N(d + 2) times for d factors.
  const std::uint64_t saltelli_runs =
      sensitivity_runs > 0
          ? static_cast<std::uint64_t>(sensitivity_runs) * (mc_spec.factors.size() + 2)
          : 0;
  const std::uint64_t all_runs = mc_spec.runs + saltelli_runs;
  ProgressPart mc_progress(progress, 0, all_runs);
  ProgressPart sensitivity_progress(progress, mc_spec.runs, all_runs);
  if (progress != nullptr) {
    mc_spec.progress = &mc_progress;
    progress->Advance(0, all_runs);
    progress->Stage("Monte Carlo");
  }
  const auto start = std::chrono::steady_clock::now();
  WAYMARK_ASSIGN_OR_RETURN(index::UncertaintyResult mc, index::RunUncertainty(model, mc_spec));
  out.monte_carlo_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.failed_runs = mc.failed_runs;

  out.results.plan_id = in.plan.id;
  out.results.comparison = comparison;
  out.results.runs = static_cast<int>(mc_spec.runs);
  out.results.seed = mc_spec.seed;
  for (const IndexMeasure* m : s.measures) out.results.measures_used.push_back(m->id);
  out.results.measures_awaiting = s.awaiting;
  out.results.measures_goalposts = s.goalposts;
  out.results.failed_runs = static_cast<int>(mc.failed_runs);
  FillRows(model, nominal, contributions, mc, s, out);
  if (sensitivity_runs > 0) {
    mc_spec.runs = static_cast<std::size_t>(sensitivity_runs);
    if (progress != nullptr) {
      mc_spec.progress = &sensitivity_progress;
      progress->Stage("sensitivity");
    }
    const auto sensitivity_start = std::chrono::steady_clock::now();
    auto sa = index::RunSensitivity(model, mc_spec);
    if (!sa) {
      // E.g. no run moves any rank: the indices are undefined, the index itself stands.
      out.notes.push_back("sensitivity indices not computed: " + sa.error().message);
      return out;
    }
    out.sensitivity_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - sensitivity_start).count();
    out.results.sensitivity_runs = sensitivity_runs;
    for (const index::SobolIndex& i : sa->indices) {
      out.results.sensitivity.push_back(store::IndexSensitivity{
          i.factor, i.first, i.total, i.first_p05, i.first_p95, i.total_p05, i.total_p95});
    }
  }
  return out;
}

}  // namespace waymark::assess
