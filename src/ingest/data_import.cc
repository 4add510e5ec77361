// Format readers for data files. Each maps a header to column positions, then turns rows into
// observations, checking codes, periods, numbers and the rules of the indicator's value type.
#include "ingest/data_import.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <map>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ingest/batch_queue.h"
#include "ingest/csv_reader.h"

namespace waymark::ingest {
namespace {

using IndicatorIndex = std::multimap<std::string, const Indicator*, std::less<>>;

// Positions of the named columns in a header row.
class Header {
 public:
  explicit Header(const CsvRecord& record) : width_(record.fields.size()) {
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      const auto [it, fresh] = index_.emplace(std::string(record.fields[i]), static_cast<int>(i));
      if (!fresh && !it->first.empty() && !twice_) {
        twice_ = Error{ErrorCode::kValidation,
                       fmt::format("the header names column '{}' twice (columns {} and {}), so "
                                   "which one to read is unclear",
                                   it->first, it->second + 1, i + 1),
                       SourcePos{"", record.line, record.columns[i]}};
      }
    }
  }
  int Find(std::string_view name) const {
    const auto it = index_.find(std::string(name));
    return it == index_.end() ? -1 : it->second;
  }
  std::size_t width() const { return width_; }
  // The first column named again, if any, at its second mention (with no file name).
  const std::optional<Error>& twice() const { return twice_; }

 private:
  std::map<std::string, int> index_;
  std::size_t width_;
  std::optional<Error> twice_;
};

// Observations travel from the reading thread to the sink in batches of this many, at most
// kQueueDepth batches ahead of the sink.
constexpr std::size_t kBatchSize = 4096;
constexpr std::size_t kQueueDepth = 4;
using ObservationBatch = std::vector<Observation>;

// How far the reading thread has read, for the progress the sink's thread reports: the reader's
// offset as of the last batch queued.
struct ReadProgress {
  Progress* progress = nullptr;
  std::uint64_t size = 0;  // the file's size
  std::atomic<std::uint64_t> read{0};
  void Report() const { AdvanceProgress(progress, read.load(std::memory_order_relaxed), size); }
};

// Reads and checks rows (on the reading thread); good observations are queued for the sink.
class Importer {
 public:
  Importer(const std::string& path, const std::unordered_set<std::string>& areas,
           BatchQueue<ObservationBatch>& queue, DataImportReport& report)
      : path_(path), areas_(areas), queue_(queue), report_(report) {
    batch_.reserve(kBatchSize);
  }

  void Problem(int line, int column, std::string message) {
    ++report_.problem_count;
    if (report_.problems.size() < kMaxProblems) {
      report_.problems.push_back(
          Error{ErrorCode::kValidation, std::move(message), SourcePos{path_, line, column}});
    }
  }
  void Problem(const CsvRecord& r, int field, std::string message) {
    const int column = field >= 0 && field < static_cast<int>(r.columns.size()) ? r.columns[field] : 1;
    Problem(r.line, column, std::move(message));
  }

  // Requires every column in `names`; reports each missing one on line 1.
  bool RequireColumns(const Header& header, std::initializer_list<std::string_view> names,
                      std::string_view format) {
    bool ok = true;
    for (auto name : names) {
      if (header.Find(name) >= 0) continue;
      Problem(1, 1, fmt::format("the header has no '{}' column, so this is not a {} file", name,
                                format));
      ok = false;
    }
    return ok;
  }

  std::string_view Cell(const CsvRecord& r, int field) const {
    return field >= 0 && field < static_cast<int>(r.fields.size()) ? r.fields[field]
                                                                    : std::string_view();
  }

  // Reads a number column into `out`; problems are reported. Returns false on a bad cell.
  bool Number(const CsvRecord& r, int field, std::string_view name, double* out,
              std::string* reason = nullptr) {
    if (field < 0) {  // the file has no such column
      *out = kNoValue;
      return true;
    }
    std::string why;
    auto value = ParseCell(Cell(r, field), &why);
    if (!value) {
      Problem(r, field, fmt::format("{}: {}", name, value.error().message));
      return false;
    }
    *out = *value;
    if (reason != nullptr && !why.empty()) *reason = why;
    return true;
  }

