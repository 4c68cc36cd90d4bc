#!/bin/sh
# Runs built libFuzzer targets one after another, each for a bounded time, and prints one line per target.
# Usage: Tests/Fuzz/run.sh <build folder holding release/<target>> <seconds> <target>...
# Each target works in <build folder>/<target>/: corpus/ (grows across runs), seeds/ (rewritten from the
# fixtures by seeds.sh), fuzz.log, and crash-*/timeout-*/oom-* files for anything found. The committed
# regression inputs in Fixtures/fuzz-regressions/<target>/ are replayed as part of the corpus.
# Exits non-zero when any target crashed, hung (-timeout) or ran out of memory (-rss_limit_mb).
set -u
build=$1
seconds=$2
shift 2
repo=$(pwd)
failed=""
for target in "$@"; do
    work=$build/$target
    mkdir -p "$work/corpus"
    rm -rf "$work/seeds"
    Tests/Fuzz/seeds.sh "$target" "$work/seeds"
    dict=""
    case $target in
    FuzzDockerfile) dict=dockerfile.dict ;;
    FuzzYAML | FuzzWorkflowRules) dict=yaml.dict ;;
    FuzzShell) dict=shell.dict ;;
    FuzzConfig) dict=config.dict ;;
    esac
    regressions=""
    if [ -d "Fixtures/fuzz-regressions/$target" ]; then regressions=$repo/Fixtures/fuzz-regressions/$target; fi
    echo "==> $target for $seconds s (log: $work/fuzz.log)"
    start=$(date +%s)
    # Only the first folder (corpus) receives new inputs; seeds and regressions are read.
    # Leaks in Swift's Regex compiler are suppressed (see Tests/Fuzz/lsan.supp); any other leak still fails.
    (cd "$work" && LSAN_OPTIONS="suppressions=$repo/Tests/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
        "$repo/$build/release/$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=./ ${dict:+-dict="$repo/Tests/Fuzz/$dict"} \
        corpus seeds $regressions) >"$work/fuzz.log" 2>&1
    status=$?
    elapsed=$(($(date +%s) - start))
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -1)
    crashes=$(find "$work" -maxdepth 1 -newer "$work/seeds" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
    printf '%s: %s executions in %s s, %s crashes%s\n' "$target" "${executions:-?}" "$elapsed" "$crashes" \
        "$([ "$status" -ne 0 ] && echo " (exit $status; see $work/fuzz.log)")"
    if [ "$status" -ne 0 ]; then failed="$failed $target"; fi
done
if [ -n "$failed" ]; then
    echo "fuzzing found problems in:$failed" >&2
    exit 1
fi
