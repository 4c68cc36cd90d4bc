#!/usr/bin/env python3
"""Run `plimsoll fix` on real repositories as clones and check that the fixes do what they claim.

Each repository of the corpus is copied and made a clone as accuracy.py does. Then, with the given binary:

1. `scan --format json` lists the findings and the fixes they carry (before);
2. `fix --dry-run --unsafe` prints a diff and must change nothing;
3. `fix --unsafe` applies the fixes; its exit status is 1 exactly when files changed;
4. `scan` again: no finding may still carry a fix (every fixable finding was fixed), and no rule may report
   more findings than before;
5. a second `fix --unsafe` must change nothing (exit 0);
6. the dry run's diff, applied with `git apply` to a fresh clone, must give the same files;
7. every changed workflow must not have more actionlint errors than before (when actionlint is available), and
   every changed Dockerfile must keep BuildKit's parse (the `dockerfile` package, when available) for every
   instruction, the edited ones compared after quote removal;
8. line ends: a changed file keeps CRLF or LF as it had them (a file a fix created has none to keep);
9. moves (the layout migration): the dry run's `rename from`/`rename to` pairs are exactly the files that left
   and arrived, and a moved file is compared with itself at its old path in 7 and 8.

Prints a table per rule: findings before, fixable before, fixed, left after. Exit status 0 when every check
passes, 1 otherwise, 2 when the corpus cannot be read. Nothing here uses the network or timing.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import make_clone, read_manifest  # noqa: E402


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(argv, cwd=cwd, capture_output=True, timeout=300)


def scan(binary: Path, folder: Path) -> list[dict]:
    result = run([str(binary), "scan", ".", "--fixes", "--format", "json", "--fail-level", "never"], folder)
    if result.returncode != 0:
        raise RuntimeError(f"scan failed in {folder}: {result.stderr.decode()[-2000:]}")
    return json.loads(result.stdout)["findings"]


def files(folder: Path) -> dict[str, bytes]:
    found = {}
    for path in folder.rglob("*"):
        if ".git" in path.relative_to(folder).parts or path.is_symlink() or not path.is_file():
            continue
        found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def actionlint_errors(actionlint: str | None, folder: Path, paths: list[str]) -> collections.Counter:
    """actionlint's messages for the files, without positions (an inserted line moves them)."""
    if not actionlint or not paths:
        return collections.Counter()
    result = run([actionlint, "-shellcheck=", "-pyflakes=", "-format", "{{range $err := .}}{{$err.Filepath}}\t{{$err.Kind}}\t{{$err.Message}}\n{{end}}", *paths], folder)
    return collections.Counter(line for line in result.stdout.decode().splitlines() if line.strip())


def dockerfile_parse(text: str):
    import dockerfile  # the `dockerfile` package: BuildKit's parser

    def normal(value: str) -> str:
        # ENV/LABEL values keep their quotes in the parse; quote removal happens later in BuildKit.
        if len(value) >= 2 and value[0] == value[-1] == '"' and '"' not in value[1:-1] and "\\" not in value:
            return value[1:-1]
        return value

    return [(c.cmd, tuple(c.flags), tuple(normal(v) for v in c.value), c.original) for c in dockerfile.parse_string(text)]


def renames(diff: bytes) -> dict[str, str]:
    """New path → old path of every rename in a diff."""
    found = {}
    source = None
    for line in diff.decode(errors="replace").splitlines():
        if line.startswith("rename from "):
            source = line[len("rename from "):]
        elif line.startswith("rename to ") and source is not None:
            found[line[len("rename to "):]] = source
            source = None
    return found


def line_ending(data: bytes) -> str:
    return "crlf" if b"\r\n" in data else "lf"


