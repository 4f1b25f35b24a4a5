// The obligations of the model this binary is compiled with
// (TheCompiledModel), by name: listing, proving, replaying, reporting.
#include "proofs/obligations.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "proofs/counterexample.h"
#include "proofs/prover.h"
#include "proofs/statement.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::proofs {
namespace {

const Definition* FindDefinition(const std::string& name) {
  for (const Definition& d : TheCompiledModel().definitions) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

}  // namespace

const std::vector<Obligation>& AllObligations() {
  static const std::vector<Obligation>* const all = [] {
    auto* out = new std::vector<Obligation>;
    for (const Definition& d : TheCompiledModel().definitions) {
      out->push_back(
          Obligation{d.name, d.requirement, MethodText(d), d.summary});
    }
    return out;
  }();
  return *all;
}

absl::StatusOr<ProofResult> Prove(const std::string& name) {
  const Definition* d = FindDefinition(name);
  if (d == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("no proof obligation '", name, "'"));
  }
  return ProveStatement(TheCompiledModel(), *d);
}

std::vector<ProofResult> ProveAll(
    unsigned threads, const std::function<void(std::size_t)>& on_done) {
  const std::vector<Definition>& all = TheCompiledModel().definitions;
  std::vector<ProofResult> results(all.size());
  std::atomic<std::size_t> next{0};
  std::size_t concluded = 0;
  std::mutex concluded_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < all.size(); i = next++) {
      results[i] = ProveStatement(TheCompiledModel(), all[i]);
      std::lock_guard<std::mutex> lock(concluded_mutex);
      ++concluded;
      if (on_done) on_done(concluded);
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < std::max(threads, 1u); ++t) {
    workers.emplace_back(work);
  }
  work();
  for (std::thread& w : workers) w.join();
  return results;
}

absl::StatusOr<bool> ReplayViolates(const std::string& name,
                                    const trace::Trace& trace) {
  const Definition* d = FindDefinition(name);
  if (d == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("no proof obligation '", name, "'"));
  }
  const CompiledModel& m = TheCompiledModel();
  return Violates(*d, RunConcrete(m, trace.host, trace.program,
                                  m.concrete_reset(trace.host), trace.ops));
}

std::string StatusName(ProofResult::Status status) {
  switch (status) {
    case ProofResult::Status::kProved:
      return "proved";
    case ProofResult::Status::kFailed:
      return "FAILED";
    case ProofResult::Status::kVacuous:
      return "VACUOUS";
    case ProofResult::Status::kUnknown:
      return "UNKNOWN";
  }
  return "UNKNOWN";
}

std::string FormatResult(const ProofResult& r) {
  std::string out =
      absl::StrFormat("%s [%s]: %s in %.3f s\n  method: %s\n", r.name,
                      r.requirement, StatusName(r.status), r.seconds, r.method);
  if (!r.strategy.empty() && r.status == ProofResult::Status::kProved) {
    absl::StrAppend(&out, "  decided by: ", r.strategy, "\n");
  }
  if (!r.detail.empty() && r.status != ProofResult::Status::kFailed) {
    absl::StrAppend(&out, "  ", r.detail, "\n");
  }
  if (r.status == ProofResult::Status::kFailed) {
    absl::StrAppend(&out, "counterexample", r.from_reset ? " (from reset)" : "",
                    r.replayed ? ", replayed on the concrete model"
                               : ", NOT reproduced by the concrete model",
                    ":\n", r.violation);
    if (!r.from_reset) absl::StrAppend(&out, r.detail);
    if (r.counterexample.has_value()) {
      absl::StrAppend(&out, "trace:\n", trace::FormatTrace(*r.counterexample));
    }
  }
  return out;
}

const std::string& CompiledMutant() { return TheCompiledModel().mutant; }

}  // namespace dbgref::proofs
