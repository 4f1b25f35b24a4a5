#!/usr/bin/env python3
"""Shows that every unit test of the port can fail.

Each break below changes one place of a revision (or of the shim) the way a
plausible mistake would, runs the port's unit tests against it, records
which test cases fail, and restores the file. It is a demonstration of the
tests' reach, not the mutation suite (tests/mutants/). Run from the
workspace root, on a clean tree:

    python3 tests/port/breaks/show_failures.py [name ...]

It prints one line per break: its name, what it breaks, and the failing
test cases; and at the end every test case no break made fail.
"""
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

TARGETS = [
    "//tests/port:port_common_test",
    "//tests/port:port_revision_test",
    "//tests/port:port_host_shapes_test",
    "//tests/port:uapi_layout_test",
]

# name, file, old text, new text, what it breaks.
BREAKS = [
    ("registry-order", "port/registry.c",
     "\t&dbgref_port_v2,\n\t&dbgref_port_v2_review,",
     "\t&dbgref_port_v2_review,\n\t&dbgref_port_v2,",
     "the list of revisions is not oldest first"),
    ("wps-is-bps", "port/final/reset.c",
     "r  = get_num_wrps();", "r  = get_num_brps();",
     "final's HW_WPS answers the breakpoint count"),
    ("v2-wps-is-bps", "port/v2/reset.c",
     "r  = get_num_wrps();", "r  = get_num_brps();",
     "v2's HW_WPS answers the breakpoint count"),
    ("v2r-bps-plus-two", "port/v2-review/include/asm/hw_breakpoint.h",
     "return ((read_cpuid(ID_AA64DFR0_EL1) >> 12) & 0xf) + 1;",
     "return ((read_cpuid(ID_AA64DFR0_EL1) >> 12) & 0xf) + 2;",
     "v2-review counts one breakpoint too many"),
    ("ioctl-obs-not-zeroed", "port/shim/revision_port.h",
     "\t\tmemset(out, 0, sizeof(*out));\n\t\tout->step = DBGREF_STEP_IOCTL;",
     "\t\tout->step = DBGREF_STEP_IOCTL;",
     "an ioctl's observation is not zeroed first"),
    ("v2-valid-without-hw", "port/v2/arm.c",
     "\t\t\t    KVM_GUESTDBG_USE_HW_BP | \\\n", "",
     "v2's valid mask lacks USE_HW_BP"),
    ("v2r-valid-without-ss", "port/v2-review/arm.c",
     "\t\t\t    KVM_GUESTDBG_USE_HW_BP | \\\n"
     "\t\t\t    KVM_GUESTDBG_SINGLESTEP)",
     "\t\t\t    KVM_GUESTDBG_USE_HW_BP)",
     "v2-review's valid mask lacks SINGLESTEP"),
    ("final-valid-without-sw-bp", "port/final/arm.c",
     "\t\t\t    KVM_GUESTDBG_USE_SW_BP | \\\n", "",
     "final's valid mask lacks USE_SW_BP"),
    ("v2-accept-invalid", "port/v2/arm.c",
     "\t\tif (dbg->control & ~KVM_GUESTDBG_VALID)\t/* rebuilt: as above */\n"
     "\t\t\treturn -EINVAL;\n", "",
     "v2 accepts bits outside the valid mask"),
    ("final-accept-high-bits", "port/final/arm.c",
     "\tif (dbg->control & ~KVM_GUESTDBG_VALID_MASK)\n\t\treturn -EINVAL;\n",
     "\tif (dbg->control & ~KVM_GUESTDBG_VALID_MASK & 0xffff)\n"
     "\t\treturn -EINVAL;\n",
     "final checks only the low 16 bits of the control word"),
    ("accept-invalid", "port/v2-review/arm.c",
     "\t\tif (dbg->control & ~KVM_GUESTDBG_VALID)\t/* rebuilt: as above */\n"
     "\t\t\treturn -EINVAL;\n", "",
     "v2-review accepts bits outside the valid mask"),
    ("einval-after-store", "port/final/arm.c",
     "\tif (dbg->control & ~KVM_GUESTDBG_VALID_MASK)\n\t\treturn -EINVAL;\n",
     "\tif (dbg->control & ~KVM_GUESTDBG_VALID_MASK) {\n"
     "\t\tvcpu->guest_debug = dbg->control;\n\t\treturn -EINVAL;\n\t}\n",
     "final stores a refused control word"),
    ("no-reentry-exit", "port/shim/cpu.c",
     "\t\tcpu->observe_reentry(cpu->observe_arg,\n"
     "\t\t\t\t     dbgref_cpu_next_obs(cpu));\n", "",
     "the EXIT of an exit that goes back into the guest is not recorded"),
    ("tde-not-set", "port/v2/debug.c",
     "\t\tvcpu->arch.mdcr_el2 |= MDCR_EL2_TDE;\t/* rebuilt: as above */",
     "",
     "v2 does not route debug exceptions to EL2 with guest debug on"),
    ("write-not-dirty", "port/final/sys_regs.c",
     "\t\tvcpu_sys_reg(vcpu, r->reg) = *vcpu_reg(vcpu, p->Rt);\n"
     "\t\tvcpu->arch.debug_flags |= KVM_ARM64_DEBUG_DIRTY;",
     "\t\tvcpu_sys_reg(vcpu, r->reg) = *vcpu_reg(vcpu, p->Rt);",
     "final: a trapped MDSCR_EL1/MDCCINT_EL1 write does not set DIRTY"),
    ("bank-write-not-dirty", "port/v2-review/sys_regs.c",
     "\t\t\tvcpu_sys_reg(vcpu, r->reg) = *vcpu_reg(vcpu, p->Rt);\n"
     "\t\t\tvcpu->arch.debug_flags |= KVM_ARM64_DEBUG_DIRTY;",
     "\t\t\tvcpu_sys_reg(vcpu, r->reg) = *vcpu_reg(vcpu, p->Rt);",
     "v2-review: a trapped write does not set DIRTY"),
    ("no-far", "port/v2/handle_exit.c",
     "\t\trun->debug.arch.far = vcpu->arch.fault.far_el2;\n", "",
     "v2's watchpoint exit leaves far unset"),
    ("mmio-not-skipped", "port/final/mmio.c",
     "\tkvm_skip_instr(vcpu, kvm_vcpu_trap_il_is32bit(vcpu));\n\treturn 0;\n}",
     "\treturn 0;\n}",
     "final: the next KVM_RUN does not complete the MMIO store"),
    ("unknown-sysreg-found", "port/v2-review/sys_regs.c",
     "\tif (!r)\n\t\treturn -ENOENT;\n\tif (copy_to_user(",
     "\tif (!r)\n\t\treturn 0;\n\tif (copy_to_user(",
     "v2-review: KVM_GET_ONE_REG of an unknown id succeeds"),
    ("set-reg-ignored", "port/v2/sys_regs.c",
     "\tif (copy_from_user(&vcpu_sys_reg(vcpu, r->reg), uaddr,\n"
     "\t\t\t   KVM_REG_SIZE(reg->id)))",
     "\tif (copy_from_user(&vcpu_sys_reg(vcpu, r->reg), uaddr, 0))",
     "v2: KVM_SET_ONE_REG of a system register is ignored"),
    ("reset-clears-debug", "port/final/reset.c",
     "\tkvm_reset_sys_regs(vcpu);\n",
     "\tkvm_reset_sys_regs(vcpu);\n\tvcpu->guest_debug = 0;\n",
     "final: KVM_ARM_VCPU_INIT turns guest debug off"),
    ("reset-keeps-sysregs", "port/v2-review/reset.c",
     "\tkvm_reset_sys_regs(vcpu);\n", "",
     "v2-review: KVM_ARM_VCPU_INIT leaves the system registers"),
    ("reset-keeps-control", "port/shim/revision_port.h",
     "\tmemset(pv, 0, sizeof(*pv));\n",
     "\t{ unsigned long keep = pv->vcpu.guest_debug;\n"
     "\tmemset(pv, 0, sizeof(*pv));\n\tpv->vcpu.guest_debug = keep; }\n",
     "reset() keeps the control word"),
    ("no-intr-reason", "port/v2/arm.c",
     "\t\t\trun->exit_reason = KVM_EXIT_INTR;\n", "",
     "v2: the bound's -EINTR does not say KVM_EXIT_INTR"),
    ("unknown-ec-resumed", "port/v2/handle_exit.c",
     "\t\tBUG();\n", "\t\treturn handle_hvc;\n",
     "v2: an unknown exception class is resumed, not BUG()"),
    ("kvm-err-printed", "port/shim/kvm_err.c",
     "\tif (!kvm_err_print)\n\t\treturn;\n", "",
     "kvm_err always prints"),
    ("final-v2-order", "port/final/arm.c",
     "\tif (dbg->control & ~KVM_GUESTDBG_VALID_MASK)\n\t\treturn -EINVAL;\n\n"
     "\tif (dbg->control & KVM_GUESTDBG_ENABLE) {\n",
     "\tif (dbg->control & KVM_GUESTDBG_ENABLE) {\n"
     "\t\tif (dbg->control & ~KVM_GUESTDBG_VALID_MASK)\n"
     "\t\t\treturn -EINVAL;\n",
     "final checks the valid mask only with ENABLE (v2's order)"),
    ("v2-mdscr-emulated", "port/v2/sys_regs.c",
     "\t\t\tkvm_err(\"Bad register index %d\\n\", r->reg);\n"
     "\t\t\treturn false;",
     "\t\t\tkvm_err(\"Bad register index %d\\n\", r->reg);\n"
     "\t\t\treturn true;",
     "v2: MDSCR_EL1 under USE_HW is emulated (as nothing)"),
    ("v2-no-save", "port/v2/debug.c",
     "\t\t\t/* Save guest values */\n\t\t\tmemcpy(&saved->dbg_bcr,",
     "\t\t\t/* Save guest values */\n\t\t\tif (0) memcpy(&saved->dbg_bcr,",
     "v2: setup_debug does not save the guest's registers aside"),
    ("sysreg-not-skipped", "port/v2-review/sys_regs.c",
     "\t\t\t/* Skip instruction, since it was emulated */\n"
     "\t\t\tkvm_skip_instr(vcpu, kvm_vcpu_trap_il_is32bit(vcpu));\n", "",
     "v2-review: an emulated MRS/MSR is not skipped"),
    ("skip-clears-ss", "port/shim/include/asm/kvm_emulate.h",
     "\t*vcpu_pc(vcpu) += is_wide_instr ? 4 : 2;\n",
     "\t*vcpu_pc(vcpu) += is_wide_instr ? 4 : 2;\n"
     "\t*vcpu_cpsr(vcpu) &= ~DBGREF_SPSR_SS;\n",
     "the skip clears PSTATE.SS (as later kernels' does)"),
    ("final-restores-ss", "port/final/debug.c",
     "\t\trestore_guest_debug_regs(vcpu);\n",
     "\t\trestore_guest_debug_regs(vcpu);\n"
     "\t\tif (vcpu->guest_debug & KVM_GUESTDBG_SINGLESTEP)\n"
     "\t\t\t*vcpu_cpsr(vcpu) &= ~DBG_SPSR_SS;\n",
     "final clears PSTATE.SS after a step (the guest's own is 0 here)"),
    ("v2-ss-only-when-stepping", "port/v2/debug.c",
     "\t\t*vcpu_cpsr(vcpu) &= ~DBG_SPSR_SS;\t\t/* rebuilt */\n"
     "\t\t*vcpu_cpsr(vcpu) |=\n"
     "\t\t\tvcpu_debug_saved_reg(vcpu, pstate_ss_bit); /* rebuilt */\n",
     "\t\tif (vcpu->guest_debug & KVM_GUESTDBG_SINGLESTEP) {\n"
     "\t\t*vcpu_cpsr(vcpu) &= ~DBG_SPSR_SS;\n"
     "\t\t*vcpu_cpsr(vcpu) |= vcpu_debug_saved_reg(vcpu, pstate_ss_bit);\n"
     "\t\t}\n",
     "v2 restores PSTATE.SS only with SINGLESTEP"),
    ("oslsr-locked", "port/v2-review/sys_regs.c",
     "#define OSLSR_EL1_UNLOCKED\t(1 << 3)",
     "#define OSLSR_EL1_UNLOCKED\t((1 << 3) | (1 << 1))",
     "v2-review's OSLSR_EL1 reads as locked"),
    ("skip-by-eight", "port/shim/include/asm/kvm_emulate.h",
     "\t*vcpu_pc(vcpu) += is_wide_instr ? 4 : 2;\n",
     "\t*vcpu_pc(vcpu) += is_wide_instr ? 8 : 2;\n",
     "the skip moves the PC by 8"),
    ("debug-ptr-kept", "port/final/debug.c",
     "\t\tif (vcpu->guest_debug & KVM_GUESTDBG_USE_HW)\n"
     "\t\t\tkvm_arm_reset_debug_ptr(vcpu);\n", "",
     "final's clear_debug leaves debug_ptr at userspace's registers"),
    ("use-hw-no-mde", "port/final/debug.c",
     "\t\t\tvcpu_sys_reg(vcpu, MDSCR_EL1) |= DBG_MDSCR_MDE;\n", "",
     "final does not enable userspace's breakpoints (MDE)"),
    ("v2-copy-one-short", "port/v2/arm.c",
     "\t\t\t\tdbg->arch.dbg_bcr, sizeof(__u64)*nb);",
     "\t\t\t\tdbg->arch.dbg_bcr, sizeof(__u64)*(nb - 1));",
     "v2's ioctl copies one breakpoint control register too few"),
    ("v2-trap-when-dirty", "port/v2/debug.c",
     "\tif (!vcpu->arch.debug_flags & KVM_ARM64_DEBUG_DIRTY)\n",
     "\tif (vcpu->arch.debug_flags & KVM_ARM64_DEBUG_DIRTY)\n",
     "v2 traps while DIRTY is set instead of clear"),
    ("v2-nb-for-nw", "port/v2/arm.c",
     "\t\t\t\tdbg->arch.dbg_wcr, sizeof(__u64)*nw);",
     "\t\t\t\tdbg->arch.dbg_wcr, sizeof(__u64)*nb);",
     "v2's ioctl copies nb watchpoint control registers"),
    ("v2r-swapped-helpers", "port/v2-review/debug.c",
     "\t\t\tdebug_regs_save_to(vcpu, saved);\n"
     "\t\t\tdebug_regs_restore_from(vcpu, host);\n",
     "\t\t\tdebug_regs_restore_from(vcpu, host);\n"
     "\t\t\tdebug_regs_save_to(vcpu, saved);\n",
     "v2-review loads userspace's registers before saving the guest's"),
    ("v2r-ndbg-off-by-one", "port/v2-review/include/asm/kvm_host.h",
     "#define KVM_ARM_NDBG_REGS\tKVM_ARM_MAX_DBG_REGS",
     "#define KVM_ARM_NDBG_REGS\t(KVM_ARM_MAX_DBG_REGS - 1)",
     "v2-review's helpers copy 15 registers per bank"),
    ("switch-fifteen", "port/final/hyp.c",
     "static void __debug_restore_state(struct kvm_guest_debug_arch *dbg)\n"
     "{\n\tint i;\n\n\tfor (i = 0; i < KVM_ARM_MAX_DBG_REGS; i++) {",
     "static void __debug_restore_state(struct kvm_guest_debug_arch *dbg)\n"
     "{\n\tint i;\n\n\tfor (i = 0; i < KVM_ARM_MAX_DBG_REGS - 1; i++) {",
     "final's world switch loads 15 registers per bank"),
    ("elr-offset", "port/shim/one_reg.h",
     "#define DBGREF_CORE_OFF_ELR_EL1\t\t0x46",
     "#define DBGREF_CORE_OFF_ELR_EL1\t\t0x44",
     "the ONE_REG id of ELR_EL1 is sp_el1's (the build's check catches it)"),
    ("one-reg-struct", "port/shim/one_reg.h",
     "struct kvm_one_reg {\n\tuint64_t id;\n\tuint64_t addr;\n};",
     "struct kvm_one_reg {\n\tuint32_t id;\n\tuint64_t addr;\n};",
     "struct kvm_one_reg has a 32-bit id"),
    ("vcpu-init-struct", "port/shim/one_reg.h",
     "\tuint32_t features[7];", "\tuint32_t features[6];",
     "struct kvm_vcpu_init has six words of features"),
    # The uapi test pins model/uapi.h and model/record.h, which no
    # revision can break: a broken copy of the header is included first in
    # the test alone (its guard keeps the real one out).
    ("uapi-use-hw-bit", "include:model/uapi.h",
     "#define KVM_GUESTDBG_USE_HW (1u << 17)",
     "#define KVM_GUESTDBG_USE_HW (1u << 18)",
     "the uapi's USE_HW bit is 1 << 18"),
    ("uapi-exit-far-u32", "include:model/uapi.h",
     "struct kvm_debug_exit_arch_v2 {\n  uint64_t pc;\n  uint32_t hsr;\n"
     "  uint64_t far;",
     "struct kvm_debug_exit_arch_v2 {\n  uint64_t pc;\n  uint32_t hsr;\n"
     "  uint32_t far;",
     "v2's debug exit has a 32-bit far"),
    ("uapi-final-exit-pc", "include:model/uapi.h",
     "struct kvm_debug_exit_arch_final {\n  uint32_t hsr;",
     "struct kvm_debug_exit_arch_final {\n  uint64_t pc;\n  uint32_t hsr;",
     "the final debug exit keeps pc"),
    ("uapi-arch-15", "include:model/uapi.h",
     "#define KVM_ARM_MAX_DBG_REGS 16", "#define KVM_ARM_MAX_DBG_REGS 15",
     "kvm_guest_debug_arch has 15 registers per bank"),
    ("record-obs-bound", "include:model/record.h",
     "#define DBGREF_MAX_OBS_PER_OP (3 * (DBGREF_MAX_GUEST_STEPS + 1) + 2)",
     "#define DBGREF_MAX_OBS_PER_OP (3 * DBGREF_MAX_GUEST_STEPS + 2)",
     "room for one iteration too few"),
]

