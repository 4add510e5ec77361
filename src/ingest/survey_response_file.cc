// Reading survey responses typed in from paper (see survey_response_file.h): the header names
// the columns, each row's cells become the answers CheckResponse takes, and every problem is
// placed at its row and the column of the question it names.
#include "ingest/survey_response_file.h"

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/cycle.h"
#include "core/plain_text.h"
#include "core/survey_aggregate.h"
#include "ingest/csv_reader.h"
#include "ingest/text_check.h"

namespace waymark::ingest {
namespace {

constexpr std::string_view kDay = "day";
constexpr std::string_view kSaveAsUtf8 = "save the file as 'CSV UTF-8'";

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  const auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

// The option of `q` whose id is `text` (ASCII case aside), or nullptr.
const SurveyOption* FindOption(const Question& q, std::string_view text) {
  for (const SurveyOption& o : q.options) {
    if (EqualsIgnoringCase(o.id, text)) return &o;
  }
  return nullptr;
}

std::string OptionIds(const Question& q) {
  std::vector<std::string_view> ids;
  ids.reserve(q.options.size());
  for (const SurveyOption& o : q.options) ids.emplace_back(o.id);
  return fmt::format("{}", fmt::join(ids, ", "));
}

bool IsBlankRow(const CsvRecord& record) {
  return std::all_of(record.fields.begin(), record.fields.end(),
                     [](std::string_view f) { return TrimBlank(f).empty(); });
}

class Parser {
 public:
  Parser(const std::string& file_name, const Survey& survey, const SurveyWave& wave)
      : file_(file_name), survey_(survey), wave_(wave) {}

  SurveyResponseFileReport Run(CsvReader& reader) {
    CsvRecord record;
    auto more = reader.Next(record);
    if (!more) return Fail(more.error());
    if (!*more) return Fail(MakeProblem(1, 1, "The file is empty: it needs a header row"));
    if (!ReadHeader(record)) return Done();
    while (true) {
      more = reader.Next(record);
      if (!more) {
        AddProblem(more.error());
        break;
      }
      if (!*more) break;
      if (IsBlankRow(record)) continue;
      if (++row_count_ > kMaxSurveyResponseRows) {
        AddProblem(MakeProblem(record.line, 1, "More than 50,000 responses: split the file"));
        break;
      }
      ReadRow(record);
    }
    if (problem_count_ == 0 && rows_.empty()) {
      AddProblem(MakeProblem(1, 1, "The file has a header but no responses"));
    }
    return Done();
  }

  SurveyResponseFileReport Fail(Error e) {
    AddProblem(std::move(e));
    return Done();
  }

 private:
  Error MakeProblem(int line, int column, std::string message) const {
    return Error{ErrorCode::kInvalidArgument, std::move(message), SourcePos{file_, line, column}};
  }

  void AddProblem(Error e) {
    ++problem_count_;
    if (problems_.size() < kMaxSurveyResponseProblems) problems_.push_back(std::move(e));
  }

  void Problem(int line, int column, std::string message) {
    AddProblem(MakeProblem(line, column, std::move(message)));
  }

  SurveyResponseFileReport Done() {
    SurveyResponseFileReport report;
    report.problem_count = problem_count_;
    report.problems = std::move(problems_);
    if (problem_count_ == 0) report.responses = std::move(rows_);
    return report;
  }

  // Maps each column to the day or a question of the survey; false when the header has a
  // problem (then no row is read).
  bool ReadHeader(const CsvRecord& header) {
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      const std::string name(TrimBlank(header.fields[i]));
      const int column = header.columns[i];
      const Question* q = name == kDay ? nullptr : FindQuestion(survey_, name);
      if (name != kDay && q == nullptr) {
        Problem(header.line, column,
                fmt::format("Unknown column '{}': survey '{}' has no question '{}' (a column is "
                            "a question id or 'day')",
                            name, survey_.id, name));
      } else if (!index_.emplace(name, i).second) {
        Problem(header.line, column, fmt::format("Column '{}' is given twice", name));
      }
      questions_.push_back(q);
    }
    if (!index_.contains(kDay)) {
      Problem(header.line, 1,
              "Column 'day' is missing: the day each response was given, as YYYY-MM-DD");
    }
    for (const SurveySection& section : survey_.sections) {
      for (const Question& q : section.questions) {
        if (q.required && !q.show_if && !index_.contains(q.id)) {
          Problem(header.line, 1,
                  fmt::format("Column '{}' is missing: every response must answer that question",
                              q.id));
        }
      }
    }
    return problem_count_ == 0;
  }

