// Bazel test sharding for property tests: every shard runs every property,
// each with its own seed, so that more shards mean more sequences (a long
// campaign spread over a remote-execution cluster needs no code of ours).
//
// Shard k of n (TEST_SHARD_INDEX, TEST_TOTAL_SHARDS) runs with RapidCheck
// seed base + k, where base is the seed in RC_PARAMS if one is given and
// kDefaultBaseSeed otherwise. A failure prints the RC_PARAMS that reproduce
// it (RapidCheck's `reproduce=` string, or the shard's seed).
#ifndef DBGREF_PROPS_SHARD_H_
#define DBGREF_PROPS_SHARD_H_

#include <cstdint>
#include <string>

namespace dbgref::props {

inline constexpr uint64_t kDefaultBaseSeed = 20150331;
// Test cases per property unless RC_PARAMS says max_success=.
inline constexpr int kDefaultMaxSuccess = 300;

struct Shard {
  int index = 0;
  int total = 1;
};

// TEST_SHARD_INDEX and TEST_TOTAL_SHARDS, or shard 0 of 1.
Shard ShardFromEnvironment();

// The RC_PARAMS for a shard: `rc_params` with its seed replaced by
// base + shard.index and max_success defaulted; unchanged when it asks to
// reproduce a failure.
std::string ShardRcParams(const std::string& rc_params, const Shard& shard);

// The RapidCheck seed of this shard: the `seed` of RC_PARAMS once
// PrepareShard has run, else kDefaultBaseSeed + the shard index.
uint64_t ShardSeed();

// Before RapidCheck or GoogleTest read the environment: touches
// TEST_SHARD_STATUS_FILE (so Bazel knows the shards are honoured), sets
// RC_PARAMS for this shard, prints it, and keeps GoogleTest from sharding
// the test cases itself (every shard runs every property).
void PrepareShard();

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_SHARD_H_
