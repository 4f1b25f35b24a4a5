// The in-place model vCPU.
#include "props/model_vcpu.h"

#include <cstring>
#include <type_traits>
#include <vector>

namespace dbgref::props {
namespace {

static_assert(std::is_trivially_copyable_v<model::ConcreteVcpu> &&
              std::is_standard_layout_v<model::ConcreteVcpu>);

// The state's words (in the order of its field walk) as runs over the
// state's memory: consecutive words that are consecutive 64-bit fields are
// one run, copied at once; a truth value is a run of one. Found once, by
// walking a state and noting where each field lies.
struct Run {
  std::size_t offset;  // bytes into model::ConcreteVcpu
  std::size_t word;    // the first word
  std::size_t count;   // words
  bool truth;          // one bool, as a word 0 or 1
};

struct Layout {
  std::vector<Run> runs;
  std::size_t words = 0;
  // Where each word lies: its run.
  std::vector<uint32_t> run_of_word;
};

struct LayoutWalker {
  const char* base;
  Layout& layout;
  void Word(const model::FieldName&, const uint64_t& w) { Add(&w, false); }
  void Bool(const model::FieldName&, const bool& b) { Add(&b, true); }
  void Add(const void* field, bool truth) {
    const std::size_t offset =
        static_cast<std::size_t>(static_cast<const char*>(field) - base);
    std::vector<Run>& runs = layout.runs;
    if (!truth && !runs.empty() && !runs.back().truth &&
        runs.back().offset + runs.back().count * sizeof(uint64_t) == offset) {
      ++runs.back().count;
    } else {
      runs.push_back(Run{offset, layout.words, 1, truth});
    }
    ++layout.words;
  }
};

const Layout& StateLayout() {
  static const Layout layout = [] {
    Layout l;
    const model::ConcreteVcpu s{};
    LayoutWalker f{reinterpret_cast<const char*>(&s), l};
    model::WalkState(f, model::FieldName(""), s);
    for (std::size_t r = 0; r < l.runs.size(); ++r) {
      l.run_of_word.insert(l.run_of_word.end(), l.runs[r].count,
                           static_cast<uint32_t>(r));
    }
    return l;
  }();
  return layout;
}

}  // namespace

std::size_t ModelStateWords() { return StateLayout().words; }

void SaveModelState(const model::ConcreteVcpu& state, uint64_t* words) {
  const char* base = reinterpret_cast<const char*>(&state);
  for (const Run& r : StateLayout().runs) {
    if (r.truth) {
      words[r.word] = *reinterpret_cast<const bool*>(base + r.offset) ? 1 : 0;
    } else {
      std::memcpy(words + r.word, base + r.offset, r.count * sizeof(uint64_t));
    }
  }
}

void LoadModelState(const uint64_t* words, model::ConcreteVcpu& state) {
  char* base = reinterpret_cast<char*>(&state);
  for (const Run& r : StateLayout().runs) {
    if (r.truth) {
      *reinterpret_cast<bool*>(base + r.offset) = words[r.word] != 0;
    } else {
      std::memcpy(base + r.offset, words + r.word, r.count * sizeof(uint64_t));
    }
  }
}

void LoadModelStateWords(const uint64_t* words, const uint32_t* indices,
                         std::size_t count, model::ConcreteVcpu& state) {
  const Layout& layout = StateLayout();
  char* base = reinterpret_cast<char*>(&state);
  for (std::size_t k = 0; k < count; ++k) {
    const uint32_t i = indices[k];
    const Run& r = layout.runs[layout.run_of_word[i]];
    if (r.truth) {
      *reinterpret_cast<bool*>(base + r.offset) = words[i] != 0;
    } else {
      std::memcpy(base + r.offset + (i - r.word) * sizeof(uint64_t), words + i,
                  sizeof(uint64_t));
    }
  }
}

void ModelVcpu::Reset(const dbgref_host& host, const dbgref_program& program) {
  host_ = model::FromRecord(host);
  program_ = model::FromRecord(program);
  state_ = model::Reset(host);
  count_ = 0;
  ++resets_;
}

}  // namespace dbgref::props
