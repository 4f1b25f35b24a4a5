#!/usr/bin/env bash
# The C/C++ compiler of the mutant toolchains: the local compiler, with one
# mutant's patch applied to private copies of the files it touches.
#
# Bazel runs it from the execution root in place of gcc, for every compile
# and link action of a configuration that //tests/mutants:mutant_test.bzl's
# transition selects. That configuration adds -DDBGREF_MUTANT=<name> to the
# compile flags; an action without it (a link, an archive, a compile of a
# configuration without a mutant) runs the local compiler unchanged.
#
# For a compile with the marker:
#   1. the files tests/mutants/patches/<name>.patch touches that are inputs
#      of the action (with the sandbox, only declared inputs exist) are
#      copied into a fresh temporary directory T and patched there
#      (GNU patch, no fuzz; a patch that does not apply fails the compile);
#   2. every include directory D of the command line (-iquote, -I, -isystem,
#      -idirafter) under which T holds a patched file gets T/D searched just
#      before it, so `#include "model/x.h"` finds T/model/x.h first; a
#      forced -include of a patched file is given as T's copy;
#   3. a patched source file is compiled from T's copy, and so is a source
#      whose directory holds a patched file (its own directory is searched
#      first for "x.h"), with that directory added at the end of the quote
#      chain for the files beside it that are not patched;
#   4. -ffile-prefix-map=T/= keeps T out of the object (__FILE__, debug
#      info), so the output does not depend on the temporary name;
#   5. after the compile, the dependency file (-MF) must name no touched
#      file outside T (by its own path or any other name of the same file):
#      that would mean the compiler read the reference copy of a patched
#      file, and the compile fails. Then T/ is stripped from it, so Bazel's
#      header check sees the declared inputs it knows.
# The real compiler is named by external/dbgref_mutant_cc/real_cc, written
# by tests/mutants/toolchain/local_config.bzl from the local toolchain.
set -euo pipefail

real_cc=$(<external/dbgref_mutant_cc/real_cc)

mutant=
for arg in "$@"; do
  case "${arg}" in
    -DDBGREF_MUTANT=*) mutant=${arg#-DDBGREF_MUTANT=} ;;
    @*)
      if [[ -f ${arg#@} ]] && grep -q -- '-DDBGREF_MUTANT=' "${arg#@}"; then
        echo "mutant_cc: a parameter file holds the mutant marker;" \
          "compile flags in parameter files are not supported" >&2
        exit 1
      fi
      ;;
  esac
done
[[ -n ${mutant} ]] || exec "${real_cc}" "$@"

patch_file=tests/mutants/patches/${mutant}.patch
[[ -f ${patch_file} ]] || {
  echo "mutant_cc: ${patch_file} is not an input of this action" >&2
  exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dbgref-mutant.XXXXXX")
trap 'rm -rf "${tmp}"' EXIT
mkdir "${tmp}/parts" "${tmp}/root"
root=${tmp}/root

touched=()
while read -r index path; do
  case "${path}" in
    /* | *..* | /dev/null)
      echo "mutant_cc: ${patch_file}: ${path}: not a workspace file" >&2
      exit 1
      ;;
  esac
  [[ -f ${path} ]] || continue
  mkdir -p "${root}/$(dirname "${path}")"
  cp "${path}" "${root}/${path}"
  if ! patch -s -t -p1 -F0 --no-backup-if-mismatch -r - -d "${root}" \
    -i "${tmp}/parts/${index}.patch" >"${tmp}/patch.log" 2>&1; then
    echo "mutant_cc: ${patch_file} does not apply to ${path}:" >&2
    cat "${tmp}/patch.log" >&2
    exit 1
  fi
  touched+=("${path}")
done < <(awk -v dir="${tmp}/parts" -f tests/mutants/toolchain/split_patch.awk \
  "${patch_file}")

# No file of the patch is an input: nothing to change.
[[ ${#touched[@]} -gt 0 ]] || exec "${real_cc}" "$@"

# The source compiled (the argument after -c) and the dependency file.
source=
depfile=
prev=
for arg in "$@"; do
  case "${prev}" in
    -c) source=${arg} ;;
    -MF) depfile=${arg} ;;
  esac
  prev=${arg}
done

copy_source=0
if [[ -n ${source} ]]; then
  if [[ -f ${root}/${source} ]]; then
    copy_source=1
  else
    for f in "${touched[@]}"; do
      if [[ $(dirname "${f}") == "$(dirname "${source}")" ]]; then
        copy_source=1
        mkdir -p "${root}/$(dirname "${source}")"
        cp "${source}" "${root}/${source}"
        break
      fi
    done
  fi
fi

args=()
extra_dep=()
prev=
for arg in "$@"; do
  dir=
  case "${prev}" in
    -iquote | -I | -isystem | -idirafter) dir=${arg} ;;
  esac
  case "${arg}" in
    -I?*) dir=${arg#-I} ;;
    -iquote?*) dir=${arg#-iquote} ;;
    -isystem?*) dir=${arg#-isystem} ;;
  esac
  if [[ -n ${dir} && ${dir} != /* && -d ${root}/${dir} ]]; then
    # Search the patched copies first, with the same kind of option.
    copy=${root}/${dir}
    [[ ${dir} != . ]] || copy=${root}
    if [[ ${arg} == "${dir}" ]]; then
      unset 'args[${#args[@]}-1]'
      args+=("${prev}" "${copy}" "${prev}" "${dir}")
    else
      args+=("${arg%"${dir}"}${copy}" "${arg}")
    fi
  elif [[ ${prev} == -include && -f ${root}/${arg} ]]; then
    args+=("${root}/${arg}")
  elif [[ ${prev} == -c && ${copy_source} -eq 1 ]]; then
    args+=("${root}/${arg}")
  else
    args+=("${arg}")
  fi
  prev=${arg}
done
if [[ ${copy_source} -eq 1 ]]; then
  args+=(-iquote "$(dirname "${source}")")
fi
if [[ -z ${depfile} ]]; then
  depfile=${tmp}/deps.d
  extra_dep=(-MD -MF "${depfile}")
fi
args+=("-ffile-prefix-map=${root}/=" "${extra_dep[@]+"${extra_dep[@]}"}")

rc=0
"${real_cc}" "${args[@]}" 2>"${tmp}/stderr" || rc=$?
sed "s#${root}/##g" "${tmp}/stderr" >&2
[[ ${rc} -eq 0 ]] || exit "${rc}"

# A touched file the compiler read from anywhere but its patched copy (by
# its own path, or any other name of the same file) was read unpatched.
while read -r dep; do
  [[ -n ${dep} && ${dep} != "${root}"/* ]] || continue
  for f in "${touched[@]}"; do
    if [[ ${dep} -ef ${f} ]]; then
      echo "mutant_cc: ${mutant}: ${source:-the compile} read ${dep}" \
        "without its patch (an include the mutant toolchain does not" \
        "redirect)" >&2
      exit 1
    fi
  done
done < <(sed -e 's/^[^:]*: //' -e 's/\\$//' "${depfile}" | tr -s ' ' '\n')
sed -i "s#${root}/##g" "${depfile}"
