#!/usr/bin/env bash
# Runs the mutation suite and prints the kill matrix.
#
#   tests/mutants/run_mutants.sh [--format=text|json] [--output_base=DIR]
#                                [--no_baseline] [NAME...] [-- BAZEL_FLAGS...]
#
# NAME selects mutants by target name (default: every mutant of the
# registry, tests/mutants/mutants.bzl). First the killers are run as they
# are (the baseline: a killer that fails on the reference would kill every
# mutant, so the run stops there), then every mutant target, with
# --keep_going. The matrix goes to stdout, Bazel's output to stderr.
#
# Text: one line per mutant (name, where, status, killed by) and a count.
# JSON: {"mutants": [{"name", "patch", "where", "what", "expected",
#        "status", "killed_by": [...], "survived_by": [...]}],
#        "summary": {...}, "seconds": N}
# status is killed, survived, equivalent, or for a mutant whose target did
# not report (it failed to build, or crashed): error; unproven when an
# equivalent mutant's obligation is not proved.
#
# Exit status: 0 when every mutant is what the registry expects (killed,
# or equivalent), 1 when one is not, 2 on a usage error or a failing
# baseline.
set -euo pipefail

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

format=text
output_base=
baseline=1
names=()
bazel_flags=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --format=text | --format=json) format=${1#--format=} ;;
    --format=*)
      echo "run_mutants: --format must be text or json" >&2
      exit 2
      ;;
    --output_base=*) output_base=${1#--output_base=} ;;
    --no_baseline) baseline=0 ;;
    -h | --help) usage ;;
    --)
      shift
      bazel_flags=("$@")
      break
      ;;
    -*)
      echo "run_mutants: unknown flag $1" >&2
      usage
      ;;
    *) names+=("$1") ;;
  esac
  shift
done

if [[ -n "${BUILD_WORKSPACE_DIRECTORY:-}" ]]; then
  cd "${BUILD_WORKSPACE_DIRECTORY}"
else
  cd "$(dirname "$(readlink -f "$0")")/../.."
fi

bazel_cmd=("${BAZEL:-bazel}")
[[ -n "${output_base}" ]] && bazel_cmd+=("--output_base=${output_base}")
common=(--color=no --curses=no --noshow_progress "${bazel_flags[@]+"${bazel_flags[@]}"}")

started=${SECONDS}

# The registry: name, patch, expected, where, what, killers, evidence,
# detects (lists comma-separated, "-" for none).
"${bazel_cmd[@]}" build "${common[@]}" //tests/mutants:all_mutants_registry >&2
bin=$("${bazel_cmd[@]}" info "${common[@]}" bazel-bin 2>/dev/null)
testlogs=$("${bazel_cmd[@]}" info "${common[@]}" bazel-testlogs 2>/dev/null)
registry="${bin}/tests/mutants/all_mutants.tsv"

declare -A PATCH EXPECTED WHERE WHAT KILLERS
order=()
while IFS=$'\t' read -r name patch expected where what killers evidence _; do
  [[ -n "${name}" ]] || continue
  [[ ${evidence} != - ]] || evidence=
  PATCH[${name}]=${patch}
  EXPECTED[${name}]=${expected}
  WHERE[${name}]=${where}
  WHAT[${name}]=${what}
  KILLERS[${name}]="${killers}${evidence:+,${evidence}}"
  order+=("${name}")
done <"${registry}"

