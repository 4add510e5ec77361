// The methods page (/methods, "How the figures are judged"): in plain words, how each judgement
// on the dashboard and in board reports is made — confidence intervals, comparison with England,
// the recent trend, the spine chart, quintiles and ranks, targets, small numbers, the Family
// Friendly Index, the flags on action updates and the exception rules of board reports — each
// with the method it uses, its published source and how to read it. Board reports link to its
// sections by their ids (/methods#compared-with-england and so on).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "report/layout.h"

namespace waymark::report {

// The ids of the page's sections (each the id of an <h2>), in the order of the page.
std::span<const std::string_view> MethodsSectionIds();

// The whole page. `links` gives the home link (and the plan it carries).
std::string RenderMethodsPage(const Links& links);

}  // namespace waymark::report
