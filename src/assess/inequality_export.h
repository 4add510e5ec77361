// Inequality gaps and slope indices as rows for the API and the export: the one conversion of a
// row to CSV and to JSON, and the one way a selection (indicator, area, breakdown) is checked,
// read from the store and computed. A suppressed gap has every number blank (CSV) or null
// (JSON), so that no small number leaves the program.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <tl/expected.hpp>

#include "assess/inequalities.h"
#include "assess/stored_inequalities.h"
#include "store/store.h"

namespace waymark::assess {

// The columns of a gap row, in order (the CSV header, and the fields of its JSON object). Those
// of kGapKey are its key: no two rows of one export share them.
inline constexpr std::array<std::string_view, 26> kGapColumns = {"indicator",
                                                                 "dimension",
                                                                 "dimension_kind",
                                                                 "area_code",
                                                                 "period",
                                                                 "sex",
                                                                 "age",
                                                                 "category_type",
                                                                 "category",
                                                                 "group",
                                                                 "comparison",
                                                                 "group_value",
                                                                 "comparison_value",
                                                                 "gap",
                                                                 "gap_lower_95",
                                                                 "gap_upper_95",
                                                                 "gap_lower_99_8",
                                                                 "gap_upper_99_8",
                                                                 "gap_method",
                                                                 "ratio",
                                                                 "ratio_lower_95",
                                                                 "ratio_upper_95",
                                                                 "ratio_method",
                                                                 "trend",
                                                                 "suppressed",
                                                                 "note"};
inline constexpr std::array<std::string_view, 8> kGapKey = {
    "indicator", "dimension", "area_code", "period", "sex", "age", "category_type", "category"};

// The columns of a slope row, in order; the first seven are its key (kSlopeKey).
inline constexpr std::array<std::string_view, 16> kSlopeColumns = {
    "indicator",     "dimension",    "area_code",    "period",       "sex",          "age",
    "category_type", "groups",       "sii",          "sii_lower_95", "sii_upper_95", "intercept",
    "rii",           "rii_lower_95", "rii_upper_95", "note"};
inline constexpr std::array<std::string_view, 7> kSlopeKey = {
    "indicator", "dimension", "area_code", "period", "sex", "age", "category_type"};

// One CSV line per row after the header; numbers as the judgements export writes them (the
// shortest text that reads back to the same double), missing ones blank.
std::string GapsCsv(std::span<const GapRow> rows);
std::string SlopesCsv(std::span<const SlopeRow> rows);

// {"data": [row, ...]}, each row an object with the columns above; missing numbers are null.
nlohmann::json GapsJson(std::span<const GapRow> rows);
nlohmann::json SlopesJson(std::span<const SlopeRow> rows);

// Which inequalities to export; "" for every indicator with breakdowns, every area, every
// breakdown.
struct InequalitySelection {
  std::string indicator;
  std::string area;
  std::string dimension;  // a breakdown's label
};

// Why a selection cannot be served: the parameter at fault ("indicator", "area", "dimension";
// "" when the store failed) and the error (kNotFound for an unknown indicator, kInvalidArgument
// for an unknown area or breakdown label).
struct SelectionProblem {
  std::string parameter;
  Error error;
};

// The figures behind a selection, read from the store: the indicator named (which may have no
// breakdowns, and so no rows), or every indicator with breakdowns, in catalogue order; with a
// dimension, only the indicators that have a breakdown of that label.
tl::expected<std::vector<InequalityInputs>, SelectionProblem> LoadSelectedInequalities(
    store::Store& store, const InequalitySelection& selection);

// The gaps and (when `slopes`) slope indices of loaded figures, indicator by indicator; within
// one, breakdown by breakdown as the catalogue declares them, then by area, period and the
// rest of the key. Pure: run it outside the store's lock.
Inequalities ComputeSelectedInequalities(std::span<const InequalityInputs> inputs,
                                         const InequalitySelection& selection, bool slopes);

}  // namespace waymark::assess