  bool Area(const CsvRecord& r, int field, std::string* out) {
    return AreaCode(r, field, Cell(r, field), out);
  }
  bool AreaCode(const CsvRecord& r, int field, std::string_view code, std::string* out) {
    *out = code;
    if (areas_.count(*out) == 0) {
      Problem(r, field, code.empty() ? std::string("area code is empty")
                                     : fmt::format("unknown area code '{}'", code));
      return false;
    }
    return true;
  }

  bool PeriodCell(const CsvRecord& r, int field, Period* out) {
    // Rows mostly share the period of the row before.
    if (!period_label_.empty() && Cell(r, field) == period_label_) {
      *out = period_;
      return true;
    }
    const auto p = ParsePeriod(Cell(r, field));
    if (!p) {
      Problem(r, field, fmt::format("'{}' is not a period label", Cell(r, field)));
      return false;
    }
    *out = *p;
    period_label_ = Cell(r, field);
    period_ = *p;
    return true;
  }

  // The blank observation a reader reads its next row into: the next slot of the batch being
  // filled. Batches come back from the sink to be refilled, so their strings are reused
  // rather than destroyed and made again.
  Observation& Slot() {
    if (filled_ >= kBatchSize) Flush();
    if (filled_ == batch_.size()) {
      batch_.emplace_back();
    } else {
      batch_[filled_] = Observation{};
    }
    return batch_[filled_];
  }

  // Checks the rules of the indicator's value type, then queues `obs`, read into its Slot(),
  // for `ind` with the row's line. When the row was queued already for another indicator,
  // a copy is queued.
  void Emit(const CsvRecord& r, int count_field, const Indicator& ind, const Observation& obs) {
    if (HasValue(obs.count) && obs.count < 0) {
      return Problem(r, count_field, fmt::format("negative count {}", obs.count));
    }
    if (HasValue(obs.denominator) && obs.denominator < 0) {
      return Problem(r, count_field, fmt::format("negative denominator {}", obs.denominator));
    }
    if (ind.value_type == ValueType::kProportion && HasValue(obs.count) &&
        HasValue(obs.denominator) && obs.count > obs.denominator) {
      return Problem(r, count_field, fmt::format("numerator {} is greater than denominator {}",
                                                 obs.count, obs.denominator));
    }
    if (filled_ == batch_.size() || &batch_[filled_] != &obs) {
      Observation copy = obs;  // `obs` is in batch_, which push_back may move
      if (filled_ < batch_.size()) {
        batch_[filled_] = std::move(copy);
      } else {
        batch_.push_back(std::move(copy));
      }
    }
    Observation& queued = batch_[filled_++];
    queued.indicator = ind.id;
    queued.source_row = r.line;
  }

  // Notes, as each batch is queued, how far `reader` has read into `progress`.
  void Track(const CsvReader& reader, ReadProgress& progress) {
    reader_ = &reader;
    progress_ = &progress;
  }

  // Queues the observations not yet queued; the sink having stopped stops the reading.
  void Flush() {
    if (filled_ == 0) return;
    if (progress_ != nullptr) progress_->read.store(reader_->offset(), std::memory_order_relaxed);
    batch_.resize(filled_);
    if (!queue_.Push(std::move(batch_))) stopped_ = true;
    batch_ = queue_.TakeSpent();
    batch_.reserve(kBatchSize);
    filled_ = 0;
  }

  bool stopped() const { return stopped_; }
  DataImportReport& report() { return report_; }
  // The header's number of fields, which every row must have.
  void ExpectWidth(std::size_t width) { width_ = width; }
  std::size_t width() const { return width_; }

