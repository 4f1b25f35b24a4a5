// Finds a real kernel's image in the cache that oracle/fetch_kernels.sh
// fills, and checks that it is whole: its metadata, an arm64 Image header,
// the size recorded at fetch time, and the modules archive.
#ifndef DBGREF_ORACLE_HOST_KERNEL_IMAGE_H_
#define DBGREF_ORACLE_HOST_KERNEL_IMAGE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace dbgref::oracle {

struct KernelImage {
  std::string name;            // "linux-6.1"
  std::string package;         // "linux-image-6.1.0-57-arm64"
  std::string version;         // the package version, "6.1.192-3"
  std::string kernel_release;  // what `uname -r` says inside
  std::string vmlinuz;         // path
  std::string modules_cpio;    // path
};

// $DBGREF_KERNEL_CACHE, else $HOME/.cache/dbgref/kernels.
std::string DefaultKernelCache();

// NotFound when the kernel is not in the cache, DataLoss when its files are
// truncated or not what they claim; both name ./dbgref as the fix.
absl::StatusOr<KernelImage> FindKernel(const std::string& cache,
                                       const std::string& name);

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_HOST_KERNEL_IMAGE_H_
