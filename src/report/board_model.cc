// The board report value as JSON and back, the exception rules' names and words, and what
// changed between two reports (see board_model.h).
#include "report/board_model.h"

#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

namespace waymark {

// Enumerations by their stable names (ADL finds these for ReportKind); nlohmann's names.
void to_json(nlohmann::json& j, ReportKind kind) {  // NOLINT(readability-identifier-naming)
  j = std::string(ReportKindName(kind));
}
void from_json(const nlohmann::json& j, ReportKind& kind) {  // NOLINT(readability-identifier-naming)
  const auto parsed = ParseReportKind(j.get<std::string>());
  if (!parsed) throw nlohmann::json::other_error::create(501, "unknown report kind", &j);
  kind = *parsed;
}

namespace report {

void to_json(nlohmann::json& j, ExceptionRule rule) {  // NOLINT(readability-identifier-naming)
  j = std::string(ExceptionRuleName(rule));
}
void from_json(const nlohmann::json& j,  // NOLINT(readability-identifier-naming)
               ExceptionRule& rule) {
  const auto parsed = ParseExceptionRule(j.get<std::string>());
  if (!parsed) throw nlohmann::json::other_error::create(501, "unknown exception rule", &j);
  rule = *parsed;
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TrendPoint, period, value, lower, upper, england,
                                                london, judgement)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TrendChart, id, title, description, area_name,
                                                points, target)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SpineRow, id, title, description, value, england,
                                                min, q25, q75, max, judgement)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReportGap, dimension, group, comparison, period,
                                                gap_text, interval_text, trend, widening,
                                                suppressed, note)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReportIndicator, id, title, unit, area_name,
                                                period, value, lower95, upper95, england,
                                                value_text, england_text, interval_text,
                                                suppressed, vs_england, comparison_basis,
                                                recent_trend, polarity, spine, trend, commentary,
                                                gaps)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReportAction, id, title, responsible, status,
                                                status_label, overdue, disagrees,
                                                previous_status, narrative, next_steps, evidence,
                                                author, submitted_at, commentary)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReportObjective, id, title, indicators, actions,
                                                commentary)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReportCounts, indicators, better, similar, worse,
                                                getting_worse, actions, on_track, at_risk,
                                                off_track, complete, no_update, overdue, disagree)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReportOutcome, id, title, description, voice,
                                                objectives, counts, commentary,
                                                children_promised, children_did, children_next)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReportException, rule, outcome_id, outcome_title,
                                                subject, title, detail, commentary)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(IndexMover, measure, change)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReportIndex, title, area_name, year, score, rank,
                                                rank_p05, rank_p95, ranked, comparison,
                                                previous_year, previous_score, previous_rank,
                                                movers)

Comparison ReportIndicator::EnglandComparison() const {
  return ParseComparison(vs_england).value_or(Comparison::kNone);
}

RecentTrend ReportIndicator::Trend() const {
  return ParseRecentTrend(recent_trend).value_or(RecentTrend::kNone);
}

