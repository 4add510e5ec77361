// Tests of small-number disclosure control: thresholds, primary and secondary suppression on
// linked survey tables, bad input, and an attacker that enumerates whole-number tables
// (independent of the library's own solver) and must fail to recover any suppressed cell.
#include "stats/disclosure.h"

#include <gtest/gtest.h>

#include <random>

#include <fmt/format.h>

#include "stats/disclosure_solve.h"

namespace waymark::stats {
namespace {

using Flags = std::vector<CellFlag>;

// ---- An attacker that knows what docs/disclosure-control.md says a reader knows ----

// Every whole-number table consistent with the published cells, the groups, and the rule:
// shown cells are fixed; at threshold ≥ 3 a primary cell is 1..t−1 (0..t−1 when it is a part of
// a group whose total is primary) and a secondary cell is any count ≥ 0; at threshold 2 every
// suppressed cell is any count ≥ 0. Counts are searched only up to the largest count in the
// table plus t: that can make the attacker report a recovery that is not one, never hide one.
class Attacker {
 public:
  Attacker(const DisclosureTable& table, const Flags& flags, std::int64_t threshold)
      : table_(table), flags_(flags), threshold_(threshold) {
    for (const DisclosureCell& cell : table.cells) ceiling_ = std::max(ceiling_, cell.count);
    ceiling_ += threshold;
    small_part_.assign(table.cells.size(), false);
    for (const CellGroup& group : table.groups) {
      if (flags[group.total] != CellFlag::kPrimary) continue;
      for (std::size_t part : group.parts) small_part_[part] = true;
    }
  }

  // Whether some consistent table gives `cell` a count other than its true one.
  bool CanVary(std::size_t cell) {
    target_ = cell;
    values_.clear();
    assigned_.assign(table_.cells.size(), false);
    suppressed_ = {cell};
    for (std::size_t c = 0; c < table_.cells.size(); ++c) {
      if (flags_[c] == CellFlag::kShown) {
        assigned_[c] = true;
      } else if (c != cell) {
        suppressed_.push_back(c);
      }
    }
    values_.resize(table_.cells.size());
    for (std::size_t c = 0; c < table_.cells.size(); ++c) values_[c] = table_.cells[c].count;
    return Search();
  }

  // The suppressed cells whose count the attacker pins down.
  std::vector<std::size_t> Recovered() {
    std::vector<std::size_t> recovered;
    for (std::size_t c = 0; c < table_.cells.size(); ++c) {
      if (flags_[c] != CellFlag::kShown && !CanVary(c)) recovered.push_back(c);
    }
    return recovered;
  }

 private:
  bool Allowed(std::size_t cell, std::int64_t value) const {
    if (value < 0) return false;
    if (cell == target_ && value == table_.cells[cell].count) return false;
    if (threshold_ == 2) return value <= ceiling_;
    if (flags_[cell] == CellFlag::kPrimary) {
      return value >= (small_part_[cell] ? 0 : 1) && value < threshold_;
    }
    return value <= ceiling_;
  }

  // The count a sum group forces on `cell` once every other cell of the group is known.
  std::optional<std::int64_t> Forced(std::size_t cell) const {
    for (const CellGroup& group : table_.groups) {
      if (group.kind != GroupKind::kSum) continue;
      bool in_group = group.total == cell;
      bool others_known = in_group || assigned_[group.total];
      std::int64_t parts = 0;
      for (std::size_t part : group.parts) {
        if (part == cell) {
          in_group = true;
        } else {
          others_known = others_known && assigned_[part];
          parts += values_[part];
        }
      }
      if (!in_group || !others_known) continue;
      return group.total == cell ? parts : values_[group.total] - parts;
    }
    return std::nullopt;
  }

  // The most `cell` can hold given the totals already known: what is left of each group it is a
  // part of.
  std::int64_t Room(std::size_t cell) const {
    std::int64_t room = ceiling_;
    for (const CellGroup& group : table_.groups) {
      if (!assigned_[group.total]) continue;
      bool is_part = false;
      std::int64_t others = 0;
      for (std::size_t part : group.parts) {
        if (part == cell) {
          is_part = true;
        } else if (assigned_[part] && group.kind == GroupKind::kSum) {
          others += values_[part];
        }
      }
      if (is_part) room = std::min(room, values_[group.total] - others);
    }
    return room;
  }

  std::int64_t Low(std::size_t cell) const {
    if (assigned_[cell]) return values_[cell];
    return flags_[cell] == CellFlag::kPrimary && threshold_ > 2 && !small_part_[cell] ? 1 : 0;
  }

