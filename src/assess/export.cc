// Writing judgements and the catalogue as CSV (numbers with 17 significant digits).
#include "assess/export.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "stats/csv.h"

namespace waymark::assess {
namespace {

// Shortest text that reads back to the same double.
std::string Num(double x, bool hide) { return hide || !HasValue(x) ? "" : fmt::format("{}", x); }
std::string Int(int x) { return x == 0 ? "" : std::to_string(x); }

}  // namespace

std::string_view AssessmentsCsvHeader() {
  return "indicator,area_code,period,sex,age,category_type,category,value,lower_95,upper_95,"
         "lower_99_8,upper_99_8,count,denominator,compared_to_england,comparison_basis,"
         "compared_to_region,recent_trend,quintile,rank_london,rank_neighbours,rag\n";
}

std::string AssessmentsCsv(const std::vector<Assessment>& rows) {
  std::string out(AssessmentsCsvHeader());
  AppendAssessmentsCsv(rows, out);
  return out;
}

void AppendAssessmentsCsv(const std::vector<Assessment>& rows, std::string& out) {
  for (const Assessment& a : rows) {
    const bool hide = a.suppressed;
    out += stats::CsvLine(
        {a.indicator,
         a.area,
         a.period.Label(),
         a.breakdown.sex,
         a.breakdown.age,
         a.breakdown.category_type,
         a.breakdown.category,
         Num(a.value, hide),
         Num(a.lower95, hide),
         Num(a.upper95, hide),
         Num(a.lower998, hide),
         Num(a.upper998, hide),
         Num(a.count, hide),
         Num(a.denominator, hide),
         hide ? std::string() : std::string(Words(a.vs_england)),
         std::string(ComparisonBasisText(hide ? ComparisonBasis::kSuppressed : a.basis)),
         hide ? std::string() : std::string(Words(a.vs_region)),
         std::string(Words(a.recent_trend)),
         Int(a.quintile),
         Int(a.rank_london),
         Int(a.rank_neighbours),
         std::string(Words(a.rag))});
    out += '\n';
  }
}

Status CheckExportSelection(store::Store& store, std::string_view indicator,
                            std::string_view area) {
  if (!indicator.empty()) {
    WAYMARK_ASSIGN_OR_RETURN(const auto catalogue, store.ListIndicators());
    if (std::none_of(catalogue.begin(), catalogue.end(),
                     [&](const Indicator& i) { return i.id == indicator; })) {
      return MakeError(ErrorCode::kNotFound, fmt::format("no indicator '{}'", indicator));
    }
  }
  if (!area.empty()) {
    WAYMARK_ASSIGN_OR_RETURN(const auto areas, store.ListAreas());
    if (std::none_of(areas.begin(), areas.end(), [&](const Area& a) { return a.code == area; })) {
      return MakeError(ErrorCode::kInvalidArgument, std::string(kUnknownAreaMessage));
    }
  }
  return {};
}

std::string FigureHistoryCsv(const Indicator& indicator,
                             const std::vector<store::FigureRecord>& records) {
  std::string out =
      "period,sex,age,category_type,category,value,lower_95,upper_95,count,denominator,"
      "missing_reason,file,row,imported_at,imported_by,replaced_at\n";
  for (const store::FigureRecord& r : records) {
    const bool hide = IsSmallCount(indicator, r.count);
    out += stats::CsvLine({r.period.Label(), r.breakdown.sex, r.breakdown.age,
                           r.breakdown.category_type, r.breakdown.category, Num(r.value, hide),
                           Num(r.lower95, hide), Num(r.upper95, hide), Num(r.count, hide),
                           Num(r.denominator, hide), r.missing_reason, r.file,
                           std::to_string(r.source_row), r.imported_at, r.imported_by,
                           r.replaced_at});
    out += '\n';
  }
  return out;
}

std::string IndicatorsCsv(const std::vector<Indicator>& indicators) {
  std::string out =
      "id,title,value_type,unit,multiplier,polarity,method,frequency,source_name,source_format,"
      "source_code,outcomes,index_measures,local,definition\n";
  for (const Indicator& i : indicators) {
    out += stats::CsvLine({i.id, i.title, std::string(ValueTypeName(i.value_type)), i.unit,
                           Num(i.multiplier, false), std::string(PolarityName(i.polarity)),
                           std::string(CiMethodName(i.method)), i.frequency, i.source.name,
                           std::string(SourceFormatName(i.source.format)), i.source.code,
                           fmt::format("{}", fmt::join(i.outcomes, ";")),
                           fmt::format("{}", fmt::join(i.index_measures, ";")),
                           i.local ? "true" : "false", i.definition});
    out += '\n';
  }
  return out;
}

std::string IndexCsv(const store::IndexResults& results, const CompositeIndex& index) {
  const auto number = [](double x) { return HasValue(x) ? fmt::format("{}", x) : std::string(); };
  std::string out = "area_code,year,score,rank,rank_median,rank_p05,rank_p95";
  for (const IndexMeasure& m : index.measures) {
    out += ',';
    out += stats::CsvField(m.id);
  }
  out += "\n";
  for (const store::IndexAreaYear& row : results.rows) {
    out += fmt::format("{},{},{},{},{},{},{}", stats::CsvField(row.area), row.year,
                       number(row.score), number(row.rank), number(row.rank_median),
                       number(row.rank_p05), number(row.rank_p95));
    for (const IndexMeasure& m : index.measures) {
      double score = kNoValue;
      for (const store::IndexMeasureScore& s : row.measures) {
        if (s.measure == m.id) score = s.score;
      }
      out += ',';
      out += number(score);
    }
    out += "\n";
  }
  return out;
}

}  // namespace waymark::assess
