#!/usr/bin/env python3
"""Differential test: Plimsoll's Dockerfile parser against BuildKit's, via PyPI `dockerfile` 3.4.0.

The `dockerfile` package wraps BuildKit's Go parser (v0.12.5 in the 3.4.0 wheel). For every Dockerfile under
Fixtures/ plus a few hundred generated tricky inputs (fixed seed), both parsers run and these are compared:
accept/reject, and per instruction the keyword, ONBUILD sub-command, JSON form, flags, values, start and end
line, heredoc names and bodies.

Usage (from the package root):
    python3 -m venv .build/difftool-venv
    .build/difftool-venv/bin/pip install dockerfile==3.4.0
    swift build -c release --product plimsoll
    .build/difftool-venv/bin/python Tests/Differential/dockerfile_diff.py [--threshold 0.98] [--count 400] [-v]

Exits non-zero when the agreement rate is below the threshold (default 0.98).
"""
import argparse
import json
import os
import random
import subprocess
import sys

import dockerfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# The plimsoll binary to test: PLIMSOLL_BIN (make test passes the debug build), else the release build.
TOOL = os.environ.get("PLIMSOLL_BIN") or os.path.join(ROOT, ".build", "release", "plimsoll")
GENERATED = os.path.join(ROOT, ".build", "differential", "generated")

# Diagnostics our parser reports for things BuildKit's *parser* (not its later instruction checks) rejects.
PARSER_ERRORS = (
    "file with no instructions", "ENV must have two arguments", "LABEL must have two arguments",
    "Syntax error - can't find =", "dockerfile JSON array must contain only strings", "unterminated heredoc",
    "dockerfile line greater than max allowed size", "only one ", "invalid escape token",
    "internal lexing of heredoc", "unexpected end of statement",
)


def fixture_files():
    found = []
    for base, _, files in os.walk(os.path.join(ROOT, "Fixtures")):
        for name in files:
            if name == "Dockerfile" or name.endswith(".Dockerfile") or name.startswith("Dockerfile."):
                found.append(os.path.join(base, name))
    return sorted(found)


PIECES_KEYWORDS = ["FROM", "RUN", "CMD", "COPY", "ADD", "ENV", "LABEL", "ARG", "EXPOSE", "USER", "WORKDIR",
                   "VOLUME", "ENTRYPOINT", "SHELL", "HEALTHCHECK", "ONBUILD", "STOPSIGNAL", "MAINTAINER",
                   "run", "Copy", "FOO"]
WORDS = ["a", "b c", "\"q w\"", "'s q'", "x=y", "k=\"v v\"", "$VAR", "${V:-d}", "--flag", "--mount=type=cache,target=/x",
         "--from=build", "--chown=1:1", "[\"a\",", "\"b\"]", "[\"x\"]", "[]", "[ \"a\", \"b\" ]", "é", "😀", "\\\\", "\\t",
         "&&", "#", "echo", "/dest/", "--", "--link", "'['", "[1]", "=", "a=", "=b"]


def generate(rng):
    escape = rng.choice(["\\", "\\", "\\", "`"])
    lines = []
    if rng.random() < 0.3:
        lines.append(rng.choice(["# syntax=docker/dockerfile:1", "#escape=" + escape, "# escape = " + escape,
                                 "# check=skip=all"]))
        if "escape" not in lines[-1]:
            escape = "\\"
    if rng.random() < 0.15 and escape == "\\":
        lines.insert(0, "# escape=`")
        escape = "`"
    lines.append("FROM alpine:3.20 AS base")
    for _ in range(rng.randint(1, 8)):
        kind = rng.random()
        keyword = rng.choice(PIECES_KEYWORDS)
        words = [rng.choice(WORDS) for _ in range(rng.randint(0, 5))]
        indent = rng.choice(["", "", " ", "\t", "  "])
        sep = rng.choice([" ", " ", "\t", "  "])
        if kind < 0.2 and keyword.upper() in ("RUN", "COPY", "ADD"):
            name = rng.choice(["EOF", "END", "'EOF'", "\"EOF\"", "E'O'F"])
            dash = rng.choice(["", "-"])
            bare = name.replace("'", "").replace("\"", "")
            body = [rng.choice(["echo hi", "\techo tab", "", "RUN not an instruction", "$X"]) for _ in range(rng.randint(0, 3))]
            term = ("\t" if dash else "") + bare
            lines.append(f"{indent}{keyword} <<{dash}{name}{sep}{' '.join(words)}")
            lines.extend(body)
            lines.append(term)
        elif kind < 0.45:
            first = f"{indent}{keyword}{sep}{' '.join(words)}"
            cont = rng.choice([escape, escape + " ", " " + escape, escape + "\t"])
            lines.append(first + cont)
            for _ in range(rng.randint(0, 3)):
                lines.append(rng.choice(["# comment", "", "   ", "  more " + rng.choice(WORDS) + " " + escape,
                                         escape, " tail"]))
            lines.append(rng.choice(["  end", "end", "\tend"]))
        else:
            trailing = rng.choice(["", " ", "\t"])
            lines.append(f"{indent}{keyword}{sep}{' '.join(words)}{trailing}")
        if rng.random() < 0.1:
            lines.append(rng.choice(["", "# note", "   # indented comment"]))
    newline = rng.choice(["\n", "\n", "\n", "\r\n"])
    text = newline.join(lines)
    if rng.random() < 0.8:
        text += newline
    return text.encode("utf-8")


