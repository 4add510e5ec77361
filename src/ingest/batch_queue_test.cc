// Tests of the bounded batch queue: order, the end of input, a full queue holding the producer
// back, cancellation releasing a waiting producer, and spent batches going back for reuse.
#include "ingest/batch_queue.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace waymark::ingest {
namespace {

TEST(BatchQueueTest, BatchesArriveInOrderThenTheQueueEnds) {
  BatchQueue<std::vector<int>> queue(2);
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i) EXPECT_TRUE(queue.Push({i, i + 1}));
    queue.Close();
  });
  std::vector<int> batch;
  int next = 0;
  while (queue.Pop(batch)) {
    ASSERT_EQ(batch, (std::vector<int>{next, next + 1}));
    ++next;
  }
  producer.join();
  EXPECT_EQ(next, 100);
}

TEST(BatchQueueTest, SpentBatchesGoBackToTheProducerWithTheirMemory) {
  BatchQueue<std::vector<int>> queue(2);
  EXPECT_TRUE(queue.TakeSpent().empty());  // nothing spent yet
  std::vector<int> first(1000, 7);
  const int* memory = first.data();
  ASSERT_TRUE(queue.Push(std::move(first)));
  ASSERT_TRUE(queue.Push({1}));
  std::vector<int> out;
  ASSERT_TRUE(queue.Pop(out));
  EXPECT_EQ(out.size(), 1000u);
  ASSERT_TRUE(queue.Pop(out));  // the first batch is now spent
  EXPECT_EQ(out, (std::vector<int>{1}));
  std::vector<int> reused = queue.TakeSpent();
  EXPECT_EQ(reused.data(), memory);
  EXPECT_EQ(reused.size(), 1000u);  // the producer clears what it reuses
  EXPECT_TRUE(queue.TakeSpent().empty());  // the empty batch `out` held at first
  EXPECT_TRUE(queue.TakeSpent().empty());
}

TEST(BatchQueueTest, CancelReleasesAWaitingProducerAndRefusesMore) {
  BatchQueue<int> queue(1);
  ASSERT_TRUE(queue.Push(1));  // the queue is now full
  bool refused = false;
  std::thread producer([&] { refused = !queue.Push(2); });  // waits for room
  queue.Cancel();
  producer.join();
  EXPECT_TRUE(refused);
  EXPECT_FALSE(queue.Push(3));
  int out = 0;
  EXPECT_FALSE(queue.Pop(out));
}

TEST(BatchQueueTest, ClosedQueueIsDrainedBeforeItEnds) {
  BatchQueue<int> queue(3);
  ASSERT_TRUE(queue.Push(7));
  ASSERT_TRUE(queue.Push(8));
  queue.Close();
  int out = 0;
  ASSERT_TRUE(queue.Pop(out));
  EXPECT_EQ(out, 7);
  ASSERT_TRUE(queue.Pop(out));
  EXPECT_EQ(out, 8);
  EXPECT_FALSE(queue.Pop(out));
}

}  // namespace
}  // namespace waymark::ingest
