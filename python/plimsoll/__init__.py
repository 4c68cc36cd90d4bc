"""Plimsoll, the repository compliance linter, as a Python package: the wheel carries the prebuilt binary.

The binary is a native program (Swift, with its runtime linked in); this package only finds it and hands over the
process, so `plimsoll` from pip behaves exactly like the release binary (same arguments, exit status and output).
"""
import os
import sys

_BINARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin", "plimsoll")


def binary_path() -> str:
    """The bundled binary's path (for tools that want to run it themselves)."""
    return _BINARY


def main() -> None:
    # execv, not a subprocess: no Python process stays in between, signals and the exit status are the binary's own.
    os.execv(_BINARY, [_BINARY, *sys.argv[1:]])
