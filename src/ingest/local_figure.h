// A figure of a local measure as a person types it into a form (area, period, value, count,
// denominator, note), checked with the rules of a data file's row and turned into the
// observation an import would make of it. Every problem is named by its form field.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_set>

#include "core/field_error.h"
#include "core/indicator.h"

namespace waymark::ingest {

inline constexpr std::size_t kMaxFigureNoteLength = 500;  // characters

// The fields as sent ("area", "period", "value", "count", "denominator", "note").
struct LocalFigureInput {
  std::string area;
  std::string period;
  std::string value;
  std::string count;
  std::string denominator;
  std::string note;
};

struct LocalFigureCheck {
  Observation observation;  // of `indicator`, headline breakdown, source row 1
  FieldErrors errors;       // field names are `prefix` + the field's name
};

// Checks `input` for `indicator`: an area among `areas`; a period label (ParsePeriod); a value
// that is a finite number; count and denominator, when given, finite numbers of 0 or more with,
// for proportions, the count no greater than the denominator; a note of at most
// kMaxFigureNoteLength characters on one line.
LocalFigureCheck CheckLocalFigure(const Indicator& indicator, const LocalFigureInput& input,
                                  const std::unordered_set<std::string>& areas,
                                  const std::string& prefix = {});

}  // namespace waymark::ingest
