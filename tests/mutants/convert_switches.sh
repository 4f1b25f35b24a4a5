#!/usr/bin/env bash
# Turns compile-time mutant switches into patches, mechanically; or follows
# files that moved.
#
#   tests/mutants/convert_switches.sh [--keep] FILE...
#   tests/mutants/convert_switches.sh --moved OLD=NEW...
#
# Run from the workspace root. FILE... are the source files that test
# switches in #if lines: DBGREF_MUTANT_<X> (the model), DBGREF_PORT_MUTANT_<X>
# (the port) or DBGREF_PROPS_MUTANT_<X> (the props harness). For every
# switch found, with F the files among FILE... that test it:
#
#   reference(F) = F with every switch of F undefined   (unifdef -U...)
#   mutant(F)    = F with only this switch defined      (unifdef -U... -D<X>)
#
# and tests/mutants/patches/<name>.patch becomes the unified diff from
# reference to mutant over all of F (paths a/F and b/F, for patch -p1), where
# <name> is model_<x>, port_<x> or props_<x>: the mutant's target name in
# tests/mutants/mutants.bzl. Then every FILE is replaced by its reference,
# which leaves the code exactly as the compiler saw it with no switch
# defined, without the #if blocks (--keep leaves the files alone and only
# writes the patches).
#
# Give every file that tests a switch in one run: a patch is rewritten from
# the files given, so a switch tested in three files and converted from one
# of them loses the other two. It prints one line per patch, name and
# files, to compare with the mutant's `where` in mutants.bzl.
#
# --moved OLD=NEW... is for files that moved without their switches (the
# patches were made already): every patch's a/OLD and b/OLD become a/NEW
# and b/NEW, and so does OLD in the `where` of tests/mutants/mutants.bzl.
#
# Needs unifdef (Debian package unifdef) and diff; neither is needed to
# build or test.
set -euo pipefail

usage() {
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ -d tests/mutants/patches ]] || {
  echo "convert_switches: run me from the workspace root" >&2
  exit 2
}

# A path as a sed pattern.
sed_quote() {
  sed -e 's/[][\\.*^$#]/\\&/g' <<<"$1"
}

if [[ ${1:-} == --moved ]]; then
  shift
  [[ $# -gt 0 ]] || usage
  for move in "$@"; do
    old=${move%%=*}
    new=${move#*=}
    [[ -n ${old} && -n ${new} && ${move} == *=* ]] || usage
    [[ -f ${new} ]] || {
      echo "convert_switches: no file ${new}" >&2
      exit 2
    }
    o=$(sed_quote "${old}")
    changed=$(grep -lE "^(---|\+\+\+) [ab]/${o}(\s|$)" \
      tests/mutants/patches/*.patch || true)
    for p in ${changed}; do
      sed -i -E "s#^(---|\+\+\+) ([ab])/${o}(\s|$)#\1 \2/${new}\3#" "${p}"
      echo "$(basename "${p}" .patch): ${old} -> ${new}"
    done
    sed -i -E "s#([\", ])${o}([\",])#\1${new}\2#g" tests/mutants/mutants.bzl
  done
  exit 0
fi

keep=0
if [[ ${1:-} == --keep ]]; then
  keep=1
  shift
fi
[[ $# -gt 0 ]] || usage
command -v unifdef >/dev/null || {
  echo "convert_switches: needs unifdef (apt-get install unifdef)" >&2
  exit 2
}
readonly SWITCH_RE='\bDBGREF_(PORT_|PROPS_)?MUTANT_[A-Z0-9_]+\b'

# The switches a file tests in its #if, #ifdef, #ifndef and #elif lines.
switches_of() {
  grep -E '^[[:space:]]*#[[:space:]]*(if|ifdef|ifndef|elif)\b' "$1" |
    grep -oE "${SWITCH_RE}" | sort -u || true
}

name_of() {
  local s=$1
  case "${s}" in
    DBGREF_PORT_MUTANT_*) s=port_${s#DBGREF_PORT_MUTANT_} ;;
    DBGREF_PROPS_MUTANT_*) s=props_${s#DBGREF_PROPS_MUTANT_} ;;
    DBGREF_MUTANT_*) s=model_${s#DBGREF_MUTANT_} ;;
  esac
  tr 'A-Z' 'a-z' <<<"${s}"
}

# unifdef exits 0 when the output equals the input, 1 when it differs.
resolve() {
  local rc=0
  unifdef "$@" || rc=$?
  [[ ${rc} -le 1 ]] || {
    echo "convert_switches: unifdef $* failed" >&2
    exit 1
  }
}

tmp=$(mktemp -d)
trap 'rm -rf "${tmp}"' EXIT

declare -A FILES_OF  # switch -> files that test it
declare -A UNDEF_ALL # file -> -U flags of every switch it tests
for f in "$@"; do
  [[ -f ${f} ]] || {
    echo "convert_switches: no file ${f}" >&2
    exit 2
  }
  flags=()
  while read -r s; do
    [[ -n ${s} ]] || continue
    FILES_OF[${s}]="${FILES_OF[${s}]:-}${FILES_OF[${s}]:+ }${f}"
    flags+=("-U${s}")
  done < <(switches_of "${f}")
  UNDEF_ALL[${f}]="${flags[*]:-}"
done

[[ ${#FILES_OF[@]} -gt 0 ]] || {
  echo "convert_switches: no switch in the files given" >&2
  exit 1
}

for s in $(printf '%s\n' "${!FILES_OF[@]}" | sort); do
  name=$(name_of "${s}")
  out="${tmp}/${name}.patch"
  : >"${out}"
  for f in ${FILES_OF[${s}]}; do
    # shellcheck disable=SC2086
    resolve ${UNDEF_ALL[${f}]} "${f}" >"${tmp}/ref"
    flags=()
    for u in ${UNDEF_ALL[${f}]}; do
      if [[ ${u} == "-U${s}" ]]; then flags+=("-D${s}"); else flags+=("${u}"); fi
    done
    resolve "${flags[@]}" "${f}" >"${tmp}/mut"
    rc=0
    diff -u --label "a/${f}" --label "b/${f}" "${tmp}/ref" "${tmp}/mut" \
      >>"${out}" || rc=$?
    case ${rc} in
      1) ;;
      0)
        echo "convert_switches: ${s} changes nothing in ${f}" >&2
        exit 1
        ;;
      *) exit 1 ;;
    esac
  done
  mv "${out}" "tests/mutants/patches/${name}.patch"
  echo "${name}: ${FILES_OF[${s}]// /, }"
done

if [[ ${keep} -eq 0 ]]; then
  for f in "$@"; do
    [[ -n ${UNDEF_ALL[${f}]} ]] || continue
    # shellcheck disable=SC2086
    resolve ${UNDEF_ALL[${f}]} "${f}" >"${tmp}/ref"
    cat "${tmp}/ref" >"${f}"
  done
fi
