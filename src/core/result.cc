// Formatting of errors for people: the compiler-style "FILE:LINE:COL: message".
#include "core/result.h"

#include <fmt/format.h>

namespace waymark {

std::string Error::ToString() const {
  if (pos.file.empty() && pos.line == 0) return message;
  if (pos.line == 0) return fmt::format("{}: {}", pos.file, message);
  if (pos.column == 0) return fmt::format("{}:{}: {}", pos.file, pos.line, message);
  return fmt::format("{}:{}:{}: {}", pos.file, pos.line, pos.column, message);
}

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kParse:
      return "parse";
    case ErrorCode::kValidation:
      return "validation";
    case ErrorCode::kDatabase:
      return "database";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kPermissionDenied:
      return "permission denied";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace waymark
