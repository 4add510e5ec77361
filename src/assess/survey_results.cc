// The results of one survey wave: responses checked, answers tallied per question overall and
// by each about-you band, the tables protected (stats/disclosure.h), then only the published
// counts turned into percentages, intervals, changes and indicator figures.
#include "assess/survey_results.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include <fmt/format.h>

#include "stats/confidence.h"
#include "stats/disclosure.h"
#include "stats/inequality.h"
#include "stats/proportion.h"
#include "stats/quantile.h"

namespace waymark::assess {
namespace {

constexpr double kPercent = 100;
constexpr int kQuartiles = 4;

// The 95% level alone (the first of the two levels Fingertips publishes).
std::span<const stats::ConfidenceLevel> Level95() {
  return std::span<const stats::ConfidenceLevel>(stats::DefaultConfidenceLevels().data(), 1);
}

tl::unexpected<Error> Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

bool IsChoice(const Question& q) {
  return q.kind == QuestionKind::kSingleChoice || q.kind == QuestionKind::kMultipleChoice ||
         q.kind == QuestionKind::kLikert;
}

std::optional<std::size_t> OptionIndex(const Question& q, std::string_view id) {
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    if (q.options[i].id == id) return i;
  }
  return std::nullopt;
}

// A count of people to publish on its own: empty when 1 to threshold − 1.
std::optional<std::int64_t> UnlessSmall(std::int64_t count, int threshold) {
  if (count > 0 && count < threshold) return std::nullopt;
  return count;
}

// ---- checking responses ----

Status CheckChoices(const Question& q, const Answer& answer, const std::string& field) {
  if (answer.number || !answer.text.empty()) {
    return Invalid(field + ": a choice question is answered with option ids only");
  }
  if (q.kind != QuestionKind::kMultipleChoice && answer.choices.size() > 1) {
    return Invalid(field + ": one option only may be chosen");
  }
  for (std::size_t i = 0; i < answer.choices.size(); ++i) {
    const std::string& choice = answer.choices[i];
    if (!OptionIndex(q, choice)) {
      return Invalid(fmt::format("{}: \"{}\" is not an option of the question", field, choice));
    }
    if (std::find(answer.choices.begin(), answer.choices.begin() + static_cast<std::ptrdiff_t>(i),
                  choice) != answer.choices.begin() + static_cast<std::ptrdiff_t>(i)) {
      return Invalid(fmt::format("{}: \"{}\" is chosen twice", field, choice));
    }
  }
  return {};
}

Status CheckAnswer(const Question& q, const Answer& answer, const std::string& field) {
  if (IsChoice(q)) return CheckChoices(q, answer, field);
  if (q.kind == QuestionKind::kNumber) {
    if (!answer.number || !answer.choices.empty() || !answer.text.empty()) {
      return Invalid(field + ": a number question is answered with one number only");
    }
    if (!std::isfinite(*answer.number)) return Invalid(field + ": the number is not finite");
    return {};
  }
  if (answer.number || !answer.choices.empty()) {
    return Invalid(field + ": a free-text question is answered with text only");
  }
  return {};
}

Status CheckRow(const Survey& survey, const SurveyWave& wave, const SurveyResponseRow& row,
                const std::string& where) {
  if (row.day < wave.opens || row.day > wave.closes) {
    return Invalid(fmt::format("{}.day: {} is outside wave \"{}\" ({} to {})", where,
                               row.day.ToString(), wave.id, wave.opens.ToString(),
                               wave.closes.ToString()));
  }
  const std::vector<std::string> visible = VisibleQuestions(survey, row.answers);
  for (const auto& [id, answer] : row.answers) {
    if (answer.empty()) continue;
    std::string field = where;
    field.append(".answers.").append(id);
    const Question* q = FindQuestion(survey, id);
    if (q == nullptr) return Invalid(field + ": the survey has no such question");
    if (std::find(visible.begin(), visible.end(), id) == visible.end()) {
      return Invalid(field + ": answered, but the routing hides the question for this response");
    }
    WAYMARK_TRY(CheckAnswer(*q, answer, field));
  }
  return {};
}

// ---- tallying ----

// An about-you question as the rows of band tables: its bands, then "Not stated".
struct BandVariable {
  const Question* question = nullptr;
  std::vector<std::size_t> row_of_option = {};  // option index -> row (not stated for the last)
  std::vector<std::string> band_ids = {};
  std::vector<std::string> band_labels = {};
  std::size_t NotStated() const { return band_ids.size(); }
  std::size_t Rows() const { return band_ids.size() + 1; }
};

BandVariable MakeBandVariable(const Question& q) {
  BandVariable v;
  v.question = &q;
  for (const SurveyOption& option : q.options) {
    if (option.id == kPreferNotToSay) continue;
    v.band_ids.push_back(option.id);
    v.band_labels.push_back(option.label);
  }
  for (const SurveyOption& option : q.options) {
    const auto it = std::find(v.band_ids.begin(), v.band_ids.end(), option.id);
    v.row_of_option.push_back(static_cast<std::size_t>(it - v.band_ids.begin()));
  }
  return v;
}

std::vector<BandVariable> BandVariables(const Survey& survey) {
  std::vector<BandVariable> out;
  for (const SurveySection& section : survey.sections) {
    for (const Question& q : section.questions) {
      if (q.about_you) out.push_back(MakeBandVariable(q));
    }
  }
  return out;
}

// The row of each band variable a response falls in ("Not stated" when the about-you question
// was skipped, hidden, or answered "prefer not to say").
std::vector<std::size_t> RowsOf(std::span<const BandVariable> variables, const Response& answers) {
  std::vector<std::size_t> rows;
  for (const BandVariable& v : variables) {
    const auto it = answers.find(v.question->id);
    std::size_t row = v.NotStated();
    if (it != answers.end() && it->second.choices.size() == 1) {
      row = v.row_of_option[*OptionIndex(*v.question, it->second.choices.front())];
    }
    rows.push_back(row);
  }
  return rows;
}

struct BandTally {
  std::size_t variable = 0;                           // index into the band variables
  std::vector<std::vector<std::int64_t>> counts = {};  // [row][option]
  std::vector<std::int64_t> respondents = {};          // [row]
};

struct QuestionTally {
  const Question* question = nullptr;
  std::string section;
  std::vector<std::int64_t> counts = {};
  std::int64_t respondents = 0;
  std::vector<BandTally> bands = {};
  std::vector<bool> counted = {};  // per option: counted by the question's feed
  std::int64_t counted_respondents = 0;
  std::vector<double> numbers = {};
  std::int64_t texts = 0;
};

QuestionTally EmptyTally(const Question& q, const std::string& section,
                         std::span<const BandVariable> variables) {
  QuestionTally t;
  t.question = &q;
  t.section = section;
  if (!IsChoice(q)) return t;
  t.counts.assign(q.options.size(), 0);
  for (std::size_t v = 0; v < variables.size(); ++v) {
    if (variables[v].question == &q) continue;
    BandTally band;
    band.variable = v;
    band.counts.assign(variables[v].Rows(), std::vector<std::int64_t>(q.options.size(), 0));
    band.respondents.assign(variables[v].Rows(), 0);
    t.bands.push_back(std::move(band));
  }
  t.counted.assign(q.options.size(), false);
  if (q.feeds) {
    for (const std::string& id : q.feeds->counted) {
      if (const auto i = OptionIndex(q, id)) t.counted[*i] = true;
    }
  }
  return t;
}

void AddChoices(QuestionTally& t, const Answer& answer, std::span<const std::size_t> rows) {
  ++t.respondents;
  for (BandTally& band : t.bands) ++band.respondents[rows[band.variable]];
  bool counted = false;
  for (const std::string& choice : answer.choices) {
    const std::size_t o = *OptionIndex(*t.question, choice);
    ++t.counts[o];
    for (BandTally& band : t.bands) ++band.counts[rows[band.variable]][o];
    counted = counted || t.counted[o];
  }
  if (counted) ++t.counted_respondents;
}

void AddRow(std::vector<QuestionTally>& tallies, const Response& answers,
            std::span<const std::size_t> rows) {
  for (QuestionTally& t : tallies) {
    const auto it = answers.find(t.question->id);
    if (it == answers.end() || it->second.empty()) continue;
    if (IsChoice(*t.question)) {
      AddChoices(t, it->second, rows);
    } else if (it->second.number) {
      t.numbers.push_back(*it->second.number);
    } else {
      ++t.texts;  // free text: only how many, never the text
    }
  }
}

// ---- protecting and reading out ----

Result<SurveyCell> MakeCell(std::optional<std::int64_t> count,
                            std::optional<std::int64_t> respondents) {
  SurveyCell cell;
  if (!count) return cell;
  cell.count = count;
  if (!respondents || *respondents <= 0) return cell;
  WAYMARK_ASSIGN_OR_RETURN(
      stats::Estimate estimate,
      stats::Proportion(static_cast<double>(*count), static_cast<double>(*respondents), Level95(),
                        kPercent));
  cell.share = SurveyShare{estimate.value, estimate.intervals[0].lower,
                           estimate.intervals[0].upper};
  return cell;
}

stats::SurveyQuestion ForDisclosure(const QuestionTally& t,
                                    std::span<const BandVariable> variables) {
  stats::SurveyQuestion sq;
  sq.question = t.question->id;
  for (const SurveyOption& option : t.question->options) sq.options.push_back(option.id);
  sq.multiple_choice = t.question->kind == QuestionKind::kMultipleChoice;
  sq.counts = t.counts;
  sq.respondents = t.respondents;
  for (const BandTally& band : t.bands) {
    const BandVariable& v = variables[band.variable];
    stats::SurveyBand out;
    out.variable = v.question->id;
    for (std::size_t r = 0; r < v.Rows(); ++r) {
      const std::string label = r < v.NotStated() ? v.band_ids[r] : std::string(kNotStatedLabel);
      out.rows.push_back(stats::SurveyBandRow{label, band.counts[r], band.respondents[r]});
    }
    sq.bands.push_back(std::move(out));
  }
  return sq;
}

Result<SurveyBandTable> ReadBand(const stats::SurveyTables& tables,
                                 const stats::DisclosureResult& flags, std::size_t b,
                                 const BandVariable& v) {
  SurveyBandTable out;
  out.about_question = v.question->id;
  out.about = *v.question->about_you;
  out.title = v.question->text.empty() ? std::string(AboutYouText(out.about)) : v.question->text;
  for (std::size_t r = 0; r < v.Rows(); ++r) {
    SurveyBandRowResult row;
    const bool stated = r < v.NotStated();
    row.band = stated ? v.band_ids[r] : "";
    row.label = stated ? v.band_labels[r] : std::string(kNotStatedLabel);
    row.respondents =
        stats::PublishedCount(tables.table, flags, tables.layout.band_respondents[b][r]);
    for (std::size_t cell : tables.layout.band_counts[b][r]) {
      WAYMARK_ASSIGN_OR_RETURN(
          SurveyCell c, MakeCell(stats::PublishedCount(tables.table, flags, cell), row.respondents));
      row.cells.push_back(c);
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

Result<SurveyChoiceResult> ChoiceResult(const QuestionTally& t,
                                        std::span<const BandVariable> variables, int threshold) {
  WAYMARK_ASSIGN_OR_RETURN(stats::SurveyTables tables,
                           stats::BuildSurveyTables(ForDisclosure(t, variables)));
  WAYMARK_ASSIGN_OR_RETURN(stats::DisclosureResult flags,
                           stats::ProtectTable(tables.table, stats::DisclosureRules{threshold}));
  SurveyChoiceResult out;
  out.multiple_choice = t.question->kind == QuestionKind::kMultipleChoice;
  out.respondents = stats::PublishedCount(tables.table, flags, tables.layout.overall_respondents);
  for (std::size_t o = 0; o < t.question->options.size(); ++o) {
    SurveyOptionResult option;
    option.option = t.question->options[o].id;
    option.label = t.question->options[o].label;
    WAYMARK_ASSIGN_OR_RETURN(
        option.cell,
        MakeCell(stats::PublishedCount(tables.table, flags, tables.layout.overall_counts[o]),
                 out.respondents));
    out.options.push_back(std::move(option));
  }
  for (std::size_t b = 0; b < t.bands.size(); ++b) {
    WAYMARK_ASSIGN_OR_RETURN(SurveyBandTable band,
                             ReadBand(tables, flags, b, variables[t.bands[b].variable]));
    out.bands.push_back(std::move(band));
  }
  return out;
}

SurveyNumberSummary NumberSummary(const std::vector<double>& values, int threshold) {
  SurveyNumberSummary out;
  const auto n = static_cast<std::int64_t>(values.size());
  out.answers = UnlessSmall(n, threshold);
  if (n < threshold) return out;
  const std::vector<double> bounds = stats::CategoryBounds(values, kQuartiles);
  if (bounds.size() != kQuartiles + 1) return out;
  out.lower_quartile = bounds[1];
  out.median = bounds[2];
  out.upper_quartile = bounds[3];
  return out;
}

// Whether the feed's figure may be published alongside the question's protected tables.
bool FeedPublishable(const QuestionTally& t, const SurveyChoiceResult& choice, int threshold) {
  if (!choice.respondents || *choice.respondents < threshold) return false;
  if (t.counted_respondents > 0 && t.counted_respondents < threshold) return false;
  std::int64_t ticks = 0;
  for (std::size_t o = 0; o < t.counted.size(); ++o) {
    if (!t.counted[o]) continue;
    if (!choice.options[o].cell.count) return false;
    ticks += *choice.options[o].cell.count;
  }
  if (!choice.multiple_choice) return true;
  // A new number beside the table: neither its complement nor the overlap may be small.
  return UnlessSmall(t.respondents - t.counted_respondents, threshold).has_value() &&
         UnlessSmall(ticks - t.counted_respondents, threshold).has_value();
}

Result<SurveyFeedResult> FeedResult(const QuestionTally& t, const SurveyChoiceResult& choice,
                                    int threshold) {
  SurveyFeedResult out;
  out.indicator = t.question->feeds->indicator;
  out.question = t.question->id;
  if (!FeedPublishable(t, choice, threshold)) return out;
  WAYMARK_ASSIGN_OR_RETURN(stats::Estimate estimate,
                           stats::Proportion(static_cast<double>(t.counted_respondents),
                                             static_cast<double>(t.respondents), Level95(),
                                             kPercent));
  out.figure = SurveyFeedFigure{t.counted_respondents, t.respondents, estimate.value,
                                estimate.intervals[0].lower, estimate.intervals[0].upper};
  return out;
}

Result<SurveyQuestionResult> QuestionResult(const QuestionTally& t,
                                            std::span<const BandVariable> variables,
                                            int threshold) {
  const Question& q = *t.question;
  SurveyQuestionResult out;
  out.id = q.id;
  out.section = t.section;
  out.kind = q.kind;
  out.text = q.text.empty() && q.about_you ? std::string(AboutYouText(*q.about_you)) : q.text;
  if (IsChoice(q)) {
    WAYMARK_ASSIGN_OR_RETURN(out.choice, ChoiceResult(t, variables, threshold));
  } else if (q.kind == QuestionKind::kNumber) {
    out.number = NumberSummary(t.numbers, threshold);
  } else {
    out.free_text_answers = UnlessSmall(t.texts, threshold);
  }
  return out;
}

// The results of one wave without comparison; `where` names the responses in errors.
Result<SurveyResults> OneWave(const Survey& survey, const SurveyWave& wave,
                              std::span<const SurveyResponseRow> rows, std::string_view where) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    WAYMARK_TRY(CheckRow(survey, wave, rows[i], fmt::format("{}[{}]", where, i)));
  }
  const std::vector<BandVariable> variables = BandVariables(survey);
  std::vector<QuestionTally> tallies;
  for (const SurveySection& section : survey.sections) {
    for (const Question& q : section.questions) {
      tallies.push_back(EmptyTally(q, section.id, variables));
    }
  }
  for (const SurveyResponseRow& row : rows) {
    AddRow(tallies, row.answers, RowsOf(variables, row.answers));
  }
  SurveyResults out;
  out.survey = survey.id;
  out.title = survey.title;
  out.wave = wave.id;
  out.wave_name = wave.name;
  out.threshold = survey.threshold;
  out.responses = UnlessSmall(static_cast<std::int64_t>(rows.size()), survey.threshold);
  for (const QuestionTally& t : tallies) {
    WAYMARK_ASSIGN_OR_RETURN(SurveyQuestionResult result,
                             QuestionResult(t, variables, survey.threshold));
    if (t.question->feeds && result.choice) {
      WAYMARK_ASSIGN_OR_RETURN(SurveyFeedResult feed,
                               FeedResult(t, *result.choice, survey.threshold));
      out.feeds.push_back(std::move(feed));
    }
    out.questions.push_back(std::move(result));
  }
  return out;
}

// ---- comparing with the previous wave ----

Result<WaveComparison> Compare(const SurveyCell& now, std::optional<std::int64_t> now_n,
                               const SurveyCell& before, std::optional<std::int64_t> before_n) {
  WaveComparison out;
  if (!now.share || !before.share || !now_n || !before_n) return out;
  WAYMARK_ASSIGN_OR_RETURN(
      stats::Estimate gap,
      stats::ProportionDifference(static_cast<double>(*now.count), static_cast<double>(*now_n),
                                  static_cast<double>(*before.count),
                                  static_cast<double>(*before_n), Level95(), kPercent));
  out.points = gap.value;
  out.lower = gap.intervals[0].lower;
  out.upper = gap.intervals[0].upper;
  out.change = *out.lower > 0   ? WaveChange::kHigher
               : *out.upper < 0 ? WaveChange::kLower
                                : WaveChange::kNoSignificantChange;
  return out;
}

Status CompareWaves(SurveyResults& now, const SurveyResults& before) {
  now.previous_wave = before.wave;
  now.previous_wave_name = before.wave_name;
  for (std::size_t q = 0; q < now.questions.size(); ++q) {
    std::optional<SurveyChoiceResult>& current = now.questions[q].choice;
    const std::optional<SurveyChoiceResult>& earlier = before.questions[q].choice;
    if (!current || !earlier) continue;
    for (std::size_t o = 0; o < current->options.size(); ++o) {
      WAYMARK_ASSIGN_OR_RETURN(current->options[o].change,
                               Compare(current->options[o].cell, current->respondents,
                                       earlier->options[o].cell, earlier->respondents));
    }
  }
  return {};
}

}  // namespace

std::string_view WaveChangeLabel(WaveChange change) {
  switch (change) {
    case WaveChange::kHigher:
      return "Higher";
    case WaveChange::kLower:
      return "Lower";
    case WaveChange::kNoSignificantChange:
      return "No significant change";
    case WaveChange::kNotCompared:
      break;
  }
  return "Not compared";
}

Result<SurveyResults> SurveyWaveResults(const Survey& survey, std::string_view wave,
                                        std::span<const SurveyResponseRow> responses,
                                        std::optional<std::span<const SurveyResponseRow>> previous) {
  if (survey.threshold < kMinThreshold || survey.threshold > kMaxThreshold) {
    return Invalid(fmt::format("threshold: must be {} to {}, not {}", kMinThreshold,
                               kMaxThreshold, survey.threshold));
  }
  const SurveyWave* it = FindSurveyWave(survey, wave);
  if (it == nullptr) {
    return Invalid(fmt::format("wave: \"{}\" is not a wave of survey \"{}\"", wave, survey.id));
  }
  WAYMARK_ASSIGN_OR_RETURN(SurveyResults results, OneWave(survey, *it, responses, "responses"));
  if (!previous) return results;
  const SurveyWave* before = PreviousWave(survey, wave);
  if (before == nullptr) {
    return Invalid(fmt::format("wave: \"{}\" has no previous wave to compare with", wave));
  }
  WAYMARK_ASSIGN_OR_RETURN(SurveyResults earlier, OneWave(survey, *before, *previous, "previous"));
  WAYMARK_TRY(CompareWaves(results, earlier));
  return results;
}

}  // namespace waymark::assess
