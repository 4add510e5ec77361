// Choosing what each breakdown shows: the area, the sex and age, the period and edition, the
// groups in order, their gaps then and over time, and the slope index of that period.
#include "report/inequality_view.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

namespace waymark::report {
namespace {

// The fields of a figure that are not the breakdown's own: sex and age, less the one the
// breakdown divides by.
std::pair<std::string, std::string> OtherFields(const BreakdownDimension& d, const Breakdown& b) {
  if (d.kind == DimensionKind::kSex) return {"", b.age};
  if (d.kind == DimensionKind::kAge) return {b.sex, ""};
  return {b.sex, b.age};
}

// A figure that can be shown: a value, or a suppressed figure shown as suppressed.
bool Shown(const Assessment& a) { return a.suppressed || HasValue(a.value); }

// The figures of `d` for `area`.
std::vector<const Assessment*> OfArea(const BreakdownDimension& d,
                                      std::span<const Assessment> figures, std::string_view area) {
  std::vector<const Assessment*> out;
  for (const Assessment& a : figures) {
    if (a.area == area && GroupOf(d, a.breakdown)) out.push_back(&a);
  }
  return out;
}

bool AnyShown(const std::vector<const Assessment*>& rows) {
  return std::any_of(rows.begin(), rows.end(), [](const Assessment* a) { return Shown(*a); });
}

// Keeps the figures of the headline's sex and age, or else of the most common ones.
void KeepOneVariant(const BreakdownDimension& d, const Breakdown& headline,
                    std::vector<const Assessment*>& rows) {
  std::map<std::pair<std::string, std::string>, int> counts;
  for (const Assessment* a : rows) counts[OtherFields(d, a->breakdown)] += Shown(*a) ? 1 : 0;
  auto keep = OtherFields(d, headline);
  if (counts[keep] == 0) {
    int best = 0;
    for (const auto& [fields, n] : counts) {
      if (n > best) {
        best = n;
        keep = fields;
      }
    }
  }
  std::erase_if(rows, [&](const Assessment* a) { return OtherFields(d, a->breakdown) != keep; });
}

// The period shown: the chosen one when it has a figure, else the latest with one.
std::optional<Period> PeriodShown(const std::vector<const Assessment*>& rows,
                                  const std::optional<Period>& chosen, BreakdownView& view) {
  std::set<Period> periods;
  for (const Assessment* a : rows) {
    if (Shown(*a)) periods.insert(a->period);
  }
  if (periods.empty()) return std::nullopt;
  if (chosen && periods.contains(*chosen)) return chosen;
  if (chosen) view.chosen_missing = chosen;
  return *periods.rbegin();
}

// The edition shown in `p`: the category type with most figures then, the later in the
// catalogue's list on a tie.
std::string EditionShown(const BreakdownDimension& d, const std::vector<const Assessment*>& rows,
                         const Period& p) {
  std::map<std::string, int> counts;
  for (const Assessment* a : rows) {
    if (a->period == p && Shown(*a)) ++counts[a->breakdown.category_type];
  }
  std::string best;
  int most = -1;
  for (const auto& [type, n] : counts) {
    const auto at = [&](const std::string& t) {
      return std::find(d.category_types.begin(), d.category_types.end(), t) -
             d.category_types.begin();
    };
    if (n > most || (n == most && at(type) > at(best))) {
      best = type;
      most = n;
    }
  }
  return best;
}

// Groups in the dimension's order; without one, the comparison last and the others by name.
bool GroupBefore(const BreakdownDimension& d, const std::string& x, const std::string& y) {
  const auto rx = GroupRank(d, x);
  const auto ry = GroupRank(d, y);
  if (rx && ry) return *rx < *ry;
  if (rx || ry) return rx.has_value();
  if ((x == d.comparison) != (y == d.comparison)) return y == d.comparison;
  return x < y;
}

void SortByGroup(const BreakdownDimension& d, std::vector<assess::GapRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [&](const assess::GapRow& a, const assess::GapRow& b) {
    return GroupBefore(d, a.group, b.group);
  });
}

// The groups' figures, their gaps and the gap series of the period and edition shown (`rows`
// are of one sex and age).
void FillGroups(const BreakdownDimension& d, const std::vector<const Assessment*>& rows,
                const std::string& edition, const std::vector<assess::GapRow>& gaps,
                BreakdownView& view) {
  const auto variant = OtherFields(d, rows.front()->breakdown);
  for (const Assessment* a : rows) {
    if (a->period == *view.period && a->breakdown.category_type == edition) {
      view.groups.push_back(*a);
    }
  }
  std::sort(view.groups.begin(), view.groups.end(), [&](const Assessment& x, const Assessment& y) {
    return GroupBefore(d, *GroupOf(d, x.breakdown), *GroupOf(d, y.breakdown));
  });
  std::map<std::string, GapSeries> series;
  for (const assess::GapRow& g : gaps) {
    if (g.dimension != d.label || g.area != view.area || g.breakdown.category_type != edition ||
        OtherFields(d, g.breakdown) != variant) {
      continue;
    }
    if (g.period == *view.period) view.gaps.push_back(g);
    GapSeries& s = series[g.group];
    s.group = g.group;
    s.rows.push_back(g);
  }
  SortByGroup(d, view.gaps);
  for (auto& [group, s] : series) {
    std::sort(s.rows.begin(), s.rows.end(),
              [](const assess::GapRow& x, const assess::GapRow& y) { return x.period < y.period; });
    view.series.push_back(std::move(s));
  }
  std::sort(view.series.begin(), view.series.end(), [&](const GapSeries& x, const GapSeries& y) {
    return GroupBefore(d, x.group, y.group);
  });
  // Deprivation: the most deprived group's gap only (the SII speaks for the whole gradient).
  if (d.kind == DimensionKind::kDeprivation && view.series.size() > 1) view.series.resize(1);
}

// The slope index of the groups shown (one SII: this period, edition, sex and age).
std::optional<assess::SlopeRow> SlopeOf(const Indicator& ind, const BreakdownDimension& d,
                                        const BreakdownView& view) {
  assess::InequalityOptions options;
  options.area = view.area;
  options.dimension = d.label;
  const assess::Inequalities found = assess::ComputeInequalities(ind, view.groups, options);
  if (found.slopes.empty()) return std::nullopt;
  return found.slopes.front();
}

BreakdownView ViewOf(const Indicator& ind, const BreakdownDimension& d, const Breakdown& headline,
                     std::span<const Assessment> figures, const std::vector<assess::GapRow>& gaps,
                     const InequalityRequest& request) {
  BreakdownView view;
  view.dimension = d;
  view.area = request.area;
  view.area_name = request.area_name;
  std::vector<const Assessment*> rows = OfArea(d, figures, request.area);
  if (d.kind == DimensionKind::kDeprivation && request.england_for_deprivation &&
      request.area != kEnglandCode && !AnyShown(rows)) {
    std::vector<const Assessment*> england = OfArea(d, figures, kEnglandCode);
    if (AnyShown(england)) {
      view.england_instead = true;
      view.area = std::string(kEnglandCode);
      view.area_name = "England";
      rows = std::move(england);
    }
  }
  KeepOneVariant(d, headline, rows);
  view.period = PeriodShown(rows, request.period, view);
  if (!view.period) return view;
  FillGroups(d, rows, EditionShown(d, rows, *view.period), gaps, view);
  if (d.kind == DimensionKind::kDeprivation && request.slopes) view.slope = SlopeOf(ind, d, view);
  return view;
}

}  // namespace

