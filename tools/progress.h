// A progress line on stderr for work that takes a while (proofs, a
// campaign), redrawn in place, only on a terminal and only once the work
// has taken about a second; erased when it goes.
//
//   Progress progress("differential campaign on v2", quiet);
//   for (...) progress.Update(done / total);
#ifndef DBGREF_TOOLS_PROGRESS_H_
#define DBGREF_TOOLS_PROGRESS_H_

#include <chrono>
#include <string>

namespace dbgref::tools {

class Progress {
 public:
  Progress(std::string what, bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Shows the fraction done, 0 to 1.
  void Update(double fraction);

 private:
  std::string what_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_PROGRESS_H_
