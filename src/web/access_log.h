// The structured access log: one JSON line per answered request (time, method, path without
// the query's values, status, bytes, duration, user id or "-", route pattern), written whole
// with one write(2) under a lock so that lines never interleave, to standard error or a file.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "web/request_observer.h"

namespace waymark::web {

// The path of `target` as the log keeps it: the query's parameter names without their values
// ("/api/v1/assessments?indicator=x&area=y" → "/api/v1/assessments?indicator=&area="), since
// values may carry personal data. The path of the survey form (`route` under "/s/") is its
// pattern: a survey code in the address would tie a response to its time.
std::string LoggedPath(std::string_view target, std::string_view route = {});

// "2026-11-22T20:15:00.123Z".
std::string FormatUtcMillis(std::int64_t unix_millis);

// The log's line for `record` answered at `unix_millis`, with its closing newline.
std::string AccessLogLine(const RequestRecord& record, std::int64_t unix_millis);

class AccessLog final : public RequestObserver {
 public:
  // Writes to `fd`, which stays open when the log goes (standard error).
  AccessLog(int fd, const Clock& clock) : fd_(fd), owned_(false), clock_(clock) {}
  // Appends to the file `path`, created with mode 0600 when missing. kIo naming the file when
  // it cannot be opened for appending.
  static Result<std::unique_ptr<AccessLog>> Open(const std::string& path, const Clock& clock);
  ~AccessLog() override;
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Ended(const RequestRecord* record) override;
  // Writes `line` whole before any other.
  void Write(std::string_view line);

 private:
  AccessLog(int fd, bool owned, const Clock& clock) : fd_(fd), owned_(owned), clock_(clock) {}

  int fd_;
  bool owned_;
  const Clock& clock_;
  std::mutex mu_;
};

}  // namespace waymark::web
