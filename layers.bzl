"""The layers of dbgref, bottom up, as in DESIGN.md ("Layout"): the one list
from which every package's visibility is derived.

A layer's targets are visible to its own packages and to the layers above
it, never to a layer below: `//:<layer>_and_above` is the package group a
layer's BUILD.bazel names as its default visibility. A dependency against
the order fails at analysis ("target ... is not visible"), and an include
of a header whose target is not a dependency fails to compile in the
sandbox, so a wrong arrow cannot build.
"""

# (layer, its packages). model/arch, the CPU, is below KVM's rules in
# //model, which use it; //model may not be used by model/arch.
LAYERS = [
    ("arch", ["//model/arch/..."]),
    ("model", ["//model"]),
    ("trace", ["//trace/..."]),
    ("proofs", ["//proofs/..."]),
    ("props", ["//props/..."]),
    ("port", ["//port/..."]),
    ("oracle", ["//oracle/..."]),
    ("tools", ["//tools/..."]),
    ("tests", ["//tests/..."]),
]

def layer_groups():
    """One package group per layer: that layer and every layer above it."""
    for i, (layer, _) in enumerate(LAYERS):
        packages = []
        for _, above in LAYERS[i:]:
            packages += above
        native.package_group(
            name = layer + "_and_above",
            packages = packages,
        )
