// The requirements of spec/requirements.md by ID, in spec order, with a
// one-line title and the model predicate that states each. The one list
// that the command line, the properties, the manifests and the
// traceability table share.
#ifndef DBGREF_MODEL_REQUIREMENT_IDS_H_
#define DBGREF_MODEL_REQUIREMENT_IDS_H_

#include <array>
#include <string_view>

namespace dbgref::model {

struct RequirementId {
  std::string_view id;         // "REQ-SHADOW"
  std::string_view title;      // one line
  std::string_view predicate;  // in model/requirements.h
};

inline constexpr std::array<RequirementId, 14> kRequirements = {{
    {"REQ-IOCTL-VALID",
     "ENABLE with an invalid control bit gives -EINVAL and changes nothing",
     "ReqIoctlValid"},
    {"REQ-IOCTL-DISABLE", "without ENABLE, guest debug is off afterwards",
     "ReqIoctlDisable"},
    {"REQ-IOCTL-HWREGS",
     "ENABLE|USE_HW records all of userspace's registers for the next entry",
     "ReqIoctlHwregs"},
    {"REQ-CAP", "HW_BPS and HW_WPS report BRPs+1 and WRPs+1, within 1..16",
     "ReqCap"},
    {"REQ-TRAP-TDA",
     "MDCR_EL2.TDA is set on every entry while guest debug is on",
     "ReqTrapTda"},
    {"REQ-TRAP-TDE",
     "MDCR_EL2.TDE exactly when guest debug is on; TPM, TPMCR, TDRA, TDOSA "
     "always",
     "ReqTrapTde"},
    {"REQ-HW-PROGRAM",
     "with USE_HW the hardware holds userspace's breakpoints and MDSCR enables "
     "them",
     "ReqHwProgram"},
    {"REQ-RESTORE",
     "after clear_debug the guest context holds the guest's own values",
     "ReqRestore"},
    {"REQ-SHADOW", "a guest read returns what the guest last wrote",
     "ReqShadow"},
    {"REQ-ISOLATION",
     "the guest never changes userspace's registers nor reads a host value",
     "ReqIsolation"},
    {"REQ-NOUNDEF",
     "every trapped debug register access is emulated, never an UNDEF",
     "ReqNoundef"},
    {"REQ-EXIT",
     "debug exceptions exit with KVM_EXIT_DEBUG, hsr and pc (far for "
     "watchpoints)",
     "ReqExit"},
    {"REQ-SS",
     "SINGLESTEP sets PSTATE.SS and MDSCR_EL1.SS; the guest's own come back",
     "ReqSs"},
    {"REQ-OFF", "with guest debug off KVM leaves the guest's debug state alone",
     "ReqOff"},
}};

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_REQUIREMENT_IDS_H_
