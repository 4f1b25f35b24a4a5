// The observation an operation produces, as domain values: Obs<D> has the
// fields of struct dbgref_obs (model/record.h), made from the same list,
// DBGREF_OBS_FIELDS (words hold the zero-extended value, flags are truth
// values). WalkObs walks an Obs<D> and a struct dbgref_obs alike, so the
// conversions between them, the comparison and the printing of records and
// the fresh symbolic observations all come from that one list.
#ifndef DBGREF_MODEL_OBSERVE_H_
#define DBGREF_MODEL_OBSERVE_H_

#include "model/arch/debug_regs.h"
#include "model/arch/id_regs.h"
#include "model/domain.h"
#include "model/field_name.h"
#include "model/record.h"

namespace dbgref::model {

template <class D>
struct Obs {
#define DBGREF_OBS_D_WORD(type, name) WordOf<D> name;
#define DBGREF_OBS_D_FLAG(name) BoolOf<D> name;
#define DBGREF_OBS_D_REGS(name) DebugRegs<D> name;
  DBGREF_OBS_FIELDS(DBGREF_OBS_D_WORD, DBGREF_OBS_D_FLAG, DBGREF_OBS_D_REGS)
#undef DBGREF_OBS_D_WORD
#undef DBGREF_OBS_D_FLAG
#undef DBGREF_OBS_D_REGS
};

// Walks the observations o... (Obs<D> of any domain, or struct dbgref_obs)
// in parallel: f.Word(name, field...) for each word, f.Bool(name, field...)
// for each flag and f.Regs(name, regs...) for each set of debug registers.
template <class F, class... O>
void WalkObs(F& f, const FieldName& prefix, O&... o) {
#define DBGREF_OBS_WALK_WORD(type, name) f.Word(FieldName(prefix, #name), o.name...);
#define DBGREF_OBS_WALK_FLAG(name) f.Bool(FieldName(prefix, #name), o.name...);
#define DBGREF_OBS_WALK_REGS(name) f.Regs(FieldName(prefix, #name), o.name...);
  DBGREF_OBS_FIELDS(DBGREF_OBS_WALK_WORD, DBGREF_OBS_WALK_FLAG,
                    DBGREF_OBS_WALK_REGS)
#undef DBGREF_OBS_WALK_WORD
#undef DBGREF_OBS_WALK_FLAG
#undef DBGREF_OBS_WALK_REGS
}

inline constexpr auto kWalkObs = [](auto& f, const FieldName& name,
                                    auto&... o) { WalkObs(f, name, o...); };

// Every field 0 but the step kind and the operation.
template <class D>
Obs<D> ZeroObs(const WordOf<D>& step, const WordOf<D>& op_kind) {
  Obs<D> o{
#define DBGREF_OBS_ZERO_WORD(type, name) D::lit(0),
#define DBGREF_OBS_ZERO_FLAG(name) D::lit_bool(false),
#define DBGREF_OBS_ZERO_REGS(name) ZeroRegs<D>(),
      DBGREF_OBS_FIELDS(DBGREF_OBS_ZERO_WORD, DBGREF_OBS_ZERO_FLAG,
                        DBGREF_OBS_ZERO_REGS)
#undef DBGREF_OBS_ZERO_WORD
#undef DBGREF_OBS_ZERO_FLAG
#undef DBGREF_OBS_ZERO_REGS
  };
  o.step = step;
  o.op_kind = op_kind;
  return o;
}

template <class D>
Obs<D> Select(const BoolOf<D>& c, const Obs<D>& a, const Obs<D>& b) {
  return Obs<D>{
#define DBGREF_OBS_SELECT_WORD(type, name) D::ite(c, a.name, b.name),
#define DBGREF_OBS_SELECT_FLAG(name) D::ite(c, a.name, b.name),
#define DBGREF_OBS_SELECT_REGS(name) Select<D>(c, a.name, b.name),
      DBGREF_OBS_FIELDS(DBGREF_OBS_SELECT_WORD, DBGREF_OBS_SELECT_FLAG,
                        DBGREF_OBS_SELECT_REGS)
#undef DBGREF_OBS_SELECT_WORD
#undef DBGREF_OBS_SELECT_FLAG
#undef DBGREF_OBS_SELECT_REGS
  };
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_OBSERVE_H_
