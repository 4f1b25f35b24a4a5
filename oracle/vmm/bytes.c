/* Byte buffers for the VMM's wire format (see bytes.h). */
#include "oracle/vmm/bytes.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void writer_reset(struct writer *w) { w->len = 0; }

void *writer_put(struct writer *w, const void *src, size_t n) {
  if (w->len + n > w->cap) {
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + n) cap *= 2;
    uint8_t *data = realloc(w->data, cap);
    if (data == NULL) {
      static const char kMsg[] = "dbgref-vmm: out of memory\n";
      (void)!write(2, kMsg, sizeof(kMsg) - 1);
      abort();
    }
    w->data = data;
    w->cap = cap;
  }
  void *dst = w->data + w->len;
  if (src != NULL) {
    memcpy(dst, src, n);
  } else {
    memset(dst, 0, n);
  }
  w->len += n;
  return dst;
}

/* The VMM runs on little-endian aarch64: fields are stored as they are. */
void writer_u16(struct writer *w, uint16_t v) { writer_put(w, &v, 2); }
void writer_u32(struct writer *w, uint32_t v) { writer_put(w, &v, 4); }
void writer_u64(struct writer *w, uint64_t v) { writer_put(w, &v, 8); }

const void *reader_take(struct reader *r, size_t n) {
  if (r->bad || n > r->len - r->pos) {
    r->bad = 1;
    return NULL;
  }
  const void *p = r->data + r->pos;
  r->pos += n;
  return p;
}

#define READER_FIELD(name, type)                  \
  type name(struct reader *r) {                   \
    type v = 0;                                   \
    const void *p = reader_take(r, sizeof(type)); \
    if (p != NULL) memcpy(&v, p, sizeof(type));   \
    return v;                                     \
  }

READER_FIELD(reader_u16, uint16_t)
READER_FIELD(reader_u32, uint32_t)
READER_FIELD(reader_u64, uint64_t)
