// Survey feeds as indicator figures: see survey_feed.h.
#include "assess/survey_feed.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace waymark::assess {
namespace {

// "sections[S].questions[Q].feeds.indicator" of the question `id`, in the names of
// docs/survey-format.md.
std::string FeedPath(const Survey& survey, std::string_view id) {
  for (std::size_t s = 0; s < survey.sections.size(); ++s) {
    const auto& questions = survey.sections[s].questions;
    for (std::size_t q = 0; q < questions.size(); ++q) {
      if (questions[q].id == id) {
        return fmt::format("sections[{}].questions[{}].feeds.indicator", s, q);
      }
    }
  }
  return fmt::format("question '{}'", id);
}

// The indicator a feed names, when it can hold a percentage of respondents.
Result<const Indicator*> FedIndicator(const Survey& survey, const SurveyFeedResult& feed,
                                      const std::vector<Indicator>& catalogue) {
  const auto it = std::find_if(catalogue.begin(), catalogue.end(),
                               [&](const Indicator& i) { return i.id == feed.indicator; });
  if (it == catalogue.end()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}: '{}' is not an indicator of the catalogue",
                                 FeedPath(survey, feed.question), feed.indicator));
  }
  if (it->value_type != ValueType::kProportion || it->multiplier != 100) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}: the indicator '{}' is not a percentage (a proportion with "
                                 "multiplier 100), so a share of respondents cannot be its figure",
                                 FeedPath(survey, feed.question), feed.indicator));
  }
  return &*it;
}

Observation FeedObservation(const Survey& survey, const SurveyWave& wave, const Period& period,
                            const SurveyFeedResult& feed, int row) {
  const SurveyFeedFigure& f = *feed.figure;
  Observation o;
  o.indicator = feed.indicator;
  o.area = survey.area;
  o.period = period;
  o.value = f.value;
  o.lower95 = f.lower;
  o.upper95 = f.upper;
  o.count = static_cast<double>(f.numerator);
  o.denominator = static_cast<double>(f.denominator);
  o.note = fmt::format("From \u201c{}\u201d, {}: {} of {} respondents to question '{}'",
                       survey.title, wave.name, f.numerator, f.denominator, feed.question);
  o.source_row = row;
  return o;
}

std::string FiguresJson(const Survey& survey, const SurveyWave& wave,
                        const std::vector<Observation>& observations) {
  nlohmann::ordered_json figures = nlohmann::ordered_json::array();
  for (const Observation& o : observations) {
    figures.push_back({{"indicator", o.indicator},
                       {"area", o.area},
                       {"period", o.period.Label()},
                       {"value", o.value},
                       {"count", o.count},
                       {"denominator", o.denominator}});
  }
  const nlohmann::ordered_json json = {
      {"survey", survey.id}, {"wave", wave.id}, {"figures", figures}};
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string SurveyFeedSource(std::string_view survey_id, std::string_view wave_id) {
  return fmt::format("survey {}, wave {}", survey_id, wave_id);
}

Result<SurveyFeedFigures> SurveyFeedObservations(const Survey& survey, const SurveyWave& wave,
                                                 const SurveyResults& results,
                                                 const std::vector<Indicator>& catalogue) {
  SurveyFeedFigures out;
  if (results.feeds.empty()) return out;
  if (survey.area.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("area: the survey '{}' has no council area; import it again "
                                 "with the plan whose council it asks about "
                                 "(waymark survey import FILE --plan ID)",
                                 survey.id));
  }
  const std::optional<Period> period = WavePeriod(wave);
  if (!period) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("period: '{}' of wave '{}' is not a period", wave.period,
                                 wave.id));
  }
  for (const SurveyFeedResult& feed : results.feeds) {
    WAYMARK_TRY(FedIndicator(survey, feed, catalogue));
    if (!feed.figure) {
      out.withheld.push_back(feed.indicator);
      continue;
    }
    const int row = static_cast<int>(out.observations.size()) + 1;
    out.observations.push_back(FeedObservation(survey, wave, *period, feed, row));
  }
  return out;
}

Result<SurveyFeedOutcome> FeedSurveyWave(store::Store& store, const Survey& survey,
                                         const SurveyWave& wave, const SurveyResults& results,
                                         std::int64_t now, const AuditEntry& audit) {
  SurveyFeedOutcome out;
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Indicator> catalogue, store.ListIndicators());
  WAYMARK_ASSIGN_OR_RETURN(out.figures, SurveyFeedObservations(survey, wave, results, catalogue));
  if (out.figures.observations.empty()) return out;
  WAYMARK_ASSIGN_OR_RETURN(auto batch, store.BeginObservationImport(
                                           {SurveyFeedSource(survey.id, wave.id),
                                            std::string(kSurveyFeedFormat), audit.actor, now}));
  for (const Observation& o : out.figures.observations) WAYMARK_TRY(batch->Add(o));
  WAYMARK_ASSIGN_OR_RETURN(const Diagnostics late, batch->Finish());
  if (!late.empty()) {  // two questions feeding one indicator with other figures
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("wave '{}': two questions feed one indicator with different "
                                 "figures: {}",
                                 wave.id, late.front().message));
  }
  WAYMARK_ASSIGN_OR_RETURN(out.stats, batch->Commit(out.figures.observations.size()));
  batch.reset();
  if (out.stats.changed_indicators.empty()) return out;
  WAYMARK_ASSIGN_OR_RETURN(out.rejudged, RejudgeIndicators(store, out.stats.changed_indicators));
  AuditEntry entry = audit;
  entry.action = "survey.feed";
  entry.entity = "survey";
  entry.entity_id = survey.id;
  entry.after = FiguresJson(survey, wave, out.figures.observations);
  WAYMARK_TRY(store.AppendAudit(entry));
  return out;
}

Result<SurveyPublishOutcome> PublishWaveResults(store::Store& store, const Survey& survey,
                                                const SurveyWave& wave, const Date& today,
                                                std::int64_t now, const AuditEntry& audit) {
  WAYMARK_ASSIGN_OR_RETURN(const WaveResponses responses,
                           LoadWaveResponses(store, survey, wave.id));
  WAYMARK_ASSIGN_OR_RETURN(const SurveyResults results, WaveResultsOf(survey, responses));
  WAYMARK_ASSIGN_OR_RETURN(const std::vector<Indicator> catalogue, store.ListIndicators());
  WAYMARK_TRY(SurveyFeedObservations(survey, wave, results, catalogue));
  SurveyPublishOutcome out;
  WAYMARK_ASSIGN_OR_RETURN(out.publication,
                           store.PublishSurveyWave(survey.id, wave.id, today, now, audit));
  WAYMARK_ASSIGN_OR_RETURN(out.fed, FeedSurveyWave(store, survey, wave, results, now, audit));
  return out;
}

}  // namespace waymark::assess
