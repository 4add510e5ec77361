// What the server tells those who watch its traffic (the access log, the metrics): that a
// request has begun, and how it was answered. Plain values, no Beast types, so that observers
// and their tests do not depend on the server library.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace waymark::web {

// What the app tells the server about a request it answered, for the observers: who asked
// and which route answered (HttpApp::Handle with a Served).
struct Served {
  std::string user;   // the principal's user id, "" for the public
  std::string route;  // the route pattern, "" when none matched
};

// One answered request.
struct RequestRecord {
  std::string method;        // "GET", ...; "" when the request line could not be read
  std::string target;        // as received: path and query (observers drop the query's values)
  int status = 0;
  std::uint64_t bytes = 0;   // body bytes sent (0 for HEAD)
  double duration_ms = 0;    // from the request's first byte to the last byte of the answer
  std::string user;          // the user id of the principal, "" for the public
  std::string route;         // the route pattern that answered, "" when none matched
};

// Called from the server's threads, possibly at once: implementations synchronise themselves.
class RequestObserver {
 public:
  virtual ~RequestObserver() = default;
  // A request's first bytes have arrived.
  virtual void Began() {}
  // That request was answered (`record`), or its connection ended first (nullptr).
  virtual void Ended(const RequestRecord* record) = 0;
};

// Tells every observer that a request began when made, and that it ended when Finish() is
// called or, without an answer, when it goes. Measures the request's duration.
class RequestWatch {
 public:
  explicit RequestWatch(const std::vector<RequestObserver*>& observers)
      : observers_(observers), start_(std::chrono::steady_clock::now()) {
    for (RequestObserver* o : observers_) o->Began();
  }
  RequestWatch(const RequestWatch&) = delete;
  RequestWatch& operator=(const RequestWatch&) = delete;
  ~RequestWatch() {
    if (ended_) return;
    for (RequestObserver* o : observers_) o->Ended(nullptr);
  }

  // Reports `record` (its duration filled in here) once; later calls do nothing.
  void Finish(RequestRecord record) {
    if (ended_) return;
    ended_ = true;
    const auto took = std::chrono::steady_clock::now() - start_;
    record.duration_ms = std::chrono::duration<double, std::milli>(took).count();
    for (RequestObserver* o : observers_) o->Ended(&record);
  }

 private:
  const std::vector<RequestObserver*>& observers_;
  std::chrono::steady_clock::time_point start_;
  bool ended_ = false;
};

}  // namespace waymark::web
