// Packed judgements: the assessments of one series (an indicator for one area and breakdown)
// kept as one BLOB (schema version 26), as the figures are (figure_block.h), so that judging
// writes one row per series and a page reads only the series it shows. A block is a format
// byte, the block's own texts (each once), the number of judgements and the judgements in
// period order: each its period, a tag per number, the numbers, its texts as indices, its ranks
// and whether it is suppressed. Format 2 numbers the known texts (labels, value sources, RAG
// ratings, comparison bases: KnownJudgementTexts) first, so a block keeps only its target
// rules; format 1, still read, kept every text in the block. Format 3 also names the
// indicator's method and multiplier, and a judgement whose value and four limits are exactly
// what that method gives from its count and denominator (stats::EstimateFromCounts) keeps only
// a flag for them: they are computed again when the block is read.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/assessment.h"
#include "core/indicator.h"
#include "core/result.h"

namespace waymark::store {

// What the rows of a block share, kept in the block's row rather than in its bytes.
struct JudgementSeries {
  std::string indicator;
  std::string area;
  Breakdown breakdown;
};

// The texts a judgement can carry that a block writes as fixed codes (its labels, value
// sources, RAG ratings and comparison bases); any other text is kept in the block itself.
std::span<const std::string_view> KnownJudgementTexts();

// How the judgements of an indicator compute their value and limits from counts; kSupplied
// when they do not.
struct JudgementMethod {
  CiMethod method = CiMethod::kSupplied;
  double multiplier = 0;
};

// Replaces `out` with the block of `rows`: one series' judgements, in period order, of an
// indicator with `method`.
void EncodeJudgements(std::span<const Assessment* const> rows, const JudgementMethod& method,
                      std::string& out);

// Appends the judgements of `block` to `out`, each of `series`; kInternal for an unknown
// format or damaged bytes (and `out` as it was).
Status DecodeJudgements(std::string_view block, const JudgementSeries& series,
                        std::vector<Assessment>& out);

}  // namespace waymark::store