  std::optional<Date> ReadDay(const CsvRecord& record) {
    const std::size_t i = index_.at(std::string(kDay));
    const std::string_view text = TrimBlank(record.fields[i]);
    const int column = record.columns[i];
    if (text.empty()) {
      Problem(record.line, column, "day: give the day the response was given, as YYYY-MM-DD");
      return std::nullopt;
    }
    const std::optional<Date> day = Date::Parse(text);
    if (!day) {
      Problem(record.line, column, fmt::format("day: '{}' is not a date as YYYY-MM-DD", text));
      return std::nullopt;
    }
    if (*day < wave_.opens || *day > wave_.closes) {
      Problem(record.line, column,
              fmt::format("day: {} is outside wave '{}' ({} to {})", day->ToString(), wave_.id,
                          wave_.opens.ToString(), wave_.closes.ToString()));
      return std::nullopt;
    }
    return day;
  }

  // The values CheckResponse takes for the non-blank cell `cell` of `q`, or nullopt after
  // reporting the cell's problem: option ids (split at '+', each trimmed and spelt as the
  // question spells it), or the number or text as written.
  std::optional<std::vector<std::string>> CellValues(const Question& q, std::string_view cell,
                                                     int line, int column) {
    if (!IsChoice(q.kind)) return std::vector<std::string>{std::string(cell)};
    std::vector<std::string> values;
    for (const std::string& part : SplitAggregateAnswers(TrimBlank(cell))) {
      const std::string_view id = TrimBlank(part);
      if (id.empty()) {
        Problem(line, column,
                fmt::format("{}: '{}' has an empty option id (join option ids with '+')", q.id,
                            TrimBlank(cell)));
        return std::nullopt;
      }
      const SurveyOption* option = FindOption(q, id);
      if (option == nullptr) {
        Problem(line, column,
                fmt::format("{}: '{}' is not an option of this question; its options are {}", q.id,
                            id, OptionIds(q)));
        return std::nullopt;
      }
      values.push_back(option->id);
    }
    return values;
  }

  void ReadRow(const CsvRecord& record) {
    if (record.fields.size() != questions_.size()) {
      Problem(record.line, 1,
              fmt::format("The row has {} fields; the header has {}", record.fields.size(),
                          questions_.size()));
      return;
    }
    const std::size_t before = problem_count_;
    const std::size_t first_kept = problems_.size();
    const std::optional<Date> day = ReadDay(record);
    ResponseInput input;
    std::set<std::string, std::less<>> refused;  // questions whose cell had a problem already
    for (std::size_t i = 0; i < questions_.size(); ++i) {
      const Question* q = questions_[i];
      const std::string_view cell = record.fields[i];
      if (q == nullptr || TrimBlank(cell).empty()) continue;
      if (!Utf8Length(cell)) {
        Problem(record.line, record.columns[i],
                fmt::format("{}: the text is not UTF-8: {}", q->id, kSaveAsUtf8));
        refused.insert(q->id);
        continue;
      }
      auto values = CellValues(*q, cell, record.line, record.columns[i]);
      if (!values) {
        refused.insert(q->id);
        continue;
      }
      input[q->id] = std::move(*values);
    }
    if (input.empty() && refused.empty()) {
      Problem(record.line, 1, "The row has no answers");
      return;
    }
    const ResponseCheck check = CheckResponse(survey_, input);
    PlaceCheckProblems(record, check, refused);
    // The row's problems from left to right, whichever check found them.
    std::stable_sort(problems_.begin() + static_cast<std::ptrdiff_t>(first_kept), problems_.end(),
                     [](const Error& a, const Error& b) { return a.pos.column < b.pos.column; });
    if (problem_count_ == before && day) rows_.push_back({*day, check.response, record.line});
  }

