// Checks an action-update file row by row (update_import.h): the header, each row's action,
// author, state and fields, the author's right to write the action's update and whether the
// stored update is locked, collecting every problem with its position; then saves its rows in
// one batch.
#include "cli/update_import.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/account.h"
#include "ingest/csv_reader.h"

namespace waymark::cli {
namespace {

// The columns by their place in kUpdateFileColumns.
enum class Column : std::size_t {
  kAction,
  kAuthor,
  kState,
  kStatus,
  kNarrative,
  kEvidence,
  kNextSteps,
  kExpectedCompletion,
};

std::optional<std::size_t> KnownColumn(std::string_view name) {
  const auto found = std::find(kUpdateFileColumns.begin(), kUpdateFileColumns.end(), name);
  if (found == kUpdateFileColumns.end()) return std::nullopt;
  return static_cast<std::size_t>(found - kUpdateFileColumns.begin());
}

bool IgnoredColumn(std::string_view name) {
  return std::find(kIgnoredUpdateColumns.begin(), kIgnoredUpdateColumns.end(), name) !=
         kIgnoredUpdateColumns.end();
}

std::map<std::string, const Action*, std::less<>> ActionsOf(const Plan& plan) {
  std::map<std::string, const Action*, std::less<>> actions;
  for (const Outcome& outcome : plan.outcomes) {
    for (const Objective& objective : outcome.objectives) {
      for (const Action& action : objective.actions) actions.emplace(action.id, &action);
    }
  }
  return actions;
}

class UpdateFileChecker {
 public:
  UpdateFileChecker(std::string path, const ReportingCycle& cycle, const Plan& plan,
                    const std::vector<ActionUpdate>& stored, store::Store& store)
      : path_(std::move(path)),
        cycle_(cycle),
        plan_(plan),
        actions_(ActionsOf(plan)),
        store_(store) {
    for (const ActionUpdate& update : stored) {
      if (update.cycle_id == cycle.id) stored_.emplace(update.action_id, &update);
    }
  }

  // Maps the header's names to the known columns; false when it has problems.
  bool ReadHeader(const ingest::CsvRecord& header) {
    header_size_ = header.fields.size();
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      const std::string_view name = TrimBlank(header.fields[i]);
      const std::optional<std::size_t> known = KnownColumn(name);
      if (!known && IgnoredColumn(name)) continue;
      if (!known) {
        Problem(header.line, header.columns[i],
                fmt::format("unknown column '{}'; the columns are: {}", name,
                            fmt::join(kUpdateFileColumns, ", ")));
      } else if (places_[*known]) {
        Problem(header.line, header.columns[i], fmt::format("column '{}' appears twice", name));
      } else {
        places_[*known] = i;
      }
    }
    for (std::size_t c = 0; c < places_.size(); ++c) {
      if (!places_[c]) {
        Problem(header.line, 1, fmt::format("missing column '{}'", kUpdateFileColumns[c]));
      }
    }
    return problems_.empty();
  }

  // Checks one row; an error only when the store fails.
  Status CheckRow(const ingest::CsvRecord& row) {
    ++rows_;
    if (row.fields.size() != header_size_) {
      Problem(
          row.line, 1,
          fmt::format("the row has {} fields; the header has {}", row.fields.size(), header_size_));
      return {};
    }
    const std::size_t problems_before = problems_.size();
    const Action* action = CheckAction(row);
    WAYMARK_ASSIGN_OR_RETURN(const User* author, CheckAuthor(row));
    const std::optional<UpdateState> state = CheckState(row);
    ActionUpdateInput input;
    input.status = std::string(Field(row, Column::kStatus));
    input.narrative = std::string(Field(row, Column::kNarrative));
    input.evidence =
        fmt::format("{}", fmt::join(SplitEvidenceCell(Field(row, Column::kEvidence)), "\n"));
    input.next_steps = std::string(Field(row, Column::kNextSteps));
    input.expected_completion = std::string(Field(row, Column::kExpectedCompletion));
    ActionUpdateCheck check = CheckActionUpdate(input, state == UpdateState::kSubmitted);
    for (const FieldError& error : check.errors) {
      const std::size_t column = KnownColumn(error.field).value_or(0);
      Problem(row.line, row.columns[*places_[column]],
              fmt::format("{}: {}", error.field, error.message));
    }
    if (action != nullptr && author != nullptr) CheckRight(row, *author, *action);
    if (problems_.size() != problems_before || !state) return {};
    PlannedUpdate planned;
    planned.line = row.line;
    planned.update.cycle_id = cycle_.id;
    planned.update.plan_id = plan_.id;
    planned.update.action_id = action->id;
    planned.update.fields = std::move(check.fields);
    planned.update.state = *state;
    planned.update.organisation = author->organisation;
    planned.update.author = author->email;
    planned.update.author_name = author->name;
    if (const auto stored = stored_.find(action->id); stored != stored_.end()) {
      planned.expected_version = stored->second->version;
    }
    updates_.push_back(std::move(planned));
    return {};
  }

