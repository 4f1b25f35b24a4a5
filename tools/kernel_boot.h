// Booting a real kernel revision for the command line: the oracle's
// session (oracle/host/kernel_session.h) with the initramfs from the
// binary's runfiles, and every failure turned into one error that says
// what to do. A missing or damaged kernel image, a QEMU that is missing,
// fails or hangs, a VMM that dies: each is an error (never a report), and
// each names ./dbgref fetch-kernels, which installs QEMU and fetches the
// images again.
//
// DBGREF_KERNEL_CACHE names the kernel cache (oracle/fetch_kernels.sh);
// DBGREF_BOOT_TIMEOUT_MS bounds the boot (default 60000).
#ifndef DBGREF_TOOLS_KERNEL_BOOT_H_
#define DBGREF_TOOLS_KERNEL_BOOT_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "oracle/host/kernel_session.h"
#include "tools/revisions.h"

namespace dbgref::tools {

// Boots revision (a kernel) with the initramfs beside `program` (argv[0]).
absl::StatusOr<std::unique_ptr<oracle::KernelSession>> StartKernel(
    const Revision& revision, const std::string& program);

// An error of a booted session (a batch that failed), in the same words.
absl::Status KernelError(const Revision& revision, const absl::Status& status);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_KERNEL_BOOT_H_
