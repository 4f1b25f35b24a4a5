// The QEMU process (see qemu_process.h).
#include "oracle/host/qemu_process.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace dbgref::oracle {
namespace {

constexpr size_t kKeptLines = 200;

bool Executable(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
         access(path.c_str(), X_OK) == 0;
}

}  // namespace

absl::StatusOr<std::string> FindQemu(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    if (Executable(program)) return program;
  } else {
    const char* path = std::getenv("PATH");
    for (absl::string_view dir :
         absl::StrSplit(path != nullptr ? path : "", ':', absl::SkipEmpty())) {
      std::string candidate = absl::StrCat(dir, "/", program);
      if (Executable(candidate)) return candidate;
    }
  }
  return absl::FailedPreconditionError(absl::StrCat(
      program,
      " was not found (PATH=", std::getenv("PATH") ? std::getenv("PATH") : "",
      "); install QEMU: ./dbgref test as root installs qemu-system-arm, or "
      "run apt-get install qemu-system-arm"));
}

absl::StatusOr<std::unique_ptr<QemuProcess>> QemuProcess::Start(
    const std::string& path, const std::vector<std::string>& args) {
  int console[2], exec_error[2];
  if (pipe2(console, O_CLOEXEC) != 0 || pipe2(exec_error, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", strerror(errno)));
  }
  std::vector<std::string> argv_storage{path};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0)
    return absl::InternalError(absl::StrCat("fork: ", strerror(errno)));
  if (pid == 0) {
    // QEMU dies with the host process, and Kill() takes its whole group.
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(console[1], 1);
    dup2(console[1], 2);
    execv(path.c_str(), argv.data());
    int e = errno;
    (void)!write(exec_error[1], &e, sizeof(e));
    _exit(127);
  }
  close(console[1]);
  close(exec_error[1]);
  std::unique_ptr<QemuProcess> p(new QemuProcess());
  p->pid_ = pid;
  p->console_fd_ = console[0];
  fcntl(p->console_fd_, F_SETFL, O_NONBLOCK);
  int e = 0;
  ssize_t k = read(exec_error[0], &e, sizeof(e));
  close(exec_error[0]);
  if (k == sizeof(e)) {
    p->WaitExit(1000);
    return absl::FailedPreconditionError(
        absl::StrCat("QEMU failed to start: exec ", path, ": ", strerror(e)));
  }
  return p;
}

QemuProcess::~QemuProcess() {
  if (!Exited()) {
    Kill();
    WaitExit(5000);
  }
  if (console_fd_ >= 0) close(console_fd_);
}

void QemuProcess::AddConsole(const char* data, size_t len) {
  partial_.append(data, len);
  size_t nl;
  while ((nl = partial_.find('\n')) != std::string::npos) {
    std::string line = partial_.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines_.push_back(std::move(line));
    partial_.erase(0, nl + 1);
    if (lines_.size() > kKeptLines) lines_.pop_front();
  }
}

bool QemuProcess::DrainConsole() {
  char buf[4096];
  for (;;) {
    ssize_t k = read(console_fd_, buf, sizeof(buf));
    if (k > 0) {
      AddConsole(buf, static_cast<size_t>(k));
      continue;
    }
    if (k < 0 && errno == EINTR) continue;
    return !(k == 0);  // 0: end of the console; EAGAIN: nothing now
  }
}

std::string QemuProcess::LastConsoleLines(size_t n) const {
  std::string s;
  size_t start = lines_.size() > n ? lines_.size() - n : 0;
  for (size_t i = start; i < lines_.size(); ++i) {
    absl::StrAppend(&s, "\n  | ", lines_[i]);
  }
  if (!partial_.empty()) absl::StrAppend(&s, "\n  | ", partial_);
  if (s.empty()) s = "\n  | (the console printed nothing)";
  return s;
}

bool QemuProcess::Exited() {
  if (exited_) return true;
  if (pid_ < 0) return true;
  int st;
  pid_t r = waitpid(pid_, &st, WNOHANG);
  if (r == pid_) {
    exited_ = true;
    status_ = st;
  }
  return exited_;
}

std::string QemuProcess::ExitDescription() const {
  if (WIFEXITED(status_)) {
    return absl::StrCat("exited with status ", WEXITSTATUS(status_));
  }
  if (WIFSIGNALED(status_)) {
    return absl::StrCat("was killed by signal ", WTERMSIG(status_));
  }
  return "stopped";
}

void QemuProcess::Kill() {
  if (pid_ > 0 && !Exited()) {
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
  }
}

bool QemuProcess::WaitExit(int timeout_ms) {
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!Exited()) {
    DrainConsole();
    if (std::chrono::steady_clock::now() >= deadline) {
      Kill();
      int st;
      waitpid(pid_, &st, 0);
      exited_ = true;
      status_ = st;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  DrainConsole();
  return true;
}

}  // namespace dbgref::oracle
