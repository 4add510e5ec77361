// The access log's lines and their writing (see access_log.h).
#include "web/access_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace waymark::web {

std::string LoggedPath(std::string_view target, std::string_view route) {
  const std::size_t mark = target.find('?');
  std::string out(route.starts_with("/s/") ? route : target.substr(0, mark));
  if (mark == std::string_view::npos || mark + 1 == target.size()) return out;
  std::string_view query = target.substr(mark + 1);
  char sep = '?';
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::string_view name = pair.substr(0, pair.find('='));
    if (!pair.empty()) {
      out.push_back(sep);
      out.append(name).push_back('=');
      sep = '&';
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

std::string FormatUtcMillis(std::int64_t unix_millis) {
  const std::int64_t seconds = unix_millis >= 0 ? unix_millis / 1000 : (unix_millis - 999) / 1000;
  const std::int64_t millis = unix_millis - seconds * 1000;
  std::string text = FormatUtc(seconds);  // "...:SSZ"
  text.insert(text.size() - 1, fmt::format(".{:03}", millis));
  return text;
}

std::string AccessLogLine(const RequestRecord& record, std::int64_t unix_millis) {
  nlohmann::ordered_json line;
  line["time"] = FormatUtcMillis(unix_millis);
  line["method"] = record.method.empty() ? "-" : record.method;
  line["path"] = record.target.empty() ? "-" : LoggedPath(record.target, record.route);
  line["status"] = record.status;
  line["bytes"] = record.bytes;
  line["duration_ms"] = std::round(record.duration_ms * 1000) / 1000;
  line["user"] = record.user.empty() ? "-" : record.user;
  line["route"] = record.route.empty() ? "-" : record.route;
  // A target is bytes from the network: invalid UTF-8 is replaced, never thrown over.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& path, const Clock& clock) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return MakeError(ErrorCode::kIo, fmt::format("cannot open the access log {} for appending: {}",
                                                 path, std::strerror(errno)));
  }
  return std::unique_ptr<AccessLog>(new AccessLog(fd, true, clock));
}

AccessLog::~AccessLog() {
  if (owned_) ::close(fd_);
}

void AccessLog::Ended(const RequestRecord* record) {
  if (record == nullptr) return;
  Write(AccessLogLine(*record, clock_.NowUnixMillis()));
}

void AccessLog::Write(std::string_view line) {
  std::lock_guard lock(mu_);
  while (!line.empty()) {
    const ssize_t n = ::write(fd_, line.data(), line.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a full disk or a closed pipe: the request was answered all the same
    line.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace waymark::web
