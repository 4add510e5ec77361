// Packed figures: encoding and decoding of the entries of a series' BLOB (figure_block.h).
#include "store/figure_block.h"

#include "store/block_codec.h"

#include <cmath>
#include <cstring>

namespace waymark::store {
namespace {

using codec::Reader;

constexpr char kBlockFormat = 1;

std::array<std::string_view*, 5> Texts(Figure& f) {
  return {&f.missing_reason, &f.note, &f.published_trend, &f.published_vs_england,
          &f.published_vs_region};
}

bool ReadEntry(Reader& in, Figure& f) {
  f.period = in.ReadPeriod();
  if (in.failed()) return false;
  f.key = f.period.SortKey();
  const std::uint8_t low = in.Byte();
  const std::uint8_t high = in.Byte();
  const auto tags = static_cast<std::uint16_t>(low | (high << 8));
  for (std::size_t i = 0; i < kFigureNumbers; ++i) {
    f.numbers[i] = in.Number(static_cast<std::uint8_t>((tags >> (2 * i)) & 3));
  }
  const std::uint8_t present = in.Byte();
  const auto texts = Texts(f);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    *texts[i] = (present >> i) & 1 ? in.Text() : std::string_view();
  }
  f.import_id = static_cast<std::int64_t>(in.Varint());
  f.source_row = static_cast<std::int64_t>(in.Varint());
  return !in.failed();
}

}  // namespace

bool Figure::SameFigures(const Figure& other) const {
  for (std::size_t i = 0; i < kFigureNumbers; ++i) {
    const double a = numbers[i], b = other.numbers[i];
    if (!((std::isnan(a) && std::isnan(b)) || a == b)) return false;
  }
  return missing_reason == other.missing_reason;
}

Figure FigureOf(const Observation& o, std::int64_t import_id) {
  Figure f;
  f.period = o.period;
  f.key = o.period.SortKey();
  f.numbers = {o.value, o.lower95, o.upper95, o.lower998, o.upper998, o.count, o.denominator};
  f.missing_reason = o.missing_reason;
  f.note = o.note;
  f.published_trend = o.published_trend;
  f.published_vs_england = o.published_vs_england;
  f.published_vs_region = o.published_vs_region;
  f.import_id = import_id;
  f.source_row = o.source_row;
  return f;
}

void ToObservation(const Figure& f, Observation& o) {
  o.period = f.period;
  o.value = f.numbers[0];
  o.lower95 = f.numbers[1];
  o.upper95 = f.numbers[2];
  o.lower998 = f.numbers[3];
  o.upper998 = f.numbers[4];
  o.count = f.numbers[5];
  o.denominator = f.numbers[6];
  o.missing_reason = f.missing_reason;
  o.note = f.note;
  o.published_trend = f.published_trend;
  o.published_vs_england = f.published_vs_england;
  o.published_vs_region = f.published_vs_region;
  o.source_row = static_cast<int>(f.source_row);
}

void AppendFigure(const Figure& f, std::string& out) {
  // The fixed part is assembled on the stack and appended at once: period (at most 1 + 10 +
  // 10 bytes), tags (2), numbers (at most 7 × 10) and the text mask (1).
  char buf[96];
  char* p = codec::PutPeriod(f.period, buf);
  char* tags_at = p;
  p += 2;
  unsigned tags = 0;
  for (std::size_t i = 0; i < kFigureNumbers; ++i) {
    tags |= unsigned{codec::PutNumber(f.numbers[i], p)} << (2 * i);
  }
  tags_at[0] = static_cast<char>(tags & 0xff);
  tags_at[1] = static_cast<char>(tags >> 8);
  const std::array<std::string_view, 5> texts = {f.missing_reason, f.note, f.published_trend,
                                                 f.published_vs_england, f.published_vs_region};
  unsigned present = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (!texts[i].empty()) present |= 1u << i;
  }
  *p++ = static_cast<char>(present);
  out.append(buf, p);
  for (const auto text : texts) {
    if (!text.empty()) codec::AppendText(text, out);
  }
  p = codec::PutVarint(static_cast<std::uint64_t>(f.import_id), buf);
  p = codec::PutVarint(static_cast<std::uint64_t>(f.source_row), p);
  out.append(buf, p);
}

Status DecodeEntries(std::string_view entries, std::vector<Figure>& out) {
  Reader in(entries);
  while (!in.done()) {
    Figure f;
    if (!ReadEntry(in, f)) {
      return MakeError(ErrorCode::kInternal, "stored figures are damaged");
    }
    out.push_back(f);
  }
  return {};
}

void StartBlock(std::string& out) { out.push_back(kBlockFormat); }

void EncodeBlock(const std::vector<Figure>& figures, std::string& out) {
  out.clear();
  StartBlock(out);
  for (const Figure& f : figures) AppendFigure(f, out);
}

Status DecodeBlock(std::string_view block, std::vector<Figure>& out) {
  if (block.empty() || block[0] != kBlockFormat) {
    return MakeError(ErrorCode::kInternal, "stored figures are in an unknown format");
  }
  return DecodeEntries(block.substr(1), out);
}

}  // namespace waymark::store
