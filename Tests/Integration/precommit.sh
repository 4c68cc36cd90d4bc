#!/usr/bin/env bash
# The source-built pre-commit hook (`plimsoll-swift`, language: swift), tested with the real pre-commit:
# `pre-commit try-repo` builds Plimsoll from this checkout and runs it in a throwaway repository that this script
# creates. The python hook (`plimsoll`, from the wheel) is tested by dist-check.sh.
# Usage: precommit.sh PRE_COMMIT_BINARY
set -euo pipefail
pre_commit=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$root/.build/pre-commit-home}"

cd "$work"
git init -q -b main
git config user.email test@example.com
git config user.name Test
cp -R "$root/Fixtures/repos/compliant/." .
git add -A
git commit -qm "a compliant repository"

echo "==> a clean repository passes"
"$pre_commit" try-repo "$root" plimsoll-swift --all-files

echo "==> a staged Dockerfile with a finding fails, and the finding is reported"
printf 'FROM alpine:3.20\nRUNN apk add curl\n' > src/docker/Dockerfile
git add src/docker/Dockerfile
if "$pre_commit" try-repo "$root" plimsoll-swift > output.txt 2>&1; then
    cat output.txt
    echo "expected the hook to fail" >&2
    exit 1
fi
grep -q 'src/docker/Dockerfile:2:1: error\[PL001\] unknown instruction: RUNN' output.txt || {
    cat output.txt
    echo "expected a PL001 finding in the hook's output" >&2
    exit 1
}
echo "==> pre-commit hook: ok"
