// A real Linux arm64 KVM as an oracle: boots QEMU (TCG, EL2) with a cached
// Debian kernel and our VMM as /init, waits for the VMM's READY, then runs
// batches of scripts in the same VM until Shutdown. Every failure (QEMU
// missing or failing, a bad kernel image, a boot or batch timeout, a VMM
// that dies, garbled output) is an error status of one clear line, plus the
// last console lines where they help; never a result.
#ifndef DBGREF_ORACLE_HOST_ORACLE_H_
#define DBGREF_ORACLE_HOST_ORACLE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "oracle/host/kernel_image.h"
#include "oracle/host/qemu_process.h"
#include "oracle/host/script.h"
#include "oracle/host/wire.h"

namespace dbgref::oracle {

struct BootOptions {
  std::string kernel = "linux-6.1";  // a folder of the kernel cache
  std::string kernel_cache = DefaultKernelCache();
  std::string initramfs;  // //oracle/vmm:initramfs
  std::string qemu = "qemu-system-aarch64";
  int boot_timeout_ms = 60000;
  // 0: 30 s plus twice the batch's run timeouts.
  int batch_timeout_ms = 0;
  // Appended to the kernel command line.
  std::string extra_append;
};

// What ran: the cache's record and what the VMM said at READY.
struct KernelInfo {
  KernelImage image;
  std::string release;         // uname -r inside
  std::string kernel_version;  // uname -v inside
  std::string vcpu_target;     // KVM_ARM_PREFERRED_TARGET
  bool stats_exits = false;    // the vCPU stats fd has `exits`
  double boot_seconds = 0;     // QEMU start to READY
  // "linux-6.1: linux-image-6.1.0-57-arm64 6.1.192-3, uname -r 6.1.0-57-arm64"
  std::string Summary() const;
};

class Oracle {
 public:
  static absl::StatusOr<std::unique_ptr<Oracle>> Boot(const BootOptions& o);
  ~Oracle();

  const KernelInfo& info() const { return info_; }

  // One round trip: the results, one per script, or an error after which
  // the VM is down.
  absl::StatusOr<std::vector<ScriptResult>> RunBatch(
      const std::vector<Script>& scripts);

  // The last `n` lines QEMU's console printed (kernel and VMM messages).
  std::string ConsoleTail(size_t n = 20) const {
    return qemu_ ? qemu_->LastConsoleLines(n) : "";
  }

  // Says BYE and waits for QEMU to exit.
  absl::Status Shutdown();

 private:
  Oracle() = default;
  // Reads frames until one arrives or the deadline passes; `what` names the
  // wait in errors ("the VMM's READY", "the results of a batch").
  absl::StatusOr<Frame> Receive(int64_t deadline_ms, const std::string& what);
  absl::Status Send(const std::vector<uint8_t>& bytes, int64_t deadline_ms);
  // Kills QEMU and records why; every later call returns the same error.
  absl::Status Fail(absl::Status s);

  BootOptions options_;
  KernelInfo info_;
  std::unique_ptr<QemuProcess> qemu_;
  std::string temp_dir_;
  int listen_fd_ = -1;
  int channel_fd_ = -1;
  FrameReader reader_;
  absl::Status dead_;
};

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_HOST_ORACLE_H_
