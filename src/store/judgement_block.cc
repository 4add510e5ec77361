// Packed judgements: encoding and decoding of a series' BLOB (judgement_block.h).
#include "store/judgement_block.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "stats/count_estimate.h"
#include "store/block_codec.h"

namespace waymark::store {
namespace {

using codec::Reader;

// Format 1 kept every text in the block's dictionary; format 2 writes the known texts
// (kKnownTexts) as their fixed codes and keeps only the others (target rules) in the block;
// format 3 adds the method, and omits the numbers it gives back from counts.
constexpr char kTextsFormat = 1;
constexpr char kCodesFormat = 2;
constexpr char kDerivedFormat = 3;
// The flags byte of an entry: suppressed; value and limits derived from the counts (format 3).
constexpr std::uint8_t kSuppressedFlag = 1, kDerivedFlag = 2;
// The value and the four limits lead NumbersOf.
constexpr std::size_t kDerivable = 5;
constexpr std::size_t kNumbers = 8;
constexpr std::size_t kTexts = 11;
constexpr std::size_t kRanks = 4;

std::array<double, kNumbers> NumbersOf(const Assessment& a) {
  return {a.value, a.lower95, a.upper95, a.lower998, a.upper998, a.count, a.denominator, a.target};
}

std::array<double*, kNumbers> NumbersOf(Assessment& a) {
  return {&a.value,    &a.lower95, &a.upper95,     &a.lower998,
          &a.upper998, &a.count,   &a.denominator, &a.target};
}

std::array<std::string_view, kTexts> TextsOf(const Assessment& a) {
  return {Words(a.value_source),
          Words(a.vs_england),
          Words(a.vs_england_998),
          Words(a.vs_england_2level),
          Words(a.vs_region),
          Words(a.vs_region_998),
          Words(a.vs_region_2level),
          Words(a.recent_trend),
          Words(a.rag),
          a.rag_rule,
          ComparisonBasisCode(a.basis)};
}

// A block's text with what it says as each kind of label, read once per text rather than
// once per judgement; nullopt where its words are no label of that kind.
struct Meaning {
  std::string_view text;
  std::optional<ValueSource> source;
  std::optional<Comparison> comparison;
  std::optional<RecentTrend> trend;
  std::optional<Rag> rag;
  std::optional<ComparisonBasis> basis;
};

Meaning MeaningOf(std::string_view text) {
  return {
      text,           ParseValueSource(text),        ParseComparison(text), ParseRecentTrend(text),
      ParseRag(text), ParseComparisonBasisCode(text)};
}

const std::vector<Meaning>& KnownMeanings() {
  static const std::vector<Meaning> meanings = [] {
    std::vector<Meaning> out;
    for (const std::string_view text : KnownJudgementTexts()) out.push_back(MeaningOf(text));
    return out;
  }();
  return meanings;
}

// The texts of one block: from format 2 the known texts first (shared, not copied), then the
// block's own.
struct BlockTexts {
  std::span<const Meaning> known;
  std::vector<Meaning> own;

  const Meaning* At(std::uint64_t index) const {
    if (index < known.size()) return &known[index];
    index -= known.size();
    return index < own.size() ? &own[index] : nullptr;
  }
};

std::array<int, kRanks> RanksOf(const Assessment& a) {
  return {a.quintile, a.rank_london, a.rank_neighbours, a.neighbours_ranked};
}

std::array<int*, kRanks> RanksOf(Assessment& a) {
  return {&a.quintile, &a.rank_london, &a.rank_neighbours, &a.neighbours_ranked};
}

// Where `text` is in kKnownTexts, or its size when it is not there.
std::size_t KnownCode(std::string_view text) {
  const auto known = KnownJudgementTexts();
  return static_cast<std::size_t>(std::find(known.begin(), known.end(), text) - known.begin());
}

// The block's texts: a known one as its code, any other once in the block, numbered after
// the known ones in order of first use.
class Dictionary {
 public:
  std::uint64_t IndexOf(std::string_view text) {
    const std::size_t known = KnownCode(text);
    if (known < KnownJudgementTexts().size()) return known;
    const auto it = std::find(texts_.begin(), texts_.end(), text);
    const auto at = static_cast<std::uint64_t>(it - texts_.begin());
    if (it == texts_.end()) texts_.push_back(text);
    return KnownJudgementTexts().size() + at;
  }
  const std::vector<std::string_view>& texts() const { return texts_; }