 private:
  const std::string& path_;
  const std::unordered_set<std::string>& areas_;
  BatchQueue<ObservationBatch>& queue_;
  DataImportReport& report_;
  ObservationBatch batch_;
  std::size_t filled_ = 0;  // observations of batch_ queued so far; the rest are spent ones
  std::string period_label_;  // the last period cell read, and its period
  Period period_;
  bool stopped_ = false;
  std::size_t width_ = 0;
  const CsvReader* reader_ = nullptr;  // with progress_, set by Track()
  ReadProgress* progress_ = nullptr;
};

// Reads every data record after the header, calling fn(record) until the end or a fatal error.
template <typename Fn>
void ForEachRecord(CsvReader& reader, Importer& importer, Fn&& fn) {
  CsvRecord record;
  while (!importer.stopped()) {
    auto more = reader.Next(record);
    if (!more) {
      importer.Problem(more.error().pos.line, more.error().pos.column, more.error().message);
      return;
    }
    if (!*more) return;
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // blank line
    ++importer.report().rows;
    if (const std::size_t n = record.fields.size(); n != importer.width()) {
      // A short row is reported where its text ends, a long one at its first extra field.
      const int column = n < importer.width()
                             ? record.columns.back() + static_cast<int>(record.fields.back().size())
                             : record.columns[importer.width()];
      importer.Problem(record.line, column,
                       fmt::format("the row has {} fields where the header has {}{}", n,
                                   importer.width(),
                                   n < importer.width() ? " (is the file cut short?)" : ""));
      continue;
    }
    fn(record);
  }
}

IndicatorIndex IndexBySource(const std::vector<Indicator>& catalogue, SourceFormat format) {
  IndicatorIndex index;
  for (const auto& ind : catalogue) {
    if (ind.source.format == format) index.emplace(ind.source.code, &ind);
  }
  return index;
}

void ReadFingertips(CsvReader& reader, const Header& h, const std::vector<Indicator>& catalogue,
                    Importer& im) {
  if (!im.RequireColumns(h, {"Indicator ID", "Area Code", "Time period", "Value", "Count",
                             "Denominator", "Sex", "Age", "Category Type", "Category"},
                         "Fingertips export")) {
    return;
  }
  const IndicatorIndex index = IndexBySource(catalogue, SourceFormat::kFingertips);
  const int id = h.Find("Indicator ID"), area = h.Find("Area Code"), period = h.Find("Time period");
  const int value = h.Find("Value"), l95 = h.Find("Lower CI 95.0 limit"),
            u95 = h.Find("Upper CI 95.0 limit"), l998 = h.Find("Lower CI 99.8 limit"),
            u998 = h.Find("Upper CI 99.8 limit"), count = h.Find("Count"),
            denominator = h.Find("Denominator");
  const int sex = h.Find("Sex"), age = h.Find("Age"), ctype = h.Find("Category Type"),
            category = h.Find("Category"), note = h.Find("Value note"),
            trend = h.Find("Recent Trend"),
            vs_england = h.Find("Compared to England value or percentiles");
  int vs_region = h.Find("Compared to Regions (statistical) value or percentiles");
  if (vs_region < 0) vs_region = h.Find("Compared to Region value or percentiles");
  std::unordered_set<std::string> reported;
  ForEachRecord(reader, im, [&](const CsvRecord& r) {
    const std::string_view code = im.Cell(r, id);
    const auto it = index.find(code);
    if (it == index.end()) {
      if (reported.insert(std::string(code)).second) {
        im.Problem(r, id, fmt::format("Fingertips indicator {} is not in the catalogue (add an "
                                      "indicator with source.format = \"fingertips\" and "
                                      "source.code = \"{}\")", code, code));
      }
      return;
    }
    Observation& obs = im.Slot();
    // Every cell is checked (no short cut) so that each bad cell of the row is reported.
    bool ok = im.Area(r, area, &obs.area);
    ok = im.PeriodCell(r, period, &obs.period) && ok;
    ok = im.Number(r, value, "Value", &obs.value) && ok;
    ok = im.Number(r, l95, "Lower CI 95.0 limit", &obs.lower95) && ok;
    ok = im.Number(r, u95, "Upper CI 95.0 limit", &obs.upper95) && ok;
    ok = im.Number(r, l998, "Lower CI 99.8 limit", &obs.lower998) && ok;
    ok = im.Number(r, u998, "Upper CI 99.8 limit", &obs.upper998) && ok;
    ok = im.Number(r, count, "Count", &obs.count) && ok;
    ok = im.Number(r, denominator, "Denominator", &obs.denominator) && ok;
    if (!ok) return;
    obs.breakdown.sex = im.Cell(r, sex);
    obs.breakdown.age = im.Cell(r, age);
    obs.breakdown.category_type = im.Cell(r, ctype);
    obs.breakdown.category = im.Cell(r, category);
    obs.note = im.Cell(r, note);
    obs.published_trend = im.Cell(r, trend);
    obs.published_vs_england = im.Cell(r, vs_england);
    obs.published_vs_region = im.Cell(r, vs_region);
    for (auto i = it; i != index.end() && i->first == code; ++i) im.Emit(r, count, *i->second, obs);
  });
}

void ReadLait(CsvReader& reader, const Header& h, const std::vector<Indicator>& catalogue,
              Importer& im) {
  if (!im.RequireColumns(h, {"measure_short", "year_label", "area_code", "value"}, "LAIT")) return;
  const IndicatorIndex index = IndexBySource(catalogue, SourceFormat::kLait);
  const int measure = h.Find("measure_short"), year = h.Find("year_label"),
            area = h.Find("area_code"), value = h.Find("value");
  ForEachRecord(reader, im, [&](const CsvRecord& r) {
    const auto it = index.find(im.Cell(r, measure));
    if (it == index.end()) {
      ++im.report().skipped;
      return;
    }
    Observation& obs = im.Slot();
    std::string reason;
    bool ok = im.Area(r, area, &obs.area);
    ok = im.PeriodCell(r, year, &obs.period) && ok;
    ok = im.Number(r, value, "value", &obs.value, &reason) && ok;
    if (!ok) return;
    obs.missing_reason = reason;
    for (auto i = it; i != index.end() && i->first == it->first; ++i) im.Emit(r, value, *i->second, obs);
  });
}

// The area code of an EES row from its geographic level; "" for levels Waymark does not keep.
std::string EesAreaCode(const Importer& im, const CsvRecord& r, int level, int country, int region,
                        int la) {
  const std::string_view l = im.Cell(r, level);
  if (l == "National") return std::string(im.Cell(r, country));
  if (l == "Regional") return std::string(im.Cell(r, region));
  if (l == "Local authority") return std::string(im.Cell(r, la));
  return {};
}

// The breakdown an EES indicator reads its groups from (a dimension with a 'column'), if any.
const BreakdownDimension* EesGroupColumn(const Indicator& ind) {
  for (const BreakdownDimension& d : ind.breakdowns) {
    if (!d.column.empty()) return &d;
  }
  return nullptr;
}

// Puts the row's group (e.g. its social care group) in `out` for an indicator that reads one; a
// blank group or one the catalogue does not list is a problem at the cell.
bool EesGroup(Importer& im, const CsvRecord& r, const Header& h, const Indicator& ind,
              Breakdown* out) {
  const BreakdownDimension* d = EesGroupColumn(ind);
  if (d == nullptr) return true;
  const int field = h.Find(d->column);
  const std::string_view group = im.Cell(r, field);
  if (group.empty()) {
    im.Problem(r, field, fmt::format("'{}' is blank; indicator '{}' reads its groups from it",
                                     d->column, ind.id));
    return false;
  }
  if (!d->categories.empty() &&
      std::find(d->categories.begin(), d->categories.end(), group) == d->categories.end()) {
    im.Problem(r, field, fmt::format("'{}' is not one of the groups of indicator '{}' ({}); add "
                                     "it to the breakdown's 'categories' in the catalogue",
                                     group, ind.id, fmt::join(d->categories, ", ")));
    return false;
  }
  out->category_type = d->category_types.front();
  out->category = std::string(group);
  return true;
}

void ReadEes(CsvReader& reader, const Header& h, const std::string& path,
             const std::vector<Indicator>& catalogue, Importer& im) {
  if (!im.RequireColumns(h, {"time_period", "time_identifier", "geographic_level", "country_code"},
                         "EES")) {
    return;
  }
  const std::string stem = std::filesystem::path(path).stem().string();
  std::vector<const Indicator*> wanted;
  for (const auto& ind : catalogue) {
    if (ind.source.format == SourceFormat::kEes && !ind.source.code.empty() &&
        stem.compare(0, ind.source.code.size(), ind.source.code) == 0) {
      wanted.push_back(&ind);
    }
  }
  if (wanted.empty()) {
    im.Problem(1, 1, fmt::format("no catalogue indicator reads this EES file (source.format = "
                                 "\"ees\" with source.code a prefix of '{}')", stem));
    return;
  }
  for (const Indicator* ind : wanted) {
    for (const auto& [column, _] : ind->source.filters) {
      if (h.Find(column) < 0) im.Problem(1, 1, fmt::format("indicator '{}' filters on column '{}', which this file lacks", ind->id, column));
    }
    const BreakdownDimension* groups = EesGroupColumn(*ind);
    for (const auto& c : {ind->source.value_column, ind->source.count_column, ind->source.denominator_column,
                          groups != nullptr ? groups->column : std::string()}) {
      if (!c.empty() && h.Find(c) < 0) im.Problem(1, 1, fmt::format("indicator '{}' reads column '{}', which this file lacks", ind->id, c));
    }
  }
  if (im.report().problem_count > 0) return;
  const int tp = h.Find("time_period"), ti = h.Find("time_identifier"), level = h.Find("geographic_level"),
            country = h.Find("country_code"), region = h.Find("region_code"), la = h.Find("new_la_code");
  ForEachRecord(reader, im, [&](const CsvRecord& r) {
    const std::string code = EesAreaCode(im, r, level, country, region, la);
    if (code.empty()) {
      ++im.report().skipped;
      return;
    }
    for (const Indicator* ind : wanted) {
      bool match = true;
      for (const auto& [column, wanted_value] : ind->source.filters) {
        match = match && im.Cell(r, h.Find(column)) == wanted_value;
      }
      if (!match) continue;
      Observation& obs = im.Slot();
      const auto period = ParseEesPeriod(im.Cell(r, tp), im.Cell(r, ti));
      if (!period) {
        im.Problem(r, tp, fmt::format("'{}' ({}) is not an EES period", im.Cell(r, tp), im.Cell(r, ti)));
        return;
      }
      obs.period = *period;
      if (!im.AreaCode(r, level, code, &obs.area)) return;
      if (!EesGroup(im, r, h, *ind, &obs.breakdown)) return;
      std::string reason;
      const int value = h.Find(ind->source.value_column), count = h.Find(ind->source.count_column),
                den = h.Find(ind->source.denominator_column);
      bool ok = im.Number(r, value, ind->source.value_column, &obs.value, &reason);
      ok = im.Number(r, count, ind->source.count_column, &obs.count, &reason) && ok;
      ok = im.Number(r, den, ind->source.denominator_column, &obs.denominator) && ok;
      if (!ok) continue;
      obs.missing_reason = reason;
      im.Emit(r, count >= 0 ? count : value, *ind, obs);
    }
  });
}

}  // namespace

