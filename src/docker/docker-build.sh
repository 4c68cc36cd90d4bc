#!/usr/bin/env bash
# Builds Plimsoll's image for this machine's architecture only; CI builds and pushes the multi-arch image.
set -euo pipefail
cd "$(dirname "$0")/../.."
docker build --file src/docker/Dockerfile --tag ghcr.io/plimsoll-lint/plimsoll:local .
