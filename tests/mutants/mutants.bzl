"""The registry of mutants: the one list the targets, the toolchains, the
runner, the proofs' broken-rule tests and the docs come from.

Each entry is one patch, tests/mutants/patches/<name>.patch (never a copy of
a source file, never a switch in the code):
  name      the target, //tests/mutants:<name>; model_*, port_* or props_*
  where     the file or files the patch changes (a path, a glob such as
            port/*/arm.c, or a comma-separated list of them)
  what      what it breaks, one line
  killers   test targets rebuilt with the mutant; one failing kills it
  expected  "killed", or "equivalent" with evidence: the Z3 obligations
            that prove it cannot be observed
  detects   (model) the obligations that must refute it with a
            counterexample the concrete model replays: one test
            //tests/mutants:<obligation>_detects_<name without model_> each.
            Empty for a mutant that its obligations refute only by
            induction (from a state satisfying the invariant), with no
            counterexample from reset within the prover's bound of 8
            transitions: its killers judge it all the same.
"""

load("//tests/model:tests.bzl", "MODEL_TESTS")
load(":mutant_test.bzl", "mutant_objects", "mutant_test")

# Every model unit test, one rule file each (tests/model/tests.bzl), and
# the model executing guest programs (tests/exec); each is cheap to rebuild.
_MODEL_UNIT = ["//tests/model:" + t for t in MODEL_TESTS] + [
    "//tests/exec:architecture_test",
    "//tests/exec:execution_test",
    "//tests/exec:random_test",
]

# The model's own properties (RapidCheck).
_MODEL_PROPERTIES = [
    "//tests/props:model_property_test",
]

# Every port unit test that drives the revisions.
_PORT_UNIT = [
    "//tests/port:port_common_test",
    "//tests/port:port_host_shapes_test",
    "//tests/port:port_revision_test",
]

# Each revision against the model: the stateful differential check, the
# campaign outcome per requirement against the manifests, and the saved
# counterexamples.
_PORT_DIFFERENTIAL = [
    "//tests/props:differential_test",
    "//tests/props:manifest_outcome_test",
    "//tests/regression:regression_test",
]

# How the feature is used (the KVM selftest's single-step, QEMU's
# hardware breakpoints and watchpoints) and what the seed itself shows, on
# every revision against its manifest.
_PORT_SCENARIOS = [
    "//tests/scenario:qemu_hw_debug_test",
    "//tests/scenario:seed_behaviour_test",
    "//tests/scenario:selftest_single_step_test",
]

# The harness's own unit tests (against the model revision and the broken
# copies of tests/props, without the ports).
_PROPS_UNIT = [
    "//tests/props:campaign_test",
    "//tests/props:generator_mix_test",
    "//tests/props:lockstep_test",
    "//tests/props:manifest_test",
    "//tests/props:observational_view_test",
    "//tests/props:shard_test",
]

# Arguments and data of killers whose test target passes them itself.
_ARGS_OF = {
    "//tests/regression:regression_test": [
        "$(locations //tests/regression:traces)",
    ],
}

_DATA_OF = {
    "//tests/regression:regression_test": ["//tests/regression:traces"],
}

def _proofs(*obligations):
    return ["//proofs:" + o for o in obligations]

def _model(name, what, where, proofs, detects = None, extra = []):
    """A mutant of the model's rules, judged by the model's unit tests,
    the obligations `proofs` and the model's properties. `detects` (all of
    `proofs` unless given) must each refute it."""
    detects = proofs if detects == None else detects
    for d in detects:
        if d not in proofs:
            fail("%s: %s detects it but is not one of its proofs" % (name, d))
    return {
        "name": "model_" + name.lower(),
        "where": where,
        "what": what,
        "killers": _MODEL_UNIT + _proofs(*proofs) + _MODEL_PROPERTIES + extra,
        "expected": "killed",
        "evidence": [],
        "detects": detects,
    }

def _port(name, what, where, extra = [], expected = "killed", evidence = []):
    """A mutant of a port revision or the shim under them."""
    return {
        "name": "port_" + name.lower(),
        "where": where,
        "what": what,
        "killers": _PORT_UNIT + extra + _PORT_DIFFERENTIAL + _PORT_SCENARIOS,
        "expected": expected,
        "evidence": evidence,
        "detects": [],
    }

def _props(name, what, where, extra = []):
    """A mutant of the props harness itself: its tests must notice a
    harness that sees less than it should."""
    return {
        "name": "props_" + name.lower(),
        "where": where,
        "what": what,
        "killers": _PROPS_UNIT + extra + _PORT_DIFFERENTIAL + _PORT_SCENARIOS,
        "expected": "killed",
        "evidence": [],
        "detects": [],
    }

