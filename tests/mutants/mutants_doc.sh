#!/usr/bin/env bash
# Prints tests/mutants/MUTANTS.md, the tables of mutants, from the registry
# (mutants.bzl, as all_mutants.tsv): one table per layer the mutants break.
# Usage: mutants_doc.sh REGISTRY.tsv
set -euo pipefail

registry=$1

declare -a NAMES
declare -A EXPECTED WHERE WHAT KILLERS EVIDENCE DETECTS
while IFS=$'\t' read -r name _patch expected where what killers evidence detects; do
  [[ -n "${name}" ]] || continue
  NAMES+=("${name}")
  EXPECTED[${name}]=${expected}
  WHERE[${name}]=${where}
  WHAT[${name}]=${what}
  KILLERS[${name}]=${killers}
  EVIDENCE[${name}]=${evidence#-}
  DETECTS[${name}]=${detects#-}
done <"${registry}"

# "a,b" as "`a`, `b`"; a dash for an empty list.
code_list() {
  if [[ -z $1 ]]; then
    echo "-"
    return
  fi
  sed -e 's/^/`/' -e 's/,/`, `/g' -e 's/$/`/' <<<"$1"
}

# The killers every mutant of a layer has, in the order of the first one.
common_killers() {
  local prefix=$1 first=1 n k out=()
  declare -A count
  local total=0
  for n in "${NAMES[@]}"; do
    [[ ${n} == "${prefix}"_* ]] || continue
    total=$((total + 1))
    IFS=, read -r -a ks <<<"${KILLERS[${n}]}"
    for k in "${ks[@]}"; do count[${k}]=$((${count[${k}]:-0} + 1)); done
  done
  for n in "${NAMES[@]}"; do
    [[ ${n} == "${prefix}"_* ]] || continue
    if [[ ${first} -eq 1 ]]; then
      IFS=, read -r -a ks <<<"${KILLERS[${n}]}"
      for k in "${ks[@]}"; do
        [[ ${count[${k}]} -eq ${total} ]] && out+=("${k}")
      done
      first=0
    fi
  done
  local IFS=,
  echo "${out[*]}"
}

# KILLERS[name] without the common ones.
own_killers() {
  local name=$1 common=",$2," k out=()
  IFS=, read -r -a ks <<<"${KILLERS[${name}]}"
  for k in "${ks[@]}"; do
    [[ ${common} == *",${k},"* ]] || out+=("${k#//proofs:}")
  done
  local IFS=,
  echo "${out[*]}"
}

count_of() {
  local n c=0
  for n in "${NAMES[@]}"; do [[ ${n} == "$1"_* ]] && c=$((c + 1)); done
  echo "${c}"
}

section() {
  local prefix=$1 title=$2 intro=$3 n common
  common=$(common_killers "${prefix}")
  echo
  echo "## ${title} ($(count_of "${prefix}"))"
  echo
  echo "${intro} Every one is judged by $(code_list "${common}")."
  echo
  case "${prefix}" in
    model)
      echo "| mutant | where | what it breaks | also judged by (obligations) | refuted by (\`<obligation>_detects_<mutant>\`) |"
      echo "| --- | --- | --- | --- | --- |"
      ;;
    *)
      echo "| mutant | where | what it breaks | also judged by | expected |"
      echo "| --- | --- | --- | --- | --- |"
      ;;
  esac
  for n in "${NAMES[@]}"; do
    [[ ${n} == "${prefix}"_* ]] || continue
    local last
    if [[ ${prefix} == model ]]; then
      last=$(code_list "${DETECTS[${n}]}")
    elif [[ ${EXPECTED[${n}]} == equivalent ]]; then
      last="equivalent: $(code_list "${EVIDENCE[${n}]}")"
    else
      last=${EXPECTED[${n}]}
    fi
    printf '| `%s` | `%s` | %s | %s | %s |\n' "${n}" \
      "${WHERE[${n}]//, /\`, \`}" "${WHAT[${n}]}" \
      "$(code_list "$(own_killers "${n}" "${common}")")" "${last}"
  done
}

cat <<'EOF'
# Mutants

<!-- Generated from tests/mutants/mutants.bzl: do not edit. Rewrite it
with `bazel run //tests/mutants:update_doc`; //tests/mutants:mutants_doc_test
fails when it is stale. -->

Each mutant is a patch, `tests/mutants/patches/<mutant>.patch`, that breaks
one rule of the model, one line of a port revision or the shim, or one
check of the props harness. `//tests/mutants:<mutant>` rebuilds its killers
with the patch applied and passes when one of them fails (or, for an
equivalent mutant, when its obligation is proved and none fails);
`./dbgref mutants` prints the kill matrix. See `README.md` beside this
file.
EOF

section model "The model" \
  "Patches of \`model/\`: the specification itself. A patch changes a rule, never a predicate of \`model/requirements.h\`, so a mutant cannot weaken the statement that judges it."
section port "The port" \
  "Patches of \`port/\`: a revision's kernel code or the shim under it."
section props "The props harness" \
  "Patches of \`props/\`: the harness must notice a port that breaks a requirement, so these make it see less."
