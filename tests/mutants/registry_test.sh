#!/usr/bin/env bash
# The registry of mutants (mutants.bzl, as all_mutants.tsv) and the code
# agree:
#   - every switch the model and the port test in an #if is a mutant of the
#     registry, so none is forgotten;
#   - every mutant's switch is tested in exactly the files its `where`
#     names (a path, a glob such as port/*/arm.c, or a comma-separated
#     list of them), so a misspelt or retired switch cannot build the
#     reference and survive;
#   - names and switches are unique, and each switch is listed in
#     model/mutants.md or port/mutants.md.
# Usage: registry_test.sh REGISTRY.tsv MODEL_MUTANTS.md PORT_MUTANTS.md
#        SOURCE...
set -euo pipefail

registry=$1
model_doc=$2
port_doc=$3
shift 3
sources=("$@")

fail=0
problem() {
  echo "FAIL: $*"
  fail=1
}

# switch -> the source files whose #if lines test it.
declare -A TESTED_IN
for f in "${sources[@]}"; do
  while read -r sw; do
    TESTED_IN[${sw}]="${TESTED_IN[${sw}]:-}${TESTED_IN[${sw}]:+ }${f}"
  done < <(grep -E '^#[[:space:]]*(if|ifdef|ifndef|elif)\b' "${f}" |
    grep -oE '\bDBGREF_(PORT_)?MUTANT_[A-Z0-9_]+\b' | sort -u)
done

declare -A SEEN_NAME SEEN_SWITCH
count=0
while IFS=$'\t' read -r name switch expected where _what _killers evidence; do
  [[ -n "${name}" ]] || continue
  count=$((count + 1))
  [[ -z "${SEEN_NAME[${name}]+x}" ]] || problem "${name}: listed twice"
  [[ -z "${SEEN_SWITCH[${switch}]+x}" ]] || problem "${switch}: listed twice"
  SEEN_NAME[${name}]=1
  SEEN_SWITCH[${switch}]=1
  if [[ ${expected} == equivalent && -z "${evidence}" ]]; then
    problem "${name}: equivalent without an obligation as evidence"
  fi

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
  got=$(tr ' ' '\n' <<<"${TESTED_IN[${switch}]:-}" | sed '/^$/d' | sort)
  want_sorted=$(printf '%s\n' "${want[@]+"${want[@]}"}" | sed '/^$/d' | sort)
  if [[ "${got}" != "${want_sorted}" ]]; then
    problem "${name}: ${switch} is tested in [$(echo ${got})]," \
      "the registry says [$(echo ${want_sorted})]"
  fi

  case "${switch}" in
    DBGREF_MUTANT_*) doc=${model_doc} short=${switch} ;;
    DBGREF_PORT_MUTANT_*) doc=${port_doc} short=${switch#DBGREF_PORT_MUTANT_} ;;
    *) problem "${name}: ${switch} is not a mutant switch"; continue ;;
  esac
  grep -q "\`${short}\`" "${doc}" ||
    problem "${name}: ${short} has no row in ${doc}"
done <"${registry}"

for sw in "${!TESTED_IN[@]}"; do
  [[ -n "${SEEN_SWITCH[${sw}]+x}" ]] ||
    problem "${sw} (in ${TESTED_IN[${sw}]}) is in no entry of mutants.bzl"
done

[[ ${count} -ge 25 ]] || problem "only ${count} mutants"
[[ ${fail} -eq 0 ]] && echo "${count} mutants: registry, code and docs agree"
exit "${fail}"