MUTANTS = [
    # The model (model/*.h, model/arch/*.h): the specification itself.
    _model(
        "EINVAL_STORES",
        "an invalid control word with ENABLE still changes the state",
        "model/ioctl.h",
        ["req_ioctl_valid", "invariant_step_set_guest_debug"],
        detects = ["req_ioctl_valid"],
    ),
    _model(
        "DISABLE_KEEPS",
        "without ENABLE the control word is stored as passed",
        "model/ioctl.h",
        ["req_ioctl_disable", "bmc_trap_tde_from_reset"],
        detects = ["req_ioctl_disable"],
    ),
    _model(
        "HWREGS_PARTIAL",
        "USE_HW does not record the WVR bank",
        "model/ioctl.h",
        ["req_ioctl_hwregs", "req_hw_program", "req_hw_watch"],
        detects = ["req_ioctl_hwregs"],
    ),
    _model(
        "CAP_NO_PLUS_ONE",
        "off by one: HW_BPS answers the BRPs field, not field + 1",
        "model/ioctl.h",
        ["req_cap"],
    ),
    _model(
        "DFR0_WRPS_SHIFT",
        "HW_WPS reads ID_AA64DFR0_EL1 at shift 16 instead of 20",
        "model/arch/id_regs.h",
        ["req_cap"],
    ),
    _model(
        "TDA_NOT_FORCED",
        "drop TDA: USE_HW no longer forces the trap while DIRTY is set",
        "model/setup_debug.h",
        ["req_trap_tda", "invariant_step_enter"],
        detects = [],
    ),
    _model(
        "TDE_ALWAYS",
        "TDE set on every entry, guest debug or not",
        "model/setup_debug.h",
        ["req_trap_tde", "bmc_trap_tde_from_reset", "req_off"],
        detects = ["req_trap_tde"],
    ),
    _model(
        "SS_NO_PSTATE",
        "SINGLESTEP does not set PSTATE.SS",
        "model/setup_debug.h",
        ["req_ss_entry", "req_ss_guest", "req_ss_exit"],
        detects = ["req_ss_entry"],
    ),
    _model(
        "PRESERVE_AFTER_LEND",
        "setup_debug preserves MDSCR_EL1 and PSTATE.SS after lending them",
        "model/setup_debug.h",
        ["req_restore_exit", "req_ss_exit"],
        detects = [],
    ),
    _model(
        "HW_LOAD_GUEST_SET",
        "the world switch always loads the guest's own set",
        "model/world_switch.h",
        ["req_hw_program", "req_isolation_entry", "req_hw_break"],
        detects = ["req_hw_program"],
    ),
    _model(
        "OFF_NO_LAZY",
        "KDE/MDE in the guest's MDSCR_EL1 no longer sets DIRTY on entry",
        "model/world_switch.h",
        ["req_off"],
    ),
    _model(
        "SKIP_KEEPS_SS",
        "the skip of an emulated instruction (or a completed MMIO store) " +
        "on the way in keeps PSTATE.SS: with SINGLESTEP the next " +
        "instruction runs before the step exit",
        "model/world_switch.h",
        ["req_ss_entry", "req_ss_guest", "req_ss_exit", "req_off"],
        detects = [],
    ),
    _model(
        "SAVE_SWAPPED_SETS",
        "swap save and restore: the world switch out saves the hardware " +
        "into the set it did not load",
        "model/world_switch.h",
        ["req_isolation_exit", "req_restore_exit"],
        detects = [],
    ),
    _model(
        "CLEAR_SKIPS_MDSCR",
        "clear_debug does not restore MDSCR_EL1",
        "model/clear_debug.h",
        ["req_restore_exit", "req_ss_exit", "invariant_step_exit"],
        detects = [],
    ),
    _model(
        "RESTORE_SS_ONLY",
        "clear_debug restores only MDSCR_EL1.SS",
        "model/clear_debug.h",
        ["req_restore_exit", "req_shadow_emulated"],
        detects = [],
    ),
    _model(
        "NO_WATCHPT_EXIT",
        "WATCHPT_LOW is not a debug exception class",
        "model/handle_exit.h",
        ["req_exit", "req_hw_watch"],
        detects = [],
    ),
    _model(
        "FAR_ALWAYS",
        "FAR reported for every debug exit",
        "model/handle_exit.h",
        ["req_exit"],
        detects = [],
    ),
    _model(
        "FAR_WRONG_EC",
        "FAR reported for BREAKPT_LOW instead of WATCHPT_LOW",
        "model/handle_exit.h",
        ["req_exit"],
        detects = [],
    ),
    _model(
        "UNDEF_MDSCR_USE_HW",
        "trapped MDSCR_EL1/MDCCINT_EL1 under USE_HW get an UNDEF",
        "model/sys_regs.h",
        ["req_noundef_exit", "req_shadow_emulated"],
        detects = [],
    ),
    _model(
        "READ_LOADED_SET",
        "a trapped read under USE_HW answers from userspace's set",
        "model/sys_regs.h",
        ["req_shadow_emulated", "req_isolation_exit"],
        detects = [],
    ),
    _model(
        "TRAP_WRITE_LOST",
        "trapped writes under USE_HW are dropped",
        "model/sys_regs.h",
        ["req_restore_exit", "req_shadow_emulated"],
        detects = [],
    ),
    _model(
        "DIRTY_NOT_SET_ON_WRITE",
        "forget DIRTY: a trapped write does not set it",
        "model/sys_regs.h",
        ["req_off"],
        detects = [],
    ),

    # The CPU (model/arch) and its observation at entry (model/run.h),
    # which the port's simulated CPU also runs (model/concrete_cpu):
    # the model's own checks must notice, the differential check cannot.
    # req_off holds with model_ignore_tde and the req_isolation_*
    # obligations with model_tda_ignores_tde (Z3 proves them), so they are
    # not its killers.
    _model(
        "IGNORE_TDE",
        "debug exceptions reach EL2 whatever MDCR_EL2.TDE says",
        "model/arch/execute.h",
        ["req_exit_guest", "req_brk", "req_exit"],
        detects = ["req_exit_guest"],
    ),
    _model(
        "TDA_IGNORES_TDE",
        "the CPU no longer treats TDA as set while TDE is set",
        "model/arch/execute.h",
        ["invariant_step_enter", "req_shadow_direct", "req_restore_exit"],
        detects = [],
    ),
    _model(
        "OBS_OFF_BY_ONE",
        "off by one: the observation holds one unimplemented breakpoint " +
        "and watchpoint",
        "model/run.h",
        ["req_off", "req_isolation_entry", "req_hw_program"],
        detects = ["req_hw_program"],
    ),
    # A short cut on C++ values that the formulas do not share: no
    # obligation sees it, the check of the short cuts against the folds
    # does.
    _model(
        "CONCRETE_BYTE_MASK_SHORT",
        "on C++ values an 8-byte access touches no byte a watchpoint sees",
        "model/arch/debug_events.h",
        [],
        extra = ["//tests/proofs:concrete_paths_test"],
    ),
    # The world switch in writes the CPU field by field: one left out keeps
    # what the CPU held before.
    _model(
        "SWITCH_IN_KEEPS_TRAPPED",
        "the world switch in leaves the last exit's trapped instruction in the CPU",
        "model/world_switch.h",
        [],
    ),
    # Only KVM_SET_GUEST_DEBUG takes kvm_guest_debug.arch.
    _model(
        "IOCTL_INPUT_EVERY_ARCH",
        "every ioctl's transition input takes the record's debug registers",
        "model/record_convert.cc",
        [],
    ),

    # The port (port/*): each revision's kernel code and the shim under it.
    _port(
        "V2_TRAP_WHEN_DIRTY",
        "trap the debug registers while DIRTY is set instead of clear",
        "port/v2/debug.c",
    ),
    _port(
        "V2_NO_HW_IN_VALID",
        "USE_HW_BP left out of KVM_GUESTDBG_VALID",
        "port/v2/arm.c",
    ),
    _port(
        "V2_NB_FOR_NW",
        "the ioctl copies nb watchpoint control registers where nw was meant",
        "port/v2/arm.c",
    ),
    _port(
        "HW_BP_MDSCR_EMULATED",
        "trap_debug_regs claims MDSCR_EL1/MDCCINT_EL1 under USE_HW emulated",
        "port/v2/sys_regs.c, port/v2-review/sys_regs.c",
    ),
    _port(
        "V2R_SAVE_RESTORE_SWAPPED",
        "swap save and restore: setup_debug loads userspace's registers " +
        "before saving the guest's",
        "port/v2-review/debug.c",
    ),
    _port(
        "V2R_RESTORE_SS_ONLY",
        "clear_debug puts back only MDSCR_EL1.SS",
        "port/v2-review/debug.c",
    ),
    _port(
        "V2R_NDBG_OFF_BY_ONE",
        "off by one: the save/restore helpers copy 15 registers per bank",
        "port/v2-review/include/asm/kvm_host.h",
    ),
    _port(
        "V2R_FAR_WRONG_EC",
        "far reported for BREAKPT_LOW instead of WATCHPT_LOW",
        "port/v2-review/handle_exit.c",
    ),
    _port(
        "NO_FAR",
        "the watchpoint exit leaves far unset",
        "port/*/handle_exit.c",
    ),
    _port(
        "ACCEPT_INVALID",
        "no -EINVAL for bits outside the valid mask",
        "port/*/arm.c",
    ),
    _port(
        "WPS_IS_BPS",
        "HW_WPS answers the breakpoint count",
        "port/*/reset.c",
    ),
    _port(
        "UNKNOWN_EC_UNDEF",
        "an exit with an unhandled class injects an UNDEF and resumes " +
        "the guest, where 4.2 stops the kernel (BUG)",
        "port/*/handle_exit.c",
    ),
    _port(
        "FINAL_NO_FORCED_TRAP",
        "drop TDA: USE_HW does not force the trap",
        "port/final/debug.c",
    ),
    _port(
        "FINAL_USE_HW_NOT_DIRTY",
        "forget DIRTY: setup_debug does not set it for USE_HW (the world " +
        "switch sets it all the same, for the MDE setup_debug sets)",
        "port/final/debug.c",
        expected = "equivalent",
        evidence = ["//tests/mutants:use_hw_dirty_equivalence"],
    ),
    _port(
        "FINAL_SWAP_SAVE_RESTORE",
        "swap save and restore: setup_debug restores MDSCR_EL1 and " +
        "clear_debug saves it",
        "port/final/debug.c",
    ),
    _port(
        "FINAL_DEBUG_PTR_KEPT",
        "clear_debug leaves debug_ptr at userspace's registers",
        "port/final/debug.c",
    ),
    _port(
        "FINAL_RESTORE_BITS_ONLY",
        "restore only MDSCR_EL1.{SS,KDE,MDE}: clear_debug keeps the " +
        "other bits of the guest context",
        "port/final/debug.c",
        expected = "equivalent",
        evidence = ["//tests/mutants:restore_bits_only_equivalence"],
    ),
    _port(
        "FINAL_WRITE_NOT_DIRTY",
        "forget DIRTY: a trapped write to a debug register does not set it",
        "port/final/sys_regs.c",
    ),
    _port(
        "FINAL_DFR0_WRPS_SHIFT",
        "get_num_wrps reads ID_AA64DFR0_EL1 at shift 16 instead of 20",
        "port/final/include/asm/hw_breakpoint.h",
    ),
    _port(
        "SHIM_NO_OBS_MEMSET",
        "port_step does not zero an ioctl's observation",
        "port/shim/revision_port.h",
    ),
    _port(
        "SHIM_LOAD_WORDS_SHORT",
        "load_words leaves the last word it is given as it was",
        "port/shim/revision_port.h",
        extra = ["//tests/explore:state_blob_test"],
    ),

    # The props harness (props/*): what judges the port must see.
    _props(
        "VIEW_BLIND",
        "the observational view judges the model's own observation, so " +
        "no requirement ever breaks",
        "props/observational_view.cc",
    ),
    _props(
        "NO_SHRINK",
        "campaign findings are reported unshrunk",
        "props/campaign.cc",
    ),
    _props(
        "REPLAY_FROM_PRE",
        "a judged step after another of its operation is replayed from " +
        "the earlier step's pre-state",
        "props/lockstep.cc",
    ),
    _props(
        "MODEL_VCPU_NO_HOST_REGS",
        "the in-place model vCPU forgets the host's own debug register " +
        "values",
        "props/model_vcpu.cc",
    ),
    _props(
        "FINGERPRINT_LOAD_70",
        "the fingerprint table is at most 70 % full, so the default 100 M " +
        "states take 4 GiB",
        "props/fingerprint_set.h",
        extra = ["//tests/explore:fingerprint_set_test"],
    ),
]

