// The fingerprint set of exploration: insertion once, parent links walked
// back, growth that keeps them, the bound on states, and concurrent
// insertion from two threads.
#include "props/fingerprint_set.h"

#include <atomic>
#include <cstdint>
#include <thread>

#include "gtest/gtest.h"
#include "props/explore.h"

namespace dbgref::props {
namespace {

uint64_t Fp(uint64_t i) { return (i + 1) * 0x9e3779b97f4a7c15ull; }

TEST(FingerprintSetTest, InsertsOnceAndWalksBack) {
  FingerprintSet set(1000);
  EXPECT_EQ(set.InsertStart(Fp(0), 7), FingerprintSet::Outcome::kNew);
  EXPECT_EQ(set.Insert(Fp(1), Fp(0), 3), FingerprintSet::Outcome::kNew);
  EXPECT_EQ(set.Insert(Fp(2), Fp(1), 4), FingerprintSet::Outcome::kNew);
  EXPECT_EQ(set.Insert(Fp(2), Fp(0), 5), FingerprintSet::Outcome::kSeen);
  EXPECT_EQ(set.size(), 3u);
  std::optional<FingerprintSet::Link> l = set.Find(FingerprintSet::Key(Fp(2)));
  ASSERT_TRUE(l);
  EXPECT_FALSE(l->start);
  EXPECT_EQ(l->op, 4u);
  l = set.Find(l->parent_key);
  ASSERT_TRUE(l);
  EXPECT_EQ(l->op, 3u);
  l = set.Find(l->parent_key);
  ASSERT_TRUE(l);
  EXPECT_TRUE(l->start);
  EXPECT_EQ(l->program, 7u);
  EXPECT_FALSE(set.Find(FingerprintSet::Key(Fp(99))));
}

TEST(FingerprintSetTest, GrowingKeepsEveryLink) {
  FingerprintSet set(1 << 20);
  set.InsertStart(Fp(0), 0);
  for (uint64_t i = 1; i < 20000; ++i) {
    if (i % 1000 == 0) set.Reserve(set.size() + 1000);
    ASSERT_EQ(set.Insert(Fp(i), Fp(i - 1), i % 200),
              FingerprintSet::Outcome::kNew);
  }
  EXPECT_GT(set.capacity(), 20000u);
  for (uint64_t i = 1; i < 20000; i += 997) {
    const auto l = set.Find(FingerprintSet::Key(Fp(i)));
    ASSERT_TRUE(l) << i;
    EXPECT_EQ(l->op, i % 200);
    EXPECT_EQ(l->parent_key, FingerprintSet::Key(Fp(i - 1)));
  }
}

TEST(FingerprintSetTest, RefusesPastTheBound) {
  FingerprintSet set(10);
  set.Reserve(100);
  for (uint64_t i = 0; i < 10; ++i) {
    EXPECT_EQ(set.InsertStart(Fp(i), 0), FingerprintSet::Outcome::kNew);
  }
  EXPECT_EQ(set.InsertStart(Fp(10), 0), FingerprintSet::Outcome::kFull);
}

TEST(FingerprintSetTest, TheDefaultBoundFitsInTwoGibibytes) {
  // The default bound on states; the table is sized for one state more,
  // the one that is refused.
  const uint64_t default_max_states = ExploreOptions{}.max_states;
  constexpr uint64_t kGiB = uint64_t{1} << 30;
  EXPECT_LE(FingerprintSet::BytesFor(default_max_states + 1), 2 * kGiB);
  // What a set allocates is what BytesFor says.
  FingerprintSet set(1 << 20);
  set.Reserve(50000);
  EXPECT_EQ(set.bytes(), FingerprintSet::BytesFor(50000));
  EXPECT_GE(static_cast<double>(set.capacity()) * FingerprintSet::kMaxLoad,
            50000.0);
}

TEST(FingerprintSetTest, TwoThreadsInsertEachStateOnce) {
  FingerprintSet set(1 << 20);
  set.Reserve(200000);
  std::atomic<uint64_t> fresh{0};
  auto insert = [&] {
    for (uint64_t i = 0; i < 100000; ++i) {
      if (set.InsertStart(Fp(i), 0) == FingerprintSet::Outcome::kNew) {
        fresh.fetch_add(1);
      }
    }
  };
  std::thread other(insert);
  insert();
  other.join();
  EXPECT_EQ(fresh.load(), 100000u);
  EXPECT_EQ(set.size(), 100000u);
}

}  // namespace
}  // namespace dbgref::props
