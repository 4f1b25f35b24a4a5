"""The unit tests of the model, one rule file (or one concern) each; the
traceability table (//tests/traceability) lists their test names."""

MODEL_TESTS = [
    "cpu_test",
    "ioctl_test",
    "one_reg_test",
    "vcpu_init_test",
    "setup_debug_test",
    "world_switch_test",
    "clear_debug_test",
    "sys_regs_test",
    "handle_exit_test",
    "run_test",
    "os_lock_test",
    "record_test",
    "domain_test",
]
