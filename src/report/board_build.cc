// Building a board report from the plan, figures, updates, index and commentary (see
// board_build.h).
#include "report/board_build.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "report/charts.h"
#include "report/finding_pages.h"
#include "report/indicator_pages.h"
#include "report/plan_text.h"
#include "report/progress.h"

namespace waymark::report {
namespace {

using UpdatesById = std::map<std::string, const ActionUpdate*, std::less<>>;
using TextBySubject = std::map<std::string, std::string, std::less<>>;

constexpr std::size_t kMaxMovers = 5;

// Submitted updates by action (drafts never reach a board).
UpdatesById Submitted(const std::vector<ActionUpdate>& updates) {
  UpdatesById out;
  for (const ActionUpdate& u : updates) {
    if (u.state == UpdateState::kSubmitted) out.emplace(u.action_id, &u);
  }
  return out;
}

std::string TextFor(const TextBySubject& texts, std::string_view subject) {
  const auto it = texts.find(subject);
  return it == texts.end() ? std::string() : it->second;
}

std::string SignedOneDecimal(double x) { return (x > 0 ? "+" : "") + OneDecimal(x); }

ReportGap MakeGap(const assess::GapRow& row) {
  ReportGap g;
  g.dimension = row.dimension;
  g.group = row.group;
  g.comparison = row.comparison;
  g.period = row.period.Label();
  g.suppressed = row.suppressed;
  g.note = row.note;
  if (row.suppressed) {
    g.gap_text = "suppressed (small numbers)";
    return g;
  }
  g.gap_text = HasValue(row.absolute.value) ? SignedOneDecimal(row.absolute.value) : "no figure";
  if (!row.absolute.intervals.empty() && HasValue(row.absolute.intervals[0].lower) &&
      HasValue(row.absolute.intervals[0].upper)) {
    g.interval_text = OneDecimal(row.absolute.intervals[0].lower) + " to " +
                      OneDecimal(row.absolute.intervals[0].upper);
  }
  g.trend = std::string(stats::GapTrendLabel(row.trend));
  g.widening = row.trend == stats::GapTrend::kWidening;
  return g;
}

// The latest gap of each group of each breakdown of indicator `id` in the plan's council.
std::vector<ReportGap> LatestGaps(const std::vector<assess::GapRow>& rows, std::string_view id) {
  std::map<std::pair<std::string, Breakdown>, const assess::GapRow*> latest;
  for (const assess::GapRow& r : rows) {
    if (r.indicator != id || r.area != kDefaultArea) continue;
    const assess::GapRow*& slot = latest[{r.dimension, r.breakdown}];
    if (slot == nullptr || slot->period < r.period) slot = &r;
  }
  std::vector<ReportGap> out;
  out.reserve(latest.size());
  for (const auto& [key, row] : latest) out.push_back(MakeGap(*row));
  return out;
}

ReportIndicator MakeIndicator(const IndicatorData& data, const IndicatorSeries& s, int n) {
  const Indicator& ind = s.indicator;
  ReportIndicator i;
  i.id = ind.id;
  i.title = ind.title;
  i.unit = ind.unit;
  i.area_name = data.AreaName(kDefaultArea);
  i.polarity = std::string(PolarityName(ind.polarity));
  Period p;
  if (!data.LatestFor(s, kDefaultArea, p)) {
    i.value_text = ind.local ? "awaiting local figures" : "no figure yet";
    return i;
  }
  const Assessment* a = data.At(s, kDefaultArea, p);
  const Assessment* e = data.At(s, kEnglandCode, p);
  i.period = p.Label();
  i.suppressed = a->suppressed;
  if (!a->suppressed) {
    i.value = a->value;
    i.lower95 = a->lower95;
    i.upper95 = a->upper95;
  }
  i.value_text = DisplayValue(ind, *a);
  i.interval_text = DisplayInterval(*a);
  if (e != nullptr && !e->suppressed) i.england = e->value;
  i.england_text = e ? DisplayValue(ind, *e) : "";
  // A suppressed figure's comparison would say something of the small number: left out.
  if (!a->suppressed) i.vs_england = std::string(Words(a->vs_england));
  i.comparison_basis =
      ComparisonBasisText(a->suppressed ? ComparisonBasis::kSuppressed : a->basis);
  i.recent_trend = std::string(Words(a->recent_trend));
  i.spine = AreaSpineRow(data, s, kDefaultArea, p, "spine-" + std::to_string(n));
  if (a->suppressed) i.spine.judgement.clear();
  i.trend = AreaTrendChart(data, s, kDefaultArea, "trend-" + std::to_string(n));
  return i;
}

std::string StandingLabel(const ActionStanding& standing) {
  if (standing.status) return std::string(ActionStatusLabel(*standing.status));
  return standing.overdue ? "Overdue" : "No update";
}

struct ActionContext {
  const Plan& plan;
  const ReportingCycle* cycle;
  const UpdatesById& current;
  const UpdatesById& previous;
  const TextBySubject& commentary;
  const Date& today;
};

ReportAction MakeAction(const ActionContext& cx, const Action& action,
                        std::span<const RecentTrend> trends) {
  ReportAction a;
  a.id = action.id;
  a.title = action.title;
  a.responsible = PartnerNames(cx.plan, action.responsible);
  const auto it = cx.current.find(action.id);
  const ActionUpdate* update = it == cx.current.end() ? nullptr : it->second;
  ActionStanding standing;
  if (cx.cycle != nullptr) standing = StandingOf(*cx.cycle, update, cx.today);
  if (standing.status) a.status = std::string(ActionStatusName(*standing.status));
  a.status_label = StandingLabel(standing);
  a.overdue = standing.overdue;
  a.disagrees = EvidenceDisagrees(standing.status, trends);
  if (const auto prev = cx.previous.find(action.id); prev != cx.previous.end()) {
    if (const auto& status = prev->second->fields.status) {
      a.previous_status = std::string(ActionStatusName(*status));
    }
  }
  if (update != nullptr) {
    a.narrative = update->fields.narrative;
    a.next_steps = update->fields.next_steps;
    a.evidence = update->fields.evidence;
    a.author = update->author_name.empty() ? update->author : update->author_name;
    a.submitted_at = update->submitted_at;
  }
  a.commentary = TextFor(cx.commentary, "action:" + action.id);
  return a;
}

void Count(ReportCounts& c, const ReportIndicator& i) {
  ++c.indicators;
  const Comparison england = i.EnglandComparison();
  if (IsBetter(england)) ++c.better;
  if (england == Comparison::kSimilar) ++c.similar;
  if (IsWorse(england)) ++c.worse;
  if (IsGettingWorse(i.Trend())) ++c.getting_worse;
}

void Count(ReportCounts& c, const ReportAction& a) {
  ++c.actions;
  const auto status = ParseActionStatus(a.status);
  if (status == ActionStatus::kOnTrack) ++c.on_track;
  if (status == ActionStatus::kAtRisk) ++c.at_risk;
  if (status == ActionStatus::kOffTrack) ++c.off_track;
  if (status == ActionStatus::kComplete) ++c.complete;
  if (!status) ++c.no_update;
  if (a.overdue) ++c.overdue;
  if (a.disagrees) ++c.disagree;
}

void AddCounts(ReportCounts& total, const ReportCounts& c) {
  total.indicators += c.indicators;
  total.better += c.better;
  total.similar += c.similar;
  total.worse += c.worse;
  total.getting_worse += c.getting_worse;
  total.actions += c.actions;
  total.on_track += c.on_track;
  total.at_risk += c.at_risk;
  total.off_track += c.off_track;
  total.complete += c.complete;
  total.no_update += c.no_update;
  total.overdue += c.overdue;
  total.disagree += c.disagree;
}

ReportOutcome MakeOutcome(const BoardInputs& in, const ActionContext& cx, const Outcome& outcome,
                          int& indicator_n) {
  ReportOutcome o;
  o.id = outcome.id;
  o.title = outcome.title;
  o.description = outcome.description;
  if (in.findings.empty()) {
    o.voice = outcome.voice;
  } else {
    for (const Finding& f : in.findings) {
      if (f.outcome_id == outcome.id) o.voice.push_back(YouSaidWeDid(f));
    }
  }
  o.children_promised = outcome.children.promised;
  o.children_did = outcome.children.did;
  o.children_next = outcome.children.next;
  o.commentary = TextFor(cx.commentary, "outcome:" + outcome.id);
  for (const Objective& objective : outcome.objectives) {
    ReportObjective obj;
    obj.id = objective.id;
    obj.title = objective.title;
    obj.commentary = TextFor(cx.commentary, "objective:" + objective.id);
    std::vector<RecentTrend> trends;
    if (in.data != nullptr) {
      for (const IndicatorSeries* s : ObjectiveIndicators(*in.data, *in.plan, objective)) {
        obj.indicators.push_back(MakeIndicator(*in.data, *s, ++indicator_n));
        obj.indicators.back().gaps = LatestGaps(in.gaps, s->indicator.id);
        obj.indicators.back().commentary =
            TextFor(cx.commentary, "indicator:" + obj.indicators.back().id);
        trends.push_back(obj.indicators.back().Trend());
        Count(o.counts, obj.indicators.back());
      }
    }
    for (const Action& action : objective.actions) {
      obj.actions.push_back(MakeAction(cx, action, trends));
      Count(o.counts, obj.actions.back());
    }
    o.objectives.push_back(std::move(obj));
  }
  return o;
}

std::string IndicatorDetail(const ReportIndicator& i) {
  std::string out = i.area_name + " " + i.value_text;
  if (!i.period.empty()) out.append(" in ").append(i.period);
  if (!i.england_text.empty()) out.append("; England ").append(i.england_text);
  if (!i.recent_trend.empty()) out.append("; trend: ").append(i.recent_trend);
  return out;
}

// The widening gaps of an indicator in words ("" when none is widening).
std::string WideningGaps(const ReportIndicator& i) {
  std::string out;
  for (const ReportGap& g : i.gaps) {
    if (!g.widening) continue;
    if (!out.empty()) out.append("; ");
    out.append(i.area_name + ": the gap between " + g.group + " and " + g.comparison + " is " +
               g.gap_text + " in " + g.period);
    if (!g.interval_text.empty()) out.append(" (95% interval " + g.interval_text + ")");
    out.append(", and widening");
  }
  return out;
}

std::string ActionDetail(const ReportAction& a) {
  std::string out = a.status_label;
  if (!a.previous_status.empty()) {
    const auto prev = ParseActionStatus(a.previous_status);
    out.append(" (previous cycle: ").append(prev ? ActionStatusLabel(*prev) : "").append(")");
  }
  if (!a.responsible.empty()) out.append("; responsible: ").append(JoinNames(a.responsible));
  return out;
}

std::optional<ExceptionRule> ActionRule(const ReportAction& a) {
  if (a.status == ActionStatusName(ActionStatus::kOffTrack)) {
    return a.previous_status == a.status ? ExceptionRule::kOffTrackTwice : ExceptionRule::kOffTrack;
  }
  if (a.overdue) return ExceptionRule::kOverdue;
  if (a.disagrees) return ExceptionRule::kDisagree;
  return std::nullopt;
}

const store::IndexAreaYear* RowOf(const store::IndexResults& results, std::string_view area, int year) {
  for (const store::IndexAreaYear& row : results.rows) {
    if (row.area == area && row.year == year) return &row;
  }
  return nullptr;
}

std::string MeasureTitle(const Plan& plan, std::string_view id) {
  if (plan.index) {
    for (const IndexMeasure& m : plan.index->measures) {
      if (m.id == id) return m.title;
    }
  }
  return std::string(id);
}

std::optional<ReportIndex> MakeIndex(const BoardInputs& in) {
  if (in.index == nullptr || !in.plan->index) return std::nullopt;
  const store::IndexResults& results = *in.index;
  int year = 0;
  for (const store::IndexAreaYear& row : results.rows) {
    if (row.area == kDefaultArea && std::isfinite(row.score)) year = std::max(year, row.year);
  }
  const store::IndexAreaYear* now = RowOf(results, kDefaultArea, year);
  if (now == nullptr) return std::nullopt;
  ReportIndex x;
  x.title = in.plan->index->title;
  x.area_name = in.data ? in.data->AreaName(kDefaultArea) : std::string(kDefaultArea);
  x.year = year;
  x.score = now->score;
  x.rank = now->rank;
  x.rank_p05 = now->rank_p05;
  x.rank_p95 = now->rank_p95;
  x.comparison = results.comparison;
  for (const store::IndexAreaYear& row : results.rows) {
    if (row.year == year && std::isfinite(row.rank)) ++x.ranked;
  }
  const store::IndexAreaYear* before = nullptr;
  for (int y = year - 1; y >= year - 5 && before == nullptr; --y) {
    before = RowOf(results, kDefaultArea, y);
    if (before != nullptr) x.previous_year = y;
  }
  if (before == nullptr) return x;
  x.previous_score = before->score;
  x.previous_rank = before->rank;
  for (const store::IndexMeasureScore& m : now->measures) {
    for (const store::IndexMeasureScore& old : before->measures) {
      if (old.measure != m.measure) continue;
      const double change = m.contribution - old.contribution;
      if (std::isfinite(change)) x.movers.push_back({MeasureTitle(*in.plan, m.measure), change});
    }
  }
  std::sort(x.movers.begin(), x.movers.end(), [](const IndexMover& a, const IndexMover& b) {
    return std::abs(a.change) > std::abs(b.change);
  });
  if (x.movers.size() > kMaxMovers) x.movers.resize(kMaxMovers);
  return x;
}

std::string CyclePeriod(const ReportingCycle& cycle) {
  return LongDate(cycle.from) + " to " + LongDate(cycle.to);
}

}  // namespace

std::string BoardReportTitle(ReportKind kind, std::string_view outcome_title,
                             std::string_view cycle_name) {
  std::string title(ReportKindLabel(kind));
  if (kind == ReportKind::kOutcome && !outcome_title.empty()) {
    title.append(": ").append(outcome_title);
  }
  if (!cycle_name.empty()) title.append(kind == ReportKind::kOutcome ? " – " : ": ").append(cycle_name);
  return title;
}

std::vector<ReportException> SelectExceptions(const std::vector<ReportOutcome>& outcomes) {
  std::vector<ReportException> out;
  for (const ReportOutcome& o : outcomes) {
    for (const ReportObjective& obj : o.objectives) {
      for (const ReportIndicator& i : obj.indicators) {
        std::optional<ExceptionRule> rule;
        if (IsWorse(i.EnglandComparison())) {
          rule = ExceptionRule::kWorseThanEngland;
        } else if (IsGettingWorse(i.Trend())) {
          rule = ExceptionRule::kGettingWorse;
        }
        if (rule) {
          out.push_back({*rule, o.id, o.title, "indicator:" + i.id, i.title, IndicatorDetail(i),
                         ""});
        } else if (const std::string detail = WideningGaps(i); !detail.empty()) {
          out.push_back({ExceptionRule::kGapWidening, o.id, o.title, "indicator:" + i.id, i.title,
                         detail, ""});
        }
      }
    }
    for (const ReportObjective& obj : o.objectives) {
      for (const ReportAction& a : obj.actions) {
        if (const auto rule = ActionRule(a)) {
          out.push_back({*rule, o.id, o.title, "action:" + a.id, a.title, ActionDetail(a),
                         a.commentary});
        }
      }
    }
  }
  return out;
}

Result<BoardReport> BuildBoardReport(const BoardInputs& in) {
  const Plan& plan = *in.plan;
  std::vector<const Outcome*> outcomes;
  for (const Outcome& o : plan.outcomes) {
    if (in.kind != ReportKind::kOutcome || o.id == in.outcome_id) outcomes.push_back(&o);
  }
  if (in.kind == ReportKind::kOutcome && in.outcome_id.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "outcome: an outcome report needs an outcome");
  }
  if (in.kind == ReportKind::kOutcome && outcomes.empty()) {
    return MakeError(ErrorCode::kNotFound, "outcome: no outcome '" + in.outcome_id + "' in plan " + plan.id);
  }
  BoardReport r;
  r.kind = in.kind;
  r.plan_id = plan.id;
  r.plan_title = plan.title;
  r.organisation = plan.organisation;
  r.outcome_id = in.kind == ReportKind::kOutcome ? in.outcome_id : "";
  r.data_as_of = in.data_as_of;
  r.generated_at = in.now;
  r.area_name = in.data ? in.data->AreaName(kDefaultArea) : std::string(kDefaultArea);
  if (in.cycle != nullptr) {
    r.cycle_id = in.cycle->id;
    r.cycle_name = in.cycle->name;
    r.cycle_period = CyclePeriod(*in.cycle);
    r.cycle_due = LongDate(in.cycle->due);
  }
  r.title = BoardReportTitle(in.kind, r.outcome_id.empty() ? "" : outcomes.front()->title,
                             r.cycle_name);
  TextBySubject commentary;
  for (const Commentary& c : in.commentary) commentary.emplace(c.subject, c.text);
  r.commentary = TextFor(commentary, "plan");
  const UpdatesById current = Submitted(in.updates);
  const UpdatesById previous = Submitted(in.previous_updates);
  const ActionContext cx{plan, in.cycle, current, previous, commentary, in.today};
  int indicator_n = 0;
  for (const Outcome* o : outcomes) {
    r.outcomes.push_back(MakeOutcome(in, cx, *o, indicator_n));
    AddCounts(r.counts, r.outcomes.back().counts);
  }
  r.exceptions = SelectExceptions(r.outcomes);
  for (ReportException& e : r.exceptions) {
    if (e.commentary.empty()) e.commentary = TextFor(commentary, e.subject);
  }
  r.index = MakeIndex(in);
  if (in.previous != nullptr) {
    r.previous_title = in.previous->title;
    r.previous_issued_at = in.previous_issued_at;
    r.changes = DescribeChanges(*in.previous, r);
  }
  return r;
}

}  // namespace waymark::report