  // CheckResponse's problems, each at the column of its question (line 1 of the row when the
  // file has no column for it). A question whose routing depends on a cell refused already is
  // not judged again: its problem would only repeat that one.
  void PlaceCheckProblems(const CsvRecord& record, const ResponseCheck& check,
                          std::set<std::string, std::less<>>& refused) {
    for (const FieldError& e : check.errors) {
      const Question* q = FindQuestion(survey_, e.field);
      if (q == nullptr || refused.contains(q->id)) continue;
      if (q->show_if && refused.contains(q->show_if->question)) {
        refused.insert(q->id);
        continue;
      }
      refused.insert(q->id);
      const auto it = index_.find(q->id);
      const std::string_view cell =
          it == index_.end() ? std::string_view() : TrimBlank(record.fields[it->second]);
      const int column = it == index_.end() ? 1 : record.columns[it->second];
      Problem(record.line, column, CheckMessage(*q, e, cell, it != index_.end(), check));
    }
  }

  // The message of CheckResponse's problem `e` with `q`, told for a file.
  std::string CheckMessage(const Question& q, const FieldError& e, std::string_view cell,
                           bool has_column, const ResponseCheck& check) const {
    if (cell.empty()) {
      return has_column ? fmt::format(
                              "{}: no answer, but the question must be answered whenever "
                              "it is asked",
                              q.id)
                        : fmt::format(
                              "{}: the question must be answered whenever it is asked, "
                              "and the file has no column for it",
                              q.id);
    }
    const std::vector<std::string> shown = VisibleQuestions(survey_, check.response);
    if (q.show_if && std::find(shown.begin(), shown.end(), q.id) == shown.end()) {
      return fmt::format("{}: answered, but the question is not asked after that answer to '{}'",
                         q.id, q.show_if->question);
    }
    if (q.kind == QuestionKind::kFreeText) return fmt::format("{}: {}", q.id, e.message);
    return fmt::format("{}: {}, not '{}'", q.id, e.message, cell);
  }

  std::string file_;
  const Survey& survey_;
  const SurveyWave& wave_;
  std::vector<const Question*> questions_;                 // by column; nullptr for the day
  std::map<std::string, std::size_t, std::less<>> index_;  // column name -> field index
  std::vector<SurveyResponseRow> rows_;
  std::size_t row_count_ = 0;
  Diagnostics problems_;
  std::size_t problem_count_ = 0;
};

// A problem with the whole text before it is read as CSV: UTF-16 (a spreadsheet's "Unicode
// text"), or binary data (CheckText, as for every CSV file).
std::optional<Error> TextProblem(std::string_view text, const std::string& file_name) {
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return Error{ErrorCode::kParse, fmt::format("the file is UTF-16 text: {}", kSaveAsUtf8),
                 SourcePos{file_name, 1, 1}};
  }
  return CheckText(text.substr(0, kTextCheckBytes), file_name);
}

}  // namespace

SurveyResponseFileReport ParseSurveyResponses(std::string text, const std::string& file_name,
                                              const Survey& survey, const SurveyWave& wave) {
  Parser parser(file_name, survey, wave);
  if (std::optional<Error> problem = TextProblem(text, file_name)) {
    return parser.Fail(std::move(*problem));
  }
  auto reader = CsvReader::FromString(std::move(text), file_name);
  return parser.Run(*reader);
}

SurveyResponseFileReport ReadSurveyResponseFile(const std::string& path, const Survey& survey,
                                                const SurveyWave& wave) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    SurveyResponseFileReport report;
    report.problems.push_back(
        Error{ErrorCode::kIo, "cannot open the file for reading", SourcePos{path}});
    report.problem_count = 1;
    return report;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseSurveyResponses(text.str(), path, survey, wave);
}

}  // namespace waymark::ingest