if [[ ${#names[@]} -eq 0 ]]; then
  names=("${order[@]}")
else
  for n in "${names[@]}"; do
    if [[ -z "${PATCH[${n}]+x}" ]]; then
      echo "run_mutants: no mutant called ${n}" >&2
      exit 2
    fi
  done
fi

if [[ ${baseline} -eq 1 ]]; then
  mapfile -t reference < <(for n in "${names[@]}"; do
    tr ',' '\n' <<<"${KILLERS[${n}]}"
  done | sed '/^$/d' | sort -u)
  echo "run_mutants: baseline: ${#reference[@]} killers on the reference" >&2
  if ! "${bazel_cmd[@]}" test "${common[@]}" "${reference[@]}" >&2; then
    echo "run_mutants: a killer fails on the reference model and port;" \
      "fix it before running mutants" >&2
    exit 2
  fi
fi

targets=()
for n in "${names[@]}"; do targets+=("//tests/mutants:${n}"); done
echo "run_mutants: ${#targets[@]} mutants" >&2
summary=$(mktemp)
trap 'rm -f "${summary}"' EXIT
"${bazel_cmd[@]}" test "${common[@]}" --keep_going "${targets[@]}" 2>&1 |
  tee "${summary}" >&2 || true

# Bazel's per-target summary says whether the target ran; its log says
# what happened.
declare -A STATUS KILLED SURVIVED
for n in "${names[@]}"; do
  STATUS[${n}]=error
  KILLED[${n}]=
  SURVIVED[${n}]=
  if ! grep -qE "^//tests/mutants:${n} +(\(cached\) )?(PASSED|FAILED) in" \
    "${summary}"; then
    continue
  fi
  line=$(grep -m1 '^DBGREF_MUTANT_RESULT ' \
    "${testlogs}/tests/mutants/${n}/test.log" 2>/dev/null || true)
  [[ -n "${line}" ]] || continue
  for field in ${line#DBGREF_MUTANT_RESULT }; do
    case "${field}" in
      status=*) STATUS[${n}]=${field#status=} ;;
      killed_by=*) KILLED[${n}]=${field#killed_by=} ;;
      survived_by=*) SURVIVED[${n}]=${field#survived_by=} ;;
    esac
  done
done
seconds=$((SECONDS - started))

json_string() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "${s}"
}

json_list() {
  local first=1 item
  printf '['
  IFS=, read -r -a items <<<"$1"
  for item in "${items[@]+"${items[@]}"}"; do
    [[ -n "${item}" ]] || continue
    [[ ${first} -eq 1 ]] || printf ', '
    first=0
    json_string "${item}"
  done
  printf ']'
}

declare -A COUNT=([killed]=0 [survived]=0 [equivalent]=0 [error]=0
  [unproven]=0)
ok=1
for n in "${names[@]}"; do
  s=${STATUS[${n}]}
  COUNT[${s}]=$((${COUNT[${s}]:-0} + 1))
  [[ "${s}" == "${EXPECTED[${n}]}" ]] || ok=0
done

if [[ "${format}" == json ]]; then
  printf '{"mutants": ['
  first=1
  for n in "${names[@]}"; do
    [[ ${first} -eq 1 ]] || printf ','
    first=0
    printf '\n  {"name": %s, "patch": %s, "where": %s, "what": %s, ' \
      "$(json_string "${n}")" "$(json_string "${PATCH[${n}]}")" \
      "$(json_string "${WHERE[${n}]}")" "$(json_string "${WHAT[${n}]}")"
    printf '"expected": %s, "status": %s, "killed_by": %s, "survived_by": %s}' \
      "$(json_string "${EXPECTED[${n}]}")" "$(json_string "${STATUS[${n}]}")" \
      "$(json_list "${KILLED[${n}]}")" "$(json_list "${SURVIVED[${n}]}")"
  done
  printf '\n], "summary": {"total": %d, "killed": %d, "equivalent": %d, ' \
    "${#names[@]}" "${COUNT[killed]}" "${COUNT[equivalent]}"
  printf '"survived": %d, "error": %d, "unproven": %d}, "seconds": %d}\n' \
    "${COUNT[survived]}" "${COUNT[error]}" "${COUNT[unproven]}" "${seconds}"
else
  wn=6 ww=5
  for n in "${names[@]}"; do
    ((${#n} <= wn)) || wn=${#n}
    ((${#WHERE[${n}]} <= ww)) || ww=${#WHERE[${n}]}
  done
  printf '%-*s  %-*s  %-10s  %s\n' "${wn}" mutant "${ww}" where status \
    "killed by"
  for n in "${names[@]}"; do
    by=${KILLED[${n}]//,/, }
    [[ "${STATUS[${n}]}" != equivalent ]] || by="(proved equivalent)"
    printf '%-*s  %-*s  %-10s  %s\n' "${wn}" "${n}" "${ww}" \
      "${WHERE[${n}]}" "${STATUS[${n}]}" "${by:--}"
  done
  printf '%d mutants: %d killed, %d equivalent, %d survived, %d error' \
    "${#names[@]}" "${COUNT[killed]}" "${COUNT[equivalent]}" \
    "${COUNT[survived]}" "${COUNT[error]}"
  [[ ${COUNT[unproven]} -eq 0 ]] || printf ', %d unproven' "${COUNT[unproven]}"
  printf ' (%d s)\n' "${seconds}"
fi
[[ ${ok} -eq 1 ]] || exit 1
