// The instruction at an address, by the model's own fetch (see
// guest_code.h).
#include "trace/guest_code.h"

#include <cstdint>

#include "model/arch/instruction.h"
#include "model/concrete_domain.h"
#include "model/record.h"
#include "model/record_convert.h"

namespace dbgref::trace {

dbgref_insn InsnAt(const dbgref_program& program, uint64_t pc) {
  const model::Insn<model::ConcreteDomain> i =
      model::Fetch<model::ConcreteDomain>(model::FromRecord(program), pc);
  dbgref_insn out{};
  out.kind = static_cast<uint32_t>(i.kind);
  out.size = static_cast<uint32_t>(i.size);
  out.addr = i.addr;
  out.reg = static_cast<uint32_t>(i.reg);
  out.reg_index = static_cast<uint32_t>(i.reg_index);
  out.value = i.value;
  out.imm = static_cast<uint32_t>(i.imm);
  return out;
}

}  // namespace dbgref::trace