namespace {

void ReadGenericCsv(CsvReader& reader, const Header& h, const std::vector<Indicator>& catalogue,
                    Importer& im) {
  if (!im.RequireColumns(h, {"indicator", "area_code", "period"}, "Waymark CSV")) return;
  if (h.Find("value") < 0 && h.Find("count") < 0) {
    im.Problem(1, 1, "the header needs a 'value' or a 'count' column");
    return;
  }
  std::map<std::string, const Indicator*, std::less<>> by_id;
  for (const auto& ind : catalogue) by_id[ind.id] = &ind;
  const int id = h.Find("indicator"), area = h.Find("area_code"), period = h.Find("period");
  const int value = h.Find("value"), l95 = h.Find("lower_95"), u95 = h.Find("upper_95"),
            l998 = h.Find("lower_99_8"), u998 = h.Find("upper_99_8"), count = h.Find("count"),
            den = h.Find("denominator"), note = h.Find("note");
  const int sex = h.Find("sex"), age = h.Find("age"), ctype = h.Find("category_type"),
            category = h.Find("category");
  ForEachRecord(reader, im, [&](const CsvRecord& r) {
    const auto it = by_id.find(im.Cell(r, id));
    if (it == by_id.end()) {
      im.Problem(r, id, fmt::format("unknown indicator '{}'", im.Cell(r, id)));
      return;
    }
    Observation& obs = im.Slot();
    std::string reason;
    bool ok = im.Area(r, area, &obs.area);
    ok = im.PeriodCell(r, period, &obs.period) && ok;
    ok = im.Number(r, value, "value", &obs.value, &reason) && ok;
    ok = im.Number(r, l95, "lower_95", &obs.lower95) && ok;
    ok = im.Number(r, u95, "upper_95", &obs.upper95) && ok;
    ok = im.Number(r, l998, "lower_99_8", &obs.lower998) && ok;
    ok = im.Number(r, u998, "upper_99_8", &obs.upper998) && ok;
    ok = im.Number(r, count, "count", &obs.count, &reason) && ok;
    ok = im.Number(r, den, "denominator", &obs.denominator) && ok;
    if (!ok) return;
    if (!HasValue(obs.value) && !HasValue(obs.count) && reason.empty()) {
      im.Problem(r, value >= 0 ? value : count, "the row has neither a value nor a count");
      return;
    }
    if (sex >= 0 && !im.Cell(r, sex).empty()) obs.breakdown.sex = im.Cell(r, sex);
    obs.breakdown.age = im.Cell(r, age);
    obs.breakdown.category_type = im.Cell(r, ctype);
    obs.breakdown.category = im.Cell(r, category);
    obs.missing_reason = reason;
    obs.note = im.Cell(r, note);
    im.Emit(r, count >= 0 ? count : value, *it->second, obs);
  });
}

}  // namespace

