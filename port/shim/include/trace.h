/*
 * Tracepoints of arch/arm64/kvm/trace.h, compiled out: a tracepoint has no
 * effect on guest debug state.
 */
#ifndef DBGREF_SHIM_TRACE_H
#define DBGREF_SHIM_TRACE_H

#define trace_kvm_arch_setup_debug_reg32(name, value)	\
	do { (void)(name); (void)(value); } while (0)

#endif /* DBGREF_SHIM_TRACE_H */
