// Counting requests and writing them out in the Prometheus text format (see metrics.h).
#include "web/metrics.h"

#include <fmt/format.h>

namespace waymark::web {
namespace {

constexpr std::string_view kUnmatched = "(none)";

// The methods that get their own label value; any other is "other".
std::string MethodLabel(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return std::string(known);
  }
  return "other";
}

std::string Number(double value) { return fmt::format("{}", value); }

}  // namespace

std::string PrometheusLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Metrics::Began() {
  std::lock_guard lock(mu_);
  ++in_flight_;
}

void Metrics::Ended(const RequestRecord* record) {
  std::lock_guard lock(mu_);
  --in_flight_;
  if (record == nullptr) {
    ++abandoned_;
    return;
  }
  const std::string route = record->route.empty() ? std::string(kUnmatched) : record->route;
  ++requests_[{route, MethodLabel(record->method), record->status}];
  bytes_ += record->bytes;
  Histogram& h = durations_[route];
  const double seconds = record->duration_ms / 1000;
  for (std::size_t i = 0; i < kDurationBuckets.size(); ++i) {
    if (seconds <= kDurationBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(const std::vector<Gauge>& extra) const {
  std::string out;
  auto head = [&out](std::string_view name, std::string_view type, std::string_view help) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  };
  std::lock_guard lock(mu_);
  head("waymark_http_requests_total", "counter",
       "Requests answered, by route pattern, method, status code and status class.");
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format(
        "waymark_http_requests_total{{route=\"{}\",method=\"{}\",code=\"{}\",class=\"{}xx\"}} "
        "{}\n",
        PrometheusLabel(route), method, status, status / 100, n);
  }
  head("waymark_http_request_duration_seconds", "histogram",
       "Time from a request's first byte to the last byte of its answer, by route pattern.");
  for (const auto& [route, h] : durations_) {
    const std::string label = PrometheusLabel(route);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kDurationBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += fmt::format("waymark_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                         label, Number(kDurationBuckets[i]), cumulative);
    }
    out += fmt::format(
        "waymark_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label,
        h.count);
    out += fmt::format("waymark_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label,
                       Number(h.sum));
    out += fmt::format("waymark_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label,
                       h.count);
  }
  head("waymark_http_response_bytes_total", "counter", "Body bytes sent in answers.");
  out += fmt::format("waymark_http_response_bytes_total {}\n", bytes_);
  head("waymark_http_requests_in_flight", "gauge",
       "Requests begun and not yet answered (this scrape included).");
  out += fmt::format("waymark_http_requests_in_flight {}\n", in_flight_);
  head("waymark_http_requests_abandoned_total", "counter",
       "Requests whose connection ended before they were answered.");
  out += fmt::format("waymark_http_requests_abandoned_total {}\n", abandoned_);
  head("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch.");
  out += fmt::format("process_start_time_seconds {}\n", start_);
  for (const Gauge& g : extra) {
    head(g.name, "gauge", g.help);
    out += fmt::format("{} {}\n", g.name, Number(g.value));
  }
  return out;
}

}  // namespace waymark::web
