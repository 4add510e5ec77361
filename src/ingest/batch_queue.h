// A bounded queue that hands batches from one producer thread to one consumer: the producer
// waits while `capacity` batches are queued, so memory stays bounded however large the input.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

namespace waymark::ingest {

template <typename Batch>
class BatchQueue {
 public:
  explicit BatchQueue(std::size_t capacity) : capacity_(capacity > 0 ? capacity : 1) {}

  // Queues `batch`, waiting for room; false (and the batch is dropped) once cancelled.
  bool Push(Batch batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return cancelled_ || queue_.size() < capacity_; });
    if (cancelled_) return false;
    queue_.push_back(std::move(batch));
    changed_.notify_all();
    return true;
  }

  // No more batches will be pushed.
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

  // The consumer stops taking batches: waiting and later pushes return false.
  void Cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    queue_.clear();
    changed_.notify_all();
  }

  // Takes the next batch into `out`, waiting for one; false when closed and empty, or cancelled.
  // The batch `out` held before is kept for the producer to refill (TakeSpent), so neither
  // thread allocates or frees batches once the first few are made.
  bool Pop(Batch& out) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return cancelled_ || closed_ || !queue_.empty(); });
    if (cancelled_ || queue_.empty()) return false;
    if (spent_.size() <= capacity_) spent_.push_back(std::move(out));
    out = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return true;
  }

  // A batch the consumer has finished with, still holding its old contents, or an empty one.
  Batch TakeSpent() {
    std::lock_guard lock(mutex_);
    if (spent_.empty()) return Batch();
    Batch batch = std::move(spent_.back());
    spent_.pop_back();
    return batch;
  }

 private:
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  std::deque<Batch> spent_;
  bool closed_ = false;
  bool cancelled_ = false;
};

}  // namespace waymark::ingest
