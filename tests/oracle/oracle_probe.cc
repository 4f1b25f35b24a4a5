// Prints what every oracle scenario observes on a kernel, as the tables in
// oracle/README.md are made from:
//   bazel run //tests/oracle:oracle_probe -- linux-6.12
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "oracle/host/oracle.h"
#include "tests/oracle/scenarios.h"

int main(int argc, char** argv) {
  using namespace dbgref::oracle;
  BootOptions o;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--initramfs=", 12) == 0) {
      o.initramfs = argv[i] + 12;
    } else {
      o.kernel = argv[i];
    }
  }
  absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(o);
  if (!vm.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", vm.status().ToString().c_str());
    return 2;
  }
  std::printf("%s (boot %.2f s)\n", (*vm)->info().Summary().c_str(),
              (*vm)->info().boot_seconds);
  std::vector<scenarios::Scenario> all = scenarios::All();
  if (const char* only = std::getenv("DBGREF_ONLY")) {
    std::vector<scenarios::Scenario> some;
    for (auto& s : all) {
      if (std::strstr(only, s.name.c_str()) != nullptr) some.push_back(s);
    }
    all = some;
  }
  std::vector<Script> scripts;
  for (const auto& s : all) scripts.push_back(s.script);
  absl::StatusOr<std::vector<ScriptResult>> r = (*vm)->RunBatch(scripts);
  if (!r.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", r.status().ToString().c_str());
    return 2;
  }
  for (size_t i = 0; i < all.size(); ++i) {
    std::printf("== %s\n%s", all[i].name.c_str(), Describe((*r)[i]).c_str());
  }
  absl::Status s = (*vm)->Shutdown();
  return s.ok() ? 0 : 2;
}
