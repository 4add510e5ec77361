// Small-number disclosure control for linked count tables (survey results): primary suppression
// of counts below a threshold and secondary suppression until no suppressed cell can be worked
// out exactly from the published cells, totals and the other tables of the same set. Pure: no
// I/O, no global state. The rules and what they promise: docs/disclosure-control.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace waymark::stats {

inline constexpr std::int64_t kDefaultDisclosureThreshold = 10;

// Why a cell is or is not published. Both suppressed kinds are written as the GSS symbol `c`.
enum class CellFlag {
  kShown,      // published as its count
  kPrimary,    // a count of 1 to threshold − 1, or a zero in a group whose total is such a count
  kSecondary,  // suppressed so that no primary cell can be worked out
};

// "shown", "primary" or "secondary".
const char* CellFlagName(CellFlag flag);

// One published number: an answer count or a total of respondents.
struct DisclosureCell {
  std::string label;
  std::int64_t count = 0;
};

enum class GroupKind {
  kSum,    // total = the sum of the parts (single-choice rows, columns, band totals)
  kBound,  // each part ≤ total, nothing more (multiple-choice rows: one may tick several)
};

// A relation every reader knows holds between cells (indices into DisclosureTable::cells).
struct CellGroup {
  std::string label;
  GroupKind kind = GroupKind::kSum;
  std::size_t total = 0;
  std::vector<std::size_t> parts = {};
};

// Every cell of every table published together (for one question of one wave), and every
// relation between them. A cell shared by two tables (an overall count) appears once.
struct DisclosureTable {
  std::vector<DisclosureCell> cells = {};
  std::vector<CellGroup> groups = {};
};

struct DisclosureRules {
  std::int64_t threshold = kDefaultDisclosureThreshold;  // per survey; at least 2
};

// The flag of every cell, in the order of DisclosureTable::cells.
struct DisclosureResult {
  std::vector<CellFlag> flags = {};

  bool IsSuppressed(std::size_t cell) const { return flags.at(cell) != CellFlag::kShown; }
  std::size_t Count(CellFlag flag) const;
};

// Checks the table (counts ≥ 0, indices in range, every group's arithmetic holds) and the rules
// (threshold ≥ 2), then flags each cell. Deterministic: the same input gives the same flags.
// Errors name the field at fault (`threshold`, `cells[3].count`, `groups[2].parts[1]`, …).
Result<DisclosureResult> ProtectTable(const DisclosureTable& table,
                                      const DisclosureRules& rules = {});

// The count to publish, or nothing where the cell is suppressed (to be written `c`).
std::optional<std::int64_t> PublishedCount(const DisclosureTable& table,
                                           const DisclosureResult& result, std::size_t cell);

// One row of a band table: respondents in one band (such as "Year 9" or "Not stated") and how
// many of them gave each answer option.
struct SurveyBandRow {
  std::string label;
  std::vector<std::int64_t> counts = {};  // one per answer option
  std::int64_t respondents = 0;
};

// The table of one "about you" variable (age band, gender, …). Its rows, "not stated" included,
// must add up to the whole.
struct SurveyBand {
  std::string variable;
  std::vector<SurveyBandRow> rows = {};
};

// The tables published for one question of one wave: the overall row and one table per band.
struct SurveyQuestion {
  std::string question;
  std::vector<std::string> options = {};
  bool multiple_choice = false;           // options of a row need not add up to its respondents
  std::vector<std::int64_t> counts = {};  // overall, one per answer option
  std::int64_t respondents = 0;           // overall
  std::vector<SurveyBand> bands = {};
};

// Where each number of a SurveyQuestion sits in the DisclosureTable built from it.
struct SurveyLayout {
  std::vector<std::size_t> overall_counts = {};  // [option]
  std::size_t overall_respondents = 0;
  std::vector<std::vector<std::vector<std::size_t>>> band_counts = {};  // [band][row][option]
  std::vector<std::vector<std::size_t>> band_respondents = {};          // [band][row]
};

struct SurveyTables {
  DisclosureTable table;
  SurveyLayout layout;
};

// The cells and relations of a question's tables: each row's options add up to its respondents
// (single choice) or are each at most it (multiple choice); each band's rows add up to the
// overall respondents, and each band's column to the overall count of that option. Errors name
// the field (`bands[1].rows[2].counts[0]`, …) when the figures do not add up.
Result<SurveyTables> BuildSurveyTables(const SurveyQuestion& question);

}  // namespace waymark::stats
