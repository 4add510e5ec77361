// Reading survey aggregates from CSV (see survey_aggregate_file.h).
#include "ingest/survey_aggregate_file.h"

#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "ingest/csv_reader.h"

namespace waymark::ingest {
namespace {

constexpr std::array<std::string_view, 6> kColumns = {"question", "percent",     "count",
                                                      "respondents", "answers", "source"};
constexpr std::size_t kMaxRows = 10000;

struct Place {
  int line = 0;
  std::map<std::string, int, std::less<>> columns;  // field name -> column
};

class Parser {
 public:
  Parser(const std::string& file_name, const Survey& survey)
      : file_(file_name), survey_(survey) {}

  SurveyAggregateFileReport Run(CsvReader& reader) {
    CsvRecord record;
    auto more = reader.Next(record);
    if (!more) return Fail(more.error());
    if (!*more) return Fail(Problem(1, 1, "The file is empty: it needs a header row"));
    if (!ReadHeader(record)) return Done();
    while (true) {
      more = reader.Next(record);
      if (!more) {
        problems_.push_back(more.error());
        break;
      }
      if (!*more) break;
      if (rows_.size() == kMaxRows) {
        problems_.push_back(Problem(record.line, 1, "More than 10,000 rows"));
        break;
      }
      ReadRow(record);
    }
    if (problems_.empty() && rows_.empty()) {
      problems_.push_back(Problem(1, 1, "The file has a header but no rows"));
    }
    if (problems_.empty()) PlaceRuleProblems();
    return Done();
  }

 private:
  Error Problem(int line, int column, std::string message) const {
    return Error{ErrorCode::kInvalidArgument, std::move(message), SourcePos{file_, line, column}};
  }

  SurveyAggregateFileReport Fail(Error e) {
    problems_.push_back(std::move(e));
    return Done();
  }

  SurveyAggregateFileReport Done() {
    SurveyAggregateFileReport report;
    report.problems = std::move(problems_);
    if (report.problems.empty()) report.rows = std::move(rows_);
    return report;
  }

  bool ReadHeader(const CsvRecord& header) {
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      std::string_view name = header.fields[i];
      if (i == 0 && name.starts_with("\xEF\xBB\xBF")) name.remove_prefix(3);
      if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end()) {
        problems_.push_back(Problem(header.line, header.columns[i],
                                    fmt::format("Unknown column '{}' (the columns are question, "
                                                "answers, percent, count, respondents, source)",
                                                name)));
      } else if (!index_.emplace(std::string(name), i).second) {
        problems_.push_back(Problem(header.line, header.columns[i],
                                    fmt::format("Column '{}' is given twice", name)));
      }
    }
    for (std::string_view needed : {"question", "answers"}) {
      if (!index_.contains(needed)) {
        problems_.push_back(Problem(header.line, 1, fmt::format("Column '{}' is missing", needed)));
      }
    }
    return problems_.empty();
  }

  // The field `name` of `record` ("" when the column is absent) and its column.
  std::pair<std::string_view, int> Field(const CsvRecord& record, std::string_view name) const {
    const auto it = index_.find(name);
    if (it == index_.end() || it->second >= record.fields.size()) return {"", 1};
    return {record.fields[it->second], record.columns[it->second]};
  }

  template <typename T>
  std::optional<T> Number(const CsvRecord& record, std::string_view name, Place& place) {
    const auto [text, column] = Field(record, name);
    place.columns[std::string(name)] = column;
    if (text.empty()) return std::nullopt;
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    bool finite = true;
    if constexpr (std::is_floating_point_v<T>) finite = std::isfinite(value);
    if (ec != std::errc() || end != text.data() + text.size() || !finite) {
      problems_.push_back(Problem(record.line, column,
                                  fmt::format("{} '{}' is not a {}", name, text,
                                              std::is_floating_point_v<T> ? "number"
                                                                          : "whole number")));
      return std::nullopt;
    }
    return value;
  }

  void ReadRow(const CsvRecord& record) {
    if (record.fields.size() != header_size()) {
      problems_.push_back(Problem(record.line, 1,
                                  fmt::format("The row has {} fields; the header has {}",
                                              record.fields.size(), header_size())));
      return;
    }
    Place place{record.line, {}};
    SurveyAggregate row;
    auto text = [&](std::string_view name) {
      const auto [value, column] = Field(record, name);
      place.columns[std::string(name)] = column;
      return std::string(value);
    };
    row.question = text("question");
    row.answers = SplitAggregateAnswers(text("answers"));
    row.source = text("source");
    row.percent = Number<double>(record, "percent", place);
    row.count = Number<std::int64_t>(record, "count", place);
    row.respondents = Number<std::int64_t>(record, "respondents", place);
    rows_.push_back(std::move(row));
    places_.push_back(std::move(place));
  }

  std::size_t header_size() const { return index_.size(); }

  // core's rules, each placed at the line and column of the field it names ("rows[3].count").
  void PlaceRuleProblems() {
    for (const FieldError& e : CheckSurveyAggregates(survey_, rows_)) {
      std::size_t row = 0;
      std::string field;
      const std::size_t open = e.field.find('[');
      const std::size_t close = e.field.find(']');
      if (open != std::string::npos && close != std::string::npos) {
        row = std::stoul(e.field.substr(open + 1, close - open - 1));
        field = e.field.substr(close + 2);
      }
      const Place& place = places_.at(row);
      const auto it = place.columns.find(field);
      problems_.push_back(Problem(place.line, it == place.columns.end() ? 1 : it->second,
                                  fmt::format("{}: {}", field, e.message)));
    }
  }

  std::string file_;
  const Survey& survey_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::vector<SurveyAggregate> rows_;
  std::vector<Place> places_;
  Diagnostics problems_;
};

}  // namespace

SurveyAggregateFileReport ParseSurveyAggregates(std::string text, const std::string& file_name,
                                                const Survey& survey) {
  auto reader = CsvReader::FromString(std::move(text), file_name);
  return Parser(file_name, survey).Run(*reader);
}

SurveyAggregateFileReport ReadSurveyAggregateFile(const std::string& path, const Survey& survey) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    SurveyAggregateFileReport report;
    report.problems.push_back(
        Error{ErrorCode::kNotFound, "cannot read the file", SourcePos{path, 0, 0}});
    return report;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseSurveyAggregates(text.str(), path, survey);
}

}  // namespace waymark::ingest
