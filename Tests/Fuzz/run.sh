#!/bin/sh
# Runs built libFuzzer targets one after another, each for a bounded time, and prints one line per target.
# Usage: Tests/Fuzz/run.sh <build folder holding release/<target>> <seconds> <target>...
# Each target works in <build folder>/<target>/: corpus/ (grows across runs), seeds/ (rewritten from the
# fixtures by seeds.sh), fuzz.log, and crash-*/timeout-*/oom-* files for anything found. The committed
# regression inputs in Fixtures/fuzz-regressions/<target>/ are replayed as part of the corpus.
# Exits non-zero when any target crashed, hung (-timeout) or ran out of memory (-rss_limit_mb).
#
# FUZZ_LONG=1 is the long-input run: inputs up to FUZZ_MAX_LEN (default 1 MiB instead of 8 KiB), a longer
# -timeout, the 3 GiB memory bound the adversarial tests hold a scan to, its own work folder <target>-long/ (long
# inputs would slow the ordinary corpus down), and the long seeds of Tests/Fuzz/long-seeds.sh besides the usual
# ones: the ordinary run's 8 KiB never reached the deep cases of issue 21 (alias multiplication, env that refers
# to itself, here-document floods, FROM chains).
set -u
build=$1
seconds=$2
shift 2
repo=$(pwd)
failed=""
long=${FUZZ_LONG:-0}
if [ "$long" = 1 ]; then
    max_len=${FUZZ_MAX_LEN:-1048576}; timeout=${FUZZ_TIMEOUT:-60}; rss=${FUZZ_RSS_MB:-3072}; suffix=-long
else
    max_len=${FUZZ_MAX_LEN:-8192}; timeout=${FUZZ_TIMEOUT:-10}; rss=${FUZZ_RSS_MB:-2048}; suffix=
fi
for target in "$@"; do
    work=$build/$target$suffix
    mkdir -p "$work/corpus"
    rm -rf "$work/seeds"
    Tests/Fuzz/seeds.sh "$target" "$work/seeds"
    if [ "$long" = 1 ]; then Tests/Fuzz/long-seeds.sh "$target" "$work/seeds"; fi
    dict=""
    case $target in
    FuzzDockerfile) dict=dockerfile.dict ;;
    FuzzYAML | FuzzWorkflowRules) dict=yaml.dict ;;
    FuzzShell) dict=shell.dict ;;
    FuzzConfig) dict=config.dict ;;
    esac
    regressions=""
    if [ -d "Fixtures/fuzz-regressions/$target" ]; then regressions=$repo/Fixtures/fuzz-regressions/$target; fi
    echo "==> $target$suffix for $seconds s, inputs up to $max_len bytes (log: $work/fuzz.log)"
    start=$(date +%s)
    # Only the first folder (corpus) receives new inputs; seeds and regressions are read.
    # Leaks in Swift's Regex compiler are suppressed (see Tests/Fuzz/lsan.supp); any other leak still fails.
    (cd "$work" && LSAN_OPTIONS="suppressions=$repo/Tests/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
        "$repo/$build/release/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
        -rss_limit_mb="$rss" -print_final_stats=1 -artifact_prefix=./ ${dict:+-dict="$repo/Tests/Fuzz/$dict"} \
        corpus seeds $regressions) >"$work/fuzz.log" 2>&1
    status=$?
    elapsed=$(($(date +%s) - start))
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -1)
    crashes=$(find "$work" -maxdepth 1 -newer "$work/seeds" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
    printf '%s: %s executions in %s s, %s crashes%s\n' "$target$suffix" "${executions:-?}" "$elapsed" "$crashes" \
        "$([ "$status" -ne 0 ] && echo " (exit $status; see $work/fuzz.log)")"
    if [ "$status" -ne 0 ]; then failed="$failed $target$suffix"; fi
done
if [ -n "$failed" ]; then
    echo "fuzzing found problems in:$failed" >&2
    exit 1
fi
