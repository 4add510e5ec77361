// Small-number disclosure control: checking a set of linked tables, primary suppression,
// secondary suppression until every suppressed cell is safe, and building the tables of one
// survey question. The reader's side (what can be worked out) is in disclosure_solve.cc.
//
// Method: the Government Statistical Service's guidance on statistical disclosure control for
// tables (primary suppression of counts below a threshold; secondary, or complementary,
// suppression so that primary cells cannot be recovered by differencing totals, other cells or
// other published tables). The familiar working rule that no suppressed cell may be alone in its
// row or column is necessary but not sufficient: in a two-way table a pattern of suppressions
// that is linked only through a single "bridge" row can still be solved, and tables of the same
// wave can be subtracted from one another. So this code does not stop at the rule; it solves the
// equations of all the linked tables exactly (docs/disclosure-control.md).
#include "stats/disclosure.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "stats/disclosure_solve.h"

namespace waymark::stats {
namespace {

using disclosure_internal::CanVary;
using disclosure_internal::Direction;
using disclosure_internal::FreeDirections;
using disclosure_internal::Knowledge;
using disclosure_internal::ReaderKnowledge;

std::string GroupName(const DisclosureTable& table, std::size_t g) {
  const std::string& label = table.groups[g].label;
  return label.empty() ? fmt::format("groups[{}]", g) : fmt::format("groups[{}] ({})", g, label);
}

Status CheckRules(const DisclosureRules& rules) {
  if (rules.threshold < 2) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("threshold: {} must be at least 2", rules.threshold));
  }
  return {};
}

Status CheckCells(const DisclosureTable& table) {
  for (std::size_t c = 0; c < table.cells.size(); ++c) {
    if (table.cells[c].count < 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("cells[{}].count ({}): {} must not be negative", c,
                                   table.cells[c].label, table.cells[c].count));
    }
  }
  return {};
}

Status CheckGroupIndices(const DisclosureTable& table, std::size_t g) {
  const CellGroup& group = table.groups[g];
  const std::size_t n = table.cells.size();
  if (group.total >= n) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}.total: cell {} is out of range ({} cells)",
                                 GroupName(table, g), group.total, n));
  }
  if (group.parts.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}.parts: a group needs at least one part", GroupName(table, g)));
  }
  std::vector<bool> seen(n, false);
  seen[group.total] = true;
  for (std::size_t i = 0; i < group.parts.size(); ++i) {
    const std::size_t part = group.parts[i];
    if (part >= n || seen[part]) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("{}.parts[{}]: cell {} is out of range ({} cells) or repeated",
                                   GroupName(table, g), i, part, n));
    }
    seen[part] = true;
  }
  return {};
}

Status CheckGroupArithmetic(const DisclosureTable& table, std::size_t g) {
  const CellGroup& group = table.groups[g];
  const std::int64_t total = table.cells[group.total].count;
  __int128 sum = 0;
  for (std::size_t i = 0; i < group.parts.size(); ++i) {
    const std::int64_t part = table.cells[group.parts[i]].count;
    sum += part;
    if (group.kind == GroupKind::kBound && part > total) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("{}.parts[{}]: {} exceeds the total {}", GroupName(table, g), i,
                                   part, total));
    }
  }
  if (group.kind == GroupKind::kSum && sum != total) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}: the parts add up to {}, not the total {}",
                                 GroupName(table, g), static_cast<long long>(sum), total));
  }
  return {};
}

Status CheckTable(const DisclosureTable& table) {
  WAYMARK_TRY(CheckCells(table));
  for (std::size_t g = 0; g < table.groups.size(); ++g) {
    WAYMARK_TRY(CheckGroupIndices(table, g));
    WAYMARK_TRY(CheckGroupArithmetic(table, g));
  }
  return {};
}

// The parts of a group (sum or bound) whose total is a shown 0 are all 0, as anyone can tell:
// they are
// shown, since hiding them protects nothing (and no suppression could). Repeated until nothing
// changes, as a part may itself be the zero total of another group.
void ShowPartsOfShownZeros(const DisclosureTable& table, std::vector<CellFlag>& flags) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const CellGroup& group : table.groups) {
      if (flags[group.total] != CellFlag::kShown || table.cells[group.total].count != 0) {
        continue;
      }
      for (std::size_t part : group.parts) {
        if (flags[part] == CellFlag::kShown) continue;
        flags[part] = CellFlag::kShown;
        changed = true;
      }
    }
  }
}