namespace {

constexpr std::array<std::pair<ExceptionRule, std::string_view>, 7> kRuleNames = {{
    {ExceptionRule::kWorseThanEngland, "worse-than-england"},
    {ExceptionRule::kGettingWorse, "getting-worse"},
    {ExceptionRule::kOffTrackTwice, "off-track-two-cycles"},
    {ExceptionRule::kOffTrack, "off-track"},
    {ExceptionRule::kOverdue, "overdue"},
    {ExceptionRule::kDisagree, "evidence-disagrees"},
    {ExceptionRule::kGapWidening, "gap-widening"},
}};

// Every null in a parsed report is a number that was NaN (missing) when written: the model
// holds no other nullable value once "index" has been taken out.
void NullsToNaN(nlohmann::json& j) {
  if (j.is_null()) {
    j = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  if (j.is_structured()) {
    for (auto& child : j) NullsToNaN(child);
  }
}

nlohmann::json ToJson(const BoardReport& r) {
  nlohmann::json j = {
      {"format", 1},
      {"kind", r.kind},
      {"plan_id", r.plan_id},
      {"plan_title", r.plan_title},
      {"organisation", r.organisation},
      {"title", r.title},
      {"outcome_id", r.outcome_id},
      {"cycle_id", r.cycle_id},
      {"cycle_name", r.cycle_name},
      {"cycle_period", r.cycle_period},
      {"cycle_due", r.cycle_due},
      {"data_as_of", r.data_as_of},
      {"generated_at", r.generated_at},
      {"area_name", r.area_name},
      {"suppress_below", r.suppress_below},
      {"outcomes", r.outcomes},
      {"exceptions", r.exceptions},
      {"commentary", r.commentary},
      {"counts", r.counts},
      {"previous_title", r.previous_title},
      {"previous_issued_at", r.previous_issued_at},
      {"changes", r.changes},
  };
  j["index"] = r.index ? nlohmann::json(*r.index) : nlohmann::json(nullptr);
  return j;
}

template <typename T>
void Field(const nlohmann::json& j, const char* name, T& out) {
  if (j.contains(name)) j.at(name).get_to(out);
}

BoardReport FromJson(nlohmann::json j) {
  BoardReport r;
  if (j.contains("index") && !j["index"].is_null()) {
    nlohmann::json index = j["index"];
    NullsToNaN(index);
    r.index = index.get<ReportIndex>();
  }
  j.erase("index");
  NullsToNaN(j);
  Field(j, "kind", r.kind);
  Field(j, "plan_id", r.plan_id);
  Field(j, "plan_title", r.plan_title);
  Field(j, "organisation", r.organisation);
  Field(j, "title", r.title);
  Field(j, "outcome_id", r.outcome_id);
  Field(j, "cycle_id", r.cycle_id);
  Field(j, "cycle_name", r.cycle_name);
  Field(j, "cycle_period", r.cycle_period);
  Field(j, "cycle_due", r.cycle_due);
  Field(j, "data_as_of", r.data_as_of);
  Field(j, "generated_at", r.generated_at);
  Field(j, "area_name", r.area_name);
  Field(j, "suppress_below", r.suppress_below);
  Field(j, "outcomes", r.outcomes);
  Field(j, "exceptions", r.exceptions);
  Field(j, "commentary", r.commentary);
  Field(j, "counts", r.counts);
  Field(j, "previous_title", r.previous_title);
  Field(j, "previous_issued_at", r.previous_issued_at);
  Field(j, "changes", r.changes);
  return r;
}

std::string Figure(double x) {
  if (!std::isfinite(x)) return "no figure";
  return ChartNumber(x);
}

}  // namespace

std::string_view ExceptionRuleName(ExceptionRule rule) {
  for (const auto& [r, name] : kRuleNames) {
    if (r == rule) return name;
  }
  return "";
}

std::optional<ExceptionRule> ParseExceptionRule(std::string_view name) {
  for (const auto& [r, n] : kRuleNames) {
    if (n == name) return r;
  }
  return std::nullopt;
}

std::string_view ExceptionRuleText(ExceptionRule rule) {
  switch (rule) {
    case ExceptionRule::kWorseThanEngland:
      return "Significantly worse than England in the latest period (95% confidence intervals)";
    case ExceptionRule::kGettingWorse:
      return "Getting worse: the recent trend of the latest five points is significant and "
             "in the wrong direction";
    case ExceptionRule::kOffTrackTwice:
      return "Off track for two cycles in a row";
    case ExceptionRule::kOffTrack:
      return "Off track in this cycle";
    case ExceptionRule::kOverdue:
      return "No update submitted by the cycle's due date";
    case ExceptionRule::kDisagree:
      return "The update says on track or complete while an indicator of its objective is "
             "getting worse";
    case ExceptionRule::kGapWidening:
      return "A gap between groups is widening: the trend of the gap over the latest five "
             "points moves away from equality and is significant (99.8%)";
  }
  return "";
}

std::string BoardReportJson(const BoardReport& report) { return ToJson(report).dump(); }

Result<BoardReport> ParseBoardReport(std::string_view json) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "report: the stored report is not a JSON object");
  }
  try {
    return FromJson(std::move(j));
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, std::string("report: ") + e.what());
  }
}

std::vector<std::string> DescribeChanges(const BoardReport& before, const BoardReport& after) {
  std::map<std::string, const ReportIndicator*, std::less<>> old_indicators;
  std::map<std::string, const ReportAction*, std::less<>> old_actions;
  for (const ReportOutcome& o : before.outcomes) {
    for (const ReportObjective& obj : o.objectives) {
      for (const ReportIndicator& i : obj.indicators) old_indicators.emplace(i.id, &i);
      for (const ReportAction& a : obj.actions) old_actions.emplace(a.id, &a);
    }
  }
  std::vector<std::string> out;
  auto seen_indicators = old_indicators;
  for (const ReportOutcome& o : after.outcomes) {
    for (const ReportObjective& obj : o.objectives) {
      for (const ReportIndicator& i : obj.indicators) {
        const auto it = old_indicators.find(i.id);
        if (it == old_indicators.end()) {
          out.push_back(i.title + ": new in this report (" + i.period + ", " + i.value_text +
                        ")");
          continue;
        }
        seen_indicators.erase(i.id);
        const ReportIndicator& old = *it->second;
        if (old.period != i.period || old.value_text != i.value_text) {
          out.push_back(i.title + ": " + old.value_text + " (" + old.period + ") is now " +
                        i.value_text + " (" + i.period + ")");
        }
        if (old.vs_england != i.vs_england) {
          out.push_back(i.title + ": compared with England, " +
                        (old.vs_england.empty() ? "not compared" : old.vs_england) +
                        " is now " + (i.vs_england.empty() ? "not compared" : i.vs_england));
        }
      }
      for (const ReportAction& a : obj.actions) {
        const auto it = old_actions.find(a.id);
        if (it != old_actions.end() && it->second->status_label != a.status_label) {
          out.push_back(a.title + ": " + it->second->status_label + " is now " + a.status_label);
        }
      }
    }
  }
  for (const auto& [id, i] : seen_indicators) {
    out.push_back(i->title + ": no longer in the report");
  }
  if (before.index && after.index &&
      (before.index->year != after.index->year ||
       Figure(before.index->score) != Figure(after.index->score))) {
    out.push_back(after.index->title + ": score " + Figure(before.index->score) + " (" +
                  std::to_string(before.index->year) + ") is now " +
                  Figure(after.index->score) + " (" + std::to_string(after.index->year) + ")");
  }
  return out;
}

}  // namespace report
}  // namespace waymark
