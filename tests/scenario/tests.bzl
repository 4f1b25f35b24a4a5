"""The scenario tests, each run on the model and on every port revision;
the traceability table (//tests/traceability) lists their test names."""

SCENARIO_TESTS = [
    "selftest_single_step_test",
    "qemu_hw_debug_test",
    "seed_behaviour_test",
]
