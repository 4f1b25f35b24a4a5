"""The model under proof and the test targets over it.

proof_model instantiates proofs/definitions.cc (the only translation unit of
proofs/ that instantiates the model's rules). A test binary links the prover
(//proofs:prover) and exactly one proof_model. The broken-rule tests, which
rebuild definitions.cc and the model's concrete façade with one rule
broken, are in tests/mutants (detection_tests in mutants.bzl).
"""

# Every obligation, in the order of AllObligations(); each is a test target
# of //proofs (tests/proofs:obligations_test checks the two lists agree).
OBLIGATIONS = [
    "invariant_base",
    "invariant_step_set_guest_debug",
    "invariant_step_check_extension",
    "invariant_step_run",
    "req_ioctl_valid",
    "req_ioctl_disable",
    "req_ioctl_hwregs",
    "req_ioctl_hwregs_next_entry",
    "req_cap",
    "req_trap_tda",
    "req_trap_tde",
    "bmc_trap_tde_from_reset",
    "req_hw_program",
    "req_restore",
    "req_shadow",
    "ghost_is_last_write",
    "req_shadow_read_after_write",
    "req_isolation",
    "req_noundef",
    "req_exit",
    "req_ss",
    "req_off",
]

STATEMENT_HEADERS = [
    "statements_bounded.h",
    "statements_common.h",
    "statements_entry.h",
    "statements_guest.h",
    "statements_invariant.h",
    "statements_ioctl.h",
]

def proof_model(name, testonly = False):
    """A cc_library: the model under proof."""
    native.cc_library(
        name = name,
        srcs = ["definitions.cc"] + STATEMENT_HEADERS,
        testonly = testonly,
        alwayslink = True,
        deps = [
            ":prover",
            "//model:concrete",
            "//model:domain",
            "//model:record",
            "//model:requirement_list",
            "//model:rules",
        ],
    )

def proof_tests(obligations):
    """One test per obligation, proving it on the reference model."""
    for obligation in obligations:
        native.cc_test(
            name = obligation,
            size = "small",
            args = [obligation],
            tags = ["proof"],
            deps = [
                ":proof_test_main",
                ":reference_model",
            ],
        )
