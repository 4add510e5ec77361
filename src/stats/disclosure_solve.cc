// The reader's side of disclosure control: exact integer elimination of the sum equations over
// the suppressed cells, and the search for a second table that proves a cell cannot be worked
// out. All arithmetic is on whole numbers; nothing is rounded.
#include "stats/disclosure_solve.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <optional>

#include <fmt/format.h>

namespace waymark::stats::disclosure_internal {
namespace {

using Int = std::int64_t;
using Wide = __int128;
using Row = std::vector<Int>;

constexpr Wide kLimit = Wide{1} << 62;

bool Fits(Wide value) { return value < kLimit && value > -kLimit; }

tl::unexpected<Error> Overflow() {
  return MakeError(ErrorCode::kInternal,
                   "disclosure control: the equations of the tables are too large to solve");
}

// Every cell that is a part of a group whose total is primary: a zero there is suppressed too,
// so the reader knows such a cell may be 0.
std::vector<bool> PartsOfSmallGroups(const DisclosureTable& table,
                                     const std::vector<CellFlag>& flags) {
  std::vector<bool> result(table.cells.size(), false);
  for (const CellGroup& group : table.groups) {
    if (flags[group.total] != CellFlag::kPrimary) continue;
    for (std::size_t part : group.parts) result[part] = true;
  }
  return result;
}

// Divides a row by the greatest common divisor of its entries.
void Normalise(Row& row) {
  Int divisor = 0;
  for (Int value : row) divisor = std::gcd(divisor, value);
  if (divisor <= 1) return;
  for (Int& value : row) value /= divisor;
}

// row := scale_row × row − scale_pivot × pivot, in exact whole numbers.
Status Eliminate(Row& row, const Row& pivot, Int scale_row, Int scale_pivot) {
  for (std::size_t j = 0; j < row.size(); ++j) {
    Wide value = Wide{scale_row} * row[j] - Wide{scale_pivot} * pivot[j];
    if (!Fits(value)) return Overflow();
    row[j] = static_cast<Int>(value);
  }
  Normalise(row);
  return {};
}

// The sum equations (total − Σ parts = known) restricted to the suppressed cells `columns`.
std::vector<Row> SumEquations(const DisclosureTable& table, const std::vector<std::size_t>& columns,
                              const std::vector<CellFlag>& flags) {
  std::vector<std::ptrdiff_t> column_of(table.cells.size(), -1);
  for (std::size_t j = 0; j < columns.size(); ++j) column_of[columns[j]] = std::ptrdiff_t(j);
  std::vector<Row> rows;
  for (const CellGroup& group : table.groups) {
    if (group.kind != GroupKind::kSum) continue;
    Row row(columns.size(), 0);
    bool any = false;
    auto add = [&](std::size_t cell, Int sign) {
      if (flags[cell] == CellFlag::kShown) return;
      row[std::size_t(column_of[cell])] += sign;
      any = true;
    };
    add(group.total, 1);
    for (std::size_t part : group.parts) add(part, -1);
    if (any) rows.push_back(std::move(row));
  }
  return rows;
}

// Reduces `rows` in place so each pivot column is zero outside its pivot row; returns the
// pivot column of each remaining row (zero rows are dropped).
Result<std::vector<std::size_t>> Reduce(std::vector<Row>& rows, std::size_t width) {
  std::vector<std::size_t> pivots;
  std::size_t next = 0;
  for (std::size_t col = 0; col < width && next < rows.size(); ++col) {
    std::size_t found = next;
    while (found < rows.size() && rows[found][col] == 0) ++found;
    if (found == rows.size()) continue;
    std::swap(rows[next], rows[found]);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (r == next || rows[r][col] == 0) continue;
      Int divisor = std::gcd(rows[next][col], rows[r][col]);
      WAYMARK_TRY(
          Eliminate(rows[r], rows[next], rows[next][col] / divisor, rows[r][col] / divisor));
    }
    pivots.push_back(col);
    ++next;
  }
  rows.resize(next);
  return pivots;
}

// The null-space vector with free column `free` set, in lowest whole numbers.
Result<Direction> BasisVector(const std::vector<Row>& rows, const std::vector<std::size_t>& pivots,
                              const std::vector<std::size_t>& columns, std::size_t free) {
  Wide scale = 1;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r][free] == 0) continue;
    Int pivot = std::abs(rows[r][pivots[r]]);
    scale = scale / std::gcd(static_cast<Int>(scale), pivot) * pivot;
    if (!Fits(scale)) return Overflow();
  }
  Direction direction{{columns[free], static_cast<Int>(scale)}};
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r][free] == 0) continue;
    Wide step = -Wide{rows[r][free]} * (scale / rows[r][pivots[r]]);
    if (!Fits(step)) return Overflow();
    direction.emplace_back(columns[pivots[r]], static_cast<Int>(step));
  }
  Int divisor = 0;
  for (const auto& [cell, step] : direction) divisor = std::gcd(divisor, step);
  for (auto& [cell, step] : direction) step /= divisor;
  std::sort(direction.begin(), direction.end());
  return direction;
}

