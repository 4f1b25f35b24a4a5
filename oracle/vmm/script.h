/*
 * The VMM's script interpreter: runs every script of a batch against the
 * machine, each from a fresh reset, and writes the results (the formats are
 * in oracle/wire_format.h).
 */
#ifndef DBGREF_ORACLE_VMM_SCRIPT_H_
#define DBGREF_ORACLE_VMM_SCRIPT_H_

#include "oracle/vmm/bytes.h"
#include "oracle/vmm/machine.h"

/* Runs the batch in `in`; writes the RESULTS payload to `out`. Returns 0,
 * or -1 when the batch is malformed (a message says where). */
int script_run_batch(struct machine *m, struct reader *in, struct writer *out);

#endif /* DBGREF_ORACLE_VMM_SCRIPT_H_ */
