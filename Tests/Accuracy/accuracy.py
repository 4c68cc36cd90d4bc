#!/usr/bin/env python3
"""Scan real repositories as clones and hold every error and warning to a written review.

Each repository of the corpus (a folder per repository and a MANIFEST.tsv naming its GitHub repository and
commit) is copied into a temporary folder, made a git clone as a user has it (one commit, `origin` on GitHub),
and scanned with the given binary. Every error and warning must match a row of reviewed.tsv:

    repo <TAB> path <TAB> line <TAB> rule <TAB> verdict <TAB> reason

where verdict is `true`, `false` or `noise`. A finding matches a row with the same repository, path and rule
whose line is within LINE_SLACK of the finding's, each row serving one finding (the nearest first), so an
unrelated edit above a finding does not orphan its row.

The run fails when
- an error or warning has no row (unreviewed),
- a row says `true` but no finding matches it any more (a lost true finding),
- the number of `false` and `noise` findings still reported differs from the ratchet file: above it, a fixed
  false alarm came back or a new one was labelled; below it, a fix landed and the ratchet must come down with it.
Notes are listed but never fail the run. Standard library only: it runs before any virtual environment exists.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

LINE_SLACK = 2
VERDICTS = ("true", "false", "noise")
COLUMNS = ("repo", "path", "line", "rule", "verdict", "reason")


@dataclass
class Row:
    repo: str
    path: str
    line: int
    rule: str
    verdict: str
    reason: str
    where: int  # line of reviewed.tsv, for messages
    matched: bool = False


@dataclass
class Finding:
    repo: str
    path: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    notes: list[str] = field(default_factory=list)
    row: Row | None = None


class ReviewError(Exception):
    pass


def read_manifest(corpus: Path) -> list[tuple[str, str]]:
    """(owner/name, commit) for every repository of the corpus, in manifest order."""
    lines = (corpus / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    repo_at, commit_at = header.index("repo"), header.index("commit")
    entries = []
    for line in lines[1:]:
        if line.strip():
            cells = line.split("\t")
            entries.append((cells[repo_at], cells[commit_at]))
    return entries


def read_reviewed(path: Path) -> list[Row]:
    rows: list[Row] = []
    if not path.exists():
        return rows
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if number == 1 and tuple(cells[:len(COLUMNS)]) == COLUMNS:
            continue
        if len(cells) != len(COLUMNS):
            raise ReviewError(f"{path}:{number}: expected {len(COLUMNS)} tab-separated cells "
                              f"({', '.join(COLUMNS)}), found {len(cells)}")
        repo, file, line_text, rule, verdict, reason = cells
        if verdict not in VERDICTS:
            raise ReviewError(f"{path}:{number}: verdict '{verdict}' is not one of {', '.join(VERDICTS)}")
        if not line_text.isdigit():
            raise ReviewError(f"{path}:{number}: line '{line_text}' is not a number")
        if not reason.strip():
            raise ReviewError(f"{path}:{number}: a row needs a reason written after reading the files")
        rows.append(Row(repo, file, int(line_text), rule, verdict, reason, number))
    return rows


def git(folder: Path, *args: str) -> None:
    # The user's and the system's git configuration stay out: the clone is the same on every machine.
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "accuracy", "GIT_AUTHOR_EMAIL": "accuracy@example.invalid",
        "GIT_COMMITTER_NAME": "accuracy", "GIT_COMMITTER_EMAIL": "accuracy@example.invalid",
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    }
    subprocess.run(["git", "-C", str(folder), *args], check=True, env=environment,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_clone(source: Path, destination: Path, repo: str) -> None:
    shutil.copytree(source, destination, symlinks=True)
    git(destination, "init", "-q", "-b", "main")
    git(destination, "add", "-A", "-f", ".")
    git(destination, "commit", "-q", "--no-verify", "-m", "corpus snapshot")
    git(destination, "remote", "add", "origin", f"https://github.com/{repo}.git")


def scan(binary: Path, folder: Path, repo: str) -> list[Finding]:
    result = subprocess.run([str(binary), "scan", str(folder), "--format", "json", "--fail-level", "never"],
                            capture_output=True, timeout=120)
    if result.returncode != 0:
        raise ReviewError(f"{repo}: plimsoll exited {result.returncode}: "
                          f"{result.stderr.decode('utf-8', 'replace').strip()}")
    report = json.loads(result.stdout)
    findings = []
    for item in report["findings"]:
        if item.get("suppressed"):
            continue
        findings.append(Finding(repo, item["path"], item["start"]["line"], item["start"]["column"],
                                item["rule"], item["severity"], item["message"], item.get("notes") or []))
    return findings


def match(findings: list[Finding], rows: list[Row]) -> None:
    """Pairs findings with rows one to one: same repository, path and rule, nearest line within the slack."""
    by_key: dict[tuple[str, str, str], list[Row]] = collections.defaultdict(list)
    for row in rows:
        by_key[(row.repo, row.path, row.rule)].append(row)
    candidates = []
    for index, finding in enumerate(findings):
        for row in by_key.get((finding.repo, finding.path, finding.rule), []):
            distance = abs(row.line - finding.line)
            if distance <= LINE_SLACK:
                candidates.append((distance, index, row.where, row))
    for distance, index, _, row in sorted(candidates, key=lambda c: c[:3]):
        finding = findings[index]
        if finding.row is None and not row.matched:
            finding.row = row
            row.matched = True


def percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "n/a"


def review_row(finding: Finding) -> str:
    """A reviewed.tsv row to fill in: the verdict and reason are left for the reviewer."""
    return "\t".join([finding.repo, finding.path, str(finding.line), finding.rule, "?",
                      f"{finding.severity}: {finding.message}"])


def main() -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=here.parents[1].parent / "shared" / "corpus" / "repos")
    parser.add_argument("--binary", type=Path, default=here.parents[1] / ".build" / "release" / "plimsoll")
    parser.add_argument("--reviewed", type=Path, default=here / "reviewed.tsv")
    parser.add_argument("--ratchet", type=Path, default=here / "ratchet")
    parser.add_argument("--repo", action="append", default=[], help="only this repository (owner/name)")
    parser.add_argument("--unreviewed", type=Path, help="write rows to fill in for every unreviewed finding")
    parser.add_argument("--notes", action="store_true", help="list every note as well")
    parser.add_argument("--keep", type=Path, help="make the clones in this folder and keep them")
    arguments = parser.parse_args()

    if not (arguments.corpus / "MANIFEST.tsv").exists():
        print(f"accuracy: skipped: no corpus at {arguments.corpus} (it lives in ../shared beside a working copy)")
        return 0
    try:
        rows = read_reviewed(arguments.reviewed)
        ratchet = int(arguments.ratchet.read_text().split()[0]) if arguments.ratchet.exists() else 0
        manifest = read_manifest(arguments.corpus)
        if arguments.repo:
            manifest = [entry for entry in manifest if entry[0] in arguments.repo]
        findings: list[Finding] = []
        with tempfile.TemporaryDirectory(prefix="plimsoll-accuracy-") as temporary:
            base = arguments.keep or Path(temporary)
            for repo, _commit in manifest:
                clone = base / repo.replace("/", "+")
                if clone.exists():
                    shutil.rmtree(clone)
                make_clone(arguments.corpus / repo.replace("/", "+"), clone, repo)
                findings.extend(scan(arguments.binary, clone, repo))
    except (ReviewError, subprocess.CalledProcessError, OSError, ValueError) as error:
        detail = getattr(error, "stderr", None)
        print(f"accuracy: error: {error}{': ' + detail.decode() if detail else ''}", file=sys.stderr)
        return 2

    scanned = {repo for repo, _ in manifest}
    rows = [row for row in rows if row.repo in scanned]
    graded = [f for f in findings if f.severity in ("error", "warning")]
    notes = [f for f in findings if f.severity == "note"]
    match(graded, rows)

    unreviewed = [f for f in graded if f.row is None]
    lost = [row for row in rows if row.verdict == "true" and not row.matched]
    still_false = [f for f in graded if f.row is not None and f.row.verdict in ("false", "noise")]
    fixed = [row for row in rows if row.verdict != "true" and not row.matched]

    # Per rule: true / false / noise / unreviewed among reported errors and warnings.
    table: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for finding in graded:
        table[finding.rule][finding.row.verdict if finding.row else "unreviewed"] += 1
        table[finding.rule][finding.severity] += 1
    print(f"accuracy: {len(manifest)} repositories, {len(graded)} errors and warnings, {len(notes)} notes")
    print(f"{'rule':<7} {'errors':>6} {'warns':>6} {'true':>5} {'false':>5} {'noise':>5} {'unrev':>5}")
    for rule in sorted(table):
        counts = table[rule]
        print(f"{rule:<7} {counts['error']:>6} {counts['warning']:>6} {counts['true']:>5} {counts['false']:>5} "
              f"{counts['noise']:>5} {counts['unreviewed']:>5}")
    for severity in ("error", "warning"):
        reviewed = [f for f in graded if f.severity == severity and f.row]
        true = sum(1 for f in reviewed if f.row.verdict == "true")
        print(f"precision of {severity}s: {percent(true, len(reviewed))} ({true} true of {len(reviewed)} reviewed)")

    if still_false:
        print(f"\nfalse or noise findings still reported ({len(still_false)}; ratchet {ratchet}):")
        for f in still_false:
            print(f"  {f.repo}:{f.path}:{f.line}: {f.severity}[{f.rule}] {f.message}  [{f.row.verdict}: {f.row.reason}]")
    if fixed:
        print(f"\nfalse or noise rows no longer reported ({len(fixed)}): fixed; the rows stay so they cannot return")
    if arguments.notes and notes:
        print(f"\nnotes ({len(notes)}):")
        for f in notes:
            print(f"  {f.repo}:{f.path}:{f.line}: note[{f.rule}] {f.message}")
    if arguments.unreviewed:
        arguments.unreviewed.write_text("".join(review_row(f) + "\n" for f in unreviewed), encoding="utf-8")

    failures = []
    if unreviewed:
        failures.append(f"{len(unreviewed)} unreviewed")
        print(f"\nunreviewed errors and warnings ({len(unreviewed)}): review each and add a row to {arguments.reviewed.name}")
        for f in unreviewed:
            print(f"  {f.repo}:{f.path}:{f.line}:{f.column}: {f.severity}[{f.rule}] {f.message}")
            for note in f.notes:
                print(f"      note: {note}")
    if lost:
        failures.append(f"{len(lost)} lost true findings")
        print(f"\nlost true findings ({len(lost)}): a row says true, but nothing is reported there any more")
        for row in lost:
            print(f"  {row.repo}:{row.path}:{row.line}: {row.rule}  ({arguments.reviewed.name}:{row.where}: {row.reason})")
    if not arguments.repo:
        if len(still_false) > ratchet:
            failures.append(f"{len(still_false)} false or noise findings, the ratchet allows {ratchet}")
        elif len(still_false) < ratchet:
            failures.append(f"{len(still_false)} false or noise findings are left: lower {arguments.ratchet.name} "
                            f"from {ratchet} to {len(still_false)} in the commit that fixed them")
    if failures:
        print(f"\naccuracy: FAILED: {'; '.join(failures)}")
        return 1
    print(f"\naccuracy: ok ({len(still_false)} false or noise findings left, as the ratchet says)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
