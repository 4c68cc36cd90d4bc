"""`make wheel`, first half: the `plimsoll` wheel with a prebuilt (stripped) binary under plimsoll/bin/, tagged
for this machine (linux_<arch>). `auditwheel repair` then vendors libyaml and gives it its manylinux tag.

Usage: build_wheel.py BINARY OUTPUT_DIRECTORY
"""
import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from swift_version import version  # noqa: E402
from wheel_writer import write_wheel  # noqa: E402

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plimsoll")


def main(binary, output):
    files = {}
    for name in sorted(os.listdir(PACKAGE)):
        if name.endswith(".py"):
            with open(os.path.join(PACKAGE, name), "rb") as source:
                files[f"plimsoll/{name}"] = source.read(), False
    with open(binary, "rb") as program:
        files["plimsoll/bin/plimsoll"] = program.read(), True
    path = write_wheel(
        output, "plimsoll", version(), f"py3-none-linux_{platform.machine()}", files,
        summary="Repository compliance linter for container CI/CD (Dockerfiles, GitHub Actions workflows)",
        console_scripts={"plimsoll": "plimsoll:main"})
    print(path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
