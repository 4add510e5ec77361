// The reader's side of disclosure control: what a reader of a set of published tables knows
// about each suppressed cell, and whether another table consistent with all of it gives a cell a
// different count. Used by disclosure.cc; see docs/disclosure-control.md for the model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/result.h"
#include "stats/disclosure.h"

namespace waymark::stats::disclosure_internal {

inline constexpr std::int64_t kUnbounded = INT64_MAX;

// What a reader knows of each cell's count: it lies in [lower, upper]. A shown cell has
// lower = upper = its count.
struct Knowledge {
  std::vector<std::int64_t> lower = {};
  std::vector<std::int64_t> upper = {};
};

// The reader of docs/disclosure-control.md: a suppressed count is not negative, and (worst
// case) the reader can tell which suppressed cells are primary, so knows each is 1..threshold − 1
// (0..threshold − 1 for a part of a group whose total is primary). At threshold 2 that would
// name every primary cell as a 1, so there a suppressed count is only known not to be negative.
Knowledge ReaderKnowledge(const DisclosureTable& table, const std::vector<CellFlag>& flags,
                          std::int64_t threshold);

// A change to some suppressed cells, as (cell, step) pairs sorted by cell; steps are whole
// numbers with no common factor.
using Direction = std::vector<std::pair<std::size_t, std::int64_t>>;

// A basis of the changes to the suppressed cells that keep every sum group true: the integer
// null space of the sum equations restricted to the suppressed cells, by exact fraction-free
// Gaussian elimination. A cell no basis direction moves is fixed by the published numbers.
Result<std::vector<Direction>> FreeDirections(const DisclosureTable& table,
                                              const std::vector<CellFlag>& flags);

// True when a second table is found that breaks nothing the reader knows (Knowledge, the sum
// and bound groups) and gives `cell` another count: proof that the reader cannot work the cell
// out exactly. Tries each basis direction, then a bounded search along chains of one-step
// moves. False means the equations fix the cell, or no second table was found within the
// search's bounds; either way the caller suppresses more.
bool CanVary(const DisclosureTable& table, const Knowledge& knowledge,
             const std::vector<Direction>& basis, std::size_t cell);

}  // namespace waymark::stats::disclosure_internal
