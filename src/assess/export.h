// CSV exports of the catalogue and of judgements. Suppressed figures are blanked here, so no
// small number leaves the program.
#pragma once

#include <string>
#include <vector>

#include "core/assessment.h"
#include "core/indicator.h"

namespace waymark::assess {

// indicator,area_code,period,sex,age,category,value,lower_95,upper_95,lower_99_8,upper_99_8,
// count,denominator,compared_to_england,compared_to_region,recent_trend,quintile,rank_london,
// rank_neighbours,rag
std::string AssessmentsCsv(const std::vector<Assessment>& rows);

// One row per indicator with its metadata.
std::string IndicatorsCsv(const std::vector<Indicator>& indicators);

}  // namespace waymark::assess