def _args_of(labels):
    # A proof test takes its obligation's name as its only argument
    # (proofs/proofs.bzl, proof_tests).
    args = {
        label: [label.split(":")[1]]
        for label in labels
        if label.startswith("//proofs:")
    }
    for label in labels:
        if label in _ARGS_OF:
            args[label] = _ARGS_OF[label]
    return args

def _data_of(labels):
    data = []
    for label in labels:
        data += _DATA_OF.get(label, [])
    return data

def patch_of(name):
    """The label of mutant `name`'s patch, in //tests/mutants."""
    return "//tests/mutants:patches/%s.patch" % name

def _registry_impl(ctx):
    ctx.actions.write(ctx.outputs.out, "\n".join(ctx.attr.entries) + "\n")

_registry = rule(
    implementation = _registry_impl,
    attrs = {
        "entries": attr.string_list(),
        # Not built, only analysed: a killer that no longer exists fails
        # `bazel build //...`, not just the mutants run.
        "killers": attr.label_list(),
        "out": attr.output(mandatory = True),
    },
)

_SourcesInfo = provider(fields = ["files"])

def _sources_aspect_impl(target, ctx):
    files = []
    for attr in ("srcs", "hdrs", "textual_hdrs"):
        for f in getattr(ctx.rule.files, attr, []):
            if f.is_source and f.owner.workspace_name == "":
                files.append(f)
    return [_SourcesInfo(files = depset(files, transitive = [
        d[_SourcesInfo].files
        for d in getattr(ctx.rule.attr, "deps", [])
        if _SourcesInfo in d
    ]))]

