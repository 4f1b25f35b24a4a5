// The model's proof obligations, each proved once per command, summed up
// per requirement for the reports. They depend on no revision, so a
// command proves them on a thread of their own while its campaigns run.
//
//   BackgroundProofs proofs;                  // starts proving
//   ... campaigns ...
//   const ProofSummary& summary = proofs.Wait(quiet);
#ifndef DBGREF_TOOLS_PROOF_SUMMARY_H_
#define DBGREF_TOOLS_PROOF_SUMMARY_H_

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace dbgref::tools {

struct ProofSummary {
  // For each requirement (or INVARIANT) with an obligation: whether every
  // one of its obligations was proved.
  std::map<std::string, bool> proved_by_requirement;
  // One line per obligation not proved, with why.
  std::vector<std::string> notes;
  double seconds = 0;
  bool all_proved = true;
};

// Proves every obligation of proofs/obligations.h; *done, when given,
// follows the fraction proved.
ProofSummary RunProofs(std::atomic<double>* done = nullptr);

class BackgroundProofs {
 public:
  BackgroundProofs();
  // Without Wait, leaves the proofs running (detached): the process ends
  // with _Exit, without waiting for them.
  ~BackgroundProofs();
  BackgroundProofs(const BackgroundProofs&) = delete;
  BackgroundProofs& operator=(const BackgroundProofs&) = delete;

  // The summary, once every obligation is decided; a progress line while
  // it waits, unless quiet.
  const ProofSummary& Wait(bool quiet);

 private:
  std::atomic<double> done_{0};
  ProofSummary summary_;
  std::thread thread_;
  bool joined_ = false;
};

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_PROOF_SUMMARY_H_
