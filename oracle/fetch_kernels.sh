#!/usr/bin/env bash
# oracle/fetch_kernels.sh: puts Debian's arm64 Linux 6.1 and 6.12 kernel
# images (and the two virtio modules our VMM loads) into a cache folder
# outside the work tree, for the real-kernel oracle. The packages are
# downloaded and unpacked, never installed.
#
# Cache: ${DBGREF_KERNEL_CACHE:-$HOME/.cache/dbgref/kernels}/linux-6.1 and
# .../linux-6.12, each holding:
#   vmlinuz        the kernel image (arm64 Image)
#   modules.cpio   a newc archive of modules/*.ko[.xz], appended to the
#                  initramfs at boot (virtio_mmio, and virtio_console where
#                  it is a module)
#   meta           key=value lines: kernel, package, version, kernel_release,
#                  vmlinuz, vmlinuz_size
#
# Idempotent and silent when everything is there. Exit 1 with the command to
# run when something is missing and this is not root.
set -euo pipefail

readonly CACHE=${DBGREF_KERNEL_CACHE:-$HOME/.cache/dbgref/kernels}
# Kernel name, then the Debian metapackage that depends on the current image.
readonly KERNELS=(
  "linux-6.1 linux-image-arm64"
  "linux-6.12 linux-image-6.12-arm64"
)
readonly MODULES=(virtio_mmio virtio_console)

die() {
  echo "dbgref: $*" >&2
  exit 1
}

complete() {
  local dir=$1
  [[ -s "$dir/vmlinuz" && -s "$dir/modules.cpio" && -s "$dir/meta" ]]
}

all_complete() {
  local entry
  for entry in "${KERNELS[@]}"; do
    complete "$CACHE/${entry%% *}" || return 1
  done
}

all_complete && exit 0

for tool in apt-get apt-cache dpkg dpkg-deb cpio; do
  command -v "$tool" >/dev/null ||
    die "fetch_kernels: '$tool' is missing; as root run: apt-get install -y dpkg apt cpio"
done

if [[ "$(id -u)" != 0 ]]; then
  die "the arm64 kernel images are missing from $CACHE; as root, run: ./dbgref fetch-kernels"
fi

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "dbgref: enabling the arm64 architecture in dpkg" >&2
  dpkg --add-architecture arm64
  apt-get update -qq >/dev/null
fi

# The image package the metapackage depends on now, e.g.
# linux-image-6.1.0-57-arm64. Resolved at fetch time: Debian's security
# updates change it.
resolve() {
  local meta=$1 name
  name=$(apt-cache depends "$meta:arm64" 2>/dev/null |
    sed -n 's/^ *Depends: \(linux-image-[^:]*\)\(:arm64\)\?$/\1/p' | head -n 1)
  if [[ -z "$name" ]]; then
    apt-get update -qq >/dev/null
    name=$(apt-cache depends "$meta:arm64" 2>/dev/null |
      sed -n 's/^ *Depends: \(linux-image-[^:]*\)\(:arm64\)\?$/\1/p' | head -n 1)
  fi
  [[ -n "$name" ]] || die "fetch_kernels: cannot resolve $meta:arm64 (apt-cache depends found no image)"
  echo "$name"
}

fetch_one() {
  local kernel=$1 meta=$2
  local dir="$CACHE/$kernel"
  complete "$dir" && return 0
  local pkg work deb version image release
  pkg=$(resolve "$meta")
  echo "dbgref: fetching $pkg:arm64 for $kernel into $dir" >&2
  work=$(mktemp -d "$CACHE/.work.XXXXXX")
  # apt-get download writes into the current folder, as user _apt when it
  # can; the folder is world-writable only for the download.
  chmod 777 "$work"
  (cd "$work" && apt-get download -q "$pkg:arm64" >"$work/log" 2>&1) || {
    cat "$work/log" >&2
    die "fetch_kernels: apt-get download $pkg:arm64 failed"
  }
  chmod 755 "$work"
  deb=$(ls "$work"/*.deb)
  version=$(dpkg-deb -f "$deb" Version)
  mkdir -p "$work/x"
  dpkg-deb --fsys-tarfile "$deb" |
    tar -x -C "$work/x" --wildcards './boot/vmlinuz-*' './lib/modules/*/kernel/drivers/*/virtio_*'
  image=$(ls "$work"/x/boot/vmlinuz-*)
  release=${image##*/vmlinuz-}
  mkdir -p "$work/out/modules"
  local m f
  for m in "${MODULES[@]}"; do
    f=$(find "$work/x/lib/modules" -name "$m.ko" -o -name "$m.ko.xz" | head -n 1)
    # A module that is not there is built into this kernel (virtio_console
    # in 6.12).
    [[ -n "$f" ]] && cp "$f" "$work/out/modules/"
  done
  [[ -n "$(ls "$work/out/modules")" ]] || die "fetch_kernels: no virtio modules in $pkg"
  (cd "$work/out" && find modules | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) >"$work/modules.cpio"
  rm -rf "$dir"
  mkdir -p "$dir"
  mv "$image" "$dir/vmlinuz"
  mv "$work/modules.cpio" "$dir/modules.cpio"
  {
    echo "kernel=$kernel"
    echo "package=$pkg"
    echo "version=$version"
    echo "kernel_release=$release"
    echo "vmlinuz=$dir/vmlinuz"
    echo "vmlinuz_size=$(stat -c %s "$dir/vmlinuz")"
  } >"$dir/meta"
  rm -rf "$work"
}

mkdir -p "$CACHE"
for entry in "${KERNELS[@]}"; do
  fetch_one "${entry%% *}" "${entry#* }"
done
all_complete || die "fetch_kernels: the cache in $CACHE is still incomplete"