Int StepOf(const Direction& direction, std::size_t cell) {
  for (const auto& [c, step] : direction) {
    if (c == cell) return step;
  }
  return 0;
}

// The count of `cell` after moving k steps along `direction`.
Wide Moved(const DisclosureTable& table, const Direction& direction, Int k, std::size_t cell) {
  return Wide{table.cells[cell].count} + Wide{k} * StepOf(direction, cell);
}

bool KnownPossible(const Knowledge& knowledge, std::size_t cell, Wide value) {
  return value >= knowledge.lower[cell] && value <= knowledge.upper[cell];
}

// True when moving k steps along `direction` gives a table the reader cannot rule out.
bool Admissible(const DisclosureTable& table, const Knowledge& knowledge,
                const Direction& direction, Int k) {
  for (const auto& [cell, step] : direction) {
    if (!KnownPossible(knowledge, cell, Wide{table.cells[cell].count} + Wide{k} * step)) {
      return false;
    }
  }
  for (const CellGroup& group : table.groups) {
    if (group.kind != GroupKind::kBound) continue;
    Wide total = Moved(table, direction, k, group.total);
    for (std::size_t part : group.parts) {
      if (Moved(table, direction, k, part) > total) return false;
    }
  }
  return true;
}

// Everything the reader knows is a convex condition that the true table meets, so the steps k
// along a direction that give a possible table form an interval around 0: if any k ≠ 0 does,
// k = 1 or k = −1 does.
bool TryDirection(const DisclosureTable& table, const Knowledge& knowledge,
                  const Direction& direction) {
  return Admissible(table, knowledge, direction, 1) || Admissible(table, knowledge, direction, -1);
}

// The links of every cell to the sum groups it belongs to: +1 as a group's total, −1 as a part.
struct Link {
  std::size_t group = 0;
  Int sign = 0;
};

std::vector<std::vector<Link>> SumLinks(const DisclosureTable& table) {
  std::vector<std::vector<Link>> links(table.cells.size());
  for (std::size_t g = 0; g < table.groups.size(); ++g) {
    const CellGroup& group = table.groups[g];
    if (group.kind != GroupKind::kSum) continue;
    links[group.total].push_back({g, 1});
    for (std::size_t part : group.parts) links[part].push_back({g, -1});
  }
  return links;
}

// True when `direction` (one step) keeps every sum group true and breaks nothing the reader
// knows: the proof that a second table exists.
bool Proves(const DisclosureTable& table, const Knowledge& knowledge,
            const std::vector<std::vector<Link>>& links, const Direction& direction) {
  std::vector<Int> imbalance(table.groups.size(), 0);
  for (const auto& [cell, step] : direction) {
    for (const Link& link : links[cell]) imbalance[link.group] += link.sign * step;
  }
  return std::all_of(imbalance.begin(), imbalance.end(), [](Int d) { return d == 0; }) &&
         Admissible(table, knowledge, direction, 1);
}

