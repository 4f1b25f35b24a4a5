"""The model under proof, compiled as it is or with one rule deliberately
broken, and the test targets over it.

proof_model instantiates proofs/definitions.cc (the only translation unit of
proofs/ that instantiates the model's rules) and the model's concrete façade
with an optional DBGREF_MUTANT_<NAME> define. A test binary links the prover
(//proofs:prover) and exactly one proof_model.
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
    "invariant_step_exit",
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

# The sources of the model's rules, where its mutant switches live.
MODEL_RULE_SOURCES = ["//model/arch:" + f for f in [
    "exception.h",
    "execute.h",
    "id_regs.h",
]] + ["//model:" + f for f in [
    "clear_debug.h",
    "concrete.cc",
    "handle_exit.h",
    "host.h",
    "invariant.h",
    "ioctl.h",
    "observe.h",
    "op.h",
    "requirements.h",
    "run.h",
    "setup_debug.h",
    "state.h",
    "step.h",
    "sys_regs.h",
    "world_switch.h",
]]

def proof_model(name, mutant = None, testonly = False):
    """A cc_library: the model, reference or with mutant NAME broken."""
    srcs = ["definitions.cc"] + STATEMENT_HEADERS
    deps = [
        ":prover",
        "//model:domain",
        "//model:record",
        "//model:requirement_list",
        "//model:rules",
    ]
    local_defines = []
    copts = []
    if mutant:
        # A broken rule may leave an input or a local unused.
        copts = [
            "-Wno-unused-parameter",
            "-Wno-unused-variable",
            "-Wno-unused-but-set-variable",
        ]
        local_defines = [
            "DBGREF_MUTANT_" + mutant,
            "DBGREF_PROOFS_MUTANT=" + mutant,
        ]

        # The concrete façade, recompiled with the same rule broken.
        srcs = srcs + ["//model:concrete.cc", "//model:concrete.h"]
        deps = deps + ["//model:record_compare"]
    else:
        deps = deps + ["//model:concrete"]
    native.cc_library(
        name = name,
        srcs = srcs,
        copts = copts,
        local_defines = local_defines,
        testonly = testonly,
        alwayslink = True,
        deps = deps,
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

def mutant_tests(detections):
    """For each (obligation, mutant): a model with that rule broken, and a
    test that the obligation fails on it with a counterexample that the
    concrete model, broken the same way, replays to the same violation."""
    models = {}
    native.sh_test(
        name = "mutant_switches_exist",
        size = "small",
        srcs = ["mutant_switches_exist.sh"],
        args = sorted({m: True for _, m in detections}.keys()) + ["--"] +
               ["$(location %s)" % h for h in MODEL_RULE_SOURCES],
        data = MODEL_RULE_SOURCES,
        tags = ["proof"],
    )
    for obligation, mutant in detections:
        model = "model_mutant_" + mutant.lower()
        if model not in models:
            models[model] = True
            proof_model(name = model, mutant = mutant, testonly = True)
        native.cc_test(
            name = obligation + "_detects_" + mutant.lower(),
            size = "small",
            args = [obligation],
            tags = ["proof"],
            deps = [
                ":" + model,
                ":mutant_test_main",
            ],
        )