  void Problem(int line, int column, std::string message) {
    problems_.push_back(
        Error{ErrorCode::kValidation, std::move(message), SourcePos{path_, line, column}});
  }

  UpdateFileCheck Finish(int last_line) {
    if (problems_.empty() && rows_ == 0) {
      Problem(last_line, 1, "no updates: the file has a header and no rows");
    }
    UpdateFileCheck out;
    out.problems = std::move(problems_);
    if (out.problems.empty()) out.updates = std::move(updates_);
    return out;
  }

 private:
  std::string_view Field(const ingest::CsvRecord& row, Column column) const {
    return row.fields[*places_[static_cast<std::size_t>(column)]];
  }
  int ColumnOf(const ingest::CsvRecord& row, Column column) const {
    return row.columns[*places_[static_cast<std::size_t>(column)]];
  }

  const Action* CheckAction(const ingest::CsvRecord& row) {
    const std::string_view id = TrimBlank(Field(row, Column::kAction));
    const int column = ColumnOf(row, Column::kAction);
    if (id.empty()) {
      Problem(row.line, column,
              fmt::format("action: enter the id of an action of plan {}", plan_.id));
      return nullptr;
    }
    const auto found = actions_.find(id);
    if (found == actions_.end()) {
      Problem(row.line, column, fmt::format("action: no action '{}' in plan {}", id, plan_.id));
      return nullptr;
    }
    const auto [first, inserted] = lines_.emplace(std::string(id), row.line);
    if (!inserted) {
      Problem(row.line, column,
              fmt::format("action: '{}' has a row already on line {}; a cycle holds one update "
                          "per action",
                          id, first->second));
    }
    const auto stored = stored_.find(id);
    if (stored != stored_.end() && stored->second->state == UpdateState::kSubmitted) {
      Problem(row.line, column,
              fmt::format("action: the update of '{}' in this cycle is submitted, so it is "
                          "locked; an analyst must reopen it before it can change",
                          id));
    }
    return found->second;
  }

  // The author's user, or nullptr (with a problem) when there is no such enabled user.
  Result<const User*> CheckAuthor(const ingest::CsvRecord& row) {
    const std::string_view text = TrimBlank(Field(row, Column::kAuthor));
    const int column = ColumnOf(row, Column::kAuthor);
    if (text.empty()) {
      Problem(row.line, column, "author: enter the email of the user who wrote the update");
      return nullptr;
    }
    auto email = NormaliseEmail(text);
    if (!email) {
      Problem(row.line, column, fmt::format("author: '{}' is not an email address", text));
      return nullptr;
    }
    WAYMARK_ASSIGN_OR_RETURN(const std::optional<User>* user, FindUser(*email));
    if (!user->has_value()) {
      Problem(row.line, column, fmt::format("author: no user {}", *email));
      return nullptr;
    }
    if ((*user)->disabled) {
      Problem(row.line, column, fmt::format("author: user {} is disabled", *email));
      return nullptr;
    }
    return &**user;
  }

  Result<const std::optional<User>*> FindUser(const std::string& email) {
    if (const auto known = users_.find(email); known != users_.end()) return &known->second;
    auto stored = store_.FindUser(email);
    if (!stored && stored.error().code != ErrorCode::kNotFound) {
      return tl::unexpected(stored.error());
    }
    std::optional<User> user;
    if (stored) user = std::move(stored->user);
    return &users_.emplace(email, std::move(user)).first->second;
  }

