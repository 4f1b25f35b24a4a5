// Breadth-first exploration of the product of the model and a revision
// (see explore.h).
//
// The search goes level by level. A level's frontier is a list of blocks
// of encoded states; threads take blocks in turn and write the new states
// each block leads to into blocks of their own, which make the next
// frontier in block order. A state is encoded against the first start
// state: its program, the history bits, its fingerprint, a bitmap of the
// words that differ and those words XORed with the reference, so that a
// frontier costs tens of bytes per state rather than kilobytes.
#include "props/explore.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "model/guest_layout.h"
#include "props/fingerprint_set.h"
#include "props/lockstep.h"
#include "props/model_vcpu.h"
#include "props/requirement_set.h"

namespace dbgref::props {
namespace {

using Clock = std::chrono::steady_clock;

constexpr uint64_t kBlockStates = 512;
constexpr int kMaxHistoryBits = 32;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// The fingerprint of a product state: the words where it differs from the
// reference state (the first start state), each mixed with a key of its
// position (index_key) and summed, then mixed with its program and its
// history bits. Equal states differ from the reference in the same words
// by the same values, so they have equal fingerprints; a state costs a
// scan of its words and a mix per word that differs (tens of the
// thousand).
//
// The sum of word i's term, 0 where the word is the reference's.
uint64_t Term(uint64_t word, uint64_t reference, uint64_t index_key) {
  const uint64_t x = word ^ reference;
  return x == 0 ? 0 : Mix(x ^ index_key);
}

uint64_t FingerprintOfSum(uint64_t sum, uint64_t program, uint64_t history) {
  return Mix(Mix(sum ^ Mix(program + 1)) +
             Mix(history ^ 0xc2b2ae3d27d4eb4full));
}

// Calls visit(i) for every word i of a and b (n words each) that may
// differ: each word of a run of eight where some word differs, and each
// word after the last run. Most runs are equal, and each is passed over at
// once. The scans below are the cost of a state, and are made with AVX2
// where the CPU has it.
template <class Visit>
inline __attribute__((always_inline)) void ForEachWordOfDifferingRuns(
    const uint64_t* a, const uint64_t* b, std::size_t n, Visit&& visit) {
  constexpr std::size_t kRun = 8;
  std::size_t i = 0;
  for (; i + kRun <= n; i += kRun) {
    uint64_t any = 0;
    for (std::size_t k = 0; k < kRun; ++k) any |= a[i + k] ^ b[i + k];
    if (any == 0) continue;
    for (std::size_t k = 0; k < kRun; ++k) visit(i + k);
  }
  for (; i < n; ++i) visit(i);
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
uint64_t
FingerprintSum(const uint64_t* w, const uint64_t* reference,
               const uint64_t* index_key, std::size_t n) {
  uint64_t sum = 0;
  ForEachWordOfDifferingRuns(w, reference, n, [&](std::size_t i) {
    sum += Term(w[i], reference[i], index_key[i]);
  });
  return sum;
}

// The sum of `after` from that of `before` (a state of the same length):
// the terms of the words that differ between the two change. Lists those
// words in changed (room for n), in order, and sets *count to how many.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
uint64_t
FingerprintSumAfter(uint64_t sum, const uint64_t* before, const uint64_t* after,
                    const uint64_t* reference, const uint64_t* index_key,
                    std::size_t n, uint32_t* changed, std::size_t* count) {
  std::size_t c = 0;
  ForEachWordOfDifferingRuns(after, before, n, [&](std::size_t i) {
    if (after[i] == before[i]) return;
    changed[c++] = static_cast<uint32_t>(i);
    sum += Term(after[i], reference[i], index_key[i]) -
           Term(before[i], reference[i], index_key[i]);
  });
  *count = c;
  return sum;
}

uint64_t Fingerprint(const uint64_t* w, const uint64_t* reference,
                     const uint64_t* index_key, std::size_t n, uint64_t program,
                     uint64_t history) {
  return FingerprintOfSum(FingerprintSum(w, reference, index_key, n), program,
                          history);
}

struct Block {
  std::vector<uint64_t> data;
  uint64_t count = 0;
};

// What the search shares between threads, fixed for the search.
struct Context {
  const Alphabet* alphabet;
  std::vector<dbgref_program> programs;
  std::size_t model_words = 0;
  std::size_t words = 0;   // model and revision
  std::size_t bitmap = 0;  // words of the bitmap
  std::vector<uint64_t> reference;
  // A key per word position for the fingerprint (Fingerprint).
  std::vector<uint64_t> index_key;
  // The history bit of each operation, or -1 for one the observational
  // view never reads back.
  std::vector<int> history_bit;
  std::vector<int> bit_op;  // the operation of each history bit
  FingerprintSet* set = nullptr;
};

struct Decoded {
  uint32_t program = 0;
  uint64_t history = 0;
  uint64_t fp = 0;
  uint64_t sum = 0;  // the fingerprint's sum (FingerprintSum), when decoded
};

// The words of w that differ from the reference: a bit of bitmap (zeroed
// by the caller) for each, and its XOR with the reference in turn from
// value on; returns how many.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
std::size_t
DifferingWords(const uint64_t* w, const uint64_t* reference, std::size_t n,
               uint64_t* bitmap, uint64_t* value) {
  std::size_t count = 0;
  ForEachWordOfDifferingRuns(w, reference, n, [&](std::size_t i) {
    const uint64_t x = w[i] ^ reference[i];
    if (x == 0) return;
    bitmap[i / 64] |= uint64_t{1} << (i % 64);
    value[count++] = x;
  });
  return count;
}

// Appends the state's encoding to the block; scratch has room for a word
// per word of the state.
void Encode(const Context& c, const uint64_t* w, const Decoded& d, Block& block,
            uint64_t* scratch) {
  std::vector<uint64_t>& out = block.data;
  const std::size_t head = out.size();
  out.resize(head + 3 + c.bitmap, 0);
  const std::size_t nonzero = DifferingWords(w, c.reference.data(), c.words,
                                             out.data() + head + 3, scratch);
  out.insert(out.end(), scratch, scratch + nonzero);
  out[head] = (uint64_t{d.program} << 32) | nonzero;
  out[head + 1] = d.history;
  out[head + 2] = d.fp;
  ++block.count;
}

// Decodes the state at data[pos] into w, which holds the reference but
// at the words `differing` lists (those of the state decoded into it
// before); on return `differing` lists the new state's. Returns the next
// position.
std::size_t Decode(const Context& c, const uint64_t* data, std::size_t pos,
                   uint64_t* w, std::vector<uint32_t>& differing, Decoded& d) {
  d.program = static_cast<uint32_t>(data[pos] >> 32);
  const uint64_t nonzero = data[pos] & 0xffffffffu;
  d.history = data[pos + 1];
  d.fp = data[pos + 2];
  const uint64_t* bitmap = data + pos + 3;
  const uint64_t* value = bitmap + c.bitmap;
  for (const uint32_t i : differing) w[i] = c.reference[i];
  differing.clear();
  // The words stored are those that differ from the reference, XORed with
  // it: the terms of the fingerprint's sum.
  uint64_t sum = 0;
  for (std::size_t b = 0; b < c.bitmap; ++b) {
    for (uint64_t bits = bitmap[b]; bits != 0; bits &= bits - 1) {
      const std::size_t i = b * 64 + __builtin_ctzll(bits);
      sum += Mix(*value ^ c.index_key[i]);
      w[i] = c.reference[i] ^ *value++;
      differing.push_back(static_cast<uint32_t>(i));
    }
  }
  d.sum = sum;
  return pos + 3 + c.bitmap + nonzero;
}

// The state constraint: the guest's PC in the program (its lines and the
// END word after them) or in the exception handler.
bool WithinConstraint(const model::ConcreteVcpu& s, const dbgref_program& p) {
  const uint64_t pc = s.ctx.pc;
  if (pc >= DBGREF_HANDLER_ADDR && pc <= DBGREF_HANDLER_ERET_ADDR) return true;
  return pc >= DBGREF_CODE_BASE && pc <= DBGREF_CODE_BASE + 4 * p.count;
}

// The first breaking transition of a requirement in a level, the one of
// the lowest (program, operation) among those seen.
struct Candidate {
  bool any = false;
  uint64_t order = 0;
  uint64_t parent_fp = 0;
  uint32_t op = 0;
};

class Worker {
 public:
  Worker(const dbgref_revision& revision, const Context& c)
      : c_(c),
        runner_(revision),
        cur_(c.words),
        next_(c.words),
        scratch_(c.words),
        changed_(c.words),
        port_changed_(c.words) {
    judge_.host = c.alphabet->host;
  }

  LockstepRunner& runner() { return runner_; }
  void Forget() { program_ = UINT32_MAX; }

  // The words of program p's start state.
  void StartState(uint32_t p, uint64_t* w) {
    Use(p);
    SaveModelState(runner_.model_vcpu().state(), w);
    runner_.revision_vcpu().SaveState(w + c_.model_words);
  }

  // Extends every state of the block by every operation; false when the
  // set became full.
  bool Expand(const Block& in, std::vector<Block>& out) {
    const std::vector<dbgref_op>& ops = c_.alphabet->ops;
    if (!cur_holds_reference_) {
      std::copy(c_.reference.begin(), c_.reference.end(), cur_.begin());
      cur_differing_.clear();
      cur_holds_reference_ = true;
    }
    std::size_t pos = 0;
    for (uint64_t s = 0; s < in.count; ++s) {
      Decoded d;
      pos = Decode(c_, in.data.data(), pos, cur_.data(), cur_differing_, d);
      Use(d.program);
      LoadModelState(cur_.data(), cur_model_);
      judge_.ops.clear();
      for (std::size_t b = 0; b < c_.bit_op.size(); ++b) {
        if ((d.history >> b) & 1) judge_.ops.push_back(ops[c_.bit_op[b]]);
      }
      const std::size_t at = judge_.ops.size();
      judge_.ops.push_back(dbgref_op{});
      // Where the two vCPUs stand against the state cur_: holding every
      // word of it (after a transition that changed none: the next
      // operation starts without loading it again), near it (after one
      // that changed the words changed_ lists: only those are loaded
      // back), or anywhere.
      enum class Held { kAnywhere, kNear, kAll };
      Held held = Held::kAnywhere;
      for (std::size_t a = 0; a < ops.size(); ++a) {
        judge_.ops[at] = ops[a];
        if (held == Held::kNear) {
          LoadNear();
        } else if (held == Held::kAnywhere) {
          runner_.model_vcpu().mutable_state() = cur_model_;
          runner_.revision_vcpu().LoadState(cur_.data() + c_.model_words);
        }
        held = Held::kAnywhere;
        RequirementSet broken;
        runner_.CompareOperation(
            judge_, at,
            [&](const Divergence& div) {
              if (!div.verdict.Diverged()) return true;
              broken = div.verdict.violated;
              return false;
            },
            nullptr, &cur_model_);
        ++transitions;
        if (!broken.empty()) {
          Note(broken, d, static_cast<uint32_t>(a));
          continue;
        }
        const model::ConcreteVcpu& after = runner_.model_vcpu().state();
        if (!WithinConstraint(after, c_.programs[d.program])) {
          ++constrained;
          continue;
        }
        SaveModelState(after, next_.data());
        runner_.revision_vcpu().SaveState(next_.data() + c_.model_words);
        Decoded n;
        n.program = d.program;
        n.history = d.history;
        if (c_.history_bit[a] >= 0)
          n.history |= uint64_t{1} << c_.history_bit[a];
        // The fingerprint from the parent's, over the words the operation
        // changed. When it left the state as it was, the fingerprint is the
        // parent's, which the set holds (Insert would find it seen).
        n.sum = FingerprintSumAfter(d.sum, cur_.data(), next_.data(),
                                    c_.reference.data(), c_.index_key.data(),
                                    c_.words, changed_.data(), &changed_count_);
        const bool changed = changed_count_ > 0;
        held = changed ? Held::kNear : Held::kAll;
        if (!changed && n.history == d.history) continue;
        n.fp = FingerprintOfSum(n.sum, n.program, n.history);
        const FingerprintSet::Outcome o =
            c_.set->Insert(n.fp, d.fp, static_cast<uint32_t>(a));
        if (o == FingerprintSet::Outcome::kSeen) continue;
        if (out.empty() || out.back().count >= kBlockStates) out.emplace_back();
        Encode(c_, next_.data(), n, out.back(), scratch_.data());
        ++fresh;
        if (o == FingerprintSet::Outcome::kFull) return false;
      }
    }
    return true;
  }

  std::array<Candidate, kRequirementCount> candidates;
  uint64_t transitions = 0;
  uint64_t constrained = 0;
  uint64_t fresh = 0;

 private:
  // Puts the two vCPUs, near cur_, into it.
  void LoadNear() {
    const uint32_t* words = changed_.data();
    const std::size_t model_count = static_cast<std::size_t>(
        std::lower_bound(words, words + changed_count_,
                         static_cast<uint32_t>(c_.model_words)) -
        words);
    LoadModelStateWords(cur_.data(), words, model_count,
                        runner_.model_vcpu().mutable_state());
    const std::size_t port_count = changed_count_ - model_count;
    for (std::size_t k = 0; k < port_count; ++k) {
      port_changed_[k] =
          words[model_count + k] - static_cast<uint32_t>(c_.model_words);
    }
    runner_.revision_vcpu().LoadStateWords(cur_.data() + c_.model_words,
                                           port_changed_.data(), port_count);
  }

  void Use(uint32_t p) {
    if (p == program_) return;
    program_ = p;
    judge_.program = c_.programs[p];
    runner_.model_vcpu().Reset(c_.alphabet->host, judge_.program);
    runner_.revision_vcpu().Reset(c_.alphabet->host, judge_.program);
  }

  void Note(RequirementSet broken, const Decoded& d, uint32_t op) {
    const uint64_t order = (uint64_t{d.program} << 8) | op;
    for (int r = 0; r < kRequirementCount; ++r) {
      if (!broken.Has(static_cast<Requirement>(r))) continue;
      Candidate& k = candidates[r];
      if (k.any && k.order <= order) continue;
      k = Candidate{true, order, d.fp, op};
    }
  }

  const Context& c_;
  LockstepRunner runner_;
  std::vector<uint64_t> cur_;
  model::ConcreteVcpu cur_model_;  // the model's part of cur_
  std::vector<uint64_t> next_;
  // cur_ is the reference but at the words cur_differing_ lists, once
  // cur_holds_reference_ (Decode).
  bool cur_holds_reference_ = false;
  std::vector<uint32_t> cur_differing_;
  std::vector<uint64_t> scratch_;  // for Encode
  // The words in which the two vCPUs differ from cur_, when they are near
  // it (Expand): all of them, and the revision's counted from its blob.
  std::vector<uint32_t> changed_;
  std::size_t changed_count_ = 0;
  std::vector<uint32_t> port_changed_;
  trace::Trace judge_;
  uint32_t program_ = UINT32_MAX;
};

// The counterexample that ends with candidate k, walked back.
absl::StatusOr<trace::Trace> WalkBack(const Context& c, const Candidate& k,
                                      int depth, uint64_t* ambiguous) {
  std::vector<uint32_t> ops = {k.op};
  uint64_t key = FingerprintSet::Key(k.parent_fp);
  for (int i = 0; i <= depth; ++i) {
    const std::optional<FingerprintSet::Link> link = c.set->Find(key);
    if (!link) return absl::InternalError("a parent state is missing");
    if (link->ambiguous) ++*ambiguous;
    if (link->start) {
      trace::Trace t;
      t.host = c.alphabet->host;
      t.program = c.programs[link->program];
      for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
        t.ops.push_back(c.alphabet->ops[*it]);
      }
      return t;
    }
    ops.push_back(link->op);
    key = link->parent_key;
  }
  return absl::InternalError("a parent chain is longer than the search");
}

class Progress {
 public:
  explicit Progress(bool on) : on_(on && isatty(STDERR_FILENO)) {}
  ~Progress() {
    if (printed_) std::fputc('\n', stderr);
  }
  void Show(uint64_t transitions, uint64_t distinct, uint64_t queue, int depth,
            double seconds) {
    if (!on_ || seconds - last_ < 0.5) return;
    last_ = seconds;
    printed_ = true;
    std::fprintf(stderr,
                 "\rexplore: %llu states, %llu distinct, queue %llu, depth "
                 "%d, %.0f states/s   ",
                 static_cast<unsigned long long>(transitions),
                 static_cast<unsigned long long>(distinct),
                 static_cast<unsigned long long>(queue), depth,
                 seconds > 0 ? transitions / seconds : 0.0);
  }

