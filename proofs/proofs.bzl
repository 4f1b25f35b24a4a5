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
    "invariant_step_get_one_reg",
    "invariant_step_set_one_reg",
    "invariant_step_vcpu_init",
    "invariant_step_enter",
    "invariant_step_exit",
    "invariant_step_guest_control_well_formed",
    "invariant_step_guest_phase_well_formed",
    "invariant_step_guest_context_is_guest_view",
    "invariant_step_guest_guest_traps",
    "invariant_step_guest_guest_hardware_userspace",
    "invariant_step_guest_guest_hardware_own_loaded",
    "invariant_step_guest_guest_hardware_own_saved",
    "invariant_step_guest_guest_mdscr",
    "invariant_step_guest_guest_others",
    "invariant_step_guest_guest_direct",
    "invariant_step_guest_guest_step",
    "invariant_step_guest_exited_pending_is_step",
    "invariant_step_guest_exited_for_known_class",
    "invariant_step_guest_reenter_not_stepped",
    "req_ioctl_valid",
    "req_ioctl_disable",
    "req_ioctl_hwregs",
    "req_cap",
    "req_one_reg",
    "req_init",
    "req_trap_tda",
    "req_trap_tde",
    "bmc_trap_tde_from_reset",
    "req_hw_program",
    "req_hw_break",
    "req_hw_watch",
    "req_brk",
    "req_ss_entry",
    "req_ss_guest",
    "req_ss_exit",
    "req_restore_ioctl",
    "req_restore_exit",
    "req_shadow_direct",
    "req_shadow_emulated",
    "req_isolation_entry",
    "req_isolation_guest",
    "req_isolation_exit",
    "req_noundef_guest",
    "req_noundef_exit",
    "req_exit_guest",
    "req_exit",
    "req_off",
    "req_oslock",
]

STATEMENT_HEADERS = [
    "statements_bounded.h",
    "statements_common.h",
    "statements_entry.h",
    "statements_exit.h",
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
            size = "medium",
            args = [obligation],
            tags = ["proof"],
            deps = [
                ":proof_test_main",
                ":reference_model",
            ],
        )