UAPI_TEST = "tests/port/uapi_layout_test.cc"


def test_cases(target):
    """The test cases of a target's last run, and which of them failed."""
    path = "bazel-testlogs/%s/test.xml" % target[2:].replace(":", "/")
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None, None
    cases, failed = [], []
    for tc in root.iter("testcase"):
        name = "%s.%s" % (tc.get("classname"), tc.get("name"))
        cases.append(name)
        if tc.find("failure") is not None:
            failed.append(name)
    return cases, failed


def run_tests(flags=()):
    """Runs the tests; returns the targets that did not build."""
    out = subprocess.run(["bazel", "test", "--keep_going",
                          "--test_output=summary", "--color=no"] +
                         list(flags) + TARGETS,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True).stdout
    if "While parsing option" in out:
        sys.exit(out)
    return {t for t in TARGETS
            if re.search(re.escape(t) + r"\s+(FAILED TO BUILD|NO STATUS)",
                         out)}


TMP_PACKAGE = "tests/port/breaks/tmp"
TMP_BUILD = """
cc_library(
    name = "broken",
    testonly = True,
    hdrs = ["%(header)s"],
)

cc_test(
    name = "uapi_layout_test",
    srcs = ["//tests/port:uapi_layout_test.cc"],
    copts = ["-include", "%(package)s/%(header)s"],
    deps = [
        ":broken",
        "//model:record",
        "//model:uapi",
        "//port:driver",
        "//port/shim:testing",
        "@gtest//:gtest_main",
    ],
)
"""


