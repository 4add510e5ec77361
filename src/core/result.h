// Result<T>: the value of an operation that can fail in an expected way (bad input, missing
// file, database error). Errors carry a code, a message and, where known, a source position.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace waymark {

enum class ErrorCode {
  kInvalidArgument,   // the caller's input is malformed
  kNotFound,          // a named thing does not exist
  kAlreadyExists,     // a unique thing exists already
  kConflict,          // a write against a version of a record that is no longer current
  kIo,                // a file or socket could not be read or written
  kParse,             // a document (TOML, CSV, JSON) is not well formed
  kValidation,        // a well-formed document breaks a rule of the model
  kDatabase,          // the store refused an operation
  kUnsupported,       // a valid request this build cannot serve
  kPermissionDenied,  // a credential, key or signature does not check out
  kInternal,          // a broken invariant, reported rather than aborted on
};

// Where in an input a problem lies. Line and column count from 1; 0 means unknown.
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;

  bool operator==(const SourcePos&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  SourcePos pos;

  // "FILE:LINE:COL: message", or as much of the position as is known.
  std::string ToString() const;
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message, SourcePos pos = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(pos)});
}

const char* ErrorCodeName(ErrorCode code);

// Problems found in one pass over an input; a validator reports every one, not just the first.
using Diagnostics = std::vector<Error>;

}  // namespace waymark

// Evaluates `expr` (a Result or Status); returns its error from the enclosing function.
#define WAYMARK_TRY(expr)                                                              \
  do {                                                                                 \
    auto waymark_try_result_ = (expr);                                                 \
    if (!waymark_try_result_) {                                                        \
      return tl::unexpected<::waymark::Error>(std::move(waymark_try_result_).error()); \
    }                                                                                  \
  } while (false)

// Declares `lhs` from the value of a Result, or returns its error.
#define WAYMARK_ASSIGN_OR_RETURN(lhs, expr)                        \
  auto WAYMARK_CONCAT_(waymark_r_, __LINE__) = (expr);             \
  if (!WAYMARK_CONCAT_(waymark_r_, __LINE__)) {                    \
    return tl::unexpected<::waymark::Error>(                       \
        std::move(WAYMARK_CONCAT_(waymark_r_, __LINE__)).error()); \
  }                                                                \
  lhs = std::move(*WAYMARK_CONCAT_(waymark_r_, __LINE__))  // NOLINT(bugprone-macro-parentheses)

#define WAYMARK_CONCAT_INNER_(a, b) a##b
#define WAYMARK_CONCAT_(a, b) WAYMARK_CONCAT_INNER_(a, b)
