// Finding and checking a cached kernel image (see kernel_image.h).
#include "oracle/host/kernel_image.h"

#include <sys/stat.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace dbgref::oracle {
namespace {

constexpr char kFix[] = "run ./dbgref fetch-kernels (as root) to fetch it";

// The arm64 Image header: "ARM\x64" at byte 56 (Linux's
// Documentation/arch/arm64/booting.rst).
constexpr size_t kImageMagicOffset = 56;
constexpr char kImageMagic[] = {'A', 'R', 'M', 0x64};

bool ReadPrefix(const std::string& path, size_t n, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  out.resize(n);
  f.read(out.data(), static_cast<std::streamsize>(n));
  out.resize(static_cast<size_t>(f.gcount()));
  return true;
}

}  // namespace

std::string DefaultKernelCache() {
  const char* cache = std::getenv("DBGREF_KERNEL_CACHE");
  if (cache != nullptr && *cache != '\0') return cache;
  const char* home = std::getenv("HOME");
  return absl::StrCat(home != nullptr ? home : "", "/.cache/dbgref/kernels");
}

absl::StatusOr<KernelImage> FindKernel(const std::string& cache,
                                       const std::string& name) {
  const std::string dir = absl::StrCat(cache, "/", name);
  std::ifstream meta(dir + "/meta");
  if (!meta) {
    return absl::NotFoundError(
        absl::StrCat("kernel image ", name, " is not in ", dir, "; ", kFix));
  }
  std::map<std::string, std::string> kv;
  std::string line;
  while (std::getline(meta, line)) {
    size_t eq = line.find('=');
    if (eq != std::string::npos) kv[line.substr(0, eq)] = line.substr(eq + 1);
  }
  KernelImage k;
  k.name = name;
  k.package = kv["package"];
  k.version = kv["version"];
  k.kernel_release = kv["kernel_release"];
  k.vmlinuz = dir + "/vmlinuz";
  k.modules_cpio = dir + "/modules.cpio";
  uint64_t size = 0;
  if (k.package.empty() || k.version.empty() || k.kernel_release.empty() ||
      !absl::SimpleAtoi(kv["vmlinuz_size"], &size)) {
    return absl::DataLossError(absl::StrCat("kernel image ", name, ": ", dir,
                                            "/meta is incomplete; remove ", dir,
                                            " and ", kFix));
  }
  auto corrupt = [&](const std::string& why) {
    return absl::DataLossError(absl::StrCat("kernel image ", name, " (",
                                            k.vmlinuz, ") ", why, "; remove ",
                                            dir, " and ", kFix));
  };
  struct stat st;
  if (stat(k.vmlinuz.c_str(), &st) != 0) {
    return absl::NotFoundError(absl::StrCat("kernel image ", name, ": ",
                                            k.vmlinuz, " is missing; ", kFix));
  }
  if (static_cast<uint64_t>(st.st_size) != size) {
    return corrupt(absl::StrCat("is truncated or changed: ", st.st_size,
                                " bytes, ", size, " when fetched"));
  }
  std::string head;
  if (!ReadPrefix(k.vmlinuz, 64, head) || head.size() < 64 ||
      std::memcmp(head.data() + kImageMagicOffset, kImageMagic, 4) != 0) {
    return corrupt("is not an arm64 Image (no ARM\\x64 magic at byte 56)");
  }
  std::string cpio;
  if (!ReadPrefix(k.modules_cpio, 6, cpio) || cpio != "070701") {
    return corrupt(
        absl::StrCat("has no newc modules archive at ", k.modules_cpio));
  }
  return k;
}

}  // namespace dbgref::oracle
