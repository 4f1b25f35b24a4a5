// The state blob of every port revision (model/revision.h): a vCPU whose
// state differs from a saved one only in some words, given those words by
// load_words, is the vCPU that load gives: it saves the same blob, and
// takes the same steps for the operation that follows.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "gtest/gtest.h"
#include "model/record_compare.h"
#include "port/driver.h"
#include "props/generators.h"
#include "props/revision_vcpu.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

using Blob = std::vector<uint64_t>;

Blob Save(const RevisionVcpu& vcpu) {
  Blob b(vcpu.StateSize() / sizeof(uint64_t));
  vcpu.SaveState(b.data());
  return b;
}

// The words where a and b differ.
std::vector<uint32_t> Differing(const Blob& a, const Blob& b) {
  std::vector<uint32_t> words;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) words.push_back(static_cast<uint32_t>(i));
  }
  return words;
}

TEST(StateBlobTest, LoadWordsGivesWhatLoadGives) {
  for (std::size_t p = 0; p < dbgref_port_count; ++p) {
    const dbgref_revision& revision = *dbgref_ports[p];
    ASSERT_NE(revision.load_words, nullptr) << revision.name;
    RevisionVcpu near(revision);
    RevisionVcpu whole(revision);
    trace::Trace t;
    int checked = 0;
    for (uint64_t seed = 1; seed <= 300; ++seed) {
      GenerateSequence(seed, kDefaultMaxOps, t);
      near.Reset(t.host, t.program);
      whole.Reset(t.host, t.program);
      // The states along the trace.
      std::vector<Blob> states = {Save(near)};
      for (const dbgref_op& op : t.ops) {
        near.Step(op);
        states.push_back(Save(near));
      }
      // From each state back to the one before it, and on by its operation.
      for (std::size_t k = 0; k + 1 < states.size(); ++k) {
        const std::vector<uint32_t> words = Differing(states[k + 1], states[k]);
        if (words.empty()) continue;
        near.LoadState(states[k + 1].data());
        near.LoadStateWords(states[k].data(), words.data(), words.size());
        whole.LoadState(states[k].data());
        ASSERT_EQ(Save(near), states[k])
            << revision.name << " seed " << seed << " op " << k;
        const absl::Span<const dbgref_obs> a = near.Step(t.ops[k]);
        const absl::Span<const dbgref_obs> b = whole.Step(t.ops[k]);
        ASSERT_EQ(a.size(), b.size()) << revision.name << " seed " << seed;
        for (std::size_t i = 0; i < a.size(); ++i) {
          ASSERT_TRUE(model::ObsEqual(a[i], b[i]))
              << revision.name << " seed " << seed << " op " << k << " step "
              << i << "\n"
              << model::ObsDiff(a[i], b[i]);
        }
        ASSERT_EQ(Save(near), Save(whole)) << revision.name << " seed " << seed;
        ++checked;
      }
    }
    EXPECT_GT(checked, 1000) << revision.name;
  }
}

}  // namespace
}  // namespace dbgref::props