  std::optional<UpdateState> CheckState(const ingest::CsvRecord& row) {
    const std::string_view text = TrimBlank(Field(row, Column::kState));
    const std::optional<UpdateState> state = ParseUpdateState(text);
    if (state) return state;
    Problem(row.line, ColumnOf(row, Column::kState),
            text.empty() ? std::string("state: enter draft or submitted")
                         : fmt::format("state: must be draft or submitted, not '{}'", text));
    return std::nullopt;
  }

  void CheckRight(const ingest::CsvRecord& row, const User& author, const Action& action) {
    if (CanUpdateAction(PrincipalOf(author), action)) return;
    const int column = ColumnOf(row, Column::kAuthor);
    if (author.role != Role::kPartner) {
      Problem(row.line, column,
              fmt::format("author: {} is a {} user; updates are written by analysts and by the "
                          "partners responsible for the action",
                          author.email, RoleName(author.role)));
      return;
    }
    Problem(row.line, column,
            fmt::format("author: {} belongs to {}, which is not responsible for action '{}' "
                        "(responsible: {})",
                        author.email, author.organisation, action.id,
                        fmt::join(action.responsible, ", ")));
  }

  std::string path_;
  const ReportingCycle& cycle_;
  const Plan& plan_;
  std::map<std::string, const Action*, std::less<>> actions_;
  std::map<std::string, const ActionUpdate*, std::less<>> stored_;
  store::Store& store_;
  std::array<std::optional<std::size_t>, kUpdateFileColumns.size()> places_{};
  std::size_t header_size_ = 0;
  std::size_t rows_ = 0;
  std::map<std::string, std::optional<User>> users_;
  std::map<std::string, int, std::less<>> lines_;  // action id → the line of its row
  std::vector<PlannedUpdate> updates_;
  Diagnostics problems_;
};

bool BlankLine(const ingest::CsvRecord& record) {
  return record.fields.size() == 1 && TrimBlank(record.fields[0]).empty();
}

}  // namespace

std::vector<std::string> SplitEvidenceCell(std::string_view cell) {
  std::vector<std::string> links;
  std::size_t start = 0;
  while (start <= cell.size()) {
    const std::size_t newline = cell.find('\n', start);
    const std::size_t bar = cell.find(" | ", start);
    const std::size_t end = std::min({newline, bar, cell.size()});
    const std::string_view link = TrimBlank(cell.substr(start, end - start));
    if (!link.empty()) links.emplace_back(link);
    start = end + (end == bar ? 3 : 1);
  }
  return links;
}

Result<UpdateFileCheck> CheckUpdateFile(const std::string& path, const ReportingCycle& cycle,
                                        const Plan& plan, const std::vector<ActionUpdate>& stored,
                                        store::Store& store) {
  UpdateFileChecker checker(path, cycle, plan, stored, store);
  auto reader = ingest::CsvReader::Open(path);
  if (!reader) {
    UpdateFileCheck unreadable;
    unreadable.problems.push_back(reader.error());
    return unreadable;
  }
  ingest::CsvRecord record;
  bool header_read = false;
  bool unreadable = false;  // the reader stopped at a problem of its own
  int last_line = 1;
  while (true) {
    auto more = (*reader)->Next(record);
    if (!more) {
      const Error& e = more.error();
      checker.Problem(e.pos.line, e.pos.column, e.message);
      unreadable = true;
      break;
    }
    if (!*more) break;
    last_line = record.line;
    if (BlankLine(record)) continue;
    if (!header_read) {
      header_read = true;
      if (!checker.ReadHeader(record)) break;
      continue;
    }
    WAYMARK_TRY(checker.CheckRow(record));
  }
  if (!header_read && !unreadable) {
    checker.Problem(1, 1,
                    fmt::format("the file is empty; its first line must be the header: {}",
                                fmt::join(kUpdateFileColumns, ",")));
  }
  return checker.Finish(last_line);
}

Result<std::vector<ActionUpdate>> SaveUpdateFile(store::Store& store, const std::string& path,
                                                 const std::vector<PlannedUpdate>& updates,
                                                 std::int64_t now, const AuditEntry& audit) {
  std::vector<store::UpdateSave> saves;
  saves.reserve(updates.size());
  for (const PlannedUpdate& planned : updates) {
    saves.push_back({planned.update, planned.expected_version, SourcePos{path, planned.line, 0}});
  }
  return store.SaveActionUpdates(saves, now, audit);
}

}  // namespace waymark::cli
