#!/usr/bin/env bash
# The registry of mutants (mutants.bzl, as all_mutants.tsv), the patches
# and the code agree:
#   - every mutant has its patch, tests/mutants/patches/<name>.patch, and
#     every patch is a mutant's;
#   - every patch applies to the current tree as it is (GNU patch, no fuzz)
#     and changes only files that the killers compile;
#   - in every file it touches, the patch changes the code: the file's
#     token stream, without comments and whitespace, differs from the
#     original's, so a patch that only touches a comment or the layout
#     fails here;
#   - the files a patch touches are exactly those its `where` names (a
#     path, a glob such as port/*/arm.c, or a comma-separated list);
#   - names are unique, an equivalent mutant has an obligation as evidence;
#   - model/, port/ and props/ hold no mutation code: no MUTANT in them.
# Usage: registry_test.sh REGISTRY.tsv SPLIT_PATCH.awk --patches PATCH...
#        --sources SOURCE...
set -euo pipefail

registry=$1
split_awk=$2
shift 2
patches=()
sources=()
list=
for arg in "$@"; do
  case "${arg}" in
    --patches) list=patches ;;
    --sources) list=sources ;;
    *)
      if [[ ${list} == patches ]]; then
        patches+=("${arg}")
      else
        sources+=("${arg}")
      fi
      ;;
  esac
done

fail=0
problem() {
  echo "FAIL: $*"
  fail=1
}

tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/registry.XXXXXX")
trap 'rm -rf "${tmp}"' EXIT

declare -A IS_SOURCE
for f in "${sources[@]}"; do IS_SOURCE[${f}]=1; done

# The tokens of a C or C++ file, one per line: comments removed by the
# preprocessor (which expands nothing with -fpreprocessed), then every
# punctuation character apart and the whitespace dropped.
tokens() {
  cpp -fpreprocessed -dD -E -P -x c++ "$1" 2>/dev/null |
    sed -E 's/([^A-Za-z0-9_[:space:]])/ \1 /g' | tr -s '[:space:]' '\n' |
    sed '/^$/d'
}

declare -A PATCH_OF
for p in "${patches[@]}"; do PATCH_OF[$(basename "${p}" .patch)]=${p}; done

declare -A SEEN_NAME
count=0
while IFS=$'\t' read -r name _patch expected where _what _killers evidence _detects; do
  [[ -n "${name}" ]] || continue
  count=$((count + 1))
  [[ ${evidence} != - ]] || evidence=
  [[ -z "${SEEN_NAME[${name}]+x}" ]] || problem "${name}: listed twice"
  SEEN_NAME[${name}]=1
  if [[ ${expected} == equivalent && -z "${evidence}" ]]; then
    problem "${name}: equivalent without an obligation as evidence"
  fi
  patch_file=${PATCH_OF[${name}]:-}
  if [[ -z ${patch_file} ]]; then
    problem "${name}: no patch tests/mutants/patches/${name}.patch"
    continue
  fi

  # Each file of the patch: a source the killers compile, patched cleanly,
  # its code changed.
  parts=${tmp}/${name}
  mkdir -p "${parts}/root"
  touched=()
  while read -r index path; do
    touched+=("${path}")
    if [[ -z ${IS_SOURCE[${path}]+x} ]]; then
      problem "${name}: the patch changes ${path}, which no killer compiles"
      continue
    fi
    mkdir -p "${parts}/root/$(dirname "${path}")"
    cp "${path}" "${parts}/root/${path}"
    if ! patch -s -t -p1 -F0 --no-backup-if-mismatch -r - -d "${parts}/root" \
      -i "${parts}/${index}.patch" >"${parts}/log" 2>&1; then
      problem "${name}: the patch does not apply to ${path}:" \
        "$(tr '\n' ' ' <"${parts}/log")"
      continue
    fi
    if cmp -s <(tokens "${path}") <(tokens "${parts}/root/${path}"); then
      problem "${name}: the patch changes no code of ${path}" \
        "(only comments or whitespace)"
    fi
  done < <(awk -v dir="${parts}" -f "${split_awk}" "${patch_file}")
  [[ ${#touched[@]} -gt 0 ]] || problem "${name}: the patch changes no file"

  # The files `where` names, among the sources.
  want=()
  IFS=',' read -r -a patterns <<<"${where}"
  for pattern in "${patterns[@]}"; do
    pattern=${pattern# }
    matched=0
    for f in "${sources[@]}"; do
      # shellcheck disable=SC2053
      if [[ ${f} == ${pattern} ]]; then
        want+=("${f}")
        matched=1
      fi
    done
    [[ ${matched} -eq 1 ]] || problem "${name}: ${pattern} names no source"
  done
  got=$(printf '%s\n' "${touched[@]+"${touched[@]}"}" | sed '/^$/d' | sort)
  want_sorted=$(printf '%s\n' "${want[@]+"${want[@]}"}" | sed '/^$/d' | sort)
  if [[ "${got}" != "${want_sorted}" ]]; then
    problem "${name}: the patch changes [$(echo ${got})]," \
      "the registry's where says [$(echo ${want_sorted})]"
  fi
done <"${registry}"

for name in "${!PATCH_OF[@]}"; do
  [[ -n "${SEEN_NAME[${name}]+x}" ]] ||
    problem "${PATCH_OF[${name}]} is the patch of no mutant in mutants.bzl"
done

# The specification, the port and the harness carry no mutation code.
for f in "${sources[@]}"; do
  case "${f}" in
    model/* | port/* | props/*)
      if grep -n 'MUTANT' "${f}" >"${tmp}/hits"; then
        problem "${f} names a mutant: $(head -n 3 "${tmp}/hits" | tr '\n' ' ')"
      fi
      ;;
  esac
done

[[ ${count} -ge 44 ]] || problem "only ${count} mutants"
[[ ${fail} -eq 0 ]] &&
  echo "${count} mutants: registry, patches and code agree"
exit "${fail}"
