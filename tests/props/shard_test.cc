// Seeds per shard and the RC_PARAMS a shard runs with.
#include "props/shard.h"

#include <gtest/gtest.h>

namespace dbgref::props {
namespace {

TEST(Shard, SeedIsBasePlusIndex) {
  EXPECT_EQ(ShardRcParams("", Shard{0, 1}), "seed=20150331 max_success=300");
  EXPECT_EQ(ShardRcParams("", Shard{3, 4}), "seed=20150334 max_success=300");
  EXPECT_EQ(
      ShardRcParams("seed=100 max_success=5 verbose_progress=1", Shard{2, 4}),
      "max_success=5 verbose_progress=1 seed=102");
}

TEST(Shard, ReproduceIsLeftAlone) {
  EXPECT_EQ(ShardRcParams("reproduce=BAAAAA", Shard{1, 2}), "reproduce=BAAAAA");
}

TEST(Shard, FromTheEnvironment) {
  setenv("TEST_TOTAL_SHARDS", "4", 1);
  setenv("TEST_SHARD_INDEX", "2", 1);
  EXPECT_EQ(ShardFromEnvironment().index, 2);
  EXPECT_EQ(ShardFromEnvironment().total, 4);
  setenv("TEST_SHARD_INDEX", "9", 1);
  EXPECT_EQ(ShardFromEnvironment().index, 0);
  unsetenv("TEST_TOTAL_SHARDS");
  unsetenv("TEST_SHARD_INDEX");
  EXPECT_EQ(ShardFromEnvironment().total, 1);
}

TEST(Shard, SeedOfTheShardFromRcParams) {
  setenv("RC_PARAMS", "max_success=3 seed=77", 1);
  EXPECT_EQ(ShardSeed(), 77u);
  unsetenv("RC_PARAMS");
  EXPECT_EQ(ShardSeed(), kDefaultBaseSeed);
}

}  // namespace
}  // namespace dbgref::props