_sources_aspect = aspect(
    implementation = _sources_aspect_impl,
    attr_aspects = ["deps"],
)

def _sources_impl(ctx):
    files = depset(transitive = [
        t[_SourcesInfo].files
        for t in ctx.attr.targets
    ])
    return [DefaultInfo(
        files = files,
        runfiles = ctx.runfiles(transitive_files = files),
    )]

mutant_sources = rule(
    implementation = _sources_impl,
    doc = "The workspace's source files (srcs and headers) that the given " +
          "targets compile, with those of their dependencies.",
    attrs = {
        "targets": attr.label_list(aspects = [_sources_aspect]),
    },
)

def killers_of(mutants = MUTANTS):
    """Every killer and evidence target of the registry, once, sorted."""
    killers = {}
    for m in mutants:
        for label in m["killers"] + m["evidence"]:
            killers[label] = True
    return sorted(killers.keys())

def _list(items):
    # Comma-separated, "-" for none: a tab-separated line with an empty
    # field cannot be read back with bash's read.
    return ",".join(items) if items else "-"

def mutant_suite(name, mutants = MUTANTS):
    """One mutant_test per registry entry, tagged mutant and manual, a
    test_suite `name` of them all, and `name`.tsv: the registry as lines of
    name, patch, expected, where, what, killers, evidence and detects (the
    last three comma-separated, "-" for none), tab-separated."""
    entries = []
    for m in mutants:
        mutant_test(
            name = m["name"],
            mutant = m["name"],
            patch = patch_of(m["name"]),
            where = m["where"],
            what = m["what"],
            expected = m["expected"],
            killers = m["killers"],
            evidence = m["evidence"],
            args_of = _args_of(m["killers"] + m["evidence"]),
            data = _data_of(m["killers"] + m["evidence"]),
            size = "medium",
            timeout = "long",
            tags = ["mutant", "manual"],
        )
        entries.append("\t".join([
            m["name"],
            "tests/mutants/patches/%s.patch" % m["name"],
            m["expected"],
            m["where"],
            m["what"],
            _list(m["killers"]),
            _list(m["evidence"]),
            _list(m["detects"]),
        ]))
    native.test_suite(
        name = name,
        tests = [":" + m["name"] for m in mutants],
        tags = ["manual"],
    )
    _registry(
        name = name + "_registry",
        entries = entries,
        killers = killers_of(mutants),
        testonly = True,
        out = name + ".tsv",
    )

