// A stand-in for qemu-system-aarch64 that speaks the oracle's channel
// badly, for the fault tests. It finds the channel's socket in its
// -chardev argument and behaves as DBGREF_FAKE_QEMU says:
//   exit        prints a message and exits 1 without connecting
//   silent      connects and says nothing
//   garbage     connects and sends bytes that are no frame
//   bad_crc     sends a READY frame whose checksum is wrong
//   truncated   sends the first half of a READY frame and exits
//   ready_then_truncated  READY, then half a RESULTS frame, then exits
//   ready_then_garbled    READY, then a RESULTS frame for no script
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "oracle/host/wire.h"

namespace {

using dbgref::oracle::EncodeFrame;

int Connect(const std::string& path) {
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    std::perror("fake qemu: connect");
    std::exit(1);
  }
  return fd;
}

void Send(int fd, const std::vector<uint8_t>& b, size_t n) {
  if (write(fd, b.data(), n) != static_cast<ssize_t>(n)) std::exit(1);
}

std::vector<uint8_t> Ready() {
  const std::string text = "release=fake-1\nwire_version=1\ntarget=5\n";
  return EncodeFrame(DBGREF_FRAME_READY,
                     std::vector<uint8_t>(text.begin(), text.end()));
}

void WaitForBatch(int fd) {
  uint8_t b[4096];
  if (read(fd, b, sizeof(b)) <= 0) std::exit(0);
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  for (int i = 1; i + 1 < argc; ++i) {
    std::string a = argv[i + 1];
    size_t p = a.find("path=");
    if (std::strcmp(argv[i], "-chardev") == 0 && p != std::string::npos) {
      path = a.substr(p + 5);
    }
  }
  const char* env = std::getenv("DBGREF_FAKE_QEMU");
  const std::string mode = env ? env : "";
  std::printf("fake qemu: mode %s\n", mode.c_str());
  std::fflush(stdout);
  if (mode == "exit" || path.empty()) {
    std::fprintf(stderr, "fake qemu: cannot start this machine\n");
    return 1;
  }
  int fd = Connect(path);
  if (mode == "silent") {
    for (;;) pause();
  } else if (mode == "garbage") {
    std::vector<uint8_t> junk(64, 0x5a);
    Send(fd, junk, junk.size());
    for (;;) pause();
  } else if (mode == "bad_crc") {
    std::vector<uint8_t> f = Ready();
    f[12] ^= 1;
    Send(fd, f, f.size());
    for (;;) pause();
  } else if (mode == "truncated") {
    std::vector<uint8_t> f = Ready();
    Send(fd, f, f.size() / 2);
    return 0;
  } else if (mode == "ready_then_truncated") {
    std::vector<uint8_t> f = Ready();
    Send(fd, f, f.size());
    WaitForBatch(fd);
    std::vector<uint8_t> r =
        EncodeFrame(DBGREF_FRAME_RESULTS, std::vector<uint8_t>(40, 0));
    Send(fd, r, r.size() / 2);
    return 0;
  } else if (mode == "ready_then_garbled") {
    std::vector<uint8_t> f = Ready();
    Send(fd, f, f.size());
    WaitForBatch(fd);
    std::vector<uint8_t> r =
        EncodeFrame(DBGREF_FRAME_RESULTS, std::vector<uint8_t>(4, 0));
    Send(fd, r, r.size());
    for (;;) pause();
  }
  return 1;
}