// A count of 1 to threshold − 1 is primary. So is a zero among the parts of a group whose total
// is primary: shown, it would tell that everyone in a small group avoided that answer (and,
// with one other part, that they all gave the same one).
std::vector<CellFlag> PrimaryFlags(const DisclosureTable& table, std::int64_t threshold) {
  std::vector<CellFlag> flags(table.cells.size(), CellFlag::kShown);
  for (std::size_t c = 0; c < table.cells.size(); ++c) {
    const std::int64_t count = table.cells[c].count;
    if (count >= 1 && count < threshold) flags[c] = CellFlag::kPrimary;
  }
  std::vector<CellFlag> small_totals = flags;
  for (const CellGroup& group : table.groups) {
    if (small_totals[group.total] != CellFlag::kPrimary) continue;
    for (std::size_t part : group.parts) {
      if (table.cells[part].count == 0) flags[part] = CellFlag::kPrimary;
    }
  }
  ShowPartsOfShownZeros(table, flags);
  return flags;
}

// The first suppressed cell (in cell order) no second table was found for, if any.
Result<std::optional<std::size_t>> FirstExposedCell(const DisclosureTable& table,
                                                    std::int64_t threshold,
                                                    const std::vector<CellFlag>& flags) {
  WAYMARK_ASSIGN_OR_RETURN(std::vector<Direction> basis, FreeDirections(table, flags));
  const Knowledge knowledge = ReaderKnowledge(table, flags, threshold);
  for (std::size_t c = 0; c < table.cells.size(); ++c) {
    if (flags[c] != CellFlag::kShown && !CanVary(table, knowledge, basis, c)) return c;
  }
  return std::nullopt;
}

Result<bool> SafeWith(const DisclosureTable& table, std::int64_t threshold,
                      std::vector<CellFlag> flags, std::size_t partner, std::size_t cell) {
  flags[partner] = CellFlag::kSecondary;
  WAYMARK_ASSIGN_OR_RETURN(std::vector<Direction> basis, FreeDirections(table, flags));
  return CanVary(table, ReaderKnowledge(table, flags, threshold), basis, cell);
}

// The order in which shown cells are chosen as partners: cells that are no group's total
// first, then non-zero counts (a suppressed zero can only rise, so it rarely hides anything),
// then the smallest count, then the first in cell order. Last of all come the parts of a shown
// zero total: everyone can tell they are 0, so hiding them hides nothing.
class PartnerOrder {
 public:
  PartnerOrder(const DisclosureTable& table, const std::vector<CellFlag>& flags)
      : table_(table), is_total_(table.cells.size(), false), pinned_(table.cells.size(), false) {
    for (const CellGroup& group : table.groups) {
      is_total_[group.total] = true;
      if (flags[group.total] != CellFlag::kShown || table.cells[group.total].count != 0) continue;
      for (std::size_t part : group.parts) pinned_[part] = true;
    }
  }

  bool operator()(std::size_t a, std::size_t b) const { return Key(a) < Key(b); }

  void Sort(std::vector<std::size_t>& cells) const { std::sort(cells.begin(), cells.end(), *this); }

 private:
  std::tuple<bool, bool, bool, std::int64_t, std::size_t> Key(std::size_t c) const {
    const std::int64_t count = table_.cells[c].count;
    return {pinned_[c], is_total_[c], count == 0, count, c};
  }

  const DisclosureTable& table_;
  std::vector<bool> is_total_;
  std::vector<bool> pinned_;  // a part of a shown zero total
};

// The shown cells that share a sum group with a cell for which `chosen` is true, in order.
std::vector<std::size_t> ShownNeighbours(const DisclosureTable& table,
                                         const std::vector<CellFlag>& flags,
                                         const std::vector<bool>& chosen,
                                         const PartnerOrder& order) {
  std::vector<bool> near(table.cells.size(), false);
  for (const CellGroup& group : table.groups) {
    if (group.kind != GroupKind::kSum) continue;
    bool touches = chosen[group.total];
    for (std::size_t part : group.parts) touches = touches || chosen[part];
    if (!touches) continue;
    near[group.total] = true;
    for (std::size_t part : group.parts) near[part] = true;
  }
  std::vector<std::size_t> cells;
  for (std::size_t c = 0; c < table.cells.size(); ++c) {
    if (near[c] && flags[c] == CellFlag::kShown) cells.push_back(c);
  }
  order.Sort(cells);
  return cells;
}

// The first sum group (in group order) with exactly one suppressed cell gives that cell away
// as its total minus the rest (or the reverse): the rule that no suppressed cell may be alone
// in its row or column. Returns the first shown cell of that group in partner order.
std::optional<std::size_t> LoneCellPartner(const DisclosureTable& table,
                                           const std::vector<CellFlag>& flags,
                                           const PartnerOrder& order) {
  for (const CellGroup& group : table.groups) {
    if (group.kind != GroupKind::kSum) continue;
    std::vector<std::size_t> members = group.parts;
    members.push_back(group.total);
    auto suppressed = std::count_if(members.begin(), members.end(),
                                    [&](std::size_t c) { return flags[c] != CellFlag::kShown; });
    if (suppressed != 1) continue;
    std::erase_if(members, [&](std::size_t c) { return flags[c] != CellFlag::kShown; });
    return *std::min_element(members.begin(), members.end(), order);
  }
  return std::nullopt;
}

