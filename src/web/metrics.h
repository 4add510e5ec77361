// The server's metrics in the Prometheus text exposition format (version 0.0.4): requests by
// route pattern, method and status (counter), request durations by route (histogram), bytes
// sent, requests in flight and abandoned, and the process's start time. Fed by the server as a
// RequestObserver; labels come from route patterns, never from raw paths, so that their number
// stays bounded whatever clients ask for.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "web/request_observer.h"

namespace waymark::web {

inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// The upper bounds (seconds) of the duration histogram's buckets, +Inf aside.
inline constexpr std::array<double, 11> kDurationBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                            0.5,   1,    2.5,   5,    10};

// A value known only when scraped (e.g. the database's schema version).
struct Gauge {
  std::string name;
  std::string help;
  double value = 0;
};

class Metrics final : public RequestObserver {
 public:
  explicit Metrics(std::int64_t start_unix_seconds) : start_(start_unix_seconds) {}

  void Began() override;
  void Ended(const RequestRecord* record) override;

  // The exposition text, with `extra` gauges after the server's own.
  std::string Render(const std::vector<Gauge>& extra = {}) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kDurationBuckets.size()> buckets{};  // not cumulative
    std::uint64_t count = 0;
    double sum = 0;  // seconds
  };

  std::int64_t start_;
  mutable std::mutex mu_;
  std::int64_t in_flight_ = 0;
  std::uint64_t abandoned_ = 0;
  std::uint64_t bytes_ = 0;
  // (route, method, status) -> requests
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> durations_;  // by route
};

// A label value escaped for the text format (backslash, double quote, newline).
std::string PrometheusLabel(std::string_view value);

}  // namespace waymark::web
