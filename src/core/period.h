// Periods of time that statistics are published for: calendar, financial and academic years,
// pooled multi-year periods, quarters and months. Labels in the forms councils and national
// publishers use parse into one type that sorts in time order.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace waymark {

enum class PeriodKind {
  kCalendarYear,   // "2023"
  kSplitYear,      // "2023/24": financial or academic year
  kMonth,          // "May 2023"
  kQuarter,        // "2023 Q1" (calendar) or "2023/24 Q1" (split year)
};

struct Period {
  PeriodKind kind = PeriodKind::kCalendarYear;
  int start_year = 0;  // first year covered
  int years = 1;       // number of years pooled (years and split years)
  int sub = 0;         // month 1-12 or quarter 1-4; 0 for years
  bool split_quarter = false;  // a quarter of a split year ("2023/24 Q1")

  // Canonical label: "2023", "2023/24", "2021/22-23/24", "2018-20", "2023 Q1", "2023/24 Q2",
  // "May 2023". Each reads back to the same period.
  std::string Label() const;
  // A number that orders periods in time: by the end of the period, then by its length
  // (shorter first). Comparable across kinds.
  long long SortKey() const;
  // True for single (not pooled) years; trends are computed only on these.
  bool IsSingleYear() const {
    return (kind == PeriodKind::kCalendarYear || kind == PeriodKind::kSplitYear) && years == 1;
  }
  // The period immediately before this one of the same kind and length.
  Period Previous() const;

  bool operator==(const Period&) const = default;
};

inline bool operator<(const Period& a, const Period& b) { return a.SortKey() < b.SortKey(); }

// Parses a period label; nullopt with no partial result when the label is not understood.
std::optional<Period> ParsePeriod(std::string_view label);

// Parses an EES time_period with its time_identifier ("2023" + "Calendar year", "202324" +
// "Academic year", "2023" + "Reporting year", "202324" + "Financial year", "2023" + "Q1"…).
std::optional<Period> ParseEesPeriod(std::string_view time_period, std::string_view identifier);

}  // namespace waymark
