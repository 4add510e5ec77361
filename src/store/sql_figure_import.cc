// SqlStore's observation import. Figures are gathered per series into an arena of encoded
// entries; when it is full, a second thread merges them into each series' packed block
// (figure_block.h) while the next ones are gathered into another arena. On PostgreSQL a flush's
// new series go in by one COPY (pg_copy.h), and its series' blocks are read and written in
// chunks (pg_figure_batch.h): a few statements for thousands of series instead of a round trip
// or more for each.
#include <algorithm>
#include <cstring>
#include <deque>
#include <optional>
#include <set>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "core/clock.h"
#include "store/figure_block.h"
#include "store/pg_copy.h"
#include "store/pg_db.h"
#include "store/pg_figure_batch.h"
#include "store/sql_store.h"

namespace waymark::store {
namespace {

// The statements an import runs, prepared once.
struct ImportStatements {
  Statement list_series, add_series, read_block, write_block, append_block, keep;
};

Result<ImportStatements> PrepareImport(Db& db) {
  WAYMARK_ASSIGN_OR_RETURN(
      Statement list_series,
      db.Prepare("SELECT id, area_code, sex, age, category_type, category FROM series WHERE "
                 "indicator_id = ?"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement add_series,
      db.Prepare("INSERT INTO series (indicator_id, area_code, sex, age, category_type, "
                 "category) VALUES (?, ?, ?, ?, ?, ?)"));
  WAYMARK_ASSIGN_OR_RETURN(Statement read_block,
                           db.Prepare("SELECT data FROM series_figures WHERE series_id = ?"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement write_block,
      db.Prepare("INSERT INTO series_figures (series_id, figures, data) VALUES (?, ?, ?) "
                 "ON CONFLICT (series_id) DO UPDATE SET figures = excluded.figures, "
                 "data = excluded.data"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement append_block,
      db.Prepare("UPDATE series_figures SET figures = figures + ?, data = data || ? "
                 "WHERE series_id = ?"));
  WAYMARK_ASSIGN_OR_RETURN(
      Statement keep,
      db.Prepare("INSERT INTO observation_revisions (series_id, period_key, import_id, "
                 "source_row, replaced_by_import, value, lower95, upper95, lower998, upper998, "
                 "count, denominator, missing_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                 "?, ?)"));
  return ImportStatements{std::move(list_series), std::move(add_series),   std::move(read_block),
                          std::move(write_block), std::move(append_block), std::move(keep)};
}

// Arena offsets are 32-bit.
constexpr std::size_t kMaxFlushBytes = std::size_t{1} << 30;
// On PostgreSQL a flush reads and writes its series' blocks this many series at a time.
constexpr std::size_t kChunkSeries = 4096;

// The indicator and breakdown a run of series shares; its series are found by area.
struct SeriesGroup {
  std::string indicator;
  Breakdown breakdown;
  std::unordered_map<std::string, std::size_t> by_area;  // index into the import's series
};

// A series the import has met. Its group and area never change. The gathering thread owns the
// figures of the arena being filled; the flushing thread owns what is stored.
struct SeriesState {
  const SeriesGroup* group = nullptr;
  const std::string* area = nullptr;  // the key of its entry in group->by_area
  bool existed = false;               // in the database before this import
  // Flushing thread's.
  std::int64_t id = 0;        // 0 for a new series until the flush that adds it
  bool stored = false;        // may have a stored block (existed, or merged by this import)
  long long last_stored = 0;  // key of the stored block's last figure (series made here)
  // Gathering thread's: the figures in the arena being filled.
  std::uint32_t arrivals = 0;
  std::uint32_t job_index = 0;  // its place in the job being gathered
  long long first_arrival = 0, last_arrival = 0;
  bool in_order = true;  // strictly increasing period keys
};

// A series' share of a flush job, taken from its state when the job is handed over.
struct JobSeries {
  SeriesState* state = nullptr;
  std::uint32_t arrivals = 0;
  long long first_arrival = 0, last_arrival = 0;
  bool in_order = true;
  std::uint32_t slot = 0;  // while flushing: where its entries are in the job's index
};

// Waiting figures: the arena holds each entry after a header of two 32-bit words, the
// series' index in `series` and the entry's size.
struct FlushJob {
  std::string arena;
  std::vector<JobSeries> series;
};

// Where a waiting figure's entry is in a job's arena.
struct EntrySpan {
  std::uint32_t offset, size;
};

class SqlObservationImport final : public ObservationImport {
 public:
  static Result<std::unique_ptr<ObservationImport>> Begin(Db& db, const DataImportInfo& info) {
    // Blocks are written in series order, so few pages are being filled at a time.
    WAYMARK_TRY(UseBulkWriteCache(db));
    WAYMARK_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
    WAYMARK_ASSIGN_OR_RETURN(
        Statement imp, db.Prepare("INSERT INTO imports (file, format, imported_at, imported_by) "
                                  "VALUES (?, ?, ?, ?)"));
    imp.Bind(1, info.file).Bind(2, info.format).Bind(3, FormatUtc(info.now)).Bind(4, info.user);
    WAYMARK_TRY(imp.Run());
    WAYMARK_ASSIGN_OR_RETURN(const std::int64_t id, db.LastInsertRowid());
    WAYMARK_ASSIGN_OR_RETURN(ImportStatements statements, PrepareImport(db));
    return std::unique_ptr<ObservationImport>(
        new SqlObservationImport(db, std::move(tx), id, std::move(statements), info.flush_bytes));
  }

  ~SqlObservationImport() override { (void)WaitForFlush(); }
  SqlObservationImport(const SqlObservationImport&) = delete;
  SqlObservationImport& operator=(const SqlObservationImport&) = delete;

  Status Add(const Observation& o) override {
    WAYMARK_ASSIGN_OR_RETURN(const std::size_t index, SeriesIndex(o));
    SeriesState& state = series_[index];
    const long long key = o.period.SortKey();
    if (state.arrivals == 0) {
      state.job_index = static_cast<std::uint32_t>(gathering_.series.size());
      gathering_.series.push_back(JobSeries{&state});
      state.first_arrival = key;
      state.in_order = true;
    } else {
      state.in_order = state.in_order && key > state.last_arrival;
    }
    state.last_arrival = key;
    ++state.arrivals;
    std::string& arena = gathering_.arena;
    const std::size_t header = arena.size();
    arena.append(2 * sizeof(std::uint32_t), '\0');
    AppendFigure(FigureOf(o, import_id_), arena);
    const std::uint32_t words[2] = {
        state.job_index,
        static_cast<std::uint32_t>(arena.size() - header - 2 * sizeof(std::uint32_t))};
    std::memcpy(arena.data() + header, words, sizeof words);
    if (arena.size() >= flush_bytes_) return HandOver();
    return {};
  }

  Result<Diagnostics> Finish() override {
    WAYMARK_TRY(HandOver());
    WAYMARK_TRY(WaitForFlush());
    finished_ = true;
    std::stable_sort(problems_.begin(), problems_.end(),
                     [](const Error& a, const Error& b) { return a.pos.line < b.pos.line; });
    return problems_;
  }

  Result<ObservationImportStats> Commit(std::size_t rows_read) override {
    if (!finished_) WAYMARK_TRY(Finish());
    if (!problems_.empty()) {
      return MakeError(ErrorCode::kValidation,
                       fmt::format("{} rows repeat earlier rows with other figures; nothing "
                                   "was imported",
                                   problems_.size()));
    }
    WAYMARK_ASSIGN_OR_RETURN(
        Statement done, db_.Prepare("UPDATE imports SET rows_read = ?, inserted = ?, revised = ?, "
                                    "unchanged = ? WHERE id = ?"));
    done.Bind(1, static_cast<std::int64_t>(rows_read))
        .Bind(2, static_cast<std::int64_t>(stats_.inserted))
        .Bind(3, static_cast<std::int64_t>(stats_.revised))
        .Bind(4, static_cast<std::int64_t>(stats_.unchanged))
        .Bind(5, import_id_);
    WAYMARK_TRY(done.Run());
    std::set<std::string> changed;
    for (const SeriesGroup* group : changed_groups_) changed.insert(group->indicator);
    WAYMARK_TRY(MarkToJudge(db_, changed));
    WAYMARK_TRY(RaiseDataVersion(db_, DataTopic::kFigures));
    WAYMARK_TRY(tx_.Commit());
    stats_.changed_indicators.assign(changed.begin(), changed.end());
    return stats_;
  }

 private:
  SqlObservationImport(Db& db, Transaction tx, std::int64_t id, ImportStatements statements,
                       std::size_t flush_bytes)
      : db_(db),
        tx_(std::move(tx)),
        import_id_(id),
        s_(std::move(statements)),
        flush_bytes_(std::clamp<std::size_t>(flush_bytes, 1, kMaxFlushBytes)) {
    if (db.dialect() == Dialect::kPostgres) batch_.emplace(db);
    // Reserved once so that neither arena grows past the limit by doubling.
    gathering_.arena.reserve(flush_bytes_ + 4096);
    flushing_.arena.reserve(flush_bytes_ + 4096);
  }

  // Waits for the flush under way, if any; its error, once there is one, stays.
  Status WaitForFlush() {
    if (flusher_.joinable()) flusher_.join();
    return flush_status_;
  }

  // Hands the gathered figures to the flushing thread once the previous flush is done.
  Status HandOver() {
    WAYMARK_TRY(WaitForFlush());
    if (gathering_.series.empty()) return {};
    for (JobSeries& js : gathering_.series) {
      SeriesState& state = *js.state;
      js.arrivals = state.arrivals;
      js.first_arrival = state.first_arrival;
      js.last_arrival = state.last_arrival;
      js.in_order = state.in_order;
      state.arrivals = 0;
    }
    std::swap(gathering_, flushing_);
    gathering_.arena.clear();
    gathering_.series.clear();
    try {
      flusher_ = std::thread([this] { flush_status_ = Flush(flushing_); });
    } catch (const std::system_error& e) {
      return MakeError(ErrorCode::kInternal, fmt::format("cannot start a thread: {}", e.what()));
    }
    return {};
  }

  // The group of the observation's indicator and breakdown; rows of a file mostly share the
  // group of the row before.
  SeriesGroup& Group(const Observation& o) {
    if (last_group_ != nullptr && last_group_->indicator == o.indicator &&
        last_group_->breakdown == o.breakdown) {
      return *last_group_;
    }
    const Breakdown& b = o.breakdown;
    key_ = o.indicator;
    for (const std::string* part : {&b.sex, &b.age, &b.category_type, &b.category}) {
      key_ += '\x1f';
      key_ += *part;
    }
    auto [it, added] = groups_.try_emplace(key_);
    if (added) {
      it->second.indicator = o.indicator;
      it->second.breakdown = o.breakdown;
    }
    last_group_ = &it->second;
    return it->second;
  }

  // The observation's series: one the database had (all of an indicator's series are read
  // when the import first meets the indicator) or a new one, added to the database by the
  // flush that first writes its figures.
  Result<std::size_t> SeriesIndex(const Observation& o) {
    SeriesGroup* group = &Group(o);
    if (const auto it = group->by_area.find(o.area); it != group->by_area.end()) {
      return it->second;
    }
    if (loaded_indicators_.insert(o.indicator).second) {
      WAYMARK_TRY(LoadSeries(o.indicator));
      last_group_ = nullptr;  // groups may have been added
      group = &Group(o);
      if (const auto it = group->by_area.find(o.area); it != group->by_area.end()) {
        return it->second;
      }
    }
    return Remember(*group, o.area, 0, false);
  }

  // Remembers every stored series of `indicator`.
  Status LoadSeries(const std::string& indicator) {
    WAYMARK_TRY(WaitForFlush());  // the connection is the flushing thread's while it runs
    Statement& list = s_.list_series;
    list.Bind(1, indicator);
    Observation o;
    o.indicator = indicator;
    while (true) {
      WAYMARK_ASSIGN_OR_RETURN(const bool row, list.Step());
      if (!row) break;
      o.area = list.Text(1);
      o.breakdown = Breakdown{list.Text(2), list.Text(3), list.Text(4), list.Text(5)};
      Remember(Group(o), o.area, list.Int(0), true);
    }
    list.Reset();
    return {};
  }

  std::size_t Remember(SeriesGroup& group, const std::string& area, std::int64_t id, bool existed) {
    const auto [it, added] = group.by_area.emplace(area, series_.size());
    SeriesState& state = series_.emplace_back();
    state.group = &group;
    state.area = &it->first;
    state.existed = existed;
    state.id = id;
    state.stored = existed;
    return it->second;
  }

  // On the flushing thread: merges a job's figures into their series' stored blocks, in
  // series order. The arena's entries are indexed by series with a counting sort, then each
  // series' are gathered.
  Status Flush(FlushJob& job) {
    WAYMARK_TRY(AddNewSeries(job));
    order_.clear();
    for (std::size_t i = 0; i < job.series.size(); ++i) {
      order_.emplace_back(job.series[i].state->id, i);
    }
    std::sort(order_.begin(), order_.end());
    std::uint32_t next = 0;
    for (const auto& [id, i] : order_) {
      job.series[i].slot = next;
      next += job.series[i].arrivals;
    }
    entries_.resize(next);
    for (std::size_t at = 0; at < job.arena.size();) {
      std::uint32_t words[2];
      std::memcpy(words, job.arena.data() + at, sizeof words);
      at += sizeof words;
      entries_[job.series[words[0]].slot++] = EntrySpan{static_cast<std::uint32_t>(at), words[1]};
      at += words[1];
    }
    const std::size_t chunk = batch_ ? kChunkSeries : order_.size();
    for (std::size_t begin = 0; begin < order_.size(); begin += chunk) {
      const std::size_t end = std::min(order_.size(), begin + chunk);
      if (batch_) WAYMARK_TRY(ReadChunk(job, begin, end));
      for (std::size_t n = begin; n < end; ++n) {
        const JobSeries& js = job.series[order_[n].second];
        waiting_.clear();
        for (std::uint32_t k = js.slot - js.arrivals; k < js.slot; ++k) {
          waiting_.append(job.arena, entries_[k].offset, entries_[k].size);
        }
        const std::size_t changes = stats_.inserted + stats_.revised;
        WAYMARK_TRY(MergeSeries(js));
        if (stats_.inserted + stats_.revised != changes) changed_groups_.insert(js.state->group);
      }
      if (batch_) WAYMARK_TRY(batch_->Send());
    }
    return {};
  }

  // PostgreSQL: reads the stored blocks that the series order_[begin, end) merge with.
  Status ReadChunk(const FlushJob& job, std::size_t begin, std::size_t end) {
    chunk_ids_.clear();
    for (std::size_t n = begin; n < end; ++n) {
      const JobSeries& js = job.series[order_[n].second];
      if (js.state->stored && !Appends(js)) chunk_ids_.push_back(js.state->id);
    }
    return batch_->Read(chunk_ids_);
  }

  // Figures this import made, in strictly increasing period order after the last stored one,
  // are appended as they are: none can repeat or revise another.
  static bool Appends(const JobSeries& js) {
    const SeriesState& state = *js.state;
    return js.in_order && !state.existed && (!state.stored || js.first_arrival > state.last_stored);
  }

  // Adds the job's series that are new to the database, in the order of its series key, so
  // the key's index grows at its end instead of at random places.
  Status AddNewSeries(const FlushJob& job) {
    std::vector<SeriesState*> added;
    for (const JobSeries& js : job.series) {
      if (js.state->id == 0) added.push_back(js.state);
    }
    const auto key = [](const SeriesState* s) {
      const Breakdown& b = s->group->breakdown;
      return std::tie(s->group->indicator, *s->area, b.sex, b.age, b.category_type, b.category);
    };
    std::sort(added.begin(), added.end(),
              [&](const SeriesState* a, const SeriesState* b) { return key(a) < key(b); });
    if (db_.dialect() == Dialect::kPostgres) return CopyNewSeries(added);
    Statement& add = s_.add_series;
    for (SeriesState* state : added) {
      const Breakdown& b = state->group->breakdown;
      add.BindUncopied(1, state->group->indicator).BindUncopied(2, *state->area);
      add.BindUncopied(3, b.sex).BindUncopied(4, b.age);
      add.BindUncopied(5, b.category_type).BindUncopied(6, b.category);
      WAYMARK_TRY(add.Run());
      WAYMARK_ASSIGN_OR_RETURN(state->id, db_.LastInsertRowid());
    }
    return {};
  }

  // On PostgreSQL: takes ids for the new series from the table's sequence in one statement,
  // then adds the series in one COPY.
  Status CopyNewSeries(const std::vector<SeriesState*>& added) {
    if (added.empty()) return {};
    WAYMARK_ASSIGN_OR_RETURN(
        Statement ids, db_.Prepare("SELECT nextval(pg_get_serial_sequence('series', 'id')) FROM "
                                   "generate_series(1, ?)"));
    ids.Bind(1, static_cast<std::int64_t>(added.size()));
    copy_.Clear();
    for (SeriesState* state : added) {
      WAYMARK_ASSIGN_OR_RETURN(const bool row, ids.Step());
      if (!row) return MakeError(ErrorCode::kInternal, "the series sequence gave too few ids");
      state->id = ids.Int(0);
      const Breakdown& b = state->group->breakdown;
      copy_.Row(7).Int64(state->id).Bytes(state->group->indicator).Bytes(*state->area);
      copy_.Bytes(b.sex).Bytes(b.age).Bytes(b.category_type).Bytes(b.category);
    }
    ids.Reset();
    Status sent = db_.pg()->CopyIn(
        "series (id, indicator_id, area_code, sex, age, category_type, category)", copy_.Finish());
    copy_.Clear();
    return sent;
  }

  // Writes a series' whole block; on PostgreSQL it waits in the batch for the chunk's end.
  Status WriteBlock(SeriesState& state, std::size_t figures, std::string_view block) {
    const bool stored = std::exchange(state.stored, true);
    if (batch_) {
      return stored ? batch_->Rewrite(state.id, figures, block)
                    : batch_->Insert(state.id, figures, block);
    }
    Statement& write = s_.write_block;
    write.Bind(1, state.id).Bind(2, static_cast<std::int64_t>(figures));
    write.BindBlobUncopied(3, block);
    return write.Run();
  }

  // Merges `js`'s waiting figures (in waiting_) into the series' stored figures.
  Status MergeSeries(const JobSeries& js) {
    SeriesState& state = *js.state;
    if (Appends(js)) return AppendSeries(js);
    stored_.clear();
    if (state.stored && batch_) {
      const std::string* block = batch_->Block(state.id);
      if (block != nullptr) WAYMARK_TRY(DecodeBlock(*block, stored_));
      if (block == nullptr) state.stored = false;  // a series with no block: one is inserted
    } else if (state.stored) {
      Statement& read = s_.read_block;
      read.Bind(1, state.id);
      WAYMARK_ASSIGN_OR_RETURN(const bool found, read.Step());
      if (found) stored_bytes_.assign(read.BlobView(0));
      read.Reset();
      if (found) WAYMARK_TRY(DecodeBlock(stored_bytes_, stored_));
    }
    arriving_.clear();
    WAYMARK_TRY(DecodeEntries(waiting_, arriving_));
    // Same-period figures keep their file order, so a repeat is judged against the first.
    std::stable_sort(arriving_.begin(), arriving_.end(),
                     [](const Figure& a, const Figure& b) { return a.key < b.key; });
    merged_.clear();
    std::size_t i = 0;
    for (const Figure& figure : arriving_) {
      while (i < stored_.size() && stored_[i].key < figure.key) merged_.push_back(stored_[i++]);
      if (i < stored_.size() && stored_[i].key == figure.key) {
        WAYMARK_TRY(MergeWithStored(state, stored_[i++], figure));
      } else if (!merged_.empty() && merged_.back().key == figure.key) {
        Repeat(state, merged_.back(), figure);
      } else {
        merged_.push_back(figure);
        ++stats_.inserted;
      }
    }
    merged_.insert(merged_.end(), stored_.begin() + static_cast<std::ptrdiff_t>(i), stored_.end());
    EncodeBlock(merged_, block_);
    WAYMARK_TRY(WriteBlock(state, merged_.size(), block_));
    if (!merged_.empty()) state.last_stored = merged_.back().key;
    return {};
  }

  // Appends the waiting figures, encoded as they are, to the series' block.
  Status AppendSeries(const JobSeries& js) {
    SeriesState& state = *js.state;
    if (state.stored) {
      Statement& append = s_.append_block;
      append.Bind(1, static_cast<std::int64_t>(js.arrivals));
      append.BindBlobUncopied(2, waiting_).Bind(3, state.id);
      WAYMARK_TRY(append.Run());
    } else {
      block_.clear();
      StartBlock(block_);
      block_ += waiting_;
      WAYMARK_TRY(WriteBlock(state, js.arrivals, block_));
    }
    stats_.inserted += js.arrivals;
    state.stored = true;
    state.last_stored = js.last_arrival;
    return {};
  }

  // `figure` arrives for a period the series has a stored figure for.
  Status MergeWithStored(const SeriesState& state, const Figure& stored, const Figure& figure) {
    if (stored.import_id == import_id_) {  // merged from this import at an earlier flush
      merged_.push_back(stored);
      Repeat(state, merged_.back(), figure);
      return {};
    }
    merged_.push_back(figure);
    if (stored.SameFigures(figure)) {
      ++stats_.unchanged;
      return {};
    }
    ++stats_.revised;
    if (batch_) {
      batch_->KeepRevision(state.id, stored, import_id_);
      return {};
    }
    Statement& keep = s_.keep;
    keep.Bind(1, state.id).Bind(2, static_cast<std::int64_t>(stored.key));
    keep.Bind(3, stored.import_id).Bind(4, stored.source_row).Bind(5, import_id_);
    for (std::size_t n = 0; n < kFigureNumbers; ++n) {
      keep.BindOptional(static_cast<int>(6 + n), stored.numbers[n]);
    }
    keep.BindUncopied(13, stored.missing_reason);
    return keep.Run();
  }

  // `figure` repeats `first`, which this import already gave for the same period.
  void Repeat(const SeriesState& state, const Figure& first, const Figure& figure) {
    if (first.SameFigures(figure)) {
      ++stats_.repeated;  // exports repeat rows (e.g. England under two parents)
      return;
    }
    const std::string& category = state.group->breakdown.category;
    problems_.push_back(Error{
        ErrorCode::kValidation,
        fmt::format("conflicting duplicate row: indicator '{}', area {}, period {}{} was already "
                    "given with other figures on line {}",
                    state.group->indicator, *state.area, figure.period.Label(),
                    category.empty() ? "" : ", " + category, first.source_row),
        SourcePos{"", static_cast<int>(figure.source_row), 1}});
  }

  Db& db_;
  Transaction tx_;
  std::int64_t import_id_;
  ImportStatements s_;
  std::size_t flush_bytes_;
  // Gathering thread's.
  std::string key_;
  std::unordered_map<std::string, SeriesGroup> groups_;
  std::unordered_set<std::string> loaded_indicators_;
  SeriesGroup* last_group_ = nullptr;
  std::deque<SeriesState> series_;  // a deque: states stay where they are as series are added
  FlushJob gathering_;
  // The flushing thread and what it owns while it runs.
  std::thread flusher_;
  Status flush_status_;
  FlushJob flushing_;
  std::vector<std::pair<std::int64_t, std::size_t>> order_;  // (id, job series) by id
  std::vector<EntrySpan> entries_;                           // arena entries by series
  std::string waiting_;                                      // one series' entries
  std::string stored_bytes_, block_;
  std::optional<PgFigureBatch> batch_;  // PostgreSQL's bulk reads and writes
  pg::CopyRows copy_;                   // PostgreSQL: a flush's new series
  std::vector<std::int64_t> chunk_ids_;
  std::vector<Figure> stored_, arriving_, merged_;
  Diagnostics problems_;
  ObservationImportStats stats_;
  std::unordered_set<const SeriesGroup*> changed_groups_;  // with a figure inserted or revised
  bool finished_ = false;
};

}  // namespace

Result<std::unique_ptr<ObservationImport>> SqlStore::BeginObservationImport(
    const DataImportInfo& info) {
  return SqlObservationImport::Begin(db_, info);
}

}  // namespace waymark::store
