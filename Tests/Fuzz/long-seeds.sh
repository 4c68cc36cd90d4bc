#!/bin/sh
# Writes long seeds for the long-input fuzz run: the shapes of issue 21's expansion attacks, each far over the
# 8 KiB the ordinary run allows, so that mutation starts where the deep cases are (alias multiplication, env that
# refers to itself, merge keys repeating one alias, deep nesting, here-document floods, FROM chains, star runs).
# Usage: Tests/Fuzz/long-seeds.sh <FuzzDockerfile|FuzzYAML|FuzzWorkflowRules|FuzzShell|FuzzConfig> <folder>
set -eu
target=$1
out=$2
mkdir -p "$out"
# repeat TEXT COUNT: TEXT COUNT times (printf's %s reuse, no loop in the shell).
repeat() { awk -v text="$1" -v count="$2" 'BEGIN { for (i = 0; i < count; i++) printf "%s", text }'; }
case $target in
FuzzYAML | FuzzWorkflowRules)
    {
        printf 'on: push\njobs:\n  j0:\n    runs-on: ubuntu-latest\n    steps: &s [&t {uses: docker/build-push-action@v6, with: {push: true, tags: "ghcr.io/a/b:latest"}}'
        repeat ', *t' 200
        printf ']\n'
        awk 'BEGIN { for (i = 1; i < 400; i++) printf "  j%d: {runs-on: x, needs: [j0], steps: *s}\n", i }'
    } >"$out/long-aliases"
    {
        printf 'on: push\nenv:\n  A: "'
        repeat '$A${{ env.A }}' 300
        printf '"\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t "ghcr.io/a/b:$A" . && docker push "ghcr.io/a/b:$A"\n'
    } >"$out/long-env"
    {
        printf 'on: push\nx: &a {p: 1, q: 2}\ny: {<<: ['
        repeat '*a, ' 3000
        printf '*a]}\njobs: {}\n'
    } >"$out/long-merge"
    { printf 'on: push\njobs: '; repeat '[' 300; repeat ']' 300; printf '\n'; } >"$out/long-nesting"
    ;;
FuzzShell)
    { printf 'cat '; repeat '<<E ' 5000; printf '\n'; repeat 'docker push x\nE\n' 5000; printf 'docker build -t app .\n'; } >"$out/long-heredocs"
    ;;
FuzzDockerfile)
    {
        printf 'FROM alpine:3.20 AS s0\n'
        awk 'BEGIN { for (i = 1; i < 3000; i++) printf "FROM s%d AS s%d\nENV A%d=1\nRUN echo $TARGETARCH\n", i - 1, i, i }'
    } >"$out/long-stages"
    ;;
FuzzConfig)
    { printf 'ignore-paths:\n  - "'; repeat '*' 3000; printf '/x"\n  - "'; repeat 'a?' 3000; printf '"\n'; } >"$out/long-globs"
    ;;
*)
    echo "unknown fuzz target: $target" >&2
    exit 2
    ;;
esac
