// A vCPU of one revision under check (model/revision.h), that destroys
// itself, is reset to a new host and program without allocating, and keeps
// the observations of its last operation in a buffer of its own.
#ifndef DBGREF_PROPS_REVISION_VCPU_H_
#define DBGREF_PROPS_REVISION_VCPU_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "absl/types/span.h"
#include "model/record.h"
#include "model/revision.h"

namespace dbgref::props {

class RevisionVcpu {
 public:
  explicit RevisionVcpu(const dbgref_revision& revision)
      : revision_(&revision) {
    const dbgref_host host{};
    const dbgref_program program{};
    vcpu_ = revision.create(&host, &program);
  }
  ~RevisionVcpu() {
    if (vcpu_ != nullptr) revision_->destroy(vcpu_);
  }
  RevisionVcpu(const RevisionVcpu&) = delete;
  RevisionVcpu& operator=(const RevisionVcpu&) = delete;

  void Reset(const dbgref_host& host, const dbgref_program& program) {
    revision_->reset(vcpu_, &host, &program);
  }

  // One operation; the observation of each step, valid until the next call.
  absl::Span<const dbgref_obs> Step(const dbgref_op& op) {
    std::size_t n = revision_->step(vcpu_, &op, obs_.data());
    if (n > obs_.size()) n = obs_.size();
    return absl::MakeConstSpan(obs_.data(), n);
  }

  const dbgref_revision& revision() const { return *revision_; }

  // The state blob (model/revision.h), when the revision has one.
  bool CanSaveState() const {
    return revision_->save != nullptr && revision_->load != nullptr &&
           revision_->state_size > 0;
  }
  std::size_t StateSize() const { return revision_->state_size; }
  void SaveState(void* state) const { revision_->save(vcpu_, state); }
  void LoadState(const void* state) { revision_->load(vcpu_, state); }
  // LoadState(state) where the vCPU's saved state differs from state only
  // in the count words listed (model/revision.h, load_words).
  void LoadStateWords(const void* state, const uint32_t* words,
                      std::size_t count) {
    if (revision_->load_words == nullptr) {
      revision_->load(vcpu_, state);
    } else {
      revision_->load_words(vcpu_, state, words, count);
    }
  }

 private:
  const dbgref_revision* revision_;
  dbgref_revision_vcpu* vcpu_;
  std::array<dbgref_obs, DBGREF_MAX_OBS_PER_OP> obs_;
};

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_REVISION_VCPU_H_
