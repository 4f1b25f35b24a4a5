// The in-place model vCPU.
#include "props/model_vcpu.h"

namespace dbgref::props {
namespace {

struct CountWords {
  std::size_t n = 0;
  void Word(const model::FieldName&, const uint64_t&) { ++n; }
  void Bool(const model::FieldName&, const bool&) { ++n; }
};

struct SaveWords {
  uint64_t* out;
  void Word(const model::FieldName&, const uint64_t& w) { *out++ = w; }
  void Bool(const model::FieldName&, const bool& b) { *out++ = b ? 1 : 0; }
};

struct LoadWords {
  const uint64_t* in;
  void Word(const model::FieldName&, uint64_t& w) { w = *in++; }
  void Bool(const model::FieldName&, bool& b) { b = *in++ != 0; }
};

}  // namespace

std::size_t ModelStateWords() {
  static const std::size_t words = [] {
    CountWords f;
    const model::ConcreteVcpu s{};
    model::WalkState(f, model::FieldName(""), s);
    return f.n;
  }();
  return words;
}

void SaveModelState(const model::ConcreteVcpu& state, uint64_t* words) {
  SaveWords f{words};
  model::WalkState(f, model::FieldName(""), state);
}

void LoadModelState(const uint64_t* words, model::ConcreteVcpu& state) {
  LoadWords f{words};
  model::WalkState(f, model::FieldName(""), state);
}

void ModelVcpu::Reset(const dbgref_host& host, const dbgref_program& program) {
  host_ = model::FromRecord(host);
  program_ = model::FromRecord(program);
  state_ = model::Reset(host);
  count_ = 0;
}

}  // namespace dbgref::props
