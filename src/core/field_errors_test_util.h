// Helpers of the tests of the core checks: whether a check's field errors name a field (with a
// given message), and a text of a unit repeated, for both sides of a length limit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/field_error.h"

namespace waymark::testing {

inline bool HasError(const FieldErrors& errors, std::string_view field, std::string_view message) {
  for (const FieldError& e : errors) {
    if (e.field == field && e.message == message) return true;
  }
  return false;
}

inline bool HasField(const FieldErrors& errors, std::string_view field) {
  for (const FieldError& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

inline std::string Repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out.append(unit);
  return out;
}

}  // namespace waymark::testing
