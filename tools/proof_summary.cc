// Proving every obligation (see proof_summary.h).
#include "tools/proof_summary.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "proofs/obligations.h"
#include "props/elapsed.h"
#include "tools/progress.h"

namespace dbgref::tools {

ProofSummary RunProofs(std::atomic<double>* done) {
  ProofSummary summary;
  const auto start = std::chrono::steady_clock::now();
  const std::vector<proofs::Obligation>& all = proofs::AllObligations();
  if (done != nullptr) done->store(0.0);
  const std::vector<proofs::ProofResult> results = proofs::ProveAll(
      std::max(1u, std::thread::hardware_concurrency()),
      [&](std::size_t concluded) {
        if (done != nullptr && concluded < all.size()) {
          done->store(static_cast<double>(concluded) / all.size());
        }
      });
  for (size_t i = 0; i < all.size(); ++i) {
    const bool proved =
        results[i].status == proofs::ProofResult::Status::kProved;
    auto [it, inserted] =
        summary.proved_by_requirement.emplace(all[i].requirement, proved);
    if (!inserted) it->second = it->second && proved;
    if (!proved) {
      summary.all_proved = false;
      summary.notes.push_back(
          absl::StrCat("model proof ", all[i].name, " (", all[i].requirement,
                       "): ", proofs::StatusName(results[i].status)));
    }
  }
  summary.seconds = props::SecondsSince(start);
  if (done != nullptr) done->store(1.0);
  return summary;
}

BackgroundProofs::BackgroundProofs()
    : thread_([this] { summary_ = RunProofs(&done_); }) {}

BackgroundProofs::~BackgroundProofs() {
  // A command that ends early (an input error) does not wait for the
  // proofs: the thread is left to the process's exit (dbgref_main.cc).
  if (!joined_) thread_.detach();
}

const ProofSummary& BackgroundProofs::Wait(bool quiet) {
  if (!joined_) {
    Progress progress("proving the model's obligations", quiet);
    while (done_.load() < 1.0) {
      progress.Update(done_.load());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    thread_.join();
    joined_ = true;
  }
  return summary_;
}

}  // namespace dbgref::tools
