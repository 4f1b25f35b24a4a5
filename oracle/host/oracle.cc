// The oracle session (see oracle.h).
#include "oracle/host/oracle.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace dbgref::oracle {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

absl::Status Concatenate(const std::vector<std::string>& inputs,
                         const std::string& output) {
  std::ofstream out(output, std::ios::binary);
  for (const std::string& in : inputs) {
    std::ifstream f(in, std::ios::binary);
    if (!f) {
      return absl::NotFoundError(absl::StrCat(
          "the initramfs part ", in,
          " is missing; build it with bazel build //oracle/vmm:initramfs"));
    }
    out << f.rdbuf();
  }
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", output));
  return absl::OkStatus();
}

}  // namespace

std::string KernelInfo::Summary() const {
  return absl::StrCat(image.name, ": ", image.package, " ", image.version,
                      ", uname -r ", release);
}

absl::StatusOr<std::unique_ptr<Oracle>> Oracle::Boot(const BootOptions& o) {
  absl::StatusOr<KernelImage> image = FindKernel(o.kernel_cache, o.kernel);
  if (!image.ok()) return image.status();
  absl::StatusOr<std::string> qemu = FindQemu(o.qemu);
  if (!qemu.ok()) return qemu.status();
  if (o.initramfs.empty()) {
    return absl::InvalidArgumentError(
        "no initramfs given (//oracle/vmm:initramfs)");
  }
  std::unique_ptr<Oracle> vm(new Oracle());
  vm->options_ = o;
  vm->info_.image = *image;

  char dir[] = "/tmp/dbgref-oracle-XXXXXX";
  if (mkdtemp(dir) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp: ", strerror(errno)));
  }
  vm->temp_dir_ = dir;
  const std::string initrd = vm->temp_dir_ + "/initrd.cpio";
  const std::string socket_path = vm->temp_dir_ + "/channel.sock";
  absl::Status s = Concatenate({o.initramfs, image->modules_cpio}, initrd);
  if (!s.ok()) return s;

  // The host listens; QEMU connects to it as the virtio serial port's
  // backend when it starts.
  vm->listen_fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path.c_str(), sizeof(addr.sun_path) - 1);
  if (vm->listen_fd_ < 0 ||
      bind(vm->listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) !=
          0 ||
      listen(vm->listen_fd_, 1) != 0) {
    return absl::InternalError(
        absl::StrCat("cannot listen on ", socket_path, ": ", strerror(errno)));
  }

  std::string append = "console=ttyAMA0 panic=-1 quiet";
  if (!o.extra_append.empty()) absl::StrAppend(&append, " ", o.extra_append);
  const std::vector<std::string> args = {
      "-M",         "virt,virtualization=on,gic-version=3",
      "-cpu",       "max,pauth=off",
      "-smp",       "1",
      "-m",         "1024",
      "-nographic", "-no-reboot",
      "-nic",       "none",
      "-kernel",    image->vmlinuz,
      "-initrd",    initrd,
      "-append",    append,
      "-chardev",   absl::StrCat("socket,id=dbgref,path=", socket_path),
      "-device",    "virtio-serial-device",
      "-device",    "virtserialport,chardev=dbgref,name=dbgref",
  };
  const int64_t start = NowMs();
  absl::StatusOr<std::unique_ptr<QemuProcess>> process =
      QemuProcess::Start(*qemu, args);
  if (!process.ok()) return process.status();
  vm->qemu_ = std::move(*process);
  const int64_t deadline = start + o.boot_timeout_ms;

  // QEMU connects at start-up, before the guest runs.
  while (vm->channel_fd_ < 0) {
    pollfd p[2] = {{vm->listen_fd_, POLLIN, 0},
                   {vm->qemu_->console_fd(), POLLIN, 0}};
    int64_t left = deadline - NowMs();
    if (left <= 0) {
      return vm->Fail(absl::DeadlineExceededError(absl::StrCat(
          "QEMU did not connect to the channel within ", o.boot_timeout_ms,
          " ms; console:", vm->qemu_->LastConsoleLines())));
    }
    poll(p, 2, static_cast<int>(std::min<int64_t>(left, 100)));
    vm->qemu_->DrainConsole();
    if (p[0].revents & POLLIN) {
      vm->channel_fd_ = accept4(vm->listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    }
    if (vm->channel_fd_ < 0 && vm->qemu_->Exited()) {
      return vm->Fail(absl::FailedPreconditionError(
          absl::StrCat("QEMU failed to start (", vm->qemu_->ExitDescription(),
                       "); console:", vm->qemu_->LastConsoleLines())));
    }
  }
  fcntl(vm->channel_fd_, F_SETFL, O_NONBLOCK);

  absl::StatusOr<Frame> ready = vm->Receive(deadline, "the VMM's READY");
  if (!ready.ok()) return ready.status();
  if (ready->type != DBGREF_FRAME_READY) {
    return vm->Fail(absl::DataLossError(
        absl::StrCat("garbled output from the VMM: frame type ", ready->type,
                     " where READY was due")));
  }
  vm->info_.boot_seconds = (NowMs() - start) / 1000.0;
  std::map<std::string, std::string> kv;
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(
                          reinterpret_cast<const char*>(ready->payload.data()),
                          ready->payload.size()),
                      '\n', absl::SkipEmpty())) {
    std::pair<std::string, std::string> p =
        absl::StrSplit(line, absl::MaxSplits('=', 1));
    kv[p.first] = p.second;
  }
  vm->info_.release = kv["release"];
  vm->info_.kernel_version = kv["kernel_version"];
  vm->info_.vcpu_target = kv["target"];
  vm->info_.stats_exits = kv["stats_exits"] == "1";
  if (kv["wire_version"] != absl::StrCat(DBGREF_WIRE_VERSION)) {
    return vm->Fail(absl::DataLossError(
        absl::StrCat("the VMM's READY says wire version '", kv["wire_version"],
                     "', the host speaks ", DBGREF_WIRE_VERSION)));
  }
  if (vm->info_.release != image->kernel_release) {
    return vm->Fail(absl::DataLossError(absl::StrCat(
        "the VM runs kernel '", vm->info_.release, "', the cache says ",
        image->name, " is ", image->kernel_release)));
  }
  return vm;
}