  std::int64_t High(std::size_t cell) const {
    if (assigned_[cell]) return values_[cell];
    return flags_[cell] == CellFlag::kPrimary && threshold_ > 2 ? threshold_ - 1 : ceiling_;
  }

  bool Consistent() const {
    for (const CellGroup& group : table_.groups) {
      if (group.kind != GroupKind::kSum) continue;
      std::int64_t low = 0;
      std::int64_t high = 0;
      for (std::size_t part : group.parts) {
        low += Low(part);
        high += High(part);
      }
      if (low > High(group.total) || high < Low(group.total)) return false;
    }
    for (const CellGroup& group : table_.groups) {
      std::int64_t known_parts = 0;
      bool all_known = assigned_[group.total];
      for (std::size_t part : group.parts) {
        if (!assigned_[part]) {
          all_known = false;
          continue;
        }
        known_parts += values_[part];
        bool over_total = assigned_[group.total] && values_[part] > values_[group.total];
        if (group.kind == GroupKind::kBound && over_total) return false;
      }
      if (group.kind != GroupKind::kSum || !assigned_[group.total]) continue;
      if (known_parts > values_[group.total]) return false;
      if (all_known && known_parts != values_[group.total]) return false;
    }
    return true;
  }

  // The values worth trying for an unassigned cell.
  std::pair<std::int64_t, std::int64_t> Candidates(std::size_t cell) const {
    if (std::optional<std::int64_t> forced = Forced(cell)) return {*forced, *forced};
    return {Low(cell), std::min(Room(cell), High(cell))};
  }

  // Fills in the target first, then always the cell with the fewest values left to try.
  bool Search() {
    std::optional<std::size_t> next;
    std::int64_t fewest = 0;
    for (std::size_t cell : suppressed_) {
      if (assigned_[cell]) continue;
      auto [from, to] = Candidates(cell);
      if (cell == target_ || !next || to - from < fewest) {
        next = cell;
        fewest = to - from;
      }
      if (cell == target_) break;
    }
    if (!next) return true;
    const std::size_t cell = *next;
    auto [from, to] = Candidates(cell);
    assigned_[cell] = true;
    for (std::int64_t value = from; value <= to; ++value) {
      if (!Allowed(cell, value)) continue;
      values_[cell] = value;
      if (Consistent() && Search()) return true;
    }
    assigned_[cell] = false;
    values_[cell] = table_.cells[cell].count;
    return false;
  }

