#!/usr/bin/env python3
"""The performance gate (`make bench-check`): instructions, not seconds.

Counts the instructions the release build executes (valgrind's callgrind: the same count on any machine, run
after run) for the three benchmark corpora of `make bench-peers` (generated Dockerfiles, generated workflows, a
small repository) and compares each with the committed baseline, Tests/Benchmarks/instructions.tsv. It fails
when one is more than 10% above its baseline. A deliberate change updates the baseline in the same commit,
with the reason in the commit message: `python3 Tests/Benchmarks/bench_check.py --update`.

The corpora are built from this repository alone (Fixtures and generated files), so the counts do not depend
on anything beside it. Scans run on one thread with Swift's deterministic hashing. Standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peers  # noqa: E402  (the corpus generators of the peer benchmark)

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "Tests" / "Benchmarks" / "instructions.tsv"
TOLERANCE = 0.10


def instructions(argv, cwd):
    """Instructions the command executes, from callgrind's summary line."""
    env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1", NO_COLOR="1")
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        cwd=cwd, env=env, capture_output=True, text=True)
    match = re.search(r"Collected\s*:\s*(\d+)", result.stderr)
    if not match:
        sys.exit(f"bench-check: no instruction count from valgrind for {' '.join(argv)}:\n{result.stderr[-2000:]}")
    return int(match.group(1))


def build_corpora(directory):
    """The peer benchmark's corpora, without the files from ../shared (so the counts are this repository's)."""
    peers.CORPUS = directory
    original = peers.ROOT
    try:
        peers.ROOT = ROOT
        docker, _, _, _, flows, _, small = peers.build_corpus(400, 200, include_shared=False)
    finally:
        peers.ROOT = original
    return {"dockerfiles": docker, "workflows": flows, "small-repository": small}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "plimsoll"))
    parser.add_argument("--update", action="store_true", help="write the counts as the new baseline")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("bench-check: valgrind is not installed (make bench-check installs it)")

    with tempfile.TemporaryDirectory(prefix="plimsoll-bench-check-") as temporary:
        # valgrind 3.19 cannot read the DWARF 5 debug information Swift writes: count a copy without it.
        binary = Path(temporary) / "plimsoll"
        shutil.copyfile(args.binary, binary)
        binary.chmod(0o755)
        subprocess.run(["strip", "--strip-debug", str(binary)], check=True)
        args.binary = str(binary)
        corpora = build_corpora(Path(temporary) / "corpus")
        counts = {}
        for name, repository in corpora.items():
            argv = [args.binary, "scan", ".", "--jobs", "1", "--fail-level", "never", "--format", "json",
                    "--output", "/dev/null"]
            counts[name] = instructions(argv, cwd=repository)
        counts["version"] = instructions([args.binary, "--version"], cwd=temporary)

    if args.update:
        lines = ["# corpus\tinstructions (callgrind, release build, one thread); update with bench_check.py --update"]
        lines += [f"{name}\t{count}" for name, count in counts.items()]
        BASELINE.write_text("\n".join(lines) + "\n")
        print(f"bench-check: baseline written to {BASELINE.relative_to(ROOT)}")
        return

    baseline = {}
    for line in BASELINE.read_text().splitlines():
        if line and not line.startswith("#"):
            name, count = line.split("\t")
            baseline[name] = int(count)
    failed = False
    print(f"{'corpus':<18} {'baseline':>14} {'now':>14} {'change':>8}")
    for name, count in counts.items():
        base = baseline.get(name)
        if base is None:
            print(f"{name:<18} {'-':>14} {count:>14,}   (no baseline: run --update)")
            failed = True
            continue
        change = count / base - 1
        flag = "  FAIL" if change > TOLERANCE else ""
        failed = failed or change > TOLERANCE
        print(f"{name:<18} {base:>14,} {count:>14,} {change:>+8.1%}{flag}")
    if failed:
        sys.exit(f"bench-check: over {TOLERANCE:.0%} above the baseline; if deliberate, run "
                 "`python3 Tests/Benchmarks/bench_check.py --update` and say why in the commit")
    print("bench-check: ok")


if __name__ == "__main__":
    main()