Oracle::~Oracle() {
  if (qemu_ != nullptr && !qemu_->Exited()) {
    qemu_->Kill();
    qemu_->WaitExit(5000);
  }
  if (channel_fd_ >= 0) close(channel_fd_);
  if (listen_fd_ >= 0) close(listen_fd_);
  if (!temp_dir_.empty()) {
    unlink((temp_dir_ + "/initrd.cpio").c_str());
    unlink((temp_dir_ + "/channel.sock").c_str());
    rmdir(temp_dir_.c_str());
  }
}

absl::Status Oracle::Fail(absl::Status s) {
  if (qemu_ != nullptr) {
    qemu_->Kill();
    qemu_->WaitExit(5000);
  }
  dead_ = s;
  return s;
}

absl::StatusOr<Frame> Oracle::Receive(int64_t deadline_ms,
                                      const std::string& what) {
  for (;;) {
    absl::StatusOr<std::optional<Frame>> f = reader_.Next();
    if (!f.ok()) {
      return Fail(absl::DataLossError(
          absl::StrCat(f.status().message(), " while waiting for ", what,
                       "; console:", qemu_->LastConsoleLines())));
    }
    if (f->has_value()) {
      if ((*f)->type == DBGREF_FRAME_FATAL) {
        std::string why((*f)->payload.begin(), (*f)->payload.end());
        return Fail(absl::InternalError(absl::StrCat(
            "the VMM failed: ", why, "; console:", qemu_->LastConsoleLines())));
      }
      return std::move(**f);
    }
    int64_t left = deadline_ms - NowMs();
    if (left <= 0) {
      return Fail(absl::DeadlineExceededError(absl::StrCat(
          "timed out waiting for ", what, " (", reader_.pending(),
          " bytes of a frame received); console:", qemu_->LastConsoleLines())));
    }
    pollfd p[2] = {{channel_fd_, POLLIN, 0}, {qemu_->console_fd(), POLLIN, 0}};
    poll(p, 2, static_cast<int>(std::min<int64_t>(left, 200)));
    qemu_->DrainConsole();
    uint8_t buf[65536];
    bool closed = false;
    for (;;) {
      ssize_t k = read(channel_fd_, buf, sizeof(buf));
      if (k > 0) {
        reader_.Feed(buf, static_cast<size_t>(k));
        continue;
      }
      if (k < 0 && errno == EINTR) continue;
      closed = k == 0 || (k < 0 && errno != EAGAIN);
      break;
    }
    if (closed) {
      absl::StatusOr<std::optional<Frame>> last = reader_.Next();
      if (last.ok() && last->has_value()) return std::move(**last);
      qemu_->WaitExit(2000);
      std::string partial =
          reader_.pending() > 0
              ? absl::StrCat(" in the middle of a frame (", reader_.pending(),
                             " bytes of it)")
              : "";
      return Fail(absl::UnavailableError(
          absl::StrCat("the VMM died while the host waited for ", what, partial,
                       ": QEMU ", qemu_->ExitDescription(),
                       "; last console lines:", qemu_->LastConsoleLines())));
    }
  }
}