// The partner to suppress for a cell the rule above did not protect (a bridge, a subtraction
// across tables, a range forced by the threshold): the first shown cell near any suppressed
// cell that makes it safe on its own, else the first shown cell sharing a group with it, else
// the first shown cell; nothing when every cell is suppressed already.
Result<std::optional<std::size_t>> ChoosePartner(const DisclosureTable& table,
                                                 std::int64_t threshold,
                                                 const std::vector<CellFlag>& flags,
                                                 std::size_t cell, const PartnerOrder& order) {
  std::vector<bool> suppressed(flags.size());
  for (std::size_t c = 0; c < flags.size(); ++c) suppressed[c] = flags[c] != CellFlag::kShown;
  for (std::size_t candidate : ShownNeighbours(table, flags, suppressed, order)) {
    WAYMARK_ASSIGN_OR_RETURN(bool safe, SafeWith(table, threshold, flags, candidate, cell));
    if (safe) return candidate;
  }
  std::vector<bool> only_cell(flags.size(), false);
  only_cell[cell] = true;
  std::vector<std::size_t> near = ShownNeighbours(table, flags, only_cell, order);
  if (!near.empty()) return near.front();
  std::vector<bool> everything(flags.size(), true);
  std::vector<std::size_t> any = ShownNeighbours(table, flags, everything, order);
  for (std::size_t c = 0; c < flags.size() && any.empty(); ++c) {
    if (flags[c] == CellFlag::kShown) any.push_back(c);
  }
  if (any.empty()) return std::nullopt;
  return any.front();
}

// Secondary suppression: first the cheap rule (no suppressed cell alone in a sum group), then
// the exact check of every suppressed cell; each failure adds one partner and starts again.
Status AddSecondary(const DisclosureTable& table, std::int64_t threshold,
                    std::vector<CellFlag>& flags) {
  const PartnerOrder order(table, flags);
  for (;;) {
    if (std::optional<std::size_t> partner = LoneCellPartner(table, flags, order)) {
      flags[*partner] = CellFlag::kSecondary;
      continue;
    }
    WAYMARK_ASSIGN_OR_RETURN(std::optional<std::size_t> exposed,
                             FirstExposedCell(table, threshold, flags));
    if (!exposed) return {};
    WAYMARK_ASSIGN_OR_RETURN(std::optional<std::size_t> partner,
                             ChoosePartner(table, threshold, flags, *exposed, order));
    // Every cell suppressed: nothing of the set is published, so nothing can be worked out
    // from it. (The search for a second table has a budget, and on large linked tables it
    // can fail to find one that exists, so the check can still call a cell exposed here.)
    if (!partner) return {};
    flags[*partner] = CellFlag::kSecondary;
  }
}

// ---- The tables of one survey question ----

Status CheckRow(const std::vector<std::int64_t>& counts, std::int64_t respondents,
                const SurveyQuestion& question, const std::string& field) {
  if (counts.size() != question.options.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}counts: {} values for {} options", field, counts.size(),
                                 question.options.size()));
  }
  if (respondents < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}respondents: {} must not be negative", field, respondents));
  }
  __int128 sum = 0;
  for (std::size_t o = 0; o < counts.size(); ++o) {
    if (counts[o] < 0 || counts[o] > respondents) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("{}counts[{}]: {} must be from 0 to the {} respondents", field,
                                   o, counts[o], respondents));
    }
    sum += counts[o];
  }
  if (!question.multiple_choice && sum != respondents) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}counts: add up to {}, not the {} respondents of a "
                                 "single-choice question",
                                 field, static_cast<long long>(sum), respondents));
  }
  return {};
}

Status CheckBandTotals(const SurveyQuestion& question, std::size_t b) {
  const SurveyBand& band = question.bands[b];
  const std::string field = fmt::format("bands[{}] ({})", b, band.variable);
  if (band.rows.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("{}.rows: no rows", field));
  }
  __int128 respondents = 0;
  for (const SurveyBandRow& row : band.rows) respondents += row.respondents;
  if (respondents != question.respondents) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{}.rows: respondents add up to {}, not the overall {} (is the "
                                 "\"not stated\" row missing?)",
                                 field, static_cast<long long>(respondents), question.respondents));
  }
  for (std::size_t o = 0; o < question.options.size(); ++o) {
    __int128 column = 0;
    for (const SurveyBandRow& row : band.rows) column += row.counts[o];
    if (column != question.counts[o]) {
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("{}.rows: counts of option {} ({}) add up to {}, not the "
                                   "overall {}",
                                   field, o, question.options[o], static_cast<long long>(column),
                                   question.counts[o]));
    }
  }
  return {};
}