 private:
  std::vector<std::string_view> texts_;
};

// Counts a block may derive numbers from: whole, and below 2^53 (as a count of events and a
// population are), so that the exact limits' gamma quantiles see only whole shapes.
bool WholeCounts(const Assessment& a) {
  return std::trunc(a.count) == a.count && std::trunc(a.denominator) == a.denominator &&
         std::fabs(a.count) < codec::kWholeLimit && std::fabs(a.denominator) < codec::kWholeLimit;
}

// Whether `method` gives back `a`'s value and limits, bit for bit, from its whole counts.
bool Derivable(const Assessment& a, const JudgementMethod& method) {
  if (!WholeCounts(a)) return false;
  const auto e =
      stats::EstimateFromCounts(method.method, method.multiplier, a.count, a.denominator);
  using codec::SameBits;
  return e && SameBits(e->value, a.value) && SameBits(e->lower95, a.lower95) &&
         SameBits(e->upper95, a.upper95) && SameBits(e->lower998, a.lower998) &&
         SameBits(e->upper998, a.upper998);
}

void AppendEntry(const Assessment& a, const JudgementMethod& method, Dictionary& dictionary,
                 std::string& out) {
  // Period (at most 21 bytes), tags (2), numbers (at most 8 × 10), text indices and ranks (at
  // most 15 × 10) and the flags byte.
  char buf[256];
  char* p = codec::PutPeriod(a.period, buf);
  char* tags_at = p;
  p += 2;
  unsigned tags = 0;
  const bool derived = Derivable(a, method);
  const auto numbers = NumbersOf(a);
  for (std::size_t i = derived ? kDerivable : 0; i < kNumbers; ++i) {
    tags |= unsigned{codec::PutNumber(numbers[i], p)} << (2 * i);
  }
  tags_at[0] = static_cast<char>(tags & 0xff);
  tags_at[1] = static_cast<char>(tags >> 8);
  for (const std::string_view text : TextsOf(a)) p = codec::PutVarint(dictionary.IndexOf(text), p);
  for (const int rank : RanksOf(a)) p = codec::PutVarint(codec::ZigZag(rank), p);
  *p++ = static_cast<char>((a.suppressed ? kSuppressedFlag : 0) | (derived ? kDerivedFlag : 0));
  out.append(buf, p);
}

// Computes `a`'s value and limits again from its counts; false when `method` cannot or the
// counts are not whole.
bool Derive(const JudgementMethod& method, Assessment& a) {
  if (!WholeCounts(a)) return false;
  const auto e =
      stats::EstimateFromCounts(method.method, method.multiplier, a.count, a.denominator);
  if (!e) return false;
  a.value = e->value;
  a.lower95 = e->lower95;
  a.upper95 = e->upper95;
  a.lower998 = e->lower998;
  a.upper998 = e->upper998;
  return true;
}

// Reads an entry of a block whose format allows `flags` (kDerivedFlag from format 3).
bool ReadEntry(Reader& in, const BlockTexts& texts, const JudgementMethod& method,
               std::uint8_t flags, Assessment& a) {
  a.period = in.ReadPeriod();
  const std::uint8_t low = in.Byte();
  const std::uint8_t high = in.Byte();
  const auto tags = static_cast<std::uint16_t>(low | (high << 8));
  const auto numbers = NumbersOf(a);
  for (std::size_t i = 0; i < kNumbers; ++i) {
    *numbers[i] = in.Number(static_cast<std::uint8_t>((tags >> (2 * i)) & 3));
  }
  std::array<const Meaning*, kTexts> read{};
  for (const Meaning*& text : read) {
    const std::uint64_t index = in.Varint();
    text = texts.At(index);
    if (text == nullptr) return false;
  }
  // Each label must be one of its kind: other words are damage.
  const auto comparisons = ComparisonsOf(a);  // texts 1 to 6
  for (std::size_t i = 0; i < comparisons.size(); ++i) {
    if (!read[1 + i]->comparison) return false;
    *comparisons[i] = *read[1 + i]->comparison;
  }
  if (!read[0]->source || !read[7]->trend || !read[8]->rag) return false;
  a.value_source = *read[0]->source;
  a.recent_trend = *read[7]->trend;
  a.rag = *read[8]->rag;
  a.rag_rule = read[9]->text;
  a.basis = read[10]->basis.value_or(ComparisonBasis::kUnknown);
  for (int* rank : RanksOf(a)) {
    const std::int64_t v = codec::UnZigZag(in.Varint());
    if (v < -1000000000 || v > 1000000000) return false;
    *rank = static_cast<int>(v);
  }
  const std::uint8_t read_flags = in.Byte();
  if ((read_flags & ~flags) != 0 || in.failed()) return false;
  a.suppressed = (read_flags & kSuppressedFlag) != 0;
  if ((read_flags & kDerivedFlag) == 0) return true;
  // Derived: the numbers were not written, and the counts must give them.
  return (tags & ((1u << (2 * kDerivable)) - 1)) == 0 && Derive(method, a);
}

}  // namespace

std::span<const std::string_view> KnownJudgementTexts() {
  // Append only: a stored block holds these positions.
  static constexpr std::string_view kKnownTexts[] = {
      "",
      // value sources and RAG ratings
      "computed", "supplied", "missing", "red", "amber", "green",
      // comparisons (stats::SignificanceLabel)
      "Not compared", "Similar", "Better", "Worse", "Higher", "Lower", "Better (95%)",
      "Worse (95%)", "Higher (95%)", "Lower (95%)", "Better (99.8%)", "Worse (99.8%)",
      "Higher (99.8%)", "Lower (99.8%)",
      // recent trends (stats::TrendLabel)
      "Cannot be calculated", "No significant change", "Increasing and getting better",
      "Increasing and getting worse", "Increasing", "Decreasing and getting worse",
      "Decreasing and getting better", "Decreasing",
      // fifths among councils (stats::QuintileLabel)
      "Best fifth", "Second-best fifth", "Middle fifth", "Second-worst fifth", "Worst fifth",
      "Lowest fifth", "Second-lowest fifth", "Second-highest fifth", "Highest fifth",
      // comparison bases (ComparisonBasisCode)
      "wilson-95", "byar-95", "source-interval", "quintile", "england", "no-value", "suppressed",
      "no-england-figure", "local", "london-only", "few-councils", "not-council"};
  return kKnownTexts;
}

void EncodeJudgements(std::span<const Assessment* const> rows, const JudgementMethod& method,
                      std::string& out) {
  Dictionary dictionary;
  std::string entries;
  for (const Assessment* a : rows) AppendEntry(*a, method, dictionary, entries);
  out.clear();
  out.push_back(kDerivedFormat);
  // The method's byte, the multiplier's tag and the multiplier.
  char buf[16];
  char* p = buf + 2;
  buf[0] = static_cast<char>(method.method);
  buf[1] = static_cast<char>(codec::PutNumber(method.multiplier, p));
  out.append(buf, p);
  out.append(buf, codec::PutVarint(dictionary.texts().size(), buf));
  for (const std::string_view text : dictionary.texts()) codec::AppendText(text, out);
  out.append(buf, codec::PutVarint(rows.size(), buf));
  out += entries;
}

Status DecodeJudgements(std::string_view block, const JudgementSeries& series,
                        std::vector<Assessment>& out) {
  const char format = block.empty() ? char{0} : block[0];
  if (format != kTextsFormat && format != kCodesFormat && format != kDerivedFormat) {
    return MakeError(ErrorCode::kInternal, "stored judgements are in an unknown format");
  }
  const auto damaged = [&out](std::size_t before) {
    out.resize(before);
    return MakeError(ErrorCode::kInternal, "stored judgements are damaged");
  };
  const std::size_t before = out.size();
  Reader in(block.substr(1));
  JudgementMethod method;
  std::uint8_t flags = kSuppressedFlag;
  if (format == kDerivedFormat) {
    const std::uint8_t code = in.Byte();
    if (code > static_cast<std::uint8_t>(CiMethod::kSupplied)) return damaged(before);
    method.method = static_cast<CiMethod>(code);
    method.multiplier = in.Number(in.Byte());
    flags |= kDerivedFlag;
  }
  const std::uint64_t count = in.Varint();
  if (count > block.size()) return damaged(before);
  // Each text read once for what it says. From format 2 the indices count the known texts
  // first.
  BlockTexts texts;
  if (format != kTextsFormat) texts.known = KnownMeanings();
  texts.own.reserve(count);
  for (std::uint64_t i = 0; i < count && !in.failed(); ++i) {
    texts.own.push_back(MeaningOf(in.Text()));
  }
  const std::uint64_t rows = in.Varint();
  if (in.failed() || rows > block.size()) return damaged(before);
  for (std::uint64_t i = 0; i < rows; ++i) {
    Assessment& a = out.emplace_back();
    a.indicator = series.indicator;
    a.area = series.area;
    a.breakdown = series.breakdown;
    if (!ReadEntry(in, texts, method, flags, a)) return damaged(before);
  }
  if (!in.done()) return damaged(before);
  return {};
}

}  // namespace waymark::store