def ours(paths):
    output = subprocess.run([TOOL, "dump", "dockerfile", "--json", *paths], check=True, capture_output=True).stdout
    return [json.loads(line) for line in output.decode("utf-8").splitlines()]


def unhex(h):
    return bytes.fromhex(h).decode("utf-8", "replace")


def theirs_value(text):
    # The wrapper passes Go strings through C strings: everything from a NUL on is cut off.
    return text


def normalize_ours(result):
    errors = [d["message"] for d in result["diagnostics"]
              if d["severity"] == "error" and d["message"].startswith(PARSER_ERRORS)]
    if errors:
        return ("error", errors[0])
    commands = []
    for ins in result["instructions"]:
        node = ins["trigger"] if ins["trigger"] is not None else ins
        args = [unhex(a).split("\0")[0] for a in node["args"]]
        if node["keyword"].lower() in ("env", "label") and len(args) % 3 == 0:
            args = [a for i, a in enumerate(args) if i % 3 != 2]
        commands.append((
            ins["keyword"], ins["trigger"]["keyword"] if ins["trigger"] is not None else None,
            node["json"], tuple(unhex(f) for f in ins["flags"]), tuple(args), ins["start"], ins["end"],
            tuple((h["name"], unhex(h["content"])) for h in ins["heredocs"]),
        ))
    return ("ok", commands)


def normalize_theirs(path):
    try:
        parsed = dockerfile.parse_file(path)
    except Exception as error:  # the wrapper raises GoParseError
        return ("error", str(error))
    return ("ok", [(c.cmd, c.sub_cmd, c.json, tuple(c.flags), tuple(c.value), c.start_line, c.end_line,
                    tuple((h.name, h.content) for h in c.heredocs)) for c in parsed])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=0.98)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("-v", "--verbose", action="store_true")
    options = parser.parse_args()

    os.makedirs(GENERATED, exist_ok=True)
    rng = random.Random(options.seed)
    paths = fixture_files()
    for index in range(options.count):
        path = os.path.join(GENERATED, f"{index:04d}.Dockerfile")
        with open(path, "wb") as handle:
            handle.write(generate(rng))
        paths.append(path)

    results = ours(paths)
    agree = 0
    known = 0
    failures = []
    for path, result in zip(paths, results):
        mine, reference = normalize_ours(result), normalize_theirs(path)
        if mine[0] == "error" and reference[0] == "error":
            agree += 1
        elif mine == reference:
            agree += 1
        else:
            with open(path, "rb") as handle:
                has_nul_json = b"\\u0000" in handle.read()
            if has_nul_json:
                known += 1  # the documented NUL cut-off of the wrapper
            failures.append((path, mine, reference))
    total = len(paths)
    rate = agree / total if total else 1.0
    print(f"dockerfile differential: {agree}/{total} agree ({rate:.1%}); {known} known NUL cases; "
          f"{len(paths) - options.count} fixtures + {options.count} generated (seed {options.seed})")
    for path, mine, reference in failures[: (50 if options.verbose else 5)]:
        print(f"--- {os.path.relpath(path, ROOT)}")
        if mine[0] != reference[0]:
            print(f"  ours: {mine[0]} {mine[1] if mine[0] == 'error' else ''}")
            print(f"  buildkit: {reference[0]} {reference[1] if reference[0] == 'error' else ''}")
        else:
            for a, b in zip(mine[1], reference[1]):
                if a != b:
                    print(f"  ours:     {a}\n  buildkit: {b}")
                    break
            if len(mine[1]) != len(reference[1]):
                print(f"  instruction count: ours {len(mine[1])}, buildkit {len(reference[1])}")
    return 0 if rate >= options.threshold else 1


if __name__ == "__main__":
    sys.exit(main())