  const DisclosureTable& table_;
  const Flags& flags_;
  std::int64_t threshold_;
  std::int64_t ceiling_ = 0;
  std::vector<bool> small_part_;
  std::size_t target_ = 0;
  std::vector<std::int64_t> values_;
  std::vector<bool> assigned_;
  std::vector<std::size_t> suppressed_;  // the target first
};

// ---- Helpers ----

// One group: the last cell is the total of the others.
DisclosureTable Row(std::vector<std::int64_t> counts, GroupKind kind = GroupKind::kSum) {
  DisclosureTable table;
  CellGroup group{"row", kind, counts.size() - 1, {}};
  for (std::size_t c = 0; c < counts.size(); ++c) {
    table.cells.push_back({fmt::format("cell {}", c), counts[c]});
    if (c + 1 < counts.size()) group.parts.push_back(c);
  }
  table.groups.push_back(group);
  return table;
}

Flags Protect(const DisclosureTable& table, std::int64_t threshold = kDefaultDisclosureThreshold) {
  auto result = ProtectTable(table, {threshold});
  EXPECT_TRUE(result.has_value()) << result.error().message;
  return result ? result->flags : Flags{};
}

// Primary flags only: every count of 1..t−1 (what a table without secondary suppression shows).
Flags PrimaryOnly(const DisclosureTable& table, std::int64_t threshold) {
  Flags flags;
  for (const DisclosureCell& cell : table.cells) {
    bool small = cell.count >= 1 && cell.count < threshold;
    flags.push_back(small ? CellFlag::kPrimary : CellFlag::kShown);
  }
  return flags;
}

SurveyBandRow BandRow(std::string label, std::vector<std::int64_t> counts) {
  std::int64_t respondents = 0;
  for (std::int64_t c : counts) respondents += c;
  return {std::move(label), std::move(counts), respondents};
}

// "Do you feel safe in your local park?" by school year, with a "not stated" row.
SurveyQuestion ParkQuestion(std::vector<SurveyBandRow> rows) {
  SurveyQuestion question{"Do you feel safe in your local park?", {"Yes", "No", "Not sure"}};
  question.counts.assign(3, 0);
  for (const SurveyBandRow& row : rows) {
    for (std::size_t o = 0; o < 3; ++o) question.counts[o] += row.counts[o];
    question.respondents += row.respondents;
  }
  question.bands.push_back({"School year", std::move(rows)});
  return question;
}

SurveyTables Build(const SurveyQuestion& question) {
  auto tables = BuildSurveyTables(question);
  EXPECT_TRUE(tables.has_value()) << tables.error().message;
  return tables ? *tables : SurveyTables{};
}

std::size_t SuppressedAmong(const Flags& flags, const std::vector<std::size_t>& cells) {
  std::size_t n = 0;
  for (std::size_t c : cells) n += flags[c] != CellFlag::kShown;
  return n;
}

// ---- Thresholds and bad input ----

TEST(DisclosureTest, DefaultThresholdSuppressesNineAndShowsTen) {
  EXPECT_EQ(DisclosureRules{}.threshold, 10);
  DisclosureTable table{{{"a", 9}, {"b", 10}, {"c", 1}, {"d", 0}, {"e", 250}}};
  Flags flags = Protect(table);
  EXPECT_EQ(flags, (Flags{CellFlag::kPrimary, CellFlag::kShown, CellFlag::kPrimary,
                          CellFlag::kShown, CellFlag::kShown}));
}

TEST(DisclosureTest, CustomThresholdOfFive) {
  DisclosureTable table{{{"a", 4}, {"b", 5}, {"c", 9}}};
  EXPECT_EQ(Protect(table, 5), (Flags{CellFlag::kPrimary, CellFlag::kShown, CellFlag::kShown}));
  EXPECT_EQ(Protect(table, 2), (Flags{CellFlag::kShown, CellFlag::kShown, CellFlag::kShown}));
}

TEST(DisclosureTest, RefusesAThresholdBelowTwo) {
  for (std::int64_t bad : {1, 0, -10}) {
    auto result = ProtectTable(Row({3, 12, 15}), {bad});
    ASSERT_FALSE(result.has_value()) << bad;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(result.error().message.find("threshold"), std::string::npos);
  }
}

TEST(DisclosureTest, RefusesTablesThatDoNotAddUp) {
  struct Case {
    DisclosureTable table;
    std::string field;
  };
  DisclosureTable out_of_range = Row({3, 12, 15});
  out_of_range.groups[0].parts.push_back(7);
  DisclosureTable repeated = Row({3, 12, 15});
  repeated.groups[0].parts.push_back(2);
  DisclosureTable no_parts = Row({3, 12, 15});
  no_parts.groups[0].parts.clear();
  DisclosureTable bad_total = Row({3, 12, 15});
  bad_total.groups[0].total = 9;
  const std::vector<Case> cases = {
      {Row({3, -1, 2}), "cells[1].count"},
      {Row({3, 12, 16}), "groups[0] (row): the parts add up to 15, not the total 16"},
      {Row({3, 17, 16}, GroupKind::kBound), "groups[0] (row).parts[1]: 17 exceeds the total 16"},
      {out_of_range, "groups[0] (row).parts[2]"},
      {repeated, "groups[0] (row).parts[2]"},
      {no_parts, "groups[0] (row).parts"},
      {bad_total, "groups[0] (row).total"},
  };
  for (const Case& c : cases) {
    auto result = ProtectTable(c.table);
    ASSERT_FALSE(result.has_value()) << c.field;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(result.error().message.find(c.field), std::string::npos) << result.error().message;
  }
  // Within bounds a multiple-choice row need not add up.
  EXPECT_TRUE(ProtectTable(Row({15, 17, 20}, GroupKind::kBound)).has_value());
}

TEST(DisclosureTest, RefusesSurveyTablesThatDoNotAddUp) {
  SurveyQuestion missing_not_stated =
      ParkQuestion({BandRow("Year 7", {20, 10, 12}), BandRow("Not stated", {3, 1, 0})});
  missing_not_stated.bands[0].rows.pop_back();
  SurveyQuestion short_row = ParkQuestion({BandRow("Year 7", {20, 10, 12})});
  short_row.bands[0].rows[0].counts.pop_back();
  SurveyQuestion wrong_row_total = ParkQuestion({BandRow("Year 7", {20, 10, 12})});
  wrong_row_total.bands[0].rows[0].respondents = 41;
  SurveyQuestion wrong_column = ParkQuestion({BandRow("Year 7", {20, 10, 12})});
  wrong_column.counts = {19, 11, 12};
  SurveyQuestion no_options = wrong_column;
  no_options.options.clear();
  const std::vector<std::pair<SurveyQuestion, std::string>> cases = {
      {missing_not_stated,
       "bands[0] (School year).rows: respondents add up to 42, not the "
       "overall 46 (is the \"not stated\" row missing?)"},
      {short_row, "bands[0].rows[0].counts: 2 values for 3 options"},
      {wrong_row_total, "bands[0].rows[0].counts: add up to 42, not the 41 respondents"},
      {wrong_column, "option 0 (Yes) add up to 20, not the overall 19"},
      {no_options, "options"},
  };
  for (const auto& [question, message] : cases) {
    auto result = BuildSurveyTables(question);
    ASSERT_FALSE(result.has_value()) << message;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(result.error().message.find(message), std::string::npos) << result.error().message;
  }
}

// ---- Primary and secondary suppression ----

TEST(DisclosureTest, ALoneSmallCellInARowGetsThePartnerWithTheSmallestCount) {
  DisclosureTable table = Row({3, 20, 12, 35});
  Flags flags = Protect(table);
  EXPECT_EQ(flags,
            (Flags{CellFlag::kPrimary, CellFlag::kShown, CellFlag::kSecondary, CellFlag::kShown}));
  // Without the partner, total minus the others gives the 3 away.
  EXPECT_EQ(Attacker(table, PrimaryOnly(table, 10), 10).Recovered(), std::vector<std::size_t>{0});
  EXPECT_TRUE(Attacker(table, flags, 10).Recovered().empty());
  EXPECT_EQ(PublishedCount(table, {flags}, 0), std::nullopt);
  EXPECT_EQ(PublishedCount(table, {flags}, 1), 20);
  EXPECT_STREQ(CellFlagName(flags[2]), "secondary");
}

TEST(DisclosureTest, ZerosAreShownExceptInASmallGroup) {
  // 4 pupils all said Yes: the zeros would tell that nobody in the group said anything else.
  SurveyTables small =
      Build(ParkQuestion({BandRow("Year 7", {30, 12, 15}), BandRow("Year 8", {4, 0, 0}),
                          BandRow("Not stated", {11, 10, 0})}));
  Flags flags = Protect(small.table);
  for (std::size_t o = 0; o < 3; ++o) {
    EXPECT_EQ(flags[small.layout.band_counts[0][1][o]], CellFlag::kPrimary) << o;
  }
  EXPECT_EQ(flags[small.layout.band_respondents[0][1]], CellFlag::kPrimary);
  // A zero in a group of 21 is shown.
  EXPECT_EQ(flags[small.layout.band_counts[0][2][2]], CellFlag::kShown);
  EXPECT_TRUE(Attacker(small.table, flags, 10).Recovered().empty());
}

TEST(DisclosureTest, EveryoneGivingTheSameAnswerWithASmallBandIsProtected) {
  // 25 pupils all agree; 3 are in a small band. The band's zeros are zeros of the whole table
  // too, so they are shown; its agree count and total are hidden with partners.
  SurveyQuestion question{"Barnet is a family friendly place",
                          {"strongly-agree", "agree", "not-sure", "disagree", "strongly-disagree"}};
  question.counts = {0, 25, 0, 0, 0};
  question.respondents = 25;
  SurveyBand age{"Age", {}};
  age.rows = {{"8-10", {0, 3, 0, 0, 0}, 3},   {"11-13", {0, 0, 0, 0, 0}, 0},
              {"14-16", {0, 22, 0, 0, 0}, 22}, {"17-19", {0, 0, 0, 0, 0}, 0},
              {"20-25", {0, 0, 0, 0, 0}, 0},   {"Not stated", {0, 0, 0, 0, 0}, 0}};
  question.bands.push_back(age);
  const SurveyTables tables = Build(question);
  const Flags flags = Protect(tables.table);
  ASSERT_FALSE(flags.empty());
  EXPECT_EQ(flags[tables.layout.band_counts[0][0][1]], CellFlag::kPrimary);
  EXPECT_EQ(flags[tables.layout.band_respondents[0][0]], CellFlag::kPrimary);
  EXPECT_EQ(flags[tables.layout.band_counts[0][0][3]], CellFlag::kShown);  // a zero of the whole
  EXPECT_TRUE(Attacker(tables.table, flags, 10).Recovered().empty());
}

TEST(DisclosureTest, ASmallCellGetsAPartnerInItsColumnAcrossTheLinkedTables) {
  SurveyTables tables =
      Build(ParkQuestion({BandRow("Year 7", {30, 12, 15}), BandRow("Year 8", {25, 5, 14}),
                          BandRow("Not stated", {20, 16, 11})}));
  Flags flags = Protect(tables.table);
  const auto& counts = tables.layout.band_counts[0];
  EXPECT_EQ(flags[counts[1][1]], CellFlag::kPrimary);
  // The "No" column adds up to the overall No: another cell of it must go too.
  std::vector<std::size_t> column = {counts[0][1], counts[2][1], tables.layout.overall_counts[1]};
  EXPECT_GE(SuppressedAmong(flags, column), 1u);
  std::vector<std::size_t> row = {counts[1][0], counts[1][2], tables.layout.band_respondents[0][1]};
  EXPECT_GE(SuppressedAmong(flags, row), 1u);
  EXPECT_EQ(Attacker(tables.table, PrimaryOnly(tables.table, 10), 10).Recovered().size(), 1u);
  EXPECT_TRUE(Attacker(tables.table, flags, 10).Recovered().empty());
  // The smallest cells that do the job: Year 7 "No" (12) and Year 8 "Not sure" (14), closing
  // the rectangle with Year 7 "Not sure" (15).
  EXPECT_EQ(flags[counts[0][1]], CellFlag::kSecondary);
  EXPECT_EQ(flags[counts[1][2]], CellFlag::kSecondary);
  EXPECT_EQ(flags[counts[0][2]], CellFlag::kSecondary);
  EXPECT_EQ(DisclosureResult{flags}.Count(CellFlag::kSecondary), 3u);
}

TEST(DisclosureTest, ASmallCellOnlyInTheNotStatedRowIsProtected) {
  SurveyTables tables =
      Build(ParkQuestion({BandRow("Year 7", {30, 12, 15}), BandRow("Year 8", {25, 18, 14}),
                          BandRow("Not stated", {16, 13, 6})}));
  Flags flags = Protect(tables.table);
  const auto& counts = tables.layout.band_counts[0];
  EXPECT_EQ(flags[counts[2][2]], CellFlag::kPrimary);
  EXPECT_EQ(DisclosureResult{flags}.Count(CellFlag::kPrimary), 1u);
  EXPECT_GE(DisclosureResult{flags}.Count(CellFlag::kSecondary), 3u);
  EXPECT_TRUE(Attacker(tables.table, flags, 10).Recovered().empty());
}

TEST(DisclosureTest, SubtractingTheOtherBandsFromTheWholeRecoversNothing) {
  // Two "about you" tables of the same question share the overall row. Girls' "No" is 4:
  // overall No − boys' No − not stated No would give it away.
  SurveyQuestion question{"Have you been bullied this term?", {"Yes", "No"}, false, {}, 0, {}};
  question.bands.push_back(
      {"Gender",
       {BandRow("Girl", {40, 4}), BandRow("Boy", {30, 25}), BandRow("Not stated", {12, 11})}});
  question.bands.push_back({"Year",
                            {BandRow("Year 7", {45, 20}), BandRow("Year 8", {27, 10}),
                             BandRow("Not stated", {10, 10})}});
  question.counts = {82, 40};
  question.respondents = 122;
  SurveyTables tables = Build(question);
  const std::size_t girls_no = tables.layout.band_counts[0][0][1];
  const std::int64_t t = 10;
  Flags weak = PrimaryOnly(tables.table, t);
  EXPECT_EQ(Attacker(tables.table, weak, t).Recovered(), std::vector<std::size_t>{girls_no});
  Flags flags = Protect(tables.table, t);
  EXPECT_EQ(flags[girls_no], CellFlag::kPrimary);
  EXPECT_TRUE(Attacker(tables.table, flags, t).Recovered().empty());
  // The rectangle of the smallest cells: girls' Yes, and the "not stated" row.
  const auto& gender = tables.layout.band_counts[0];
  EXPECT_EQ(flags[gender[0][0]], CellFlag::kSecondary);
  EXPECT_EQ(flags[gender[2][0]], CellFlag::kSecondary);
  EXPECT_EQ(flags[gender[2][1]], CellFlag::kSecondary);
  EXPECT_EQ(DisclosureResult{flags}.Count(CellFlag::kSecondary), 3u);
  // The Year table had nothing small and needs nothing suppressed, as long as the overall row
  // stays published.
  for (const auto& row : tables.layout.band_counts[1]) {
    EXPECT_EQ(SuppressedAmong(flags, row), 0u);
  }
}

TEST(DisclosureTest, MultipleChoiceIsProtectedByItsPublishedTotals) {
  // "Which of these do you use?" (tick all that apply): rows do not add up, but each column
  // still adds up to the overall count, so one small cell in a column needs a partner.
  SurveyQuestion question{"Which of these do you use?", {"Library", "Youth club"}, true, {}, 0, {}};
  question.bands.push_back(
      {"Year", {{"Year 7", {3, 20}, 22}, {"Year 8", {15, 18}, 25}, {"Not stated", {12, 11}, 15}}});
  question.counts = {30, 49};
  question.respondents = 62;
  SurveyTables tables = Build(question);
  EXPECT_EQ(tables.table.groups[0].kind, GroupKind::kBound);
  Flags flags = Protect(tables.table);
  const auto& counts = tables.layout.band_counts[0];
  EXPECT_EQ(flags[counts[0][0]], CellFlag::kPrimary);
  EXPECT_GE(SuppressedAmong(flags, {counts[1][0], counts[2][0], tables.layout.overall_counts[0]}),
            1u);
  EXPECT_EQ(Attacker(tables.table, PrimaryOnly(tables.table, 10), 10).Recovered().size(), 1u);
  EXPECT_TRUE(Attacker(tables.table, flags, 10).Recovered().empty());
}

TEST(DisclosureTest, RowAndColumnPartnersAreNotEnoughWhenAPatternHasABridge) {
  // A 4×4 table with row and column totals. Suppressing two rectangles joined by one cell
  // leaves no suppressed cell alone in its row or column, yet the joining cell (row 0,
  // column 2) is fixed: it is the only suppressed link between the two halves.
  const std::vector<std::vector<std::int64_t>> grid = {
      {11, 12, 13, 30}, {14, 15, 40, 50}, {60, 70, 16, 17}, {80, 90, 18, 19}};
  DisclosureTable table;
  auto cell = [](std::size_t r, std::size_t c) { return r * 4 + c; };
  for (std::size_t r = 0; r < 4; ++r) {
    for (std::size_t c = 0; c < 4; ++c) {
      table.cells.push_back({fmt::format("r{}c{}", r, c), grid[r][c]});
    }
  }
  for (std::size_t r = 0; r < 4; ++r) {
    std::int64_t sum = 0;
    for (std::int64_t v : grid[r]) sum += v;
    table.cells.push_back({"row total", sum});
    table.groups.push_back({"row",
                            GroupKind::kSum,
                            table.cells.size() - 1,
                            {cell(r, 0), cell(r, 1), cell(r, 2), cell(r, 3)}});
  }
  for (std::size_t c = 0; c < 4; ++c) {
    std::int64_t sum = 0;
    for (const auto& row : grid) sum += row[c];
    table.cells.push_back({"column total", sum});
    table.groups.push_back({"column",
                            GroupKind::kSum,
                            table.cells.size() - 1,
                            {cell(0, c), cell(1, c), cell(2, c), cell(3, c)}});
  }
  Flags flags(table.cells.size(), CellFlag::kShown);
  for (std::size_t c : {cell(0, 0), cell(0, 1), cell(1, 0), cell(1, 1), cell(2, 2), cell(2, 3),
                        cell(3, 2), cell(3, 3), cell(0, 2)}) {
    flags[c] = CellFlag::kSecondary;
  }
  EXPECT_EQ(Attacker(table, flags, 10).Recovered(), std::vector<std::size_t>{cell(0, 2)});
  auto basis = disclosure_internal::FreeDirections(table, flags);
  ASSERT_TRUE(basis.has_value());
  auto knowledge = disclosure_internal::ReaderKnowledge(table, flags, 10);
  EXPECT_FALSE(disclosure_internal::CanVary(table, knowledge, *basis, cell(0, 2)));
  EXPECT_TRUE(disclosure_internal::CanVary(table, knowledge, *basis, cell(0, 0)));
}

TEST(DisclosureTest, CellsForcedByNonNegativityOrTheRuleAreFound) {
  // Two suppressed cells whose sum is known to be 0 must both be 0.
  DisclosureTable zeros = Row({0, 0, 25, 25});
  Flags flags = {CellFlag::kSecondary, CellFlag::kSecondary, CellFlag::kShown, CellFlag::kShown};
  auto basis = disclosure_internal::FreeDirections(zeros, flags);
  ASSERT_TRUE(basis.has_value());
  EXPECT_FALSE(disclosure_internal::CanVary(
      zeros, disclosure_internal::ReaderKnowledge(zeros, flags, 10), *basis, 0));
  EXPECT_EQ(Attacker(zeros, flags, 10).Recovered().size(), 2u);
  // Two primary cells adding up to 2, each at least 1, are both 1.
  DisclosureTable ones = Row({1, 1, 25, 27});
  flags = {CellFlag::kPrimary, CellFlag::kPrimary, CellFlag::kShown, CellFlag::kShown};
  basis = disclosure_internal::FreeDirections(ones, flags);
  ASSERT_TRUE(basis.has_value());
  EXPECT_FALSE(disclosure_internal::CanVary(
      ones, disclosure_internal::ReaderKnowledge(ones, flags, 10), *basis, 0));
  // ProtectTable adds a third cell to the pair.
  Flags protected_flags = Protect(ones);
  EXPECT_EQ(protected_flags[2], CellFlag::kSecondary);
  EXPECT_TRUE(Attacker(ones, protected_flags, 10).Recovered().empty());
}

TEST(DisclosureTest, SameInputSameFlags) {
  SurveyTables tables =
      Build(ParkQuestion({BandRow("Year 7", {3, 12, 15}), BandRow("Year 8", {25, 5, 1}),
                          BandRow("Not stated", {2, 16, 11})}));
  Flags first = Protect(tables.table);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Protect(tables.table), first);
}

// ---- The attack on random linked tables ----

// A random question answered by `respondents` pupils, with two "about you" variables.
SurveyQuestion RandomQuestion(std::mt19937& rng, bool multiple_choice) {
  std::uniform_int_distribution<int> option_count(2, 3);
  std::uniform_int_distribution<int> respondents(0, 28);
  SurveyQuestion question{"random", {}, multiple_choice, {}, 0, {}};
  const int options = option_count(rng);
  for (int o = 0; o < options; ++o) question.options.push_back(fmt::format("option {}", o));
  const std::vector<std::vector<std::string>> bands = {{"Year 7", "Year 8", "Not stated"},
                                                       {"Girl", "Boy", "Not stated"}};
  for (std::size_t b = 0; b < bands.size(); ++b) {
    SurveyBand band{fmt::format("band {}", b), {}};
    for (const std::string& label : bands[b]) band.rows.push_back({label, {}, 0});
    for (auto& row : band.rows) row.counts.assign(options, 0);
    question.bands.push_back(std::move(band));
  }
  question.counts.assign(options, 0);
  const int n = respondents(rng);
  for (int i = 0; i < n; ++i) {
    std::vector<bool> ticks(options, false);
    if (multiple_choice) {
      for (int o = 0; o < options; ++o) ticks[o] = rng() % 2 == 0;
    } else {
      ticks[rng() % options] = true;
    }
    ++question.respondents;
    for (int o = 0; o < options; ++o) question.counts[o] += ticks[o];
    for (SurveyBand& band : question.bands) {
      // "Not stated" is rarer than the others.
      SurveyBandRow& row = band.rows[rng() % 5 == 0 ? 2 : rng() % 2];
      ++row.respondents;
      for (int o = 0; o < options; ++o) row.counts[o] += ticks[o];
    }
  }
  return question;
}

// The answers to "Are you in care?" (in care, been in care, neither, not said) of 378
// respondents by age, school phase, gender, 21 wards and "not stated", and SEND: the table of
// a wave of the demo survey answered across every ward.
const std::vector<std::pair<std::string, std::vector<std::vector<std::int64_t>>>> kCareBands = {
    {"age",
     {{0, 2, 42, 2}, {2, 2, 119, 8}, {3, 2, 115, 11}, {1, 1, 38, 0}, {0, 0, 15, 2}, {0, 0, 13, 0}}},
    {"school-phase",
     {{0, 2, 51, 2}, {4, 4, 219, 17}, {2, 1, 26, 2}, {0, 0, 18, 1}, {0, 0, 28, 1}}},
    {"gender",
     {{2, 2, 185, 12}, {2, 3, 130, 8}, {1, 1, 11, 0}, {1, 1, 16, 3}}},
    {"ward",
     {{0, 0, 20, 2}, {2, 1, 15, 1}, {0, 1, 15, 1}, {0, 0, 14, 0}, {0, 0, 7, 0}, {0, 0, 12, 0},
      {1, 0, 14, 1}, {1, 0, 21, 1}, {0, 0, 17, 1}, {1, 1, 17, 1}, {0, 0, 18, 2}, {0, 0, 12, 1},
      {0, 1, 12, 1}, {0, 0, 17, 1}, {0, 0, 19, 2}, {1, 0, 14, 0}, {0, 0, 14, 0}, {0, 0, 12, 3},
      {0, 1, 16, 1}, {0, 1, 14, 1}, {0, 0, 15, 0}, {0, 1, 27, 3}}},
    {"send",
     {{0, 1, 45, 6}, {4, 3, 235, 16}, {1, 2, 31, 0}, {1, 1, 31, 1}}},
};

SurveyQuestion CareByWard() {
  SurveyQuestion question{"Are you in care?", {"In care", "Been in care", "Neither", "Not said"}};
  question.counts.assign(4, 0);
  for (const auto& [name, rows] : kCareBands) {
    SurveyBand band{name, {}};
    for (std::size_t r = 0; r < rows.size(); ++r) {
      band.rows.push_back(BandRow(fmt::format("{} {}", name, r), rows[r]));
    }
    question.bands.push_back(std::move(band));
  }
  for (const SurveyBandRow& row : question.bands.front().rows) {
    for (std::size_t o = 0; o < 4; ++o) question.counts[o] += row.counts[o];
    question.respondents += row.respondents;
  }
  return question;
}

TEST(DisclosureTest, AQuestionByManyWardsKeepsItsOverallFigures) {
  const SurveyQuestion question = CareByWard();
  const SurveyTables tables = Build(question);
  auto result = ProtectTable(tables.table, {10});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  const Flags& flags = result->flags;
  // The small overall counts (6 in care, 7 been in care) are suppressed; the large ones (342
  // neither, 23 not said, 378 respondents) are shown: hiding them would say nothing for no gain.
  ASSERT_EQ(question.counts, (std::vector<std::int64_t>{6, 7, 342, 23}));
  EXPECT_EQ(flags[tables.layout.overall_counts[0]], CellFlag::kPrimary);
  EXPECT_EQ(flags[tables.layout.overall_counts[1]], CellFlag::kPrimary);
  EXPECT_EQ(flags[tables.layout.overall_counts[2]], CellFlag::kShown);
  EXPECT_EQ(flags[tables.layout.overall_counts[3]], CellFlag::kShown);
  EXPECT_EQ(flags[tables.layout.overall_respondents], CellFlag::kShown);
  // No sum group has a lone suppressed cell, which its total or the rest would give away.
  for (const CellGroup& group : tables.table.groups) {
    std::vector<std::size_t> members = group.parts;
    members.push_back(group.total);
    EXPECT_NE(SuppressedAmong(flags, members), 1U) << group.label;
  }
}

TEST(DisclosureAttackTest, NoSuppressedCellOfRandomLinkedTablesCanBeRecovered) {
  std::size_t suppressed = 0;
  std::size_t recovered_without_secondary = 0;
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    std::mt19937 rng(seed);
    const bool multiple_choice = seed % 3 == 0;
    const std::int64_t threshold = seed % 4 == 0 ? 2 : (seed % 2 == 0 ? 3 : 5);
    SurveyTables tables = Build(RandomQuestion(rng, multiple_choice));
    auto result = ProtectTable(tables.table, {threshold});
    ASSERT_TRUE(result.has_value()) << "seed " << seed << ": " << result.error().message;
    const Flags& flags = result->flags;
    for (std::size_t c = 0; c < flags.size(); ++c) {
      const std::int64_t count = tables.table.cells[c].count;
      if (count >= 1 && count < threshold) {
        ASSERT_EQ(flags[c], CellFlag::kPrimary) << "seed " << seed << " cell " << c;
      }
    }
    suppressed += flags.size() - result->Count(CellFlag::kShown);
    recovered_without_secondary +=
        Attacker(tables.table, PrimaryOnly(tables.table, threshold), threshold).Recovered().size();
    std::vector<std::size_t> recovered = Attacker(tables.table, flags, threshold).Recovered();
    EXPECT_TRUE(recovered.empty())
        << "seed " << seed << ": cell " << tables.table.cells[recovered.front()].label;
  }
  // The tables are small enough that suppression happens often and that, without secondary
  // suppression, the attacker would succeed.
  EXPECT_GT(suppressed, 800u);
  EXPECT_GT(recovered_without_secondary, 50u);
}

}  // namespace
}  // namespace waymark::stats
