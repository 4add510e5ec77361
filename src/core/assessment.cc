// The compact assessment table's conversion to Assessment rows.
#include "core/assessment.h"

namespace waymark {

std::array<Comparison*, 6> ComparisonsOf(Assessment& a) {
  return {&a.vs_england, &a.vs_england_998, &a.vs_england_2level,
          &a.vs_region,  &a.vs_region_998,  &a.vs_region_2level};
}

void ClearSuppressedComparisons(Assessment& a) {
  if (!a.suppressed) return;
  for (Comparison* c : ComparisonsOf(a)) *c = Comparison::kNone;
  a.basis = ComparisonBasis::kSuppressed;
}

static_assert(sizeof(AssessmentRow) == 112, "the compact row is documented as 112 bytes");

void AssessmentTable::Allocate(std::size_t rows) {
  rows_ = std::make_unique_for_overwrite<AssessmentRow[]>(rows);
  size_ = rows;
}

void AssessmentTable::Get(std::size_t i, Assessment& a) const {
  const AssessmentRow& r = rows_[i];
  const AssessmentBlock& b = blocks[r.block];
  a.indicator = b.indicator;
  a.area = b.areas[r.area];
  a.period = b.periods[r.period];
  a.breakdown = b.breakdowns[r.breakdown];
  a.value = r.value;
  a.lower95 = r.lower95;
  a.upper95 = r.upper95;
  a.lower998 = r.lower998;
  a.upper998 = r.upper998;
  a.count = r.count;
  a.denominator = r.denominator;
  a.suppressed = r.suppressed;
  a.value_source = r.value_source;
  a.vs_england = r.vs_england;
  a.vs_england_998 = r.vs_england_998;
  a.vs_england_2level = r.vs_england_2level;
  a.vs_region = r.vs_region;
  a.vs_region_998 = r.vs_region_998;
  a.vs_region_2level = r.vs_region_2level;
  a.recent_trend = r.recent_trend;
  a.quintile = r.quintile;
  a.rank_london = r.rank_london;
  a.rank_neighbours = r.rank_neighbours;
  a.neighbours_ranked = r.neighbours_ranked;
  a.rag = r.rag;
  a.rag_rule = b.rag_rules[r.rag_rule];
  a.target = r.target;
  a.basis = r.basis;
}

Assessment AssessmentTable::operator[](std::size_t i) const {
  Assessment a;
  Get(i, a);
  return a;
}

std::vector<Assessment> AssessmentTable::ToAssessments() const {
  std::vector<Assessment> out(size_);
  for (std::size_t i = 0; i < size_; ++i) Get(i, out[i]);
  return out;
}

}  // namespace waymark
