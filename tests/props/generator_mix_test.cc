// The generators' mix, classified from the model's observations
// (props/events.h): in at least 10% of generated sequences each, a
// userspace breakpoint fires, a userspace watchpoint fires, a software step
// exits, and the guest takes a debug exception of its own; in at most 20%
// nothing happens (no debug exit, no exception of the guest). Checked on
// RapidCheck's generator (with RC_TAG, so that the distribution is
// printed) and on the campaign's fast source.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include "props/events.h"
#include "props/generators.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

struct Mix {
  int sequences = 0;
  std::map<std::string, int> tags;

  void Add(const SequenceEvents& e) {
    ++sequences;
    for (const std::string& tag : e.Tags()) ++tags[tag];
  }
  double Fraction(const std::string& tag) const {
    const auto it = tags.find(tag);
    return it == tags.end() ? 0.0 : double(it->second) / sequences;
  }
  void Expect(const char* source) const {
    for (const auto& [tag, n] : tags) {
      std::printf("%s: %5.1f%% %s\n", source, 100.0 * n / sequences, tag.c_str());
    }
    for (const char* tag : {"user_breakpoint", "user_watchpoint", "step_exit",
                            "guest_debug_exception"}) {
      EXPECT_GE(Fraction(tag), 0.10) << source << ": " << tag;
    }
    EXPECT_LE(Fraction("nothing"), 0.20) << source;
  }
};

TEST(GeneratorMix, RapidCheckGenerator) {
  Mix mix;
  const bool ok = rc::check("the mix of RapidCheck's generator", [&] {
    const trace::Trace t = *GenTrace();
    const SequenceEvents e = EventsOf(t);
    for (const std::string& tag : e.Tags()) RC_TAG(tag);
    mix.Add(e);
  });
  ASSERT_TRUE(ok);
  ASSERT_GE(mix.sequences, 100);
  mix.Expect("rapidcheck");
}

TEST(GeneratorMix, CampaignSource) {
  Mix mix;
  trace::Trace t;
  for (uint64_t seed = 1; seed <= 3000; ++seed) {
    GenerateSequence(seed, kDefaultMaxOps, t);
    mix.Add(EventsOf(t));
  }
  mix.Expect("campaign");
}

TEST(GeneratorMix, ReplayedChoicesGiveTheSameSequence) {
  trace::Trace t;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    std::vector<uint64_t> choices;
    GenerateSequence(seed, kDefaultMaxOps, t, &choices);
    const trace::Trace again =
        ShrinkableSequence(choices, kDefaultMaxOps).value();
    ASSERT_EQ(std::memcmp(&again.host, &t.host, sizeof(t.host)), 0) << seed;
    ASSERT_EQ(std::memcmp(&again.program, &t.program, sizeof(t.program)), 0)
        << seed;
    ASSERT_EQ(again.ops.size(), t.ops.size()) << seed;
    for (size_t i = 0; i < t.ops.size(); ++i) {
      ASSERT_EQ(std::memcmp(&again.ops[i], &t.ops[i], sizeof(dbgref_op)), 0)
          << seed << " op " << i;
    }
  }
}

}  // namespace
}  // namespace dbgref::props