// A search for a second table built from short chains, for tables that share cells (a
// question's overall row and its band tables). Moving `cell` one step puts its groups out of
// balance; a partner in one of them (another cell of that group, moved so the group stays true)
// puts its own other groups out of balance. Each group left out of balance is then paired with
// another by a chain of one-step moves through cells that belong to exactly two sum groups (the
// inner cells of two-way tables), found breadth first: the chain mends the first group, and
// each move puts the moved cell's other group out of balance until a move mends the second.
// What is found is checked against everything the reader knows (Proves) before it counts. It is
// quick where the depth-first search below branches too widely (a question by 21 wards, where
// every group has 21 cells to try), and the depth-first search still runs when it finds nothing.
class ChainSearch {
 public:
  ChainSearch(const DisclosureTable& table, const Knowledge& knowledge,
              const std::vector<std::vector<Link>>& links)
      : table_(table), knowledge_(knowledge), links_(links), members_(table.groups.size()) {
    for (std::size_t g = 0; g < table.groups.size(); ++g) {
      const CellGroup& group = table.groups[g];
      if (group.kind != GroupKind::kSum) continue;
      members_[g] = group.parts;
      members_[g].push_back(group.total);
    }
  }

  bool Find(std::size_t cell) {
    for (Int step : {Int{1}, Int{-1}}) {
      if (!CanMove(cell, step)) continue;
      for (const Link& shared : links_[cell]) {
        for (std::size_t partner : members_[shared.group]) {
          if (partner == cell) continue;
          const Int partner_step = -shared.sign * step * SignIn(partner, shared.group);
          if (!CanMove(partner, partner_step)) continue;
          std::optional<Direction> found = Complete({{cell, step}, {partner, partner_step}});
          if (found && Proves(table_, knowledge_, links_, *found)) return true;
        }
      }
    }
    return false;
  }

 private:
  struct Node {
    std::size_t group = 0;
    Int imbalance = 0;
    std::size_t moved = 0;  // the cell whose move put `group` out of balance
    Int step = 0;
    std::ptrdiff_t parent = -1;
  };

  bool CanMove(std::size_t cell, Int step) const {
    const Int value = table_.cells[cell].count + step;
    return value >= knowledge_.lower[cell] && value <= knowledge_.upper[cell];
  }

  Int SignIn(std::size_t cell, std::size_t group) const {
    for (const Link& link : links_[cell]) {
      if (link.group == group) return link.sign;
    }
    return 0;
  }

  // `moves` with chains added until every sum group is in balance, or nothing.
  std::optional<Direction> Complete(Direction moves) const {
    std::vector<Int> imbalance(table_.groups.size(), 0);
    std::vector<bool> used(table_.cells.size(), false);
    for (const auto& [cell, step] : moves) {
      used[cell] = true;
      for (const Link& link : links_[cell]) imbalance[link.group] += link.sign * step;
    }
    for (std::size_t g = 0; g < imbalance.size(); ++g) {
      if (imbalance[g] == 0) continue;
      if (imbalance[g] != 1 && imbalance[g] != -1) return std::nullopt;
      if (!Chain(g, imbalance, used, moves)) return std::nullopt;
    }
    std::sort(moves.begin(), moves.end());
    return moves;
  }

