#!/usr/bin/env bash
# The prebuilt installs, tested as a user meets them, offline: the wheel installs into a fresh virtual environment
# (no Swift, no libyaml needed: auditwheel vendored it) and its `plimsoll` scans fixtures; the release archive's
# checksum holds and its binary runs; pre-commit's `language: python` hook installs from the wheel and passes a
# clean repository and blocks a bad Dockerfile. Timings are printed (for the record; nothing depends on them).
# Usage: dist-check.sh DIST_DIRECTORY PRE_COMMIT_BINARY
set -euo pipefail
dist=$(cd "$1" && pwd)
pre_commit=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(python3 "$root/python/swift_version.py")
arch=$(uname -m)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "dist-check: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }'; }

shopt -s nullglob
wheels=("$dist/plimsoll-$version-py3-none-manylinux_"*"_$arch.whl")
[ ${#wheels[@]} = 1 ] || fail "expected one manylinux wheel for $version on $arch in $dist, found: ${wheels[*]:-none}"
wheel=${wheels[0]}
echo "==> $(basename "$wheel"): $(du -h "$wheel" | cut -f1)"

# A throwaway repository: the compliant fixture, committed.
make_repo() {
    mkdir -p "$1" && cd "$1"
    git init -q -b main
    git config user.email test@example.com
    git config user.name Test
    cp -R "$root/Fixtures/repos/compliant/." .
    git add -A
    git commit -qm "a compliant repository"
}

echo "==> pip install of the wheel into a fresh virtual environment (offline)"
start=$(now)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check --no-index "$wheel"
echo "    installed in $(elapsed "$start")"
plimsoll=$work/venv/bin/plimsoll
[ "$("$plimsoll" --version)" = "$version" ] || fail "plimsoll --version printed $("$plimsoll" --version), not $version"
[ "$("$work/venv/bin/python" -m plimsoll --version)" = "$version" ] || fail "python -m plimsoll --version"
binary=$("$work/venv/bin/python" -c 'import plimsoll; print(plimsoll.binary_path())')
# Read whole before matching: with pipefail, `ldd | grep -q` fails whenever grep exits before ldd has written
# everything (ldd then dies of SIGPIPE), which depends on timing.
libraries=$(ldd "$binary")
grep -q 'libyaml.*plimsoll\.libs' <<<"$libraries" || { echo "$libraries"; fail "libyaml is not the wheel's own copy"; }

echo "==> the wheel's plimsoll scans a compliant repository (exit 0) and a bad Dockerfile (exit 1, PL001)"
make_repo "$work/good"
start=$(now)
"$plimsoll" scan "$work/good" --fail-level note || fail "a compliant repository failed"
echo "    scanned in $(elapsed "$start")"
"$plimsoll" scan "$root/Fixtures/repos/sample-app" > /dev/null || [ $? = 1 ] || fail "sample-app: unexpected status"
make_repo "$work/bad"
printf 'FROM alpine:3.20\nRUNN apk add curl\n' > src/docker/Dockerfile
status=0
"$plimsoll" scan "$work/bad" > "$work/bad.txt" || status=$?
[ $status = 1 ] || { cat "$work/bad.txt"; fail "a bad Dockerfile exited $status, not 1"; }
grep -q 'src/docker/Dockerfile:2:1: error\[PL001\]' "$work/bad.txt" || { cat "$work/bad.txt"; fail "no PL001"; }

echo "==> the release archive: checksum, contents, binary"
archive=plimsoll-$version-linux-$arch.tar.gz
(cd "$dist" && sha256sum --check --quiet "$archive.sha256") || fail "$archive does not match its checksum"
tar -xzf "$dist/$archive" -C "$work"
[ "$("$work/plimsoll-$version-linux-$arch/plimsoll" --version)" = "$version" ] || fail "the archive's binary"
[ "$(cat "$dist/plimsoll-$version-source-hash.txt")" = "$("$root/.ci/source-hash")" ] ||
    fail "the recorded source hash is not this checkout's"

echo "==> action.yml's download: used only with the same sources and a matching checksum"
releases=$work/releases
mkdir -p "$releases/v$version"
cp "$dist/$archive" "$dist/$archive.sha256" "$dist/plimsoll-$version-source-hash.txt" "$releases/v$version/"
download() { PLIMSOLL_RELEASES=file://$releases "$root/.ci/download-release" "$work/downloaded"; }
download || fail "the release was not used"
[ "$("$work/downloaded/plimsoll" --version)" = "$version" ] || fail "the downloaded binary"
rm -rf "$work/downloaded"
echo 0000 > "$releases/v$version/plimsoll-$version-source-hash.txt"
if download; then fail "a release of other sources was used"; fi
cp "$dist/plimsoll-$version-source-hash.txt" "$releases/v$version/"
printf '0%.0s' {1..64} > "$releases/v$version/$archive.sha256"
echo "  $archive" >> "$releases/v$version/$archive.sha256"
if download; then fail "an archive that fails its checksum was used"; fi
rm -rf "$releases/v$version"
if download; then fail "a missing release was used"; fi
[ ! -e "$work/downloaded/plimsoll" ] || fail "a rejected download left a binary"

echo "==> pre-commit try-repo with the python hook, installing plimsoll from the wheel only (no index)"
export PRE_COMMIT_HOME=$work/pre-commit-home PIP_NO_INDEX=1 PIP_FIND_LINKS=$dist
cd "$work/good"
start=$(now)
"$pre_commit" try-repo "$root" plimsoll --all-files || fail "the python hook failed on a compliant repository"
echo "    hook installed and ran in $(elapsed "$start")"
printf 'FROM alpine:3.20\nRUNN apk add curl\n' > src/docker/Dockerfile
git add src/docker/Dockerfile
start=$(now)
if "$pre_commit" try-repo "$root" plimsoll > "$work/hook.txt" 2>&1; then
    cat "$work/hook.txt"
    fail "the python hook let a bad Dockerfile through"
fi
echo "    hook ran in $(elapsed "$start")"
grep -q 'src/docker/Dockerfile:2:1: error\[PL001\] unknown instruction: RUNN' "$work/hook.txt" ||
    { cat "$work/hook.txt"; fail "no PL001 in the hook's output"; }
echo "==> dist-check: ok"
