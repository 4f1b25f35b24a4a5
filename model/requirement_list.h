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

#define DBGREF_REQUIREMENTS(X) \
  X(ReqIoctlValid, "REQ-IOCTL-VALID", "ENABLE with an invalid control bit gives -EINVAL and changes nothing") \
  X(ReqIoctlDisable, "REQ-IOCTL-DISABLE", "without ENABLE, guest debug is off afterwards") \
  X(ReqIoctlHwregs, "REQ-IOCTL-HWREGS", "ENABLE|USE_HW records all of userspace's registers for the next entry") \
  X(ReqCap, "REQ-CAP", "HW_BPS and HW_WPS report BRPs+1 and WRPs+1, within 1..16") \
  X(ReqTrapTda, "REQ-TRAP-TDA", "MDCR_EL2.TDA is set on every entry while guest debug is on") \
  X(ReqTrapTde, "REQ-TRAP-TDE", "MDCR_EL2.TDE exactly when guest debug is on; TPM, TPMCR, TDRA, TDOSA always") \
  X(ReqHwProgram, "REQ-HW-PROGRAM", "with USE_HW the hardware holds userspace's breakpoints and MDSCR enables them") \
  X(ReqRestore, "REQ-RESTORE", "after clear_debug the guest context holds the guest's own values") \
  X(ReqShadow, "REQ-SHADOW", "a guest read returns what the guest last wrote") \
  X(ReqIsolation, "REQ-ISOLATION", "the guest never changes userspace's registers nor reads a host value") \
  X(ReqNoundef, "REQ-NOUNDEF", "every trapped debug register access is emulated, never an UNDEF") \
  X(ReqExit, "REQ-EXIT", "debug exceptions exit with KVM_EXIT_DEBUG, hsr and pc (far for watchpoints)") \
  X(ReqSs, "REQ-SS", "SINGLESTEP sets PSTATE.SS and MDSCR_EL1.SS; the guest's own come back") \
  X(ReqOff, "REQ-OFF", "with guest debug off KVM leaves the guest's debug state alone")

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
