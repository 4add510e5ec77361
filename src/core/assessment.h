// Assessment: every judgement derived for one indicator, area, period and breakdown — the value
// with its intervals and how it compares, trends, ranks and stands against its target.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/comparison_basis.h"
#include "core/indicator.h"
#include "core/judgement_label.h"

namespace waymark {

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
  ValueSource value_source = ValueSource::kNone;
  // Fingertips labels: Better/Similar/Worse (Higher/Similar/Lower when neutral), or Not
  // compared; the two-level labels say at which level ("Better (99.8%)"). When no interval can
  // be had, vs_england is the council's fifth among English councils; `basis` says which, or
  // why there is no comparison.
  Comparison vs_england = Comparison::kNone;      // 95% intervals, or a fifth
  Comparison vs_england_998 = Comparison::kNone;  // 99.8% intervals
  Comparison vs_england_2level = Comparison::kNone;
  Comparison vs_region = Comparison::kNone;
  Comparison vs_region_998 = Comparison::kNone;
  Comparison vs_region_2level = Comparison::kNone;
  RecentTrend recent_trend = RecentTrend::kNone;
  int quintile = 0;          // among English councils, 1 = best (0: not compared)
  int rank_london = 0;       // among London boroughs, 1 = best (0: not ranked)
  int rank_neighbours = 0;   // among the area and its statistical neighbours
  int neighbours_ranked = 0;
  Rag rag = Rag::kNone;      // kNone: no target
  std::string rag_rule;      // the rule applied, in words
  double target = kNoValue;
  ComparisonBasis basis = ComparisonBasis::kUnknown;  // of vs_england
};

// The six comparisons of `a` in the order exports and stored rows give them: with England at
// 95%, 99.8% and two levels, then with the region the same.
std::array<Comparison*, 6> ComparisonsOf(Assessment& a);

// A suppressed figure's comparisons with England and the region would say something of its
// small number, so what is shown or exported leaves them out (as the board reports do): clears
// them when `a` is suppressed. The engine keeps them for its own checks.
void ClearSuppressedComparisons(Assessment& a);

// One assessment in compact form (112 bytes instead of about 480): the numbers and labels of an
// Assessment, with its keys as numbers into the dictionaries of its block in an
// AssessmentTable.
struct AssessmentRow {
  double value, lower95, upper95, lower998, upper998, count, denominator, target;
  std::uint32_t block;      // AssessmentTable::blocks index (one indicator)
  std::uint32_t area;       // AssessmentBlock::areas index
  std::uint32_t breakdown;  // AssessmentBlock::breakdowns index
  std::uint32_t period;     // AssessmentBlock::periods index
  std::uint32_t rag_rule;   // AssessmentBlock::rag_rules index
  std::int32_t quintile, rank_london, rank_neighbours, neighbours_ranked;
  ValueSource value_source;
  Comparison vs_england, vs_england_998, vs_england_2level, vs_region, vs_region_998,
      vs_region_2level;
  RecentTrend recent_trend;
  Rag rag;
  bool suppressed;
  ComparisonBasis basis;
};

// The dictionaries of one indicator's rows.
struct AssessmentBlock {
  std::string indicator;
  std::vector<std::string> areas;
  std::vector<Breakdown> breakdowns;
  std::vector<Period> periods;
  std::vector<std::string> rag_rules;  // [0] is ""
};

// Every assessment of a recompute in compact form. Rows are left uninitialised by Allocate so
// that the threads that fill them are the first to touch their memory.
class AssessmentTable {
 public:
  std::vector<AssessmentBlock> blocks;

  void Allocate(std::size_t rows);
  std::size_t size() const { return size_; }
  AssessmentRow* data() { return rows_.get(); }
  // Row `i` as an Assessment; `out` is overwritten (its strings' storage is reused).
  void Get(std::size_t i, Assessment& out) const;
  Assessment operator[](std::size_t i) const;
  std::vector<Assessment> ToAssessments() const;

 private:
  std::unique_ptr<AssessmentRow[]> rows_;
  std::size_t size_ = 0;
};

}  // namespace waymark
