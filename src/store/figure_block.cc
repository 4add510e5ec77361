// Packed figures: encoding and decoding of the entries of a series' BLOB (figure_block.h).
#include "store/figure_block.h"

#include <cmath>
#include <cstring>

namespace waymark::store {
namespace {

constexpr char kBlockFormat = 1;
constexpr std::uint8_t kMissing = 0, kDouble = 1, kWhole = 2;  // two-bit number tags
constexpr double kWholeLimit = 9007199254740992.0;                // 2^53

std::uint64_t ZigZag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t UnZigZag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// Writes `v` as a varint at `p`; returns the end (at most 10 bytes).
char* PutVarint(std::uint64_t v, char* p) {
  while (v >= 0x80) {
    *p++ = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

bool IsWhole(double v) {
  return std::trunc(v) == v && std::fabs(v) < kWholeLimit && !(v == 0 && std::signbit(v));
}

// Reads entries with bounds checks; any overrun marks the reader failed.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  bool done() const { return p_ == end_; }
  bool failed() const { return failed_; }

  std::uint8_t Byte() {
    if (p_ == end_) return Fail(), 0;
    return static_cast<std::uint8_t>(*p_++);
  }
  std::uint64_t Varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const std::uint8_t b = Byte();
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return Fail(), 0;
  }
  double Double() {
    if (end_ - p_ < 8) return Fail(), 0.0;
    double v = 0;
    std::memcpy(&v, p_, sizeof v);
    p_ += 8;
    return v;
  }
  std::string_view Text() {
    const std::uint64_t n = Varint();
    if (failed_ || n > static_cast<std::uint64_t>(end_ - p_)) return Fail(), std::string_view();
    const std::string_view text(p_, n);
    p_ += n;
    return text;
  }

 private:
  void Fail() {
    failed_ = true;
    p_ = end_;
  }
  const char* p_;
  const char* end_;
  bool failed_ = false;
};

std::array<std::string_view*, 5> Texts(Figure& f) {
  return {&f.missing_reason, &f.note, &f.published_trend, &f.published_vs_england,
          &f.published_vs_region};
}

bool ReadEntry(Reader& in, Figure& f) {
  const std::uint8_t head = in.Byte();
  const auto kind = static_cast<int>(head & 3);
  f.period.kind = static_cast<PeriodKind>(kind);
  f.period.split_quarter = (head & 4) != 0;
  f.period.sub = (head >> 3) & 15;
  const std::int64_t start_year = UnZigZag(in.Varint());
  const std::uint64_t years = in.Varint();
  if (f.period.sub > 12 || years < 1 || years > 100 || start_year < -100000 ||
      start_year > 100000 || (head & 0x80) != 0) {
    return false;
  }
  f.period.start_year = static_cast<int>(start_year);
  f.period.years = static_cast<int>(years);
  f.key = f.period.SortKey();
  const std::uint8_t low = in.Byte();
  const std::uint8_t high = in.Byte();
  const auto tags = static_cast<std::uint16_t>(low | (high << 8));
  for (std::size_t i = 0; i < kFigureNumbers; ++i) {
    switch ((tags >> (2 * i)) & 3) {
      case kMissing: f.numbers[i] = kNoValue; break;
      case kDouble: f.numbers[i] = in.Double(); break;
      case kWhole: f.numbers[i] = static_cast<double>(UnZigZag(in.Varint())); break;
      default: return false;
    }
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
  char* p = buf;
  const Period& period = f.period;
  *p++ = static_cast<char>(static_cast<int>(period.kind) | (period.split_quarter ? 4 : 0) |
                           ((period.sub & 15) << 3));
  p = PutVarint(ZigZag(period.start_year), p);
  p = PutVarint(static_cast<std::uint64_t>(period.years), p);
  char* tags_at = p;
  p += 2;
  unsigned tags = 0;
  for (std::size_t i = 0; i < kFigureNumbers; ++i) {
    const double v = f.numbers[i];
    if (std::isnan(v)) continue;
    if (IsWhole(v)) {
      tags |= unsigned{kWhole} << (2 * i);
      p = PutVarint(ZigZag(static_cast<std::int64_t>(v)), p);
    } else {
      tags |= unsigned{kDouble} << (2 * i);
      std::memcpy(p, &v, sizeof v);
      p += sizeof v;
    }
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
    if (text.empty()) continue;
    p = PutVarint(text.size(), buf);
    out.append(buf, p);
    out.append(text);
  }
  p = PutVarint(static_cast<std::uint64_t>(f.import_id), buf);
  p = PutVarint(static_cast<std::uint64_t>(f.source_row), p);
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
