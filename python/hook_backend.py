"""The build backend of the repository root's pyproject.toml, for pre-commit's `language: python` hook.

pre-commit installs a python hook with `pip install .` in its clone of this repository. Building Plimsoll there
would need Swift and minutes, so the root builds a metadata-only package, `plimsoll-pre-commit`, that requires
the `plimsoll` wheel of the same version (the prebuilt binary, from PyPI or wherever pip is told to look). No
PyPI build dependency either: this file is the whole backend (PEP 517 build_wheel).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from swift_version import version  # noqa: E402
from wheel_writer import write_wheel  # noqa: E402

NAME = "plimsoll-pre-commit"


def get_requires_for_build_wheel(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    path = write_wheel(
        wheel_directory, NAME, version(), "py3-none-any", {},
        summary="Plimsoll's pre-commit hook: installs the plimsoll wheel of the same version",
        requires=[f"plimsoll=={version()}"], root_is_purelib=True)
    return os.path.basename(path)