  // The shortest chain from group `from` to another group out of balance that mends both;
  // adds its moves to `moves` and marks their cells used.
  bool Chain(std::size_t from, std::vector<Int>& imbalance, std::vector<bool>& used,
             Direction& moves) const {
    std::vector<bool> seen(table_.groups.size(), false);
    seen[from] = true;
    std::vector<Node> nodes = {{from, imbalance[from], 0, 0, -1}};
    for (std::size_t at = 0; at < nodes.size(); ++at) {
      const Node node = nodes[at];
      for (std::size_t m : members_[node.group]) {
        if (used[m] || links_[m].size() != 2) continue;
        const Link& here = links_[m][0].group == node.group ? links_[m][0] : links_[m][1];
        const Link& next = links_[m][0].group == node.group ? links_[m][1] : links_[m][0];
        const Int t = -node.imbalance * here.sign;  // mends `node.group`
        if (!CanMove(m, t)) continue;
        if (imbalance[next.group] != 0 && next.group != from &&
            imbalance[next.group] + next.sign * t == 0) {
          imbalance[from] = imbalance[next.group] = 0;
          Keep(nodes, static_cast<std::ptrdiff_t>(at), m, t, used, moves);
          return true;
        }
        if (seen[next.group] || imbalance[next.group] != 0) continue;
        seen[next.group] = true;
        nodes.push_back({next.group, next.sign * t, m, t, static_cast<std::ptrdiff_t>(at)});
      }
    }
    return false;
  }

  static void Keep(const std::vector<Node>& nodes, std::ptrdiff_t at, std::size_t cell, Int step,
                   std::vector<bool>& used, Direction& moves) {
    moves.emplace_back(cell, step);
    used[cell] = true;
    for (std::ptrdiff_t n = at; n > 0; n = nodes[static_cast<std::size_t>(n)].parent) {
      const Node& node = nodes[static_cast<std::size_t>(n)];
      moves.emplace_back(node.moved, node.step);
      used[node.moved] = true;
    }
  }

  const DisclosureTable& table_;
  const Knowledge& knowledge_;
  const std::vector<std::vector<Link>>& links_;
  std::vector<std::vector<std::size_t>> members_;
};

// A depth-first search for a second table: move `cell` one step, then mend the first broken
// relation (a sum group out of balance, or a part above its bound) by moving one more cell one
// step, never against its earlier moves and never outside what the reader knows; shown cells
// cannot move at all. Any second table differs from the true one by such a chain of steps taken
// in the same direction (a conformal sum of elementary changes), so iterative deepening finds a
// short one first; the node budget keeps a failed search cheap, and a failure only costs an
// extra suppression.
class SecondTableSearch {
 public:
  SecondTableSearch(const DisclosureTable& table, const Knowledge& knowledge,
                    const std::vector<std::vector<Link>>& links)
      : table_(table), knowledge_(knowledge), links_(links) {}

  bool Find(std::size_t cell) {
    budget_ = kNodeBudget;
    for (Int first : {1, -1}) {
      for (int steps = 1; steps <= kMaxSteps && budget_ > 0; ++steps) {
        change_.assign(table_.cells.size(), 0);
        imbalance_.assign(table_.groups.size(), 0);
        if (!Move(cell, first)) break;
        if (Search(steps)) return true;
      }
    }
    return false;
  }

 private:
  static constexpr int kMaxSteps = 24;
  static constexpr int kNodeBudget = 20000;

  Int Value(std::size_t cell) const { return table_.cells[cell].count + change_[cell]; }

  bool Move(std::size_t cell, Int step) {
    if (change_[cell] * step < 0) return false;
    const Int value = Value(cell) + step;
    if (value < knowledge_.lower[cell] || value > knowledge_.upper[cell]) return false;
    change_[cell] += step;
    for (const Link& link : links_[cell]) imbalance_[link.group] += link.sign * step;
    return true;
  }

  void Undo(std::size_t cell, Int step) {
    change_[cell] -= step;
    for (const Link& link : links_[cell]) imbalance_[link.group] -= link.sign * step;
  }