Status CheckQuestion(const SurveyQuestion& question) {
  if (question.options.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "options: a question needs at least one option");
  }
  WAYMARK_TRY(CheckRow(question.counts, question.respondents, question, ""));
  for (std::size_t b = 0; b < question.bands.size(); ++b) {
    const SurveyBand& band = question.bands[b];
    for (std::size_t r = 0; r < band.rows.size(); ++r) {
      WAYMARK_TRY(CheckRow(band.rows[r].counts, band.rows[r].respondents, question,
                           fmt::format("bands[{}].rows[{}].", b, r)));
    }
    WAYMARK_TRY(CheckBandTotals(question, b));
  }
  return {};
}

std::size_t AddCell(DisclosureTable& table, std::string label, std::int64_t count) {
  table.cells.push_back({std::move(label), count});
  return table.cells.size() - 1;
}

GroupKind RowKind(const SurveyQuestion& question) {
  return question.multiple_choice ? GroupKind::kBound : GroupKind::kSum;
}

// One row of cells (each option, then respondents) and the group that ties them.
void AddRow(SurveyTables& out, const SurveyQuestion& question, const std::string& name,
            const std::vector<std::int64_t>& counts, std::int64_t respondents,
            std::vector<std::size_t>& option_cells, std::size_t& total_cell) {
  for (std::size_t o = 0; o < question.options.size(); ++o) {
    option_cells.push_back(
        AddCell(out.table, fmt::format("{} / {}", name, question.options[o]), counts[o]));
  }
  total_cell = AddCell(out.table, fmt::format("{} / respondents", name), respondents);
  out.table.groups.push_back(
      {fmt::format("{} row", name), RowKind(question), total_cell, option_cells});
}

void AddBand(SurveyTables& out, const SurveyQuestion& question, std::size_t b) {
  const SurveyBand& band = question.bands[b];
  auto& counts = out.layout.band_counts.emplace_back(band.rows.size());
  auto& respondents = out.layout.band_respondents.emplace_back(band.rows.size());
  for (std::size_t r = 0; r < band.rows.size(); ++r) {
    AddRow(out, question, fmt::format("{} = {}", band.variable, band.rows[r].label),
           band.rows[r].counts, band.rows[r].respondents, counts[r], respondents[r]);
  }
  for (std::size_t o = 0; o < question.options.size(); ++o) {
    std::vector<std::size_t> column;
    for (const auto& row : counts) column.push_back(row[o]);
    out.table.groups.push_back({fmt::format("{} column {}", band.variable, question.options[o]),
                                GroupKind::kSum, out.layout.overall_counts[o], column});
  }
  out.table.groups.push_back({fmt::format("{} rows", band.variable), GroupKind::kSum,
                              out.layout.overall_respondents, respondents});
}

}  // namespace

const char* CellFlagName(CellFlag flag) {
  switch (flag) {
    case CellFlag::kShown:
      return "shown";
    case CellFlag::kPrimary:
      return "primary";
    case CellFlag::kSecondary:
      return "secondary";
  }
  return "unknown";
}

std::size_t DisclosureResult::Count(CellFlag flag) const {
  return static_cast<std::size_t>(std::count(flags.begin(), flags.end(), flag));
}

Result<DisclosureResult> ProtectTable(const DisclosureTable& table, const DisclosureRules& rules) {
  WAYMARK_TRY(CheckRules(rules));
  WAYMARK_TRY(CheckTable(table));
  DisclosureResult result{PrimaryFlags(table, rules.threshold)};
  WAYMARK_TRY(AddSecondary(table, rules.threshold, result.flags));
  return result;
}

std::optional<std::int64_t> PublishedCount(const DisclosureTable& table,
                                           const DisclosureResult& result, std::size_t cell) {
  if (result.IsSuppressed(cell)) return std::nullopt;
  return table.cells.at(cell).count;
}

Result<SurveyTables> BuildSurveyTables(const SurveyQuestion& question) {
  WAYMARK_TRY(CheckQuestion(question));
  SurveyTables out;
  AddRow(out, question, "overall", question.counts, question.respondents, out.layout.overall_counts,
         out.layout.overall_respondents);
  for (std::size_t b = 0; b < question.bands.size(); ++b) AddBand(out, question, b);
  return out;
}

}  // namespace waymark::stats
