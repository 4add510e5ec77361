// The metrics: counting (in flight, abandoned, by route and status, durations into buckets) and
// the text format, parsed line by line as a scraper would.
#include "web/metrics.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace waymark::web {
namespace {

// The samples of an exposition, "name{labels}" -> value; fails the test on a malformed line or
// a sample whose metric family was not announced by # TYPE.
std::map<std::string, double> Parse(const std::string& text) {
  static const std::regex kSample(
      R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (\S+)$)");
  static const std::regex kType(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$)");
  std::map<std::string, double> samples;
  std::set<std::string> families;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, kType)) {
      families.insert(m[1]);
      continue;
    }
    if (line.starts_with("# HELP ")) continue;
    if (!std::regex_match(line, m, kSample)) {
      ADD_FAILURE() << "not a sample: " << line;
      continue;
    }
    std::string family = m[1];
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      if (!families.contains(family) && family.ends_with(suffix)) {
        family.resize(family.size() - std::string_view(suffix).size());
      }
    }
    EXPECT_TRUE(families.contains(family)) << "no # TYPE before " << line;
    samples[std::string(m[1]) + std::string(m[2])] = std::stod(m[5]);
  }
  return samples;
}

RequestRecord Answered(std::string route, int status, double ms, std::string method = "GET") {
  return RequestRecord{std::move(method), "/x", status, 100, ms, "", std::move(route)};
}

TEST(Metrics, CountsRequestsByRouteMethodAndStatus) {
  Metrics m(1795378500);
  for (int i = 0; i < 3; ++i) {
    m.Began();
    const RequestRecord r = Answered("/outcomes/{id}", 200, 4);
    m.Ended(&r);
  }
  m.Began();
  const RequestRecord missing = Answered("", 404, 1);
  m.Ended(&missing);
  m.Began();
  const RequestRecord odd = Answered("/", 200, 1, "BREW");
  m.Ended(&odd);
  auto s = Parse(m.Render());
  EXPECT_EQ(
      (s["waymark_http_requests_total{route=\"/outcomes/{id}\",method=\"GET\",code=\"200\","
         "class=\"2xx\"}"]),
      3);
  EXPECT_EQ((s["waymark_http_requests_total{route=\"(none)\",method=\"GET\",code=\"404\","
               "class=\"4xx\"}"]),
            1);
  EXPECT_EQ((s["waymark_http_requests_total{route=\"/\",method=\"other\",code=\"200\","
               "class=\"2xx\"}"]),
            1);
  EXPECT_EQ(s["waymark_http_response_bytes_total"], 500);
  EXPECT_EQ(s["process_start_time_seconds"], 1795378500);
  // One more request: the counter moves by one, the others stay.
  m.Began();
  const RequestRecord again = Answered("/outcomes/{id}", 200, 4);
  m.Ended(&again);
  s = Parse(m.Render());
  EXPECT_EQ(
      (s["waymark_http_requests_total{route=\"/outcomes/{id}\",method=\"GET\",code=\"200\","
         "class=\"2xx\"}"]),
      4);
  EXPECT_EQ(s["waymark_http_requests_in_flight"], 0);
}

TEST(Metrics, InFlightAndAbandonedRequests) {
  Metrics m(0);
  m.Began();
  m.Began();
  EXPECT_EQ(Parse(m.Render())["waymark_http_requests_in_flight"], 2);
  m.Ended(nullptr);  // its connection ended before an answer
  auto s = Parse(m.Render());
  EXPECT_EQ(s["waymark_http_requests_in_flight"], 1);
  EXPECT_EQ(s["waymark_http_requests_abandoned_total"], 1);
  EXPECT_EQ(m.Render().find("waymark_http_requests_total{"), std::string::npos);
}

TEST(Metrics, DurationsFallIntoCumulativeBucketsOnBothSidesOfABound) {
  Metrics m(0);
  for (double ms : {5.0, 5.001, 99.0, 100.0, 100.5, 20000.0}) {
    m.Began();
    const RequestRecord r = Answered("/", 200, ms);
    m.Ended(&r);
  }
  auto s = Parse(m.Render());
  const std::string b = "waymark_http_request_duration_seconds_bucket{route=\"/\",le=\"";
  EXPECT_EQ(s[b + "0.005\"}"], 1);   // 5 ms is in the 5 ms bucket
  EXPECT_EQ(s[b + "0.01\"}"], 2);    // 5.001 ms is not
  EXPECT_EQ(s[b + "0.1\"}"], 4);     // 99 and 100 ms
  EXPECT_EQ(s[b + "0.25\"}"], 5);    // 100.5 ms
  EXPECT_EQ(s[b + "10\"}"], 5);      // 20 s only in +Inf
  EXPECT_EQ(s[b + "+Inf\"}"], 6);
  EXPECT_EQ(s["waymark_http_request_duration_seconds_count{route=\"/\"}"], 6);
  EXPECT_NEAR(s["waymark_http_request_duration_seconds_sum{route=\"/\"}"], 20.309501, 1e-9);
}

TEST(Metrics, LabelsAreEscapedAndExtraGaugesFollow) {
  EXPECT_EQ(PrometheusLabel("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  Metrics m(0);
  m.Began();
  const RequestRecord r = Answered("/odd\"{x}", 200, 1);
  m.Ended(&r);
  const std::string text = m.Render({{"waymark_database_up", "Up.", 1}});
  auto s = Parse(text);
  EXPECT_EQ(s["waymark_database_up"], 1);
  EXPECT_NE(text.find("route=\"/odd\\\"{x}\""), std::string::npos);
}

}  // namespace
}  // namespace waymark::web
