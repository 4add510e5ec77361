// The indicator figures the dashboard shows, as plain values: the catalogue, the areas and, per
// indicator, the assessments of its headline breakdown, with look-ups by area and period.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/assessment.h"
#include "core/indicator.h"
#include "ingest/boundaries_file.h"

namespace waymark::report {

inline constexpr std::string_view kDefaultArea = "E09000003";  // Barnet

struct IndicatorSeries {
  Indicator indicator;
  Breakdown breakdown;           // the headline breakdown (persons, no category)
  std::vector<Assessment> rows;  // that breakdown only, sorted by period then area
  std::vector<Period> periods;   // distinct periods, oldest first
};

class IndicatorData {
 public:
  IndicatorData() = default;
  // `boundaries` are the outlines of areas for maps; one that does not parse is left out.
  IndicatorData(std::vector<Indicator> indicators, std::vector<Area> areas,
                std::vector<ComparatorGroup> groups, std::vector<Assessment> assessments,
                const std::vector<AreaBoundary>& boundaries = {});

  const std::vector<IndicatorSeries>& Series() const { return series_; }
  const std::vector<Area>& Areas() const { return areas_; }
  const IndicatorSeries* Find(std::string_view id) const;
  const Area* FindArea(std::string_view code) const;
  // The area's name, or the code when the area is unknown.
  std::string AreaName(std::string_view code) const;
  // The figure for one area and period (nullptr when there is none).
  const Assessment* At(const IndicatorSeries& s, std::string_view area, const Period& p) const;
  // The area's figures, oldest first.
  std::vector<const Assessment*> ForArea(const IndicatorSeries& s, std::string_view area) const;
  // Every area's figure in one period.
  std::vector<const Assessment*> InPeriod(const IndicatorSeries& s, const Period& p) const;
  // The latest period in which `area` has a figure (false when it has none).
  bool LatestFor(const IndicatorSeries& s, std::string_view area, Period& out) const;
  // The outline of an area (nullptr when none is stored).
  const ingest::Rings* Outline(std::string_view code) const;
  // The wards of a council (areas of type ward whose parent it is), by name.
  std::vector<const Area*> WardsOf(std::string_view council) const;
  // Councils whose parent is London, by name.
  const std::vector<std::string>& LondonBoroughs() const { return london_; }
  // The statistical neighbours of `area` (empty when it has none).
  std::vector<std::string> NeighboursOf(std::string_view area) const;
  // The default area for an indicator: Barnet when it has figures, else the first council
  // (by name) that has; Barnet when no council has any.
  std::string DefaultArea(const IndicatorSeries& s) const;

 private:
  std::vector<IndicatorSeries> series_;
  std::vector<Area> areas_;
  std::vector<ComparatorGroup> groups_;
  std::vector<std::string> london_;
  std::map<std::string, std::size_t, std::less<>> series_index_;
  std::map<std::string, std::size_t, std::less<>> area_index_;
  std::map<std::string, ingest::Rings, std::less<>> outlines_;
};

}  // namespace waymark::report
