// Packed figures: the observations of one series kept as one BLOB (schema version 7), so that
// an import writes one row per series instead of one per figure. A block is a format byte and
// the figures in period order; each figure is its period, a tag per number saying whether it is
// missing, a whole number (varint), a short decimal (a varint of its digits and places) or a
// double (8 bytes), the texts that are not empty, and the import and file row it came from.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicator.h"
#include "core/result.h"

namespace waymark::store {

inline constexpr std::size_t kFigureNumbers = 7;

// One stored figure. Its texts are views into the observation or buffer it was made from.
struct Figure {
  Period period;
  long long key = 0;  // period.SortKey(): one figure per key in a series
  // value, lower95, upper95, lower998, upper998, count, denominator; NaN when missing
  std::array<double, kFigureNumbers> numbers{};
  std::string_view missing_reason, note, published_trend, published_vs_england,
      published_vs_region;
  std::int64_t import_id = 0;
  std::int64_t source_row = 0;

  // The same numbers (missing matching missing) and missing reason: what decides whether a
  // figure sent again revises the stored one.
  bool SameFigures(const Figure& other) const;
};

// The figure of `o`, brought by import `import_id`; its texts view `o`'s.
Figure FigureOf(const Observation& o, std::int64_t import_id);

// Fills the period, numbers, texts and source row of `o` from `f`.
void ToObservation(const Figure& f, Observation& o);

// Appends `f` in the entry encoding (no format byte) to `out`.
void AppendFigure(const Figure& f, std::string& out);

// Appends the figures of a run of entries (as AppendFigure writes them) to `out`; kInternal
// when the bytes are damaged.
Status DecodeEntries(std::string_view entries, std::vector<Figure>& out);

// Appends the format byte that starts a block to `out`.
void StartBlock(std::string& out);

// Replaces `out` with a whole block: the format byte, then the entries of `figures`.
void EncodeBlock(const std::vector<Figure>& figures, std::string& out);
// Appends the figures of a block to `out`; kInternal for an unknown format or damaged bytes.
Status DecodeBlock(std::string_view block, std::vector<Figure>& out);

}  // namespace waymark::store