Result<double> ParseCell(std::string_view cell, std::string* reason) {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  reason->clear();
  if (cell.empty()) return kNoValue;
  if (const auto meaning = SuppressionMeaning(cell); !meaning.empty()) {
    *reason = std::string(cell);
    return kNoValue;
  }
  // from_chars reads the decimal forms that strtod reads, without its locale; it takes no
  // leading '+', so one is dropped first.
  std::string_view digits = cell;
  if (digits.size() > 1 && digits[0] == '+' && digits[1] != '-' && digits[1] != '+') {
    digits.remove_prefix(1);
  }
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) {
    return MakeError(ErrorCode::kValidation, fmt::format("'{}' is not a number", cell));
  }
  return value == 0 ? 0.0 : value;  // "-0" is 0, not a negative zero shown as "-0"
}

namespace {

// What the sink made of the queued observations (on the calling thread).
struct SinkOutcome {
  std::size_t accepted = 0;
  Diagnostics problems;  // the first kMaxProblems, in line order
  std::size_t problem_count = 0;
  std::optional<Error> fatal;
};

// Hands every queued observation to the sink until the queue ends or the sink fails for a
// reason other than the row (which cancels the reading).
SinkOutcome Drain(BatchQueue<ObservationBatch>& queue, const ObservationSink& sink,
                  const std::string& path, const ReadProgress& progress) {
  SinkOutcome out;
  ObservationBatch batch;
  while (queue.Pop(batch)) {
    progress.Report();
    for (const Observation& obs : batch) {
      auto status = sink(obs);
      if (status) {
        ++out.accepted;
        continue;
      }
      if (status.error().code != ErrorCode::kValidation) {
        out.fatal = status.error();
        queue.Cancel();
        return out;
      }
      ++out.problem_count;
      if (out.problems.size() < kMaxProblems) {
        out.problems.push_back(Error{ErrorCode::kValidation, status.error().message,
                                     SourcePos{path, obs.source_row, 1}});
      }
    }
  }
  return out;
}

// Merges two lists of problems, each in line order and holding the first kMaxProblems of its
// kind, into `into`: the first kMaxProblems of the merged list are the first of all.
void MergeProblems(Diagnostics& into, Diagnostics&& more) {
  Diagnostics merged;
  merged.reserve(into.size() + more.size());
  std::merge(std::make_move_iterator(into.begin()), std::make_move_iterator(into.end()),
             std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()),
             std::back_inserter(merged),
             [](const Error& a, const Error& b) { return a.pos.line < b.pos.line; });
  if (merged.size() > kMaxProblems) merged.erase(merged.begin() + kMaxProblems, merged.end());
  into = std::move(merged);
}

