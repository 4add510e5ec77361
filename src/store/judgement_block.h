// Packed judgements: the assessments of one series (an indicator for one area and breakdown)
// kept as one BLOB (schema version 26), as the figures are (figure_block.h), so that judging
// writes one row per series and a page reads only the series it shows. A block is a format
// byte, the block's texts (its judgement labels, target rules and comparison bases, each once),
// the number of judgements and the judgements in period order: each its period, a tag per number,
// the numbers, its texts as indices into the block's, its ranks and whether it is suppressed.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/assessment.h"
#include "core/result.h"

namespace waymark::store {

// What the rows of a block share, kept in the block's row rather than in its bytes.
struct JudgementSeries {
  std::string indicator;
  std::string area;
  Breakdown breakdown;
};

// Replaces `out` with the block of `rows`: one series' judgements, in period order.
void EncodeJudgements(std::span<const Assessment* const> rows, std::string& out);

// Appends the judgements of `block` to `out`, each of `series`; kInternal for an unknown
// format or damaged bytes (and `out` as it was).
Status DecodeJudgements(std::string_view block, const JudgementSeries& series,
                        std::vector<Assessment>& out);

}  // namespace waymark::store
