"""Plimsoll's version, read from the one place it is defined: the `ToolInfo.version` that `plimsoll --version`
prints. The wheels and the release archives are named with it, so a package never disagrees with its binary."""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "Sources", "PlimsollKit", "Report", "ScanResult.swift")


def version() -> str:
    with open(SOURCE, encoding="utf-8") as source:
        match = re.search(r'static let version = "([0-9A-Za-z.+-]+)"', source.read())
    if not match:
        raise SystemExit(f"no `static let version = \"…\"` in {SOURCE}")
    return match.group(1)


if __name__ == "__main__":
    print(version())
