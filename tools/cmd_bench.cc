// dbgref bench: the benchmark lines of the proofs (proofs_total_s and one
// proof_<name>_s per obligation) and of the properties (lockstep and
// campaign throughput, time to counterexample, shrunk length, peak RSS) and
// of exhaustive exploration (transitions per second with 1 and 2 threads,
// time to close the default alphabet per port revision), as key=value on
// stdout; then the real kernels' figures (boot, the cost inside of one
// ioctl and one KVM_RUN, traces per second inside one boot). The
// benchmarks are the binaries //proofs:proof_bench, //tools:props_bench,
// //tools:explore_bench and //oracle/bench:trace_bench, run from this
// binary's runfiles so that each measures in a process of its own.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "tools/commands.h"
#include "tools/runfiles.h"

namespace dbgref::tools {
namespace {

// Runs one benchmark binary, with its arguments, its stdout passed
// through; true when it exited 0.
bool RunBenchmark(const std::string& path,
                  const std::vector<std::string>& args = {}) {
  if (access(path.c_str(), X_OK) != 0) {
    std::fprintf(stderr, "dbgref: benchmark %s is missing\n", path.c_str());
    return false;
  }
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    std::vector<char*> argv = {const_cast<char*>(path.c_str())};
    for (const std::string& a : args)
      argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(path.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int RunBench(const Command& command) {
  bool ok = RunBenchmark(RunfilePath(command.program, "proofs/proof_bench"));
  ok = RunBenchmark(RunfilePath(command.program, "tools/props_bench")) && ok;
  ok = RunBenchmark(RunfilePath(command.program, "tools/explore_bench")) && ok;
  // The real kernels: boot, the cost of one ioctl and one KVM_RUN, traces
  // per second inside one boot (oracle/README.md, "Figures").
  ok = RunBenchmark(
           RunfilePath(command.program, "oracle/bench/trace_bench"),
           {"--initramfs=" +
            RunfilePath(command.program, "oracle/vmm/initramfs.cpio")}) &&
       ok;
  return ok ? 0 : 1;
}

}  // namespace dbgref::tools
