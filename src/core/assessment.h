// Assessment: every judgement derived for one indicator, area, period and breakdown — the value
// with its intervals and how it compares, trends, ranks and stands against its target.
#pragma once

#include <string>
#include <string_view>

#include "core/indicator.h"

namespace waymark {

// The same text with static storage: judgements are labels from small fixed sets, so an
// assessment refers to shared copies instead of holding its own. Thread-safe.
std::string_view InternLabel(std::string_view text);

struct Assessment {
  std::string indicator;
  std::string area;
  Period period;
  Breakdown breakdown;
  double value = kNoValue;
  double lower95 = kNoValue;
  double upper95 = kNoValue;
  double lower998 = kNoValue;
  double upper998 = kNoValue;
  double count = kNoValue;
  double denominator = kNoValue;
  bool suppressed = false;     // small numbers hidden before display or export
  std::string_view value_source;  // "computed" (from counts), "supplied" or "missing"
  // Fingertips labels: Better/Similar/Worse (Higher/Similar/Lower when neutral), or
  // "Not compared"; two-level adds "Much better"/"Much worse".
  std::string_view vs_england;  // 95% intervals
  std::string_view vs_england_998;  // 99.8% intervals
  std::string_view vs_england_2level;
  std::string_view vs_region;
  std::string_view vs_region_998;
  std::string_view vs_region_2level;
  std::string_view recent_trend;  // Fingertips recent-trend label
  int quintile = 0;          // among English councils, 1 = best (0: not compared)
  int rank_london = 0;       // among London boroughs, 1 = best (0: not ranked)
  int rank_neighbours = 0;   // among the area and its statistical neighbours
  int neighbours_ranked = 0;
  std::string_view rag;      // red, amber, green or "" (no target)
  std::string rag_rule;      // the rule applied, in words
  double target = kNoValue;
};

}  // namespace waymark
