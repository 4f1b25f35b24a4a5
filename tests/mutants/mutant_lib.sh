# The body of every mutant test, sourced by the script mutant_test.bzl
# generates. The script sets NAME, PATCH, WHERE, WHAT, EXPECTED and
# KILLER_TIMEOUT, then calls mutant_begin, mutant_evidence and mutant_killer
# once per target (label, executable relative to the runfiles tree,
# arguments), and mutant_end, whose exit status is the test's.
#
# The killers run in the runfiles tree of the mutant test, which holds all
# of theirs; the Bazel variables that tie a test to its own outputs (XML
# report, shard status) are removed from their environment, so that a
# killer cannot overwrite the mutant test's report.

set -u

KILLED_BY=()
SURVIVED_BY=()
INCONCLUSIVE_BY=()
EVIDENCE_FAILED=()
LOG_DIR="${TEST_UNDECLARED_OUTPUTS_DIR:-${TEST_TMPDIR:-/tmp}}"
STARTED=${SECONDS}

mutant_begin() {
  echo "mutant ${NAME}: ${PATCH}"
  echo "where: ${WHERE}"
  echo "what: ${WHAT}"
  echo "expected: ${EXPECTED}"
  sed 's/^/  | /' "${PATCH}"
  mkdir -p "${LOG_DIR}"
}

# Runs one target; prints its status word (passed, failed, timeout) and
# the lines of its output that say what failed.
_mutant_run() {
  local label=$1 exe=$2
  shift 2
  local log="${LOG_DIR}/$(echo "${label}" | tr -c 'A-Za-z0-9_.\n-' '_').log"
  local rc=0
  env -u XML_OUTPUT_FILE -u GTEST_OUTPUT -u TEST_PREMATURE_EXIT_FILE \
    -u TEST_SHARD_STATUS_FILE -u GTEST_SHARD_STATUS_FILE \
    -u TEST_TOTAL_SHARDS -u TEST_SHARD_INDEX \
    -u GTEST_TOTAL_SHARDS -u GTEST_SHARD_INDEX \
    RUNFILES_DIR="${TEST_SRCDIR}" \
    timeout --kill-after=10 "${KILLER_TIMEOUT}" "./${exe}" "$@" \
    >"${log}" 2>&1 || rc=$?
  if [[ ${rc} -eq 0 ]]; then
    echo passed
    return
  fi
  # A hang, or a proof the solver could not decide, shows nothing about
  # the mutant: inconclusive, not a kill.
  if [[ ${rc} -eq 124 || ${rc} -eq 137 ]]; then
    echo timeout
  elif grep -q ': UNKNOWN in' "${log}" && ! grep -q ': FAILED in' "${log}"; then
    echo inconclusive
  else
    echo failed
  fi
  # What failed: gtest's failed tests, a refuted obligation, a property's
  # counterexample; otherwise the end of the output.
  local why
  why=$(grep -E '^\[  FAILED  \] [A-Za-z]|FAILED in|Falsifiable|^FAIL' \
    "${log}" | grep -vE 'listed below| ms\)$' |
    sed -e 's/, where GetParam() = .*//' | sort -u | head -n 12)
  [[ -n "${why}" ]] || why=$(tail -n 8 "${log}")
  sed 's/^/    | /' <<<"${why}" >&2
}

mutant_evidence() {
  local label=$1 status why
  why=$(mktemp -p "${TEST_TMPDIR:-/tmp}")
  status=$(_mutant_run "$@" 2>"${why}")
  if [[ ${status} == passed ]]; then
    echo "evidence_proved=${label}"
  else
    echo "evidence_failed=${label} (${status})"
    cat "${why}"
    EVIDENCE_FAILED+=("${label}")
  fi
  rm -f "${why}"
}

mutant_killer() {
  local label=$1 status why
  why=$(mktemp -p "${TEST_TMPDIR:-/tmp}")
  status=$(_mutant_run "$@" 2>"${why}")
  if [[ ${status} == passed ]]; then
    echo "survived_by=${label}"
    SURVIVED_BY+=("${label}")
  elif [[ ${status} == timeout || ${status} == inconclusive ]]; then
    echo "inconclusive_by=${label} (${status})"
    cat "${why}"
    INCONCLUSIVE_BY+=("${label}")
  else
    echo "killed_by=${label} (${status})"
    cat "${why}"
    KILLED_BY+=("${label}")
  fi
  rm -f "${why}"
}

_mutant_join() {
  local IFS=,
  echo "$*"
}

mutant_end() {
  local status ok
  if [[ ${EXPECTED} == equivalent ]]; then
    if [[ ${#KILLED_BY[@]} -gt 0 ]]; then
      status=killed
      ok=0
      echo "FAIL: listed as equivalent, but killed"
    elif [[ ${#EVIDENCE_FAILED[@]} -gt 0 ]]; then
      status=unproven
      ok=0
      echo "FAIL: listed as equivalent, but its obligation is not proved"
    else
      status=equivalent
      ok=1
    fi
  elif [[ ${#KILLED_BY[@]} -gt 0 ]]; then
    status=killed
    ok=1
  else
    status=survived
    ok=0
    echo "FAIL: the mutant survived every killer: a hole in the checks"
  fi
  echo "DBGREF_MUTANT_RESULT name=${NAME} status=${status}" \
    "killed_by=$(_mutant_join "${KILLED_BY[@]+"${KILLED_BY[@]}"}")" \
    "survived_by=$(_mutant_join "${SURVIVED_BY[@]+"${SURVIVED_BY[@]}"}")" \
    "inconclusive_by=$(_mutant_join \
      "${INCONCLUSIVE_BY[@]+"${INCONCLUSIVE_BY[@]}"}")" \
    "seconds=$((SECONDS - STARTED))"
  [[ ${ok} -eq 1 ]]
}
