// The requirements of spec/requirements.md, in spec order: the one list
// from which every list of requirements is made (the predicates' registry,
// the enumeration the properties use, the command line's list, the
// manifests' lines, the traceability table). Each entry is
//   X(Predicate, "REQ-ID", "one-line title")
// where Predicate names the predicate template in model/requirements.h.
#ifndef DBGREF_MODEL_REQUIREMENT_LIST_H_
#define DBGREF_MODEL_REQUIREMENT_LIST_H_

#include <array>
#include <string_view>

#define DBGREF_REQUIREMENTS(X)                                               \
  X(ReqIoctlValid, "REQ-IOCTL-VALID",                                        \
    "a control bit outside the valid mask gives -EINVAL and changes nothing") \
  X(ReqIoctlDisable, "REQ-IOCTL-DISABLE",                                    \
    "a valid control word without ENABLE turns guest debug off")             \
  X(ReqIoctlHwregs, "REQ-IOCTL-HWREGS",                                      \
    "ENABLE|USE_HW records all of userspace's registers for the next entry") \
  X(ReqCap, "REQ-CAP",                                                       \
    "HW_BPS and HW_WPS report BRPs+1 and WRPs+1, within 1..16")              \
  X(ReqOneReg, "REQ-ONE-REG",                                                \
    "KVM_GET_ONE_REG reads the guest's own values; KVM_SET_ONE_REG sets them") \
  X(ReqInit, "REQ-INIT",                                                     \
    "KVM_ARM_VCPU_INIT resets the guest's debug state, not userspace's")     \
  X(ReqTrapTda, "REQ-TRAP-TDA",                                              \
    "MDCR_EL2.TDA is in effect on every entry while guest debug is on")      \
  X(ReqTrapTde, "REQ-TRAP-TDE",                                              \
    "MDCR_EL2.TDE exactly when guest debug is on; TPM, TPMCR, TDRA, TDOSA "  \
    "always")                                                                \
  X(ReqHwProgram, "REQ-HW-PROGRAM",                                          \
    "with USE_HW the hardware holds userspace's registers and MDE enables "  \
    "them")                                                                  \
  X(ReqHwBreak, "REQ-HW-BREAK",                                              \
    "a userspace breakpoint fires exactly where it matches, and no other")  \
  X(ReqHwWatch, "REQ-HW-WATCH",                                              \
    "a userspace watchpoint fires exactly on the accesses it matches")       \
  X(ReqBrk, "REQ-BRK",                                                       \
    "BRK exits to userspace under guest debug, else the guest takes it")     \
  X(ReqSs, "REQ-SS",                                                         \
    "SINGLESTEP exits after exactly one instruction; the guest's SS comes "  \
    "back")                                                                  \
  X(ReqRestore, "REQ-RESTORE",                                               \
    "after every exit the guest context holds the guest's own values")       \
  X(ReqShadow, "REQ-SHADOW",                                                 \
    "a guest read returns what the guest (or KVM_SET_ONE_REG) last wrote")  \
  X(ReqIsolation, "REQ-ISOLATION",                                           \
    "the guest never changes userspace's registers nor reads a host value")  \
  X(ReqNoundef, "REQ-NOUNDEF",                                               \
    "implemented debug registers never UNDEF; unimplemented ones always do") \
  X(ReqExit, "REQ-EXIT",                                                     \
    "debug exits are exactly the debug exceptions taken to EL2, with hsr "   \
    "and far")                                                               \
  X(ReqOff, "REQ-OFF",                                                       \
    "with guest debug off KVM changes nothing the guest can see")            \
  X(ReqOsLock, "REQ-OSLOCK",                                                 \
    "the guest's OS lock stops its own debug events, not userspace's")

namespace dbgref {

// The position of each requirement in the list: kReqShadow, ... and their
// number. In namespace dbgref itself, so that every layer names them alike.
enum Requirement : int {
#define DBGREF_REQUIREMENT_ENUMERATOR(predicate, id, title) k##predicate,
  DBGREF_REQUIREMENTS(DBGREF_REQUIREMENT_ENUMERATOR)
#undef DBGREF_REQUIREMENT_ENUMERATOR
  kRequirementCount,
};

namespace model {

struct RequirementId {
  std::string_view id;         // "REQ-SHADOW"
  std::string_view title;      // one line
  std::string_view predicate;  // in model/requirements.h
};

#define DBGREF_REQUIREMENT_ID(predicate, id, title) {id, title, #predicate},
inline constexpr std::array<RequirementId, kRequirementCount> kRequirements = {
    {DBGREF_REQUIREMENTS(DBGREF_REQUIREMENT_ID)}};
#undef DBGREF_REQUIREMENT_ID

}  // namespace model
}  // namespace dbgref

#endif  // DBGREF_MODEL_REQUIREMENT_LIST_H_
