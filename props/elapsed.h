// Wall-clock time since a moment, in seconds: for the campaign's timings,
// the benchmarks and the command line's progress line.
#ifndef DBGREF_PROPS_ELAPSED_H_
#define DBGREF_PROPS_ELAPSED_H_

#include <chrono>

namespace dbgref::props {

inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_ELAPSED_H_
