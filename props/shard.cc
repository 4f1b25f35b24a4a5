// Sharding from the environment.
#include "props/shard.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace dbgref::props {
namespace {

int IntFromEnvironment(const char* name, int fallback) {
  const char* value = std::getenv(name);
  int n = 0;
  if (value == nullptr || !absl::SimpleAtoi(value, &n)) return fallback;
  return n;
}

}  // namespace

Shard ShardFromEnvironment() {
  Shard s;
  s.total = IntFromEnvironment("TEST_TOTAL_SHARDS", 1);
  s.index = IntFromEnvironment("TEST_SHARD_INDEX", 0);
  if (s.total < 1) s.total = 1;
  if (s.index < 0 || s.index >= s.total) s.index = 0;
  return s;
}

std::string ShardRcParams(const std::string& rc_params, const Shard& shard) {
  std::vector<std::string> kept;
  uint64_t base = kDefaultBaseSeed;
  bool max_success = false;
  for (absl::string_view word :
       absl::StrSplit(rc_params, ' ', absl::SkipEmpty())) {
    if (absl::StartsWith(word, "reproduce=")) return rc_params;
    if (absl::StartsWith(word, "seed=")) {
      uint64_t seed = 0;
      if (absl::SimpleAtoi(word.substr(5), &seed)) base = seed;
      continue;
    }
    if (absl::StartsWith(word, "max_success=")) max_success = true;
    kept.emplace_back(word);
  }
  kept.push_back(
      absl::StrCat("seed=", base + static_cast<uint64_t>(shard.index)));
  if (!max_success)
    kept.push_back(absl::StrCat("max_success=", kDefaultMaxSuccess));
  return absl::StrJoin(kept, " ");
}

uint64_t ShardSeed() {
  const char* params = std::getenv("RC_PARAMS");
  if (params != nullptr) {
    for (absl::string_view word :
         absl::StrSplit(params, ' ', absl::SkipEmpty())) {
      uint64_t seed = 0;
      if (absl::StartsWith(word, "seed=") &&
          absl::SimpleAtoi(word.substr(5), &seed)) {
        return seed;
      }
    }
  }
  return kDefaultBaseSeed + static_cast<uint64_t>(ShardFromEnvironment().index);
}

void PrepareShard() {
  const Shard shard = ShardFromEnvironment();
  if (const char* status = std::getenv("TEST_SHARD_STATUS_FILE")) {
    if (std::FILE* f = std::fopen(status, "w")) std::fclose(f);
  }
  const char* given = std::getenv("RC_PARAMS");
  const std::string params = ShardRcParams(given ? given : "", shard);
  setenv("RC_PARAMS", params.c_str(), 1);
  unsetenv("GTEST_SHARD_INDEX");
  unsetenv("GTEST_TOTAL_SHARDS");
  std::fprintf(stderr,
               "property shard %d of %d: RC_PARAMS=\"%s\" (rerun a failure "
               "with the RC_PARAMS RapidCheck prints for it)\n",
               shard.index + 1, shard.total, params.c_str());
}

}  // namespace dbgref::props
