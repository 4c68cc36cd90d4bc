#!/usr/bin/env bash
# Build the image for this machine's architecture only; CI builds and pushes the multi-arch image.
set -euo pipefail
cd "$(dirname "$0")/../.."
docker build --file src/docker/Dockerfile --tag ghcr.io/example-org/compliant:local .
