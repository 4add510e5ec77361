// The composite index page (/index): the ranking of one year with Monte Carlo rank bands as a
// chart and a table, one area's breakdown by measure over the years, and the method statement
// with the measures used, those scaled by fixed goalposts, those awaiting data and the Sobol
// sensitivity indices.
#pragma once

#include <string>
#include <vector>

#include "core/plan.h"
#include "report/html.h"
#include "report/indicator_data.h"
#include "report/layout.h"
#include "store/store.h"

namespace waymark::report {

struct RankBandRow {
  std::string label;  // area name
  double rank = kNoValue;
  double median = kNoValue;
  double p05 = kNoValue;
  double p95 = kNoValue;
  bool highlight = false;
};

struct RankBandChart {
  std::string id;
  std::string title;
  std::string description;
  std::vector<RankBandRow> rows;  // drawn top to bottom
  int ranked = 0;                 // how many areas are ranked (the axis runs 1..ranked)
};

// One row per area: a line over the 5–95% band of ranks, a tick at the median rank and a dot
// at the nominal rank; rank 1 (best) on the left.
Html RenderRankBandChart(const RankBandChart& chart);

struct IndexPage {
  const Plan* plan = nullptr;                   // has an index
  const store::IndexResults* results = nullptr;  // nullptr: not computed yet
  const IndicatorData* data = nullptr;          // area names
  std::string home_area;                        // the plan's own council ("" when unknown)
  int year = 0;                                 // the year shown (one of the results' years)
  std::string area;                             // the area broken down
  Links links;
};

// The years with results, oldest first.
std::vector<int> IndexYears(const store::IndexResults& results);

std::string RenderIndexPage(const IndexPage& page);

}  // namespace waymark::report
