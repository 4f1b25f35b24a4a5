// Booting a kernel revision (see kernel_boot.h).
#include "tools/kernel_boot.h"

#include <cstdlib>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "oracle/host/kernel_session.h"
#include "tools/revisions.h"
#include "tools/runfiles.h"

namespace dbgref::tools {
namespace {

constexpr char kFix[] = "./dbgref fetch-kernels";

int BootTimeoutMs() {
  const char* text = std::getenv("DBGREF_BOOT_TIMEOUT_MS");
  int ms = 0;
  if (text != nullptr && absl::SimpleAtoi(text, &ms) && ms > 0) return ms;
  return 60000;
}

}  // namespace

absl::Status KernelError(const Revision& revision, const absl::Status& status) {
  const std::string message(status.message());
  std::string advice;
  if (absl::StrContains(message, kFix)) {
    advice = "";
  } else if (status.code() == absl::StatusCode::kDeadlineExceeded) {
    advice = absl::StrCat(
        " (QEMU or the kernel hung; if the kernel image is damaged, ", kFix,
        " fetches it again)");
  } else {
    advice = absl::StrCat(" (", kFix,
                          " installs QEMU and fetches the kernel images "
                          "again)");
  }
  // The oracle's message may end in console lines: the advice goes on the
  // first line, where a reader looks.
  const size_t eol = message.find('\n');
  const std::string head = message.substr(0, eol);
  const std::string tail =
      eol == std::string::npos ? "" : message.substr(eol);
  return absl::Status(status.code(), absl::StrCat(revision.name, ": ", head,
                                                  advice, tail));
}

absl::StatusOr<std::unique_ptr<oracle::KernelSession>> StartKernel(
    const Revision& revision, const std::string& program) {
  oracle::SessionOptions options;
  options.boot.kernel = revision.name;
  options.boot.initramfs =
      RunfilePath(program, "oracle/vmm/initramfs.cpio");
  options.boot.boot_timeout_ms = BootTimeoutMs();
  absl::StatusOr<std::unique_ptr<oracle::KernelSession>> session =
      oracle::KernelSession::Start(options);
  if (!session.ok()) return KernelError(revision, session.status());
  return session;
}

}  // namespace dbgref::tools
