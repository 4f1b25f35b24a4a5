#!/usr/bin/env bash
# A real kernel revision that cannot run: no image in the kernel cache, a
# garbage image, a QEMU that starts and hangs. replay, review and check of
# it each exit 2 within a bound, name ./dbgref fetch-kernels and the
# kernel on the first line of stderr, and print nothing on stdout: never a
# report, so never a "holds".
set -uo pipefail

root="$TEST_SRCDIR/$TEST_WORKSPACE"
bin="$root/tools/dbgref"
trace="$root/docs/examples/one_reg.trace"
[[ -x "$bin" ]] || { echo "no dbgref binary at $bin"; exit 1; }
work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/kernel.XXXXXX")
failures=0

# expect_kernel_error "<what the first stderr line must contain>" args...
expect_kernel_error() {
  local want=$1
  shift
  local out err status start elapsed first
  start=$(date +%s)
  out=$("$bin" "$@" 2>"$work/stderr")
  status=$?
  elapsed=$(($(date +%s) - start))
  err=$(cat "$work/stderr")
  first=$(head -n 1 "$work/stderr")
  if [[ $status -ne 2 ]]; then
    echo "FAIL: dbgref $*: exit $status, want 2 (stderr: $err)"
    failures=$((failures + 1))
  elif [[ -n "$out" ]]; then
    echo "FAIL: dbgref $*: printed a report: $out"
    failures=$((failures + 1))
  elif [[ "$first" != *"./dbgref fetch-kernels"* ]]; then
    echo "FAIL: dbgref $*: the first stderr line does not name ./dbgref fetch-kernels: $first"
    failures=$((failures + 1))
  elif [[ "$first" != *"$want"* ]]; then
    echo "FAIL: dbgref $*: the first stderr line does not name '$want': $first"
    failures=$((failures + 1))
  elif [[ $elapsed -gt 60 ]]; then
    echo "FAIL: dbgref $*: took ${elapsed} s"
    failures=$((failures + 1))
  else
    echo "ok (${elapsed} s): dbgref $* -> $first"
  fi
}

# A cache entry that FindKernel accepts: meta, modules and an image of the
# given content and recorded size.
fake_kernel() {
  local cache=$1 name=$2 image=$3 size=$4
  mkdir -p "$cache/$name"
  cp "$image" "$cache/$name/vmlinuz"
  { printf '070701'; head -c 512 /dev/zero | tr '\0' '0'; } >"$cache/$name/modules.cpio"
  printf 'kernel=%s\npackage=linux-image-fake\nversion=1\nkernel_release=fake-1\nvmlinuz_size=%s\n' \
    "$name" "$size" >"$cache/$name/meta"
}

# 1. No image at all.
mkdir -p "$work/empty"
export DBGREF_KERNEL_CACHE="$work/empty"
expect_kernel_error "linux-6.1: kernel image linux-6.1 is not in" \
  replay "$trace" --revision=linux-6.1
expect_kernel_error "linux-6.12" replay "$trace" --revision=linux-6.12 --format=json
expect_kernel_error "linux-6.12: kernel image linux-6.12 is not in" \
  review linux-6.12 --quiet --sequences=10
expect_kernel_error "linux-6.1: kernel image linux-6.1 is not in" \
  check linux-6.1 --quiet --sequences=10

# 2. A garbage image.
head -c 4096 /dev/zero | tr '\0' 'x' >"$work/garbage"
fake_kernel "$work/garbage-cache" linux-6.1 "$work/garbage" 4096
export DBGREF_KERNEL_CACHE="$work/garbage-cache"
expect_kernel_error "not an arm64 Image" review linux-6.1 --quiet --sequences=10

# 3. A QEMU that starts and hangs: the boot's timeout.
head -c 65536 /dev/zero >"$work/dead"
printf 'ARM\x64' | dd of="$work/dead" bs=1 seek=56 conv=notrunc status=none
fake_kernel "$work/dead-cache" linux-6.1 "$work/dead" 65536
mkdir -p "$work/bin"
printf '#!/bin/sh\necho $$ >"%s/qemu.pid"\nexec sleep 300\n' "$work" \
  >"$work/bin/qemu-system-aarch64"
chmod +x "$work/bin/qemu-system-aarch64"
export DBGREF_KERNEL_CACHE="$work/dead-cache"
export DBGREF_BOOT_TIMEOUT_MS=2000
PATH="$work/bin:$PATH" expect_kernel_error "linux-6.1:" \
  replay "$trace" --revision=linux-6.1
PATH="$work/bin:$PATH" expect_kernel_error "QEMU or the kernel hung" \
  review linux-6.1 --quiet --sequences=10
if [[ ! -s "$work/qemu.pid" ]]; then
  echo "FAIL: the fake QEMU never started"
  failures=$((failures + 1))
elif kill -0 "$(cat "$work/qemu.pid")" 2>/dev/null; then
  echo "FAIL: the hanging QEMU was left running"
  kill "$(cat "$work/qemu.pid")"
  failures=$((failures + 1))
fi

echo "$failures failed"
[[ $failures -eq 0 ]]