absl::Status Oracle::Send(const std::vector<uint8_t>& bytes,
                          int64_t deadline_ms) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t k = write(channel_fd_, bytes.data() + done, bytes.size() - done);
    if (k > 0) {
      done += static_cast<size_t>(k);
      continue;
    }
    if (k < 0 && errno != EAGAIN && errno != EINTR) {
      qemu_->WaitExit(2000);
      return Fail(absl::UnavailableError(
          absl::StrCat("the VMM died while the host sent a batch: QEMU ",
                       qemu_->ExitDescription(),
                       "; last console lines:", qemu_->LastConsoleLines())));
    }
    int64_t left = deadline_ms - NowMs();
    if (left <= 0) {
      return Fail(absl::DeadlineExceededError(absl::StrCat(
          "timed out sending a batch to the VMM (", done, " of ", bytes.size(),
          " bytes sent); console:", qemu_->LastConsoleLines())));
    }
    pollfd p[2] = {{channel_fd_, POLLOUT, 0}, {qemu_->console_fd(), POLLIN, 0}};
    poll(p, 2, static_cast<int>(std::min<int64_t>(left, 200)));
    qemu_->DrainConsole();
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ScriptResult>> Oracle::RunBatch(
    const std::vector<Script>& scripts) {
  if (!dead_.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the oracle VM is down after an earlier error: ", dead_.message()));
  }
  int64_t timeout = options_.batch_timeout_ms;
  if (timeout <= 0) {
    uint64_t runs = 0;
    for (const Script& s : scripts) runs += s.RunTimeoutTotalMs();
    timeout = 30000 + 2 * static_cast<int64_t>(runs);
  }
  const int64_t deadline = NowMs() + timeout;
  absl::Status s =
      Send(EncodeFrame(DBGREF_FRAME_BATCH, EncodeBatch(scripts)), deadline);
  if (!s.ok()) return s;
  absl::StatusOr<Frame> f = Receive(
      deadline, absl::StrCat("the results of a batch of ", scripts.size(),
                             " scripts (watchdog ", timeout, " ms)"));
  if (!f.ok()) return f.status();
  if (f->type != DBGREF_FRAME_RESULTS) {
    return Fail(absl::DataLossError(
        absl::StrCat("garbled output from the VMM: frame type ", f->type,
                     " where RESULTS were due")));
  }
  absl::StatusOr<std::vector<ScriptResult>> results =
      DecodeResults(f->payload, scripts);
  if (!results.ok()) return Fail(results.status());
  return results;
}

absl::Status Oracle::Shutdown() {
  if (!dead_.ok()) return dead_;
  absl::Status s = Send(EncodeFrame(DBGREF_FRAME_BYE, {}), NowMs() + 5000);
  if (!s.ok()) return s;
  if (!qemu_->WaitExit(10000)) {
    return Fail(absl::DeadlineExceededError(
        absl::StrCat("QEMU did not power off within 10 s of BYE; console:",
                     qemu_->LastConsoleLines())));
  }
  dead_ = absl::FailedPreconditionError("the oracle VM was shut down");
  return absl::OkStatus();
}

}  // namespace dbgref::oracle
