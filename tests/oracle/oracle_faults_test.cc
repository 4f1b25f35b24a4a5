// Every fault of the oracle is a clear error, within a bound, never a
// result: QEMU missing or failing to start, a missing, truncated or
// garbage kernel image, a boot timeout, garbled or truncated output (a
// fake QEMU), and, on a real boot of Linux 6.1, a VMM that crashes and a
// VMM that hangs. A spinning guest is in oracle_scenarios_test.
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "oracle/host/oracle.h"
#include "oracle/layout.h"
#include "tests/oracle/oracle_test_flags.h"

namespace dbgref::oracle {
namespace {

using ::testing::HasSubstr;

// A fresh folder under Bazel's TEST_TMPDIR (removed with the test's).
std::string TempDir() {
  const char* base = getenv("TEST_TMPDIR");
  std::string templ = std::string(base ? base : "/tmp") + "/faults-XXXXXX";
  EXPECT_NE(mkdtemp(templ.data()), nullptr);
  return templ;
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

// A kernel cache entry named "fake" whose files pass FindKernel's checks
// (or not, as `vmlinuz` and `size` say).
std::string FakeCache(const std::string& vmlinuz, size_t size) {
  std::string cache = TempDir();
  std::string dir = cache + "/fake";
  mkdir(dir.c_str(), 0755);
  WriteFile(dir + "/vmlinuz", vmlinuz);
  WriteFile(dir + "/modules.cpio", "070701" + std::string(512, '0'));
  WriteFile(dir + "/meta",
            "kernel=fake\npackage=linux-image-fake\n"
            "version=1\nkernel_release=fake-1\n"
            "vmlinuz_size=" +
                std::to_string(size) + "\n");
  return cache;
}

// 64 KiB that start with an arm64 Image header and then hold zeros: QEMU
// loads it, the CPU executes zeros, nothing ever boots.
std::string DeadImage() {
  std::string image(65536, '\0');
  std::memcpy(&image[56], "ARM\x64", 4);
  return image;
}

BootOptions FakeOptions(const std::string& mode) {
  setenv("DBGREF_FAKE_QEMU", mode.c_str(), 1);
  BootOptions o;
  o.kernel = "fake";
  o.kernel_cache = FakeCache(DeadImage(), 65536);
  o.initramfs = TestFlags().initramfs;
  o.qemu = TestFlags().fake_qemu;
  o.boot_timeout_ms = 3000;
  return o;
}

TEST(FaultsTest, QemuNotInPath) {
  std::string saved = getenv("PATH") ? getenv("PATH") : "";
  std::string empty = TempDir();
  setenv("PATH", empty.c_str(), 1);
  BootOptions o = FakeOptions("silent");
  o.qemu = "qemu-system-aarch64";
  absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(o);
  setenv("PATH", saved.c_str(), 1);
  ASSERT_FALSE(vm.ok());
  EXPECT_EQ(vm.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(vm.status().message(), HasSubstr("was not found"));
  EXPECT_THAT(vm.status().message(),
              HasSubstr("apt-get install qemu-system-arm"));
}

TEST(FaultsTest, KernelNotInCache) {
  BootOptions o = FakeOptions("silent");
  o.kernel_cache = TempDir();
  absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(o);
  ASSERT_FALSE(vm.ok());
  EXPECT_EQ(vm.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(vm.status().message(), HasSubstr("./dbgref fetch-kernels"));
}

TEST(FaultsTest, TruncatedKernelImage) {
  BootOptions o = FakeOptions("silent");
  o.kernel_cache = FakeCache(DeadImage(), 2 * 65536);
  absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(o);
  ASSERT_FALSE(vm.ok());
  EXPECT_EQ(vm.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(vm.status().message(), HasSubstr("truncated"));
  EXPECT_THAT(vm.status().message(), HasSubstr("./dbgref fetch-kernels"));
}

TEST(FaultsTest, GarbageKernelImage) {
  BootOptions o = FakeOptions("silent");
  o.kernel_cache = FakeCache(std::string(4096, 'x'), 4096);
  absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(o);
  ASSERT_FALSE(vm.ok());
  EXPECT_EQ(vm.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(vm.status().message(), HasSubstr("not an arm64 Image"));
}

// A real QEMU with an image that never boots: the boot's timeout.
TEST(FaultsTest, KernelThatNeverBootsTimesOut) {
  BootOptions o = FakeOptions("silent");
  o.qemu = "qemu-system-aarch64";
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(o);
  ASSERT_FALSE(vm.ok());
  EXPECT_EQ(vm.status().code(), absl::StatusCode::kDeadlineExceeded)
      << vm.status();
  EXPECT_THAT(vm.status().message(), HasSubstr("the VMM's READY"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(FaultsTest, QemuFailsToStart) {
  absl::StatusOr<std::unique_ptr<Oracle>> vm =
      Oracle::Boot(FakeOptions("exit"));
  ASSERT_FALSE(vm.ok());
  EXPECT_THAT(vm.status().message(), HasSubstr("QEMU failed to start"));
  EXPECT_THAT(vm.status().message(), HasSubstr("cannot start this machine"));
}

TEST(FaultsTest, SilentChannelTimesOut) {
  absl::StatusOr<std::unique_ptr<Oracle>> vm =
      Oracle::Boot(FakeOptions("silent"));
  ASSERT_FALSE(vm.ok());
  EXPECT_EQ(vm.status().code(), absl::StatusCode::kDeadlineExceeded);
}

TEST(FaultsTest, GarbageOnTheChannel) {
  absl::StatusOr<std::unique_ptr<Oracle>> vm =
      Oracle::Boot(FakeOptions("garbage"));
  ASSERT_FALSE(vm.ok());
  EXPECT_EQ(vm.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(vm.status().message(), HasSubstr("bad frame magic"));
}

TEST(FaultsTest, BadChecksum) {
  absl::StatusOr<std::unique_ptr<Oracle>> vm =
      Oracle::Boot(FakeOptions("bad_crc"));
  ASSERT_FALSE(vm.ok());
  EXPECT_EQ(vm.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(vm.status().message(), HasSubstr("checksum mismatch"));
}

TEST(FaultsTest, OutputStopsInTheMiddleOfAFrame) {
  absl::StatusOr<std::unique_ptr<Oracle>> vm =
      Oracle::Boot(FakeOptions("truncated"));
  ASSERT_FALSE(vm.ok());
  EXPECT_EQ(vm.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(vm.status().message(), HasSubstr("in the middle of a frame"));
  EXPECT_THAT(vm.status().message(), HasSubstr("fake qemu: mode truncated"));
}

Script OneRun() {
  Script s;
  s.Run(100);
  return s;
}

TEST(FaultsTest, ResultsStopInTheMiddleOfAFrame) {
  absl::StatusOr<std::unique_ptr<Oracle>> vm =
      Oracle::Boot(FakeOptions("ready_then_truncated"));
  ASSERT_TRUE(vm.ok()) << vm.status();
  absl::StatusOr<std::vector<ScriptResult>> r = (*vm)->RunBatch({OneRun()});
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("in the middle of a frame"));
  // The VM is down; later batches say so.
  absl::StatusOr<std::vector<ScriptResult>> again = (*vm)->RunBatch({OneRun()});
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(again.status().message(),
              HasSubstr("down after an earlier error"));
}

TEST(FaultsTest, GarbledResults) {
  absl::StatusOr<std::unique_ptr<Oracle>> vm =
      Oracle::Boot(FakeOptions("ready_then_garbled"));
  ASSERT_TRUE(vm.ok()) << vm.status();
  absl::StatusOr<std::vector<ScriptResult>> r = (*vm)->RunBatch({OneRun()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(r.status().message(), HasSubstr("0 results for 1 scripts"));
}

BootOptions Real() {
  BootOptions o;
  o.kernel = "linux-6.1";
  o.initramfs = TestFlags().initramfs;
  return o;
}

// The VMM dies (a test-only op): the error has the kernel's last words.
TEST(FaultsTest, VmmCrashOnLinux61) {
  absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(Real());
  ASSERT_TRUE(vm.ok()) << vm.status();
  Script ok;
  ok.GetOneReg(0x6030000000100040ull);
  Script crash;
  crash.TestCrash();
  absl::StatusOr<std::vector<ScriptResult>> r = (*vm)->RunBatch({ok, crash});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable) << r.status();
  EXPECT_THAT(r.status().message(), HasSubstr("the VMM died"));
  EXPECT_THAT(r.status().message(), HasSubstr("Kernel panic"));
  EXPECT_THAT(r.status().message(), HasSubstr("Attempted to kill init"));
}

// The VMM stops answering (a test-only op): the batch's watchdog.
TEST(FaultsTest, VmmHangOnLinux61) {
  BootOptions o = Real();
  o.batch_timeout_ms = 3000;
  absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(o);
  ASSERT_TRUE(vm.ok()) << vm.status();
  Script hang;
  hang.TestHang();
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<std::vector<ScriptResult>> r = (*vm)->RunBatch({hang});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(r.status().message(), HasSubstr("watchdog 3000 ms"));
  EXPECT_THAT(r.status().message(), HasSubstr("test-only hang op"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
}

}  // namespace
}  // namespace dbgref::oracle