// Adds what the sink's finish found (problems in line order, placed in `path`) to its outcome.
void AddLateProblems(Result<Diagnostics> late, const std::string& path, SinkOutcome& sunk) {
  if (!late) {
    sunk.fatal = late.error();
    return;
  }
  for (Error& e : *late) {
    e.pos.file = path;
    if (e.pos.column == 0) e.pos.column = 1;
  }
  sunk.problem_count += late->size();
  MergeProblems(sunk.problems, std::move(*late));
}

// Adds the sink's outcome to the reader's report.
void AddSinkOutcome(SinkOutcome&& sunk, DataImportReport& report) {
  report.accepted = sunk.accepted;
  if (sunk.fatal) report.fatal = std::move(sunk.fatal);
  report.problem_count += sunk.problem_count;
  MergeProblems(report.problems, std::move(sunk.problems));
}

}  // namespace

DataImportReport ImportDataFile(SourceFormat format, const std::string& path,
                                const std::vector<Indicator>& catalogue,
                                const std::unordered_set<std::string>& areas,
                                const ObservationSink& sink, const SinkFinish& finish,
                                Progress* progress) {
  DataImportReport report;
  auto reader = CsvReader::Open(path);
  if (!reader) {
    report.fatal = reader.error();
    return report;
  }
  CsvRecord header_record;
  auto has_header = (*reader)->Next(header_record);
  if (!has_header || !*has_header) {
    report.fatal = has_header ? Error{ErrorCode::kParse, "the file is empty", SourcePos{path}}
                              : has_header.error();
    return report;
  }
  const Header header(header_record);
  if (header.twice()) {
    report.problems.push_back(*header.twice());
    report.problems.back().pos.file = path;
    report.problem_count = 1;
    return report;
  }
  // Reading and checking rows runs on its own thread while this one feeds the sink (usually a
  // database transaction), so the two overlap.
  BatchQueue<ObservationBatch> queue(kQueueDepth);
  Importer importer(path, areas, queue, report);
  importer.ExpectWidth(header.width());
  ReadProgress read_progress;
  if (progress != nullptr) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    read_progress.progress = progress;
    read_progress.size = ec ? 0 : size;
    importer.Track(**reader, read_progress);
    read_progress.Report();
  }
  std::thread reading([&] {
    switch (format) {
      case SourceFormat::kFingertips: ReadFingertips(**reader, header, catalogue, importer); break;
      case SourceFormat::kLait: ReadLait(**reader, header, catalogue, importer); break;
      case SourceFormat::kEes: ReadEes(**reader, header, path, catalogue, importer); break;
      case SourceFormat::kCsv: ReadGenericCsv(**reader, header, catalogue, importer); break;
    }
    importer.Flush();
    queue.Close();
  });
  SinkOutcome sunk = Drain(queue, sink, path, read_progress);
  reading.join();
  read_progress.read = (*reader)->offset();
  read_progress.Report();
  if (!sunk.fatal && !report.fatal && finish) AddLateProblems(finish(), path, sunk);
  AddSinkOutcome(std::move(sunk), report);
  return report;
}

}  // namespace waymark::ingest