 private:
  bool on_;
  bool printed_ = false;
  double last_ = 0;
};

}  // namespace

absl::StatusOr<ExploreResult> Explore(const dbgref_revision& revision,
                                      const Alphabet& alphabet,
                                      const ExploreOptions& options) {
  if (revision.state_size == 0 || revision.save == nullptr ||
      revision.load == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("revision '", revision.name,
                     "' has no state blob: exploration needs a port's full "
                     "state"));
  }
  if (options.max_depth < 1) {
    return absl::InvalidArgumentError("the depth must be at least 1");
  }
  if (alphabet.ops.empty() || alphabet.ops.size() >= FingerprintSet::kStartOp) {
    return absl::InvalidArgumentError("an alphabet has 1 to 254 operations");
  }
  const Clock::time_point start = Clock::now();
  const std::clock_t cpu_start = std::clock();
  const int threads = std::max(1, options.threads);
  FingerprintSet set(options.max_states);
  Context c;
  c.alphabet = &alphabet;
  c.programs = Programs(alphabet);
  c.model_words = ModelStateWords();
  c.words = c.model_words + revision.state_size / sizeof(uint64_t);
  c.bitmap = (c.words + 63) / 64;
  c.set = &set;
  for (std::size_t i = 0; i < c.words; ++i) {
    c.index_key.push_back(Mix(0x9e3779b97f4a7c15ull * (i + 1)));
  }
  for (std::size_t a = 0; a < alphabet.ops.size(); ++a) {
    const dbgref_op& op = alphabet.ops[a];
    bool read_back = op.kind == DBGREF_OP_SET_ONE_REG && op.value != 0;
    if (op.kind == DBGREF_OP_SET_GUEST_DEBUG) {
      const kvm_guest_debug_arch zero{};
      read_back = std::memcmp(&op.dbg.arch, &zero, sizeof(zero)) != 0;
    }
    c.history_bit.push_back(read_back ? static_cast<int>(c.bit_op.size()) : -1);
    if (read_back) c.bit_op.push_back(static_cast<int>(a));
  }
  if (static_cast<int>(c.bit_op.size()) > kMaxHistoryBits) {
    return absl::InvalidArgumentError(
        "an alphabet has at most 32 KVM_SET_ONE_REG and KVM_SET_GUEST_DEBUG "
        "operations with values");
  }

  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < threads; ++i) {
    workers.push_back(std::make_unique<Worker>(revision, c));
  }
  ExploreResult result;
  result.threads = threads;
  result.programs = c.programs.size();
  result.state_bytes = c.words * sizeof(uint64_t);

  // The start states, one per program.
  std::vector<Block> frontier;
  std::vector<uint64_t> w(c.words);
  std::vector<uint64_t> scratch(c.words);
  set.Reserve(c.programs.size());
  for (uint32_t p = 0; p < c.programs.size(); ++p) {
    workers[0]->StartState(p, w.data());
    if (p == 0) c.reference = w;
    Decoded d;
    d.program = p;
    d.fp = Fingerprint(w.data(), c.reference.data(), c.index_key.data(),
                       c.words, p, 0);
    if (set.InsertStart(d.fp, p) != FingerprintSet::Outcome::kNew) continue;
    if (frontier.empty() || frontier.back().count >= 64)
      frontier.emplace_back();
    Encode(c, w.data(), d, frontier.back(), scratch.data());
  }

  Progress progress(options.progress);
  std::vector<bool> found(kRequirementCount, false);
  int level = 0;
  bool full = false;
  uint64_t generated = 0;  // for the progress line
  while (!frontier.empty() && level < options.max_depth && !full) {
    uint64_t queued = 0;
    for (const Block& b : frontier) queued += b.count;
    set.Reserve(set.size() + queued * alphabet.ops.size());
    for (auto& worker : workers) worker->candidates = {};
    std::vector<std::vector<Block>> out(frontier.size());
    std::atomic<std::size_t> next_block{0};
    std::atomic<bool> stop{false};
    std::atomic<uint64_t> done{0};
    auto work = [&](int id) {
      Worker& worker = *workers[id];
      for (;;) {
        const std::size_t b = next_block.fetch_add(1);
        if (b >= frontier.size() || stop.load()) return;
        if (!worker.Expand(frontier[b], out[b])) stop.store(true);
        done.fetch_add(frontier[b].count);
        if (id == 0) {
          const uint64_t transitions =
              generated + done.load() * alphabet.ops.size();
          progress.Show(transitions, set.size(), queued - done.load(),
                        level + 1, SecondsSince(start));
        }
      }
    };
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back(work, i);
    work(0);
    for (std::thread& t : pool) t.join();
    full = stop.load();
    generated += queued * alphabet.ops.size();
    ++level;
    // The first breaking transitions of this level.
    for (int r = 0; r < kRequirementCount; ++r) {
      if (found[r]) continue;
      const Candidate* best = nullptr;
      for (auto& worker : workers) {
        const Candidate& k = worker->candidates[r];
        if (k.any && (best == nullptr || k.order < best->order)) best = &k;
      }
      if (best == nullptr) continue;
      absl::StatusOr<trace::Trace> t =
          WalkBack(c, *best, level, &result.ambiguous_links);
      if (!t.ok()) return t.status();
      found[r] = true;
      ExploreFinding f;
      f.id = std::string(RequirementIdOf(static_cast<Requirement>(r)));
      f.counterexample = std::move(*t);
      f.length = static_cast<int>(f.counterexample.ops.size());
      result.findings.push_back(std::move(f));
    }
    std::vector<Block> next;
    for (std::vector<Block>& blocks : out) {
      for (Block& b : blocks) next.push_back(std::move(b));
    }
    frontier = std::move(next);
    if (!frontier.empty()) result.depth = level;
  }
  for (auto& worker : workers) {
    result.transitions += worker->transitions;
    result.constrained += worker->constrained;
  }
  if (full) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "more than --max-states=", options.max_states,
        " distinct states are reachable over alphabet '", alphabet.name, "' (",
        result.transitions, " transitions, depth ", level,
        "); raise --max-states (16 bytes a slot, at most ",
        static_cast<int>(FingerprintSet::kMaxLoad * 100),
        "% full) or lower --max-depth"));
  }
  result.closed = frontier.empty();
  result.distinct = set.size();
  result.table_bytes = set.bytes();
  result.seconds = SecondsSince(start);
  result.cpu_seconds =
      static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double n = static_cast<double>(result.distinct);
  const double t = static_cast<double>(result.transitions + result.programs);
  const double two64 = 18446744073709551616.0;
  result.collision_optimistic = t > n ? n * (t - n) / two64 : 0;
  result.collision_birthday = n * (n - 1) / (2 * two64);
  // Each counterexample replayed from reset, and spec order.
  LockstepRunner& replay = workers[0]->runner();
  for (ExploreFinding& f : result.findings) {
    const std::optional<Divergence> d =
        replay.FirstDivergence(f.counterexample);
    const std::optional<Requirement> r = FindRequirement(f.id);
    f.replayed = d && r && d->verdict.violated.Has(*r);
  }
  std::sort(result.findings.begin(), result.findings.end(),
            [](const ExploreFinding& a, const ExploreFinding& b) {
              return *FindRequirement(a.id) < *FindRequirement(b.id);
            });
  return result;
}

}  // namespace dbgref::props