# The libraries of the model under proof whose objects a broken-rule test
# rebuilds with the mutant: proofs/definitions.cc, the one translation unit
# of proofs/ that instantiates the model's rules, and the model's concrete
# façade. Everything else is linked from the reference build.
_PROOF_MODEL = [
    "//proofs:reference_model",
    "//model:concrete",
]

_PROOF_REFERENCE_DEPS = [
    "//model:record_compare",
    "//proofs:mutant_test_main",
    "//proofs:prover",
]

def detection_tests(mutants = MUTANTS):
    """For each model mutant and each obligation in its `detects`: a test
    <obligation>_detects_<mutant without model_> that the obligation fails
    on the model with the mutant applied, with a counterexample from reset
    that the concrete model, broken the same way, replays to the same
    violation (proofs/mutant_test_main.cc). Returns their names."""
    names = []
    for m in mutants:
        if not m["detects"]:
            continue
        short = m["name"][len("model_"):]
        objects = "proof_model_" + short
        mutant_objects(
            name = objects,
            mutant = m["name"],
            libraries = _PROOF_MODEL,
            testonly = True,
        )
        for obligation in m["detects"]:
            test = obligation + "_detects_" + short
            native.cc_test(
                name = test,
                size = "small",
                args = [obligation],
                linkstatic = True,
                tags = ["proof"],
                deps = [":" + objects] + _PROOF_REFERENCE_DEPS,
            )
            names.append(test)
    return names
