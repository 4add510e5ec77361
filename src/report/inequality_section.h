// The "Inequalities" section of an indicator page: for each breakdown its catalogue declares,
// each group's figure in one period as a bar chart and table with its gap against the
// comparison group, the gap over time with its trend in words, and for deprivation the slope
// index of inequality across the groups. Suppressed gaps are shown as words, never as numbers.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "report/html.h"
#include "report/inequality_view.h"

namespace waymark::report {

// Section and heading ids.
inline constexpr std::string_view kInequalitiesId = "inequalities";

// The section (an <h2 id="inequalities">, then one <h3> per breakdown with its anchor); empty
// when the indicator declares no breakdowns.
Html RenderInequalitySection(const Indicator& indicator, const std::vector<BreakdownView>& views);

// The same, worked out from the indicator's breakdown figures (BuildInequalityViews).
Html InequalitySection(const Indicator& indicator, const Breakdown& headline,
                       std::span<const Assessment> figures, const InequalityRequest& request);

// The section's heading and a sentence saying its figures cannot be read just now.
Html InequalitySectionUnavailable();

// Wording shared with the plan's gaps page.
// A gap as shown: "+14.2", "suppressed (small numbers)", or "no gap: <why>".
std::string GapText(const assess::GapRow& gap);
// Its 95% interval, "8.1 to 16.5", or "no interval: <why>" ("" for a suppressed gap).
std::string GapIntervalText(const assess::GapRow& gap);
// Against the comparison group: "Higher, significant at 95%", "Lower, significant at 95%",
// "No significant difference at 95%", or why it is not judged.
std::string GapReading(const assess::GapRow& gap);
// The gap's trend in words (GapTrendLabel); "Not shown: a figure is suppressed" when suppressed.
std::string GapTrendText(const assess::GapRow& gap);
// The heading of a gap column in the indicator's units: "percentage points" for "%".
std::string GapUnit(const Indicator& indicator);

}  // namespace waymark::report