def run_uapi_test_with(path, broken):
    """The uapi test with a broken copy of path included first (its guard
    keeps the real header out); returns its failing cases."""
    header = os.path.basename(path)
    # Without its compile-time checks, so that the test's own checks run.
    broken = broken.replace("static_assert(cond, msg)",
                            "static_assert(1, msg)")
    os.makedirs(TMP_PACKAGE, exist_ok=True)
    try:
        open(os.path.join(TMP_PACKAGE, header), "w").write(broken)
        open(os.path.join(TMP_PACKAGE, "BUILD.bazel"), "w").write(
            TMP_BUILD % {"header": header, "package": TMP_PACKAGE})
        target = "//%s:uapi_layout_test" % TMP_PACKAGE
        out = subprocess.run(["bazel", "test", "--test_output=summary",
                              "--color=no", target], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True).stdout
        if re.search(re.escape(target) + r"\s+(FAILED TO BUILD|NO STATUS)",
                     out):
            return [target + " (does not build)"]
        cases, failed = test_cases(target)
        return ["UapiLayout" + f[len("UapiLayout"):] for f in failed or []]
    finally:
        shutil.rmtree(TMP_PACKAGE)


def main(names):
    if subprocess.run(["git", "diff", "--quiet"]).returncode:
        sys.exit("the tree has changes; commit them first")
    if run_tests():
        sys.exit("the tests do not build before any break")
    all_cases = set()
    for t in TARGETS:
        cases, failed = test_cases(t)
        if failed:
            sys.exit("tests fail before any break: %s" % failed)
        all_cases.update(cases or [])
    caught = set()
    for name, path, old, new, what in BREAKS:
        if names and name not in names:
            continue
        header = path.startswith("include:")
        if header:
            path = path[len("include:"):]
        text = open(path).read()
        if text.count(old) != 1:
            print("%-26s NOT APPLIED (text not found once in %s)" %
                  (name, path))
            continue
        try:
            if header:
                failing = run_uapi_test_with(path, text.replace(old, new))
            else:
                open(path, "w").write(text.replace(old, new))
                unbuilt = run_tests()
                failing = []
                for t in TARGETS:
                    cases, failed = test_cases(t)
                    if t in unbuilt or cases is None:
                        failing.append(t + " (does not build)")
                    else:
                        failing.extend(failed)
        finally:
            if not header:
                open(path, "w").write(text)
        # Collapse the revisions of a parameterized case.
        short = sorted({re.sub(r"/\d+$", "", f) for f in failing})
        caught.update(f for f in failing)
        print("%-26s %s\n    %s" % (name, what, "; ".join(short) or "NONE"))
    if not names:
        missed = sorted(all_cases - caught)
        print("\ntest cases no break made fail: %s" %
              ("; ".join(missed) or "none"))


if __name__ == "__main__":
    main(sys.argv[1:])
