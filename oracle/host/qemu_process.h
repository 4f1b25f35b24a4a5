// The QEMU process behind an oracle VM: started with its console (stdout
// and stderr) on a pipe that the host drains, the last console lines kept
// for error messages, killed with its process group when the host is done
// or gives up.
#ifndef DBGREF_ORACLE_HOST_QEMU_PROCESS_H_
#define DBGREF_ORACLE_HOST_QEMU_PROCESS_H_

#include <sys/types.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace dbgref::oracle {

// The full path of `program` (searched in PATH when it has no slash), or
// FailedPrecondition naming the package to install.
absl::StatusOr<std::string> FindQemu(const std::string& program);

class QemuProcess {
 public:
  // Starts `path` with `args` (argv[1..]). An exec failure is an error.
  static absl::StatusOr<std::unique_ptr<QemuProcess>> Start(
      const std::string& path, const std::vector<std::string>& args);
  ~QemuProcess();

  int console_fd() const { return console_fd_; }
  // Reads whatever the console has; returns false at its end.
  bool DrainConsole();
  // The last `n` console lines, each prefixed with "  | ".
  std::string LastConsoleLines(size_t n = 20) const;
  // True once the process has exited; `status` is the waitpid status.
  bool Exited();
  int status() const { return status_; }
  // "exited with status 1" or "was killed by signal 9".
  std::string ExitDescription() const;
  void Kill();
  // Waits up to timeout_ms for the exit; kills it after that.
  bool WaitExit(int timeout_ms);

 private:
  QemuProcess() = default;
  void AddConsole(const char* data, size_t len);

  pid_t pid_ = -1;
  int console_fd_ = -1;
  bool exited_ = false;
  int status_ = 0;
  std::string partial_;
  std::deque<std::string> lines_;
};

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_HOST_QEMU_PROCESS_H_
