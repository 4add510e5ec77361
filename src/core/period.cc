// Period labels: parsing the published forms and writing one canonical form.
#include "core/period.h"

#include <cctype>

#include <fmt/format.h>

namespace waymark {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Reads exactly `n` digits at the front of `s`.
bool TakeDigits(std::string_view& s, std::size_t n, int* out) {
  if (s.size() < n) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  s.remove_prefix(n);
  return true;
}

bool TakeChar(std::string_view& s, char c) {
  s = Trim(s);
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  s = Trim(s);
  return true;
}

// The full year that two trailing digits mean after `after` (e.g. 24 after 2023 is 2024).
int CompleteYear(int two_digits, int after) {
  int year = (after / 100) * 100 + two_digits;
  if (year <= after) year += 100;
  return year;
}

bool ValidYear(int y) { return y >= 1800 && y <= 2200; }

// "2023/24" at the front of s → start year.
bool TakeSplitYear(std::string_view& s, int* start) {
  int end2 = 0;
  std::string_view t = s;
  if (!TakeDigits(t, 4, start) || !TakeChar(t, '/') || !TakeDigits(t, 2, &end2)) return false;
  if (CompleteYear(end2, *start) != *start + 1) return false;
  s = t;
  return true;
}

constexpr std::string_view kMonths[] = {"january", "february", "march",     "april",
                                        "may",     "june",     "july",      "august",
                                        "september", "october", "november", "december"};

// "May 2023" or "Sept 2023"-style: a month name (full or its first three letters) and a year.
std::optional<Period> ParseMonthName(std::string_view s) {
  const auto space = s.find(' ');
  if (space == std::string_view::npos || space < 3) return std::nullopt;
  std::string word;
  for (char c : s.substr(0, space)) word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = Trim(s.substr(space));
  for (int m = 0; m < 12; ++m) {
    if (word != kMonths[m] && word != kMonths[m].substr(0, 3)) continue;
    int year = 0;
    if (!TakeDigits(rest, 4, &year) || !rest.empty() || !ValidYear(year)) return std::nullopt;
    return Period{PeriodKind::kMonth, year, 1, m + 1, false};
  }
  return std::nullopt;
}

}  // namespace

std::string Period::Label() const {
  switch (kind) {
    case PeriodKind::kCalendarYear:
      if (years == 1) return fmt::format("{}", start_year);
      // "1899-1905", not "1899-05", which would read back as a month.
      if ((start_year + years - 1) % 100 <= start_year % 100) {
        return fmt::format("{}-{}", start_year, start_year + years - 1);
      }
      return fmt::format("{}-{:02}", start_year, (start_year + years - 1) % 100);
    case PeriodKind::kSplitYear:
      if (years == 1) return fmt::format("{}/{:02}", start_year, (start_year + 1) % 100);
      return fmt::format("{}/{:02}-{:02}/{:02}", start_year, (start_year + 1) % 100,
                         (start_year + years - 1) % 100, (start_year + years) % 100);
    case PeriodKind::kMonth: {
      // "Aug 2003", not "2003-08", which would read back as the pooled years 2003 to 2008.
      const std::string_view name = sub >= 1 && sub <= 12 ? kMonths[sub - 1] : "month";
      return fmt::format("{}{} {}", static_cast<char>(std::toupper(name[0])), name.substr(1, 2),
                         start_year);
    }
    case PeriodKind::kQuarter:
      if (split_quarter) return fmt::format("{}/{:02} Q{}", start_year, (start_year + 1) % 100, sub);
      return fmt::format("{} Q{}", start_year, sub);
  }
  return {};
}

long long Period::SortKey() const {
  // End month counted from year 0 (financial/academic years end in the spring/summer of their
  // second year; they are placed by their end month of March).
  long long end_month = 0;
  long long length_months = 12LL * years;
  switch (kind) {
    case PeriodKind::kCalendarYear: end_month = 12LL * (start_year + years - 1) + 12; break;
    case PeriodKind::kSplitYear: end_month = 12LL * (start_year + years) + 3; break;
    case PeriodKind::kMonth:
      end_month = 12LL * start_year + sub;
      length_months = 1;
      break;
    case PeriodKind::kQuarter:
      end_month = split_quarter ? 12LL * start_year + 3 + 3LL * sub : 12LL * start_year + 3LL * sub;
      length_months = 3;
      break;
  }
  return end_month * 1000 + length_months;
}

