"""A revision of the port: one folder of kernel files, built the same way.

The library, its symbol prefix (port/shim/rename.h), its name and its
driver table all come from the folder's name, so that the BUILD.bazel and
port.c of two revisions are the same file and `diff -ru` between revision
folders shows only what the revisions change.
"""

def dbgref_port_revision():
    """The revision in this package: //port/<rev>, name "<rev>"."""
    pkg = native.package_name()
    rev = pkg.split("/")[-1]
    ident = rev.replace("-", "_")
    native.cc_library(
        name = rev,
        srcs = native.glob(["*.c", "*.h"]),
        hdrs = native.glob(["include/**/*.h"]),
        copts = [
            "-I%s/include" % pkg,
            "-Iport/shim/include",
            "-DDBGREF_REV=dbgref_%s" % ident,
            "-DDBGREF_PORT_NAME=\\\"%s\\\"" % rev,
            "-DDBGREF_PORT_SYMBOL=dbgref_port_%s" % ident,
            "-include",
            "port/shim/rename.h",
            # Kernel callback signatures carry parameters a handler may not
            # use; the kernel does not build with -Wunused-parameter either.
            "-Wno-unused-parameter",
        ],
        deps = [
            "//model/arch",
            "//model:record",
            "//model:uapi",
            "//port:driver",
            "//port/shim",
        ],
        visibility = ["//:port_and_above"],
    )
