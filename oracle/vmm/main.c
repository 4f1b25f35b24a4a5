/*
 * dbgref-vmm: the real-kernel oracle's VMM and the initramfs's /init.
 * As PID 1 it mounts devtmpfs and proc, quiets the console, loads the
 * virtio modules found in /modules, then opens the virtio serial port,
 * sets up the VM, says READY and serves batches of scripts until the host
 * says BYE or the channel closes; then it powers the machine off.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "oracle/vmm/bytes.h"
#include "oracle/vmm/channel.h"
#include "oracle/vmm/machine.h"
#include "oracle/vmm/script.h"
#include "oracle/wire_format.h"

#define MODULE_DIR "/modules"
#define MODULE_INIT_COMPRESSED_FILE 4

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_modules(void) {
  DIR *dir = opendir(MODULE_DIR);
  if (dir == NULL) return;
  char *names[32];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL && n < 32) {
    if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
  }
  closedir(dir);
  qsort(names, (size_t)n, sizeof(names[0]), by_name);
  for (int i = 0; i < n; i++) {
    char path[512];
    snprintf(path, sizeof(path), MODULE_DIR "/%s", names[i]);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t len = strlen(names[i]);
    int flags = len > 3 && strcmp(names[i] + len - 3, ".xz") == 0
                    ? MODULE_INIT_COMPRESSED_FILE
                    : 0;
    if (fd < 0 ||
        (syscall(SYS_finit_module, fd, "", flags) != 0 && errno != EEXIST)) {
      fprintf(stderr, "dbgref-vmm: loading %s: %s\n", path, strerror(errno));
    }
    if (fd >= 0) close(fd);
    free(names[i]);
  }
}

static void setup_init(void) {
  mkdir("/dev", 0755);
  mkdir("/proc", 0555);
  mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
  mount("proc", "/proc", "proc", 0, NULL);
  /* Console log level 1: only emergencies interleave with our lines. */
  klogctl(8, NULL, 1);
  load_modules();
}

static void power_off(void) {
  if (getpid() == 1) {
    sync();
    reboot(RB_POWER_OFF);
  }
  exit(0);
}

static void fatal(int fd, const char *what) {
  fprintf(stderr, "dbgref-vmm: FATAL %s\n", what);
  if (fd >= 0)
    channel_send(fd, DBGREF_FRAME_FATAL, (const uint8_t *)what, strlen(what));
  power_off();
}

static void send_ready(int fd, const struct machine *m) {
  struct utsname u;
  uname(&u);
  char text[1024];
  int n = snprintf(text, sizeof(text),
                   "release=%s\nkernel_version=%s\nmachine=%s\n"
                   "wire_version=%u\ntarget=%u\nstats_exits=%d\n",
                   u.release, u.version, u.machine, DBGREF_WIRE_VERSION,
                   m->init.target, m->stats >= 0);
  if (channel_send(fd, DBGREF_FRAME_READY, (const uint8_t *)text, (size_t)n) !=
      0) {
    fatal(-1, "cannot write to the channel");
  }
}

int main(void) {
  if (getpid() == 1) setup_init();
  int fd = channel_open(10000);
  if (fd < 0) fatal(-1, "no virtio serial port (/dev/vport*) appeared");
  static struct machine m;
  char why[256];
  if (machine_open(&m, why, sizeof(why)) != 0) fatal(fd, why);
  machine_init_timeouts();
  send_ready(fd, &m);
  struct writer in = {0, 0, 0};
  struct writer out = {0, 0, 0};
  for (;;) {
    int type = channel_receive(fd, &in);
    if (type == DBGREF_FRAME_BYE || type < 0) break;
    if (type != DBGREF_FRAME_BATCH)
      fatal(fd, "unexpected frame type from the host");
    struct reader r = {in.data, in.len, 0, 0};
    if (script_run_batch(&m, &r, &out) != 0) fatal(fd, "malformed batch");
    if (channel_send(fd, DBGREF_FRAME_RESULTS, out.data, out.len) != 0) break;
  }
  power_off();
  return 0;
}
