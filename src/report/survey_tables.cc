// Survey results as report tables: suppressed figures written "c", captions that say what each
// table counts and which intervals it gives.
#include "report/survey_tables.h"

#include <string>
#include <utility>

#include <fmt/format.h>

namespace waymark::report {
namespace {

using assess::SurveyCell;
using assess::SurveyResults;

constexpr char kCaptionSuffix[] = " c: suppressed to protect confidentiality.";

TableColumn Text(std::string title) { return {std::move(title), CellKind::kText, 0}; }
TableColumn Integer(std::string title) { return {std::move(title), CellKind::kInteger, 0}; }
TableColumn Percent(std::string title) { return {std::move(title), CellKind::kPercent, 1}; }
TableColumn Number(std::string title) { return {std::move(title), CellKind::kNumber, 1}; }

TableCell Suppressed() { return std::string(kSuppressedSymbol); }

TableCell CountCell(std::optional<std::int64_t> count) {
  if (!count) return Suppressed();
  return static_cast<double>(*count);
}

TableCell ValueCell(std::optional<double> value) {
  if (!value) return Suppressed();
  return *value;
}

// Percent, lower and upper of `cell`: "c" when the count or the row's respondents are
// suppressed, empty when there is no percentage (no respondents).
void AppendShare(std::vector<TableCell>& row, const SurveyCell& cell,
                 std::optional<std::int64_t> respondents) {
  if (cell.share) {
    row.insert(row.end(), {cell.share->percent, cell.share->lower, cell.share->upper});
    return;
  }
  const TableCell fill = !cell.count || !respondents ? Suppressed() : TableCell();
  row.insert(row.end(), {fill, fill, fill});
}

std::vector<TableColumn> ShareColumns() {
  return {Integer("Count"), Percent("Percent"), Percent("Lower 95%"), Percent("Upper 95%")};
}

std::string ChoiceCaption(const SurveyResults& results, const assess::SurveyQuestionResult& q) {
  std::string caption = fmt::format(
      "\u201c{}\u201d, {}: answers of those shown the question who answered it, as counts and "
      "percentages of them with 95% confidence intervals (Wilson).",
      q.text, results.wave_name);
  if (q.choice->multiple_choice) {
    caption.append(" More than one answer could be chosen, so the percentages can add up to more "
                   "than 100.");
  }
  if (!results.previous_wave.empty()) {
    caption.append(fmt::format(" The change since {} is in percentage points, judged at 95% "
                               "(Newcombe).",
                               results.previous_wave_name));
  }
  caption.append(kCaptionSuffix);
  return caption;
}

Table OverallTable(const SurveyResults& results, const assess::SurveyQuestionResult& q) {
  const assess::SurveyChoiceResult& choice = *q.choice;
  const bool compared = !results.previous_wave.empty();
  Table table;
  table.name = q.id;
  table.caption = ChoiceCaption(results, q);
  table.columns.push_back(Text("Option"));
  for (TableColumn& column : ShareColumns()) table.columns.push_back(std::move(column));
  if (compared) {
    table.columns.push_back(Number(
        fmt::format("Change since {} (percentage points)", results.previous_wave_name)));
    table.columns.push_back(Text(fmt::format("Change since {}", results.previous_wave_name)));
  }
  for (const assess::SurveyOptionResult& option : choice.options) {
    std::vector<TableCell> row = {option.label, CountCell(option.cell.count)};
    AppendShare(row, option.cell, choice.respondents);
    if (compared) {
      const bool hidden = !option.cell.count || !choice.respondents;
      row.push_back(option.change.points ? TableCell(*option.change.points)
                    : hidden             ? Suppressed()
                                         : TableCell());
      row.push_back(std::string(assess::WaveChangeLabel(option.change.change)));
    }
    table.rows.push_back(std::move(row));
  }
  table.rows.push_back({std::string("Respondents"), CountCell(choice.respondents)});
  return table;
}

Table BandTable(const SurveyResults& results, const assess::SurveyQuestionResult& q,
                const assess::SurveyBandTable& band) {
  Table table;
  table.name = fmt::format("{}.by-{}", q.id, band.about_question);
  table.caption = fmt::format(
      "\u201c{}\u201d, {}, by \u201c{}\u201d: answers of those shown the question who answered "
      "it, as counts and percentages of each band with 95% confidence intervals (Wilson). "
      "{} is those who did not answer \u201c{}\u201d or preferred not to say.{}",
      q.text, results.wave_name, band.title, assess::kNotStatedLabel, band.title, kCaptionSuffix);
  table.columns = {Text("Band"), Text("Option")};
  for (TableColumn& column : ShareColumns()) table.columns.push_back(std::move(column));
  for (const assess::SurveyBandRowResult& row : band.rows) {
    for (std::size_t o = 0; o < row.cells.size(); ++o) {
      std::vector<TableCell> cells = {row.label, q.choice->options[o].label,
                                      CountCell(row.cells[o].count)};
      AppendShare(cells, row.cells[o], row.respondents);
      table.rows.push_back(std::move(cells));
    }
    table.rows.push_back({row.label, std::string("Respondents"), CountCell(row.respondents)});
  }
  return table;
}

Table NumberTable(const SurveyResults& results, const assess::SurveyQuestionResult& q) {
  const assess::SurveyNumberSummary& n = *q.number;
  Table table;
  table.name = q.id;
  table.caption = fmt::format(
      "\u201c{}\u201d, {}: how many answered, and the median and quartiles of their answers, "
      "given only when at least {} answered.{}",
      q.text, results.wave_name, results.threshold, kCaptionSuffix);
  table.columns = {Integer("Answers"), Number("Median"), Number("Lower quartile"),
                   Number("Upper quartile")};
  const bool summarised = n.median.has_value();
  const auto stat = [summarised](std::optional<double> v) {
    return summarised ? ValueCell(v) : Suppressed();
  };
  table.rows.push_back({CountCell(n.answers), stat(n.median), stat(n.lower_quartile),
                        stat(n.upper_quartile)});
  return table;
}

Table FreeTextTable(const SurveyResults& results, const assess::SurveyQuestionResult& q) {
  Table table;
  table.name = q.id;
  table.caption = fmt::format(
      "\u201c{}\u201d, {}: how many answered. The answers themselves are not published.{}",
      q.text, results.wave_name, kCaptionSuffix);
  table.columns = {Integer("Answers")};
  table.rows.push_back({CountCell(q.free_text_answers)});
  return table;
}

Table FeedsTable(const SurveyResults& results) {
  Table table;
  table.name = "survey.indicator-feeds";
  table.caption = fmt::format(
      "Indicator figures from \u201c{}\u201d, {}: for each question that feeds an indicator, "
      "those whose answer is counted out of those who answered, as a percentage with its 95% "
      "confidence interval (Wilson).{}",
      results.title, results.wave_name, kCaptionSuffix);
  table.columns = {Text("Indicator"),   Text("Question"),     Integer("Numerator"),
                   Integer("Denominator"), Percent("Percent"), Percent("Lower 95%"),
                   Percent("Upper 95%")};
  for (const assess::SurveyFeedResult& feed : results.feeds) {
    std::vector<TableCell> row = {feed.indicator, feed.question};
    if (const auto& f = feed.figure) {
      row.insert(row.end(), {static_cast<double>(f->numerator),
                             static_cast<double>(f->denominator), f->value, f->lower, f->upper});
    } else {
      row.insert(row.end(), 5, Suppressed());
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

Table PublishedTable(const SurveyResults& results) {
  Table table;
  table.name = "survey.published";
  table.caption = fmt::format(
      "Results of \u201c{}\u201d, {}, as published elsewhere: for each question, the "
      "percentage of those who answered it whose answer was one of those shown, with its 95% "
      "confidence interval (Wilson) where the counts were published. A percentage published "
      "without its counts has no interval.{}",
      results.title, results.wave_name, kCaptionSuffix);
  table.columns = {Text("Question"),     Text("Answers"),       Integer("Count"),
                   Integer("Respondents"), Percent("Percent"),    Percent("Lower 95%"),
                   Percent("Upper 95%"),  Text("Source")};
  for (const assess::SurveyPublishedFigure& f : results.published) {
    std::vector<TableCell> row = {f.question_text, f.answers};
    if (!f.counted) {
      row.insert(row.end(), {TableCell(), TableCell(), f.cell.share->percent, TableCell(),
                             TableCell()});
    } else {
      row.push_back(f.cell.count ? TableCell(static_cast<double>(*f.cell.count)) : Suppressed());
      row.push_back(f.respondents ? TableCell(static_cast<double>(*f.respondents))
                                  : Suppressed());
      if (const auto& share = f.cell.share) {
        row.insert(row.end(), {share->percent, share->lower, share->upper});
      } else {
        row.insert(row.end(), 3, Suppressed());
      }
    }
    row.push_back(f.source);
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

std::vector<Table> SurveyResultTables(const SurveyResults& results) {
  std::vector<Table> tables;
  for (const assess::SurveyQuestionResult& q : results.questions) {
    if (q.choice) {
      tables.push_back(OverallTable(results, q));
      for (const assess::SurveyBandTable& band : q.choice->bands) {
        tables.push_back(BandTable(results, q, band));
      }
    } else if (q.number) {
      tables.push_back(NumberTable(results, q));
    } else {
      tables.push_back(FreeTextTable(results, q));
    }
  }
  if (!results.feeds.empty()) tables.push_back(FeedsTable(results));
  if (!results.published.empty()) tables.push_back(PublishedTable(results));
  return tables;
}

std::vector<Table> SurveyTablesBy(std::vector<Table> tables, std::string_view by) {
  if (by.empty()) return tables;
  std::string suffix = ".by-";
  suffix.append(by);
  std::erase_if(tables, [&suffix](const Table& t) { return !t.name.ends_with(suffix); });
  return tables;
}

}  // namespace waymark::report
