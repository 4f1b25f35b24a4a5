// The fingerprint table (see fingerprint_set.h).
#include "props/fingerprint_set.h"

#include <algorithm>

namespace dbgref::props {

uint64_t FingerprintSet::SlotsFor(uint64_t states) {
  uint64_t slots = uint64_t{1} << 12;
  while (static_cast<double>(slots) * kMaxLoad < static_cast<double>(states)) {
    slots <<= 1;
  }
  return slots;
}

FingerprintSet::FingerprintSet(uint64_t max_states) : max_states_(max_states) {
  Reserve(0);
}

void FingerprintSet::Reserve(uint64_t states) {
  const uint64_t want = SlotsFor(std::min(states, max_states_ + 1));
  if (slots_ != nullptr && want <= capacity()) return;
  std::unique_ptr<Slot[]> old = std::move(slots_);
  const uint64_t old_capacity = old == nullptr ? 0 : capacity();
  slots_.reset(new Slot[want]);
  mask_ = want - 1;
  shift_ = 64;
  for (uint64_t s = want; s > 1; s >>= 1) --shift_;
  const uint64_t size = size_.load();
  for (uint64_t i = 0; i < old_capacity; ++i) {
    const uint64_t fp = old[i].fp.load(std::memory_order_relaxed);
    if (fp != 0) Put(fp, old[i].link.load(std::memory_order_relaxed));
  }
  size_.store(size);
}

FingerprintSet::Outcome FingerprintSet::Put(uint64_t fp, uint64_t link) {
  uint64_t i = (fp >> shift_) & mask_;
  for (;;) {
    Slot& slot = slots_[i];
    uint64_t seen = slot.fp.load(std::memory_order_acquire);
    if (seen == 0) {
      if (slot.fp.compare_exchange_strong(seen, fp,
                                          std::memory_order_acq_rel)) {
        slot.link.store(link, std::memory_order_relaxed);
        const uint64_t n = size_.fetch_add(1, std::memory_order_relaxed) + 1;
        return n > max_states_ ? Outcome::kFull : Outcome::kNew;
      }
    }
    if (seen == fp) return Outcome::kSeen;
    i = (i + 1) & mask_;
  }
}

FingerprintSet::Outcome FingerprintSet::Insert(uint64_t fp, uint64_t parent_fp,
                                               uint32_t op) {
  return Put(Stored(fp), Key(parent_fp) | (op & 0xff));
}

FingerprintSet::Outcome FingerprintSet::InsertStart(uint64_t fp,
                                                    uint32_t program) {
  return Put(Stored(fp), (uint64_t{program} << 8) | kStartOp);
}

std::optional<FingerprintSet::Link> FingerprintSet::Find(uint64_t key) const {
  std::optional<Link> found;
  uint64_t i = (key >> shift_) & mask_;
  for (;;) {
    const Slot& slot = slots_[i];
    const uint64_t fp = slot.fp.load(std::memory_order_acquire);
    if (fp == 0) return found;
    if ((fp & ~uint64_t{0xff}) == key) {
      if (found) {
        found->ambiguous = true;
        return found;
      }
      const uint64_t link = slot.link.load(std::memory_order_relaxed);
      Link l;
      l.op = static_cast<uint32_t>(link & 0xff);
      l.start = l.op == kStartOp;
      if (l.start) {
        l.program = static_cast<uint32_t>(link >> 8);
      } else {
        l.parent_key = link & ~uint64_t{0xff};
      }
      found = l;
    }
    i = (i + 1) & mask_;
  }
}

}  // namespace dbgref::props