  // The moves that mend the first broken relation; empty when nothing is broken.
  std::vector<std::pair<std::size_t, Int>> Mends() const {
    for (std::size_t g = 0; g < table_.groups.size(); ++g) {
      const CellGroup& group = table_.groups[g];
      if (group.kind != GroupKind::kSum || imbalance_[g] == 0) continue;
      const Int sign = imbalance_[g] > 0 ? 1 : -1;
      std::vector<std::pair<std::size_t, Int>> moves{{group.total, -sign}};
      for (std::size_t part : group.parts) moves.emplace_back(part, sign);
      return moves;
    }
    for (const CellGroup& group : table_.groups) {
      if (group.kind != GroupKind::kBound) continue;
      for (std::size_t part : group.parts) {
        if (Value(part) > Value(group.total)) return {{group.total, 1}, {part, -1}};
      }
    }
    return {};
  }

  bool Search(int steps_left) {
    if (--budget_ < 0) return false;
    const std::vector<std::pair<std::size_t, Int>> mends = Mends();
    if (mends.empty()) return true;
    if (steps_left == 0) return false;
    for (const auto& [cell, step] : mends) {
      if (!Move(cell, step)) continue;
      if (Search(steps_left - 1)) return true;
      Undo(cell, step);
    }
    return false;
  }

  const DisclosureTable& table_;
  const Knowledge& knowledge_;
  const std::vector<std::vector<Link>>& links_;
  std::vector<Int> change_;
  std::vector<Int> imbalance_;
  int budget_ = 0;
};

}  // namespace

Knowledge ReaderKnowledge(const DisclosureTable& table, const std::vector<CellFlag>& flags,
                          std::int64_t threshold) {
  const std::size_t n = table.cells.size();
  Knowledge knowledge{std::vector<Int>(n, 0), std::vector<Int>(n, kUnbounded)};
  const std::vector<bool> in_small_group = PartsOfSmallGroups(table, flags);
  // At threshold 2 the reader who knew the primary cells would know each is a 1.
  const bool flags_known = threshold >= 3;
  for (std::size_t c = 0; c < n; ++c) {
    if (flags[c] == CellFlag::kShown) {
      knowledge.lower[c] = knowledge.upper[c] = table.cells[c].count;
    } else if (flags_known && flags[c] == CellFlag::kPrimary) {
      knowledge.lower[c] = in_small_group[c] ? 0 : 1;
      knowledge.upper[c] = threshold - 1;
    }
  }
  return knowledge;
}

Result<std::vector<Direction>> FreeDirections(const DisclosureTable& table,
                                              const std::vector<CellFlag>& flags) {
  std::vector<std::size_t> columns;
  for (std::size_t c = 0; c < table.cells.size(); ++c) {
    if (flags[c] != CellFlag::kShown) columns.push_back(c);
  }
  std::vector<Row> rows = SumEquations(table, columns, flags);
  WAYMARK_ASSIGN_OR_RETURN(std::vector<std::size_t> pivots, Reduce(rows, columns.size()));
  std::vector<bool> is_pivot(columns.size(), false);
  for (std::size_t p : pivots) is_pivot[p] = true;
  std::vector<Direction> basis;
  for (std::size_t free = 0; free < columns.size(); ++free) {
    if (is_pivot[free]) continue;
    WAYMARK_ASSIGN_OR_RETURN(Direction direction, BasisVector(rows, pivots, columns, free));
    basis.push_back(std::move(direction));
  }
  return basis;
}

bool CanVary(const DisclosureTable& table, const Knowledge& knowledge,
             const std::vector<Direction>& basis, std::size_t cell) {
  bool moves = false;
  for (const Direction& direction : basis) {
    if (StepOf(direction, cell) == 0) continue;
    if (TryDirection(table, knowledge, direction)) return true;
    moves = true;
  }
  // A cell no basis direction moves is fixed by the equations alone.
  if (!moves) return false;
  const std::vector<std::vector<Link>> links = SumLinks(table);
  return ChainSearch(table, knowledge, links).Find(cell) ||
         SecondTableSearch(table, knowledge, links).Find(cell);
}

}  // namespace waymark::stats::disclosure_internal
