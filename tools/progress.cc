// The progress line (see progress.h).
#include "tools/progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

#include "props/elapsed.h"

namespace dbgref::tools {

Progress::Progress(std::string what, bool quiet)
    : what_(std::move(what)),
      enabled_(!quiet && isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (shown_) std::fprintf(stderr, "\r%*s\r", 72, "");
}

void Progress::Update(double fraction) {
  if (!enabled_ || props::SecondsSince(start_) < 1.0) return;
  shown_ = true;
  std::fprintf(stderr, "\r%-50.50s %3d%%", what_.c_str(),
               static_cast<int>(fraction * 100));
  std::fflush(stderr);
}

}  // namespace dbgref::tools
