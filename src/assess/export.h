// CSV exports of the catalogue and of judgements. Suppressed figures are blanked here, so no
// small number leaves the program.
#pragma once

#include <string>
#include <vector>

#include "core/assessment.h"
#include "core/indicator.h"
#include "core/plan.h"
#include "store/store.h"

namespace waymark::assess {

// indicator,area_code,period,sex,age,category_type,category,value,lower_95,upper_95,lower_99_8,
// upper_99_8,count,denominator,compared_to_england,comparison_basis,compared_to_region,
// recent_trend,quintile,rank_london,rank_neighbours,rag (comparison_basis in words,
// ComparisonBasisText). The first seven columns are each row's key: unique when the rows are
// the store's, whose breakdowns differ in category_type alone for some Fingertips indicators
// (deprivation deciles of counties and of districts share their category names).
std::string AssessmentsCsv(const std::vector<Assessment>& rows);
// The same in pieces, for an export written as it is read: the header line, then the lines of
// some rows appended to `out`.
std::string_view AssessmentsCsvHeader();
void AppendAssessmentsCsv(const std::vector<Assessment>& rows, std::string& out);

// What an export says of an area code the store does not know.
inline constexpr std::string_view kUnknownAreaMessage =
    "area must be the code of a known area, such as E09000003";

// An export's choice of indicator and area checked against the store before anything is
// written ("" chooses every one): kNotFound "no indicator 'ID'" for an indicator not in the
// catalogue, kInvalidArgument kUnknownAreaMessage for an unknown area, or the store's failure.
Status CheckExportSelection(store::Store& store, std::string_view indicator, std::string_view area);

// period,sex,age,category_type,category,value,lower_95,upper_95,count,denominator,
// missing_reason,file,row,imported_at,imported_by,replaced_at: one row per stored figure of
// `indicator` and each earlier value it replaced; the numbers of small counts are blank.
std::string FigureHistoryCsv(const Indicator& indicator,
                             const std::vector<store::FigureRecord>& records);

// One row per indicator with its metadata.
std::string IndicatorsCsv(const std::vector<Indicator>& indicators);

// area_code,year,score,rank,rank_median,rank_p05,rank_p95, then one column per measure of the
// index (its id; empty for a measure without a score), one row per area and year.
std::string IndexCsv(const store::IndexResults& results, const CompositeIndex& index);

}  // namespace waymark::assess
