#!/usr/bin/env bash
# Plimsoll's own workflows (release.yml among them), action and Dockerfile must pass the peers' linters and
# Plimsoll itself.
# Usage: lint-own-files.sh VENV_BIN PLIMSOLL_BINARY
set -euo pipefail
bin=$1
plimsoll=$2
cd "$(dirname "$0")/../.."
echo "==> actionlint"
"$bin/actionlint" -shellcheck= -pyflakes= .github/workflows/*.yml
echo "==> zizmor --offline"
"$bin/zizmor" --offline --quiet .github/workflows/ action.yml
echo "==> hadolint"
"$bin/hadolint" src/docker/Dockerfile
echo "==> plimsoll scan . (must report nothing)"
"$plimsoll" scan . --fail-level note
