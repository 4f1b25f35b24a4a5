/* The VMM's end of the channel to the host (see channel.h). */
#include "oracle/vmm/channel.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "oracle/wire_format.h"

uint32_t crc32_ieee(const uint8_t *data, size_t len) {
  static uint32_t table[256];
  static int ready;
  if (!ready) {
    for (uint32_t i = 0; i < 256; i++) {
      uint32_t c = i;
      for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
    ready = 1;
  }
  uint32_t c = 0xffffffffu;
  for (size_t i = 0; i < len; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

static int find_port(char *path, size_t size) {
  DIR *dir = opendir("/dev");
  if (dir == NULL) return -1;
  int found = -1;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    if (strncmp(e->d_name, "vport", 5) == 0) {
      snprintf(path, size, "/dev/%s", e->d_name);
      found = 0;
      break;
    }
  }
  closedir(dir);
  return found;
}

int channel_open(int timeout_ms) {
  char path[300];
  for (int waited = 0; waited <= timeout_ms; waited += 10) {
    if (find_port(path, sizeof(path)) == 0) {
      int fd = open(path, O_RDWR | O_CLOEXEC);
      if (fd >= 0) return fd;
    }
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  return -1;
}

static int write_all(int fd, const uint8_t *p, size_t n) {
  while (n > 0) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/* Returns 0, or -1 on an error or the end of input. */
static int read_all(int fd, uint8_t *p, size_t n) {
  while (n > 0) {
    ssize_t k = read(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

int channel_send(int fd, uint16_t type, const uint8_t *payload, size_t len) {
  uint32_t header[4];
  header[0] = DBGREF_WIRE_MAGIC;
  header[1] = DBGREF_WIRE_VERSION | ((uint32_t)type << 16);
  header[2] = (uint32_t)len;
  header[3] = crc32_ieee(payload, len);
  if (write_all(fd, (const uint8_t *)header, sizeof(header)) != 0) return -1;
  return write_all(fd, payload, len);
}

int channel_receive(int fd, struct writer *payload) {
  uint32_t header[4];
  writer_reset(payload);
  if (read_all(fd, (uint8_t *)header, sizeof(header)) != 0) {
    fprintf(stderr, "dbgref-vmm: channel closed\n");
    return -1;
  }
  uint32_t version = header[1] & 0xffff;
  uint32_t type = header[1] >> 16;
  if (header[0] != DBGREF_WIRE_MAGIC || version != DBGREF_WIRE_VERSION ||
      header[2] > DBGREF_WIRE_MAX_PAYLOAD) {
    fprintf(stderr, "dbgref-vmm: bad frame header %08x %08x %08x\n", header[0],
            header[1], header[2]);
    return -1;
  }
  uint8_t *p = writer_put(payload, NULL, header[2]);
  if (read_all(fd, p, header[2]) != 0) {
    fprintf(stderr, "dbgref-vmm: channel closed inside a frame\n");
    return -1;
  }
  if (crc32_ieee(p, header[2]) != header[3]) {
    fprintf(stderr, "dbgref-vmm: frame checksum mismatch\n");
    return -1;
  }
  return (int)type;
}
