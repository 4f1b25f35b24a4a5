// The visited set of exhaustive exploration: 64-bit fingerprints of
// product states in one open-addressing table (linear probing), shared by
// every thread (insertion is a compare-and-swap of the fingerprint), with
// each state's parent link beside it so that a counterexample is walked
// back from its last state. 16 bytes per slot, at most 75% full: about 21
// bytes per state, and the 100 M states of the default --max-states in
// 2 GiB (2^27 slots hold 100.66 M).
//
// A slot holds the fingerprint (0 means empty; a fingerprint that hashes
// to 0 is stored as 1) and a link word: the parent's fingerprint with its
// low 8 bits replaced by the index of the operation that led here, or for
// a start state kStartOp and the program's index in the upper 56 bits.
// Walking back looks the parent up by its fingerprint's upper 56 bits.
#ifndef DBGREF_PROPS_FINGERPRINT_SET_H_
#define DBGREF_PROPS_FINGERPRINT_SET_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace dbgref::props {

class FingerprintSet {
 public:
  static constexpr uint32_t kStartOp = 0xff;  // operations are 0..254
  static constexpr uint64_t kBytesPerSlot = 16;
  static constexpr double kMaxLoad = 0.75;

  // Room for at most max_states states: Reserve never grows the table
  // past what they need.
  explicit FingerprintSet(uint64_t max_states);

  // Grows the table (not thread-safe) so that `states` states fit.
  void Reserve(uint64_t states);

  enum class Outcome { kNew, kSeen, kFull };
  // Inserts fp with its link (thread-safe). kFull: fp was new but the set
  // now holds more than max_states; the caller stops.
  Outcome Insert(uint64_t fp, uint64_t parent_fp, uint32_t op);
  Outcome InsertStart(uint64_t fp, uint32_t program);

  struct Link {
    bool start = false;
    uint32_t op = 0;          // the operation that led here
    uint32_t program = 0;     // for a start state
    uint64_t parent_key = 0;  // the parent's fingerprint, low 8 bits 0
    bool ambiguous = false;   // two stored states share the 56 bits
  };
  // The link of the stored state whose fingerprint has key's upper 56
  // bits (key = fp & ~0xff).
  std::optional<Link> Find(uint64_t key) const;

  uint64_t size() const { return size_.load(std::memory_order_relaxed); }
  uint64_t capacity() const { return mask_ + 1; }
  uint64_t bytes() const { return capacity() * kBytesPerSlot; }
  // The bytes of the table once `states` states are in it.
  static uint64_t BytesFor(uint64_t states) {
    return SlotsFor(states) * kBytesPerSlot;
  }

  // The fingerprint as stored (never 0).
  static uint64_t Stored(uint64_t fp) { return fp == 0 ? 1 : fp; }
  static uint64_t Key(uint64_t fp) { return Stored(fp) & ~uint64_t{0xff}; }

 private:
  struct Slot {
    std::atomic<uint64_t> fp{0};
    std::atomic<uint64_t> link{0};
  };
  Outcome Put(uint64_t fp, uint64_t link);
  static uint64_t SlotsFor(uint64_t states);

  uint64_t max_states_;
  uint64_t mask_ = 0;
  int shift_ = 0;  // home slot: fp >> shift_
  std::unique_ptr<Slot[]> slots_;
  std::atomic<uint64_t> size_{0};
};

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_FINGERPRINT_SET_H_