std::vector<std::string> InequalityAnchors(const Indicator& indicator) {
  std::vector<std::string> out;
  for (const BreakdownDimension& d : indicator.breakdowns) {
    std::string id = "inequalities-";
    bool dash = false;
    for (char ch : d.label) {
      const auto c = static_cast<unsigned char>(ch);
      if (std::isalnum(c) && c < 128) {
        if (dash && !id.ends_with('-')) id += '-';
        id += static_cast<char>(std::tolower(c));
        dash = false;
      } else {
        dash = true;
      }
    }
    const std::string base = id;
    for (int n = 2; std::find(out.begin(), out.end(), id) != out.end(); ++n) {
      id = base + "-" + std::to_string(n);
    }
    out.push_back(std::move(id));
  }
  return out;
}

std::vector<BreakdownView> BuildInequalityViews(const Indicator& indicator,
                                                const Breakdown& headline,
                                                std::span<const Assessment> figures,
                                                const InequalityRequest& request) {
  assess::InequalityOptions options;
  options.slopes = false;
  const assess::Inequalities all = assess::ComputeInequalities(indicator, figures, options);
  const std::vector<std::string> anchors = InequalityAnchors(indicator);
  std::vector<BreakdownView> out;
  for (std::size_t i = 0; i < indicator.breakdowns.size(); ++i) {
    out.push_back(ViewOf(indicator, indicator.breakdowns[i], headline, figures, all.gaps, request));
    out.back().anchor = anchors[i];
  }
  return out;
}

}  // namespace waymark::report
