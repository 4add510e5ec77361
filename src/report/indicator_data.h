// The indicator figures the dashboard shows, as plain values: the catalogue (or some of it), the
// areas and, per indicator, the assessments of its headline breakdown, with look-ups by area and
// period.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/assessment.h"
#include "core/indicator.h"
#include "report/area_set.h"

namespace waymark::report {

inline constexpr std::string_view kDefaultArea = "E09000003";  // Barnet

struct IndicatorSeries {
  Indicator indicator;
  Breakdown breakdown;           // the headline breakdown (persons, no category)
  std::vector<Assessment> rows;  // that breakdown only, sorted by period then area
  std::vector<Period> periods;   // distinct periods, oldest first
};

// Judgements by the id of their indicator.
using JudgementsByIndicator = std::map<std::string, std::vector<Assessment>, std::less<>>;

class IndicatorData {
 public:
  IndicatorData();
  // `boundaries` are the outlines of areas for maps; one that does not parse is left out.
  IndicatorData(std::vector<Indicator> indicators, std::vector<Area> areas,
                std::vector<ComparatorGroup> groups, std::vector<Assessment> assessments,
                const std::vector<AreaBoundary>& boundaries = {});
  // The series of `indicators` only (a page about some of them), over areas read before.
  IndicatorData(std::shared_ptr<const AreaSet> places, std::vector<Indicator> indicators,
                std::vector<Assessment> assessments);
  IndicatorData(std::shared_ptr<const AreaSet> places, std::vector<Indicator> indicators,
                JudgementsByIndicator judgements);

  // Every indicator's series, in catalogue order (only those it was made with).
  const std::vector<IndicatorSeries>& Series() const { return series_; }
  const IndicatorSeries* Find(std::string_view id) const;
  const std::shared_ptr<const AreaSet>& Places() const { return places_; }

  const std::vector<Area>& Areas() const { return places_->Areas(); }
  const Area* FindArea(std::string_view code) const { return places_->FindArea(code); }
  std::string AreaName(std::string_view code) const { return places_->AreaName(code); }
  const ingest::Rings* Outline(std::string_view code) const { return places_->Outline(code); }
  std::vector<const Area*> WardsOf(std::string_view council) const {
    return places_->WardsOf(council);
  }
  const std::vector<std::string>& LondonBoroughs() const { return places_->LondonBoroughs(); }
  std::vector<std::string> NeighboursOf(std::string_view area) const {
    return places_->NeighboursOf(area);
  }

  // The figure for one area and period (nullptr when there is none).
  const Assessment* At(const IndicatorSeries& s, std::string_view area, const Period& p) const;
  // The area's figures, oldest first.
  std::vector<const Assessment*> ForArea(const IndicatorSeries& s, std::string_view area) const;
  // Every area's figure in one period.
  std::vector<const Assessment*> InPeriod(const IndicatorSeries& s, const Period& p) const;
  // The latest period in which `area` has a figure (false when it has none).
  bool LatestFor(const IndicatorSeries& s, std::string_view area, Period& out) const;
  // The default area for an indicator: Barnet when it has figures, else the first council
  // (by name) that has; Barnet when no council has any.
  std::string DefaultArea(const IndicatorSeries& s) const;

 private:
  // The series of `indicator` from its judgements (its headline breakdown's, sorted).
  void AddSeries(Indicator indicator, std::vector<Assessment> rows);

  std::shared_ptr<const AreaSet> places_;
  std::vector<IndicatorSeries> series_;
  std::map<std::string, std::size_t, std::less<>> series_index_;
};

}  // namespace waymark::report
