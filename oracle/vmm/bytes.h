/*
 * Byte buffers for the VMM's wire format: a growing writer and a bounded
 * reader of little-endian fields. A reader that runs past its end sets
 * `bad` and returns zeros, so a malformed script is caught once, at the end.
 */
#ifndef DBGREF_ORACLE_VMM_BYTES_H_
#define DBGREF_ORACLE_VMM_BYTES_H_

#include <stddef.h>
#include <stdint.h>

struct writer {
  uint8_t *data;
  size_t len;
  size_t cap;
};

struct reader {
  const uint8_t *data;
  size_t len;
  size_t pos;
  int bad;
};

void writer_reset(struct writer *w);
void *writer_put(struct writer *w, const void *src, size_t n);
void writer_u16(struct writer *w, uint16_t v);
void writer_u32(struct writer *w, uint32_t v);
void writer_u64(struct writer *w, uint64_t v);

const void *reader_take(struct reader *r, size_t n);
uint16_t reader_u16(struct reader *r);
uint32_t reader_u32(struct reader *r);
uint64_t reader_u64(struct reader *r);

#endif /* DBGREF_ORACLE_VMM_BYTES_H_ */