Period Period::Previous() const {
  Period p = *this;
  switch (kind) {
    case PeriodKind::kCalendarYear:
    case PeriodKind::kSplitYear: p.start_year -= 1; break;
    case PeriodKind::kMonth:
      if (--p.sub == 0) {
        p.sub = 12;
        --p.start_year;
      }
      break;
    case PeriodKind::kQuarter:
      if (--p.sub == 0) {
        p.sub = 4;
        --p.start_year;
      }
      break;
  }
  return p;
}

std::optional<Period> ParsePeriod(std::string_view label) {
  std::string_view s = Trim(label);
  if (auto month = ParseMonthName(s)) return month;
  Period p;
  if (TakeSplitYear(s, &p.start_year)) {
    if (!ValidYear(p.start_year)) return std::nullopt;
    p.kind = PeriodKind::kSplitYear;
    s = Trim(s);
    if (s.empty()) return p;
    if (s.front() == 'Q' || s.front() == 'q') {  // "2023/24 Q1"
      s.remove_prefix(1);
      if (!TakeDigits(s, 1, &p.sub) || p.sub < 1 || p.sub > 4 || !Trim(s).empty()) return std::nullopt;
      p.kind = PeriodKind::kQuarter;
      p.split_quarter = true;
      return p;
    }
    int last = 0;  // "2021/22-23/24"
    int last_end = 0;
    if (!TakeChar(s, '-') || !TakeDigits(s, 2, &last) || !TakeChar(s, '/') ||
        !TakeDigits(s, 2, &last_end) || !Trim(s).empty()) {
      return std::nullopt;
    }
    const int last_year = CompleteYear(last, p.start_year);
    if (CompleteYear(last_end, last_year) != last_year + 1) return std::nullopt;
    p.years = last_year - p.start_year + 1;
    return p.years >= 2 && p.years <= 20 ? std::optional<Period>(p) : std::nullopt;
  }
  if (!TakeDigits(s, 4, &p.start_year) || !ValidYear(p.start_year)) return std::nullopt;
  s = Trim(s);
  if (s.empty()) return p;
  if (s.front() == 'Q' || s.front() == 'q') {  // "2023 Q1"
    s.remove_prefix(1);
    if (!TakeDigits(s, 1, &p.sub) || p.sub < 1 || p.sub > 4 || !Trim(s).empty()) return std::nullopt;
    p.kind = PeriodKind::kQuarter;
    return p;
  }
  if (!TakeChar(s, '-')) return std::nullopt;
  int tail = 0;
  if (s.size() == 2 && TakeDigits(s, 2, &tail)) {  // "2023-05" month or "2018-20" pooled
    if (tail >= 1 && tail <= 12 && tail <= p.start_year % 100) {
      return Period{PeriodKind::kMonth, p.start_year, 1, tail, false};
    }
    const int last_year = CompleteYear(tail, p.start_year);
    p.years = last_year - p.start_year + 1;
    return p.years >= 2 && p.years <= 20 ? std::optional<Period>(p) : std::nullopt;
  }
  int last_year = 0;  // "2018-2020"
  if (!TakeDigits(s, 4, &last_year) || !Trim(s).empty()) return std::nullopt;
  p.years = last_year - p.start_year + 1;
  return p.years >= 2 && p.years <= 20 ? std::optional<Period>(p) : std::nullopt;
}

std::optional<Period> ParseEesPeriod(std::string_view time_period, std::string_view identifier) {
  std::string_view s = Trim(time_period);
  Period p;
  if (!TakeDigits(s, 4, &p.start_year) || !ValidYear(p.start_year)) return std::nullopt;
  const std::string_view id = Trim(identifier);
  const bool split = id.find("Academic") != std::string_view::npos ||
                     id.find("Financial") != std::string_view::npos ||
                     id.find("Tax") != std::string_view::npos;
  if (split) {
    int end2 = 0;
    if (!TakeDigits(s, 2, &end2) || !s.empty()) return std::nullopt;
    if (CompleteYear(end2, p.start_year) != p.start_year + 1) return std::nullopt;
    p.kind = PeriodKind::kSplitYear;
    return p;
  }
  if (!s.empty()) return std::nullopt;
  if (id.size() == 2 && (id[0] == 'Q') && id[1] >= '1' && id[1] <= '4') {
    p.kind = PeriodKind::kQuarter;
    p.sub = id[1] - '0';
  }
  return p;
}

}  // namespace waymark
