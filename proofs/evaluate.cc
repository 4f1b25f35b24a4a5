// Concrete values out of z3 models, and z3 models out of concrete values.
#include "proofs/evaluate.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/record_convert.h"
#include "model/field_name.h"

namespace dbgref::proofs {
namespace {

using model::FieldName;

struct EvalWalker {
  const z3::model& m;
  template <class A, class B>
  void Regs(const FieldName& name, const A& a, B& b) {
    model::WalkRegs(*this, FieldName(name, "."), a, b);
  }
  void Word(const std::string&, const z3::expr& a, uint64_t& b) {
    b = EvalWord(m, a);
  }
  void Bool(const std::string&, const z3::expr& a, bool& b) {
    b = EvalBool(m, a);
  }
};

// Gives each fresh constant of a symbolic record the concrete value beside
// it; literal fields (the kind of a one-kind operation) are left alone.
struct FixWalker {
  z3::model& m;
  void Word(const std::string&, const z3::expr& sym, const uint64_t& v) {
    Fix(sym, m.ctx().bv_val(v, sym.get_sort().bv_size()));
  }
  void Bool(const std::string&, const z3::expr& sym, const bool& v) {
    Fix(sym, m.ctx().bool_val(v));
  }
  void Fix(const z3::expr& sym, z3::expr value) {
    z3::expr c = sym;
    // A 32-bit field is the zero extension of its constant.
    if (c.is_app() && c.decl().decl_kind() == Z3_OP_ZERO_EXT) c = c.arg(0);
    if (c.is_numeral() || !c.is_const()) return;
    if (value.is_bv() && value.get_sort().bv_size() != c.get_sort().bv_size()) {
      value = value.extract(c.get_sort().bv_size() - 1, 0).simplify();
    }
    z3::func_decl d = c.decl();
    m.add_const_interp(d, value);
  }
};

// Prints the non-zero fields of a concrete record.
struct PrintWalker {
  std::string out;
  void Word(const std::string& name, const uint64_t& v, const uint64_t&) {
    if (v != 0) absl::StrAppend(&out, name, " = ", absl::Hex(v), "\n");
  }
  void Bool(const std::string& name, const bool& v, const bool&) {
    if (v) absl::StrAppend(&out, name, " = 1\n");
  }
};

}  // namespace

uint64_t EvalWord(const z3::model& m, const z3::expr& w) {
  return m.eval(w, true).get_numeral_uint64();
}

bool EvalBool(const z3::model& m, const z3::expr& b) {
  return m.eval(b, true).is_true();
}

ConcreteState EvalState(const z3::model& m, const SymState& s) {
  ConcreteState out = model::ResetState<C>();
  EvalWalker walker{m};
  model::WalkState(walker, FieldName(""), s, out);
  return out;
}

ConcreteObs EvalObs(const z3::model& m, const SymObs& o) {
  ConcreteObs out = model::ZeroObs<C>(0, 0);
  EvalWalker walker{m};
  model::WalkObs(walker, FieldName(""), o, out);
  return out;
}

dbgref_host EvalHostRecord(const z3::model& m, const SymHost& h) {
  ConcreteHost host = model::ZeroHost<C>();
  EvalWalker walker{m};
  model::WalkHost(walker, FieldName(""), h, host);
  dbgref_host out;
  std::memset(&out, 0, sizeof(out));
  out.id_aa64dfr0_el1 = host.id_aa64dfr0_el1;
  out.host_regs = model::ToRecord(host.host_regs);
  return out;
}

ConcreteOp EvalOp(const z3::model& m, const SymOp& op) {
  ConcreteOp o = model::OpOfKind<C>(0);
  EvalWalker walker{m};
  model::WalkOp(walker, FieldName(""), op, o);
  return o;
}

dbgref_program EvalProgramRecord(const z3::model& m, const SymProgram& p) {
  ConcreteProgram c{};
  EvalWalker walker{m};
  model::WalkProgram<kProofLines>(walker, FieldName(""), p, c);
  dbgref_program out;
  std::memset(&out, 0, sizeof(out));
  for (const model::Line<C>& l : c.line) {
    dbgref_line& r = out.line[out.count++];
    r.pc = l.pc;
    r.insn = dbgref_insn{static_cast<uint32_t>(l.insn.kind),
                         static_cast<uint32_t>(l.insn.size),
                         l.insn.addr,
                         static_cast<uint32_t>(l.insn.reg),
                         static_cast<uint32_t>(l.insn.reg_index),
                         l.insn.value,
                         static_cast<uint32_t>(l.insn.imm)};
  }
  return out;
}

dbgref_op IoctlRecord(const ConcreteOp& o) {
  dbgref_op out;
  std::memset(&out, 0, sizeof(out));
  out.kind = static_cast<uint32_t>(o.kind);
  out.cap = static_cast<uint32_t>(o.cap);
  out.dbg.control = static_cast<uint32_t>(o.control);
  out.dbg.arch = model::ToRecord(o.arch);
  out.reg = static_cast<uint32_t>(o.reg);
  out.reg_index = static_cast<uint32_t>(o.reg_index);
  out.value = o.value;
  return out;
}

void FixState(z3::model& m, const SymState& fresh, const ConcreteState& s) {
  FixWalker walker{m};
  ConcreteState values = s;
  model::WalkState(walker, FieldName(""), fresh, values);
}

void FixHost(z3::model& m, const SymHost& fresh, const dbgref_host& h) {
  FixWalker walker{m};
  ConcreteHost values = model::FromRecord(h);
  model::WalkHost(walker, FieldName(""), fresh, values);
}

void FixProgram(z3::model& m, const SymProgram& fresh,
                const ConcreteProgram& p) {
  FixWalker walker{m};
  ConcreteProgram values = p;
  model::WalkProgram<kProofLines>(walker, FieldName(""), fresh, values);
}

void FixOp(z3::model& m, const SymOp& fresh, const ConcreteOp& op) {
  FixWalker walker{m};
  ConcreteOp values = op;
  model::WalkOp(walker, FieldName(""), fresh, values);
}

std::string StateToString(const ConcreteState& s) {
  PrintWalker walker;
  ConcreteState copy = s;
  model::WalkState(walker, FieldName(""), s, copy);
  return walker.out.empty() ? "every field 0\n" : walker.out;
}

}  // namespace dbgref::proofs