def main() -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=here.parents[1].parent / "shared" / "corpus" / "repos")
    parser.add_argument("--binary", type=Path, default=here.parents[1] / ".build" / "debug" / "plimsoll")
    parser.add_argument("--actionlint", default=str(here.parents[1] / ".build" / "venv" / "bin" / "actionlint"))
    parser.add_argument("--repo", action="append", default=[], help="only this repository (owner/name)")
    parser.add_argument("--keep", type=Path, help="make the clones in this folder and keep them")
    arguments = parser.parse_args()
    # The commands run inside the clones: a relative binary path (as `make fix-check` passes) is made absolute.
    arguments.binary = arguments.binary.resolve()

    if not (arguments.corpus / "MANIFEST.tsv").exists():
        print(f"fix-check: skipped: no corpus at {arguments.corpus}")
        return 0
    actionlint = arguments.actionlint if Path(arguments.actionlint).exists() else shutil.which("actionlint")
    try:
        import dockerfile  # noqa: F401
        have_dockerfile = True
    except ImportError:
        have_dockerfile = False
    manifest = read_manifest(arguments.corpus)
    if arguments.repo:
        manifest = [entry for entry in manifest if entry[0] in arguments.repo]

    problems: list[str] = []
    before_rules: collections.Counter = collections.Counter()
    fixable_rules: collections.Counter = collections.Counter()
    after_rules: collections.Counter = collections.Counter()
    left_fixable: collections.Counter = collections.Counter()
    changed_files = 0
    changed_repos = 0
    workflows_checked = 0
    dockerfiles_checked = 0
    actionlint_before = 0
    actionlint_after = 0
    moves_total = [0]
    with tempfile.TemporaryDirectory(prefix="plimsoll-fix-check-") as temporary:
        base = arguments.keep or Path(temporary)
        for repo, _commit in manifest:
            name = repo.replace("/", "+")
            clone = base / name
            fresh = base / (name + ".dry")
            for folder in (clone, fresh):
                if folder.exists():
                    shutil.rmtree(folder)
                make_clone(arguments.corpus / name, folder, repo)
            original = files(clone)

            before = scan(arguments.binary, clone)
            for finding in before:
                before_rules[finding["rule"]] += 1
                if finding.get("fixes") and not finding["suppressed"]:
                    fixable_rules[finding["rule"]] += 1

            dry = run([str(arguments.binary), "fix", "--dry-run", "--unsafe"], clone)
            if files(clone) != original:
                problems.append(f"{repo}: fix --dry-run changed files")
            fixed = run([str(arguments.binary), "fix", "--unsafe"], clone)
            now = files(clone)
            changed = sorted(path for path in now if now[path] != original.get(path))
            if fixed.returncode not in (0, 1) or (fixed.returncode == 1) != bool(changed) or dry.returncode != fixed.returncode:
                problems.append(f"{repo}: exit statuses dry-run {dry.returncode}, fix {fixed.returncode}, "
                                f"{len(changed)} files changed: {fixed.stderr.decode()[-500:]}")
            if changed:
                changed_repos += 1
                changed_files += len(changed)
            moved = renames(dry.stdout)
            gone = sorted(path for path in original if path not in now)
            if sorted(moved.values()) != gone or any(path not in now for path in moved):
                problems.append(f"{repo}: files moved {sorted(moved.items())}, but gone {gone}")
            moves_total[0] += len(moved)

            def was(path: str) -> str:
                return moved.get(path, path)

            after = scan(arguments.binary, clone)
            counts_after = collections.Counter(f["rule"] for f in after)
            counts_before = collections.Counter(f["rule"] for f in before)
            for finding in after:
                after_rules[finding["rule"]] += 1
                if finding.get("fixes") and not finding["suppressed"]:
                    left_fixable[finding["rule"]] += 1
                    problems.append(f"{repo}: still fixable after fix: {finding['path']}:{finding['start']['line']} "
                                    f"{finding['rule']} {finding['message']}")
            for rule, count in counts_after.items():
                if count > counts_before.get(rule, 0):
                    problems.append(f"{repo}: {rule} has {count} findings after the fix, {counts_before.get(rule, 0)} before")

            again = run([str(arguments.binary), "fix", "--unsafe"], clone)
            if again.returncode != 0 or files(clone) != now:
                problems.append(f"{repo}: a second fix changed something (exit {again.returncode})")

            if dry.stdout:
                patch = base / (name + ".patch")
                patch.write_bytes(dry.stdout)
                applied = run(["git", "apply", str(patch)], fresh)
                if applied.returncode != 0:
                    problems.append(f"{repo}: git apply of the dry run failed: {applied.stderr.decode()[-500:]}")
                elif files(fresh) != now:
                    problems.append(f"{repo}: the dry run's diff does not give the fixed files")

            for path in changed:
                # A file a fix created has no line ends to keep.
                if was(path) in original and line_ending(now[path]) != line_ending(original[was(path)]):
                    problems.append(f"{repo}: {path} changed its line ends")
            workflows = [p for p in changed if p.startswith(".github/workflows/")]
            if workflows:
                workflows_checked += len(workflows)
                restored = base / (name + ".orig")
                if restored.exists():
                    shutil.rmtree(restored)
                make_clone(arguments.corpus / name, restored, repo)
                old_errors = actionlint_errors(actionlint, restored, [p for p in workflows if p in original])
                new_errors = actionlint_errors(actionlint, clone, workflows)
                actionlint_before += sum(old_errors.values())
                actionlint_after += sum(new_errors.values())
                added = new_errors - old_errors
                if added:
                    problems.append(f"{repo}: actionlint reports new errors: {sorted(added)}")
            for path in changed:
                if not (Path(path).name.startswith("Dockerfile") or path.endswith(".Dockerfile")) or not have_dockerfile:
                    continue
                dockerfiles_checked += 1
                old = dockerfile_parse(original[was(path)].decode())
                new = dockerfile_parse(now[path].decode())
                if len(old) != len(new):
                    problems.append(f"{repo}: {path}: {len(old)} instructions before, {len(new)} after")
                    continue
                for (cmd, flags, value, text), (cmd2, flags2, value2, text2) in zip(old, new):
                    if (cmd, flags, value) != (cmd2, flags2, value2):
                        problems.append(f"{repo}: {path}: '{text}' parsed {value}, after the fix '{text2}' parsed {value2}")

    print(f"fix-check: {len(manifest)} repositories, {changed_repos} changed, {changed_files} files, "
          f"{workflows_checked} workflows checked with actionlint{'' if actionlint else ' (not available)'} "
          f"({actionlint_before} messages before, {actionlint_after} after), "
          f"{dockerfiles_checked} Dockerfiles with BuildKit's parse{'' if have_dockerfile else ' (not available)'}, "
          f"{moves_total[0]} files moved")
    print(f"{'rule':<7} {'before':>6} {'fixable':>7} {'fixed':>5} {'after':>5} {'left':>5}")
    for rule in sorted(set(before_rules) | set(after_rules)):
        if not fixable_rules[rule] and not left_fixable[rule]:
            continue
        fixed_count = before_rules[rule] - after_rules[rule]
        print(f"{rule:<7} {before_rules[rule]:>6} {fixable_rules[rule]:>7} {fixed_count:>5} {after_rules[rule]:>5} "
              f"{left_fixable[rule]:>5}")
    for problem in problems:
        print(f"fix-check: {problem}")
    print("fix-check: ok" if not problems else f"fix-check: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (subprocess.CalledProcessError, OSError, RuntimeError, ValueError) as error:
        print(f"fix-check: error: {error}", file=sys.stderr)
        sys.exit(2)
