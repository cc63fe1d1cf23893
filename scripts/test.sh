#!/usr/bin/env bash
# The project's test command: prepares the test environment (Docker engine, local
# registry, demo images, git and ssh tooling), then runs every test project.
# Idempotent; run as root on a Debian host with the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/test-env.sh --test-tools

echo "==> building"
dotnet build GitOps.sln --nologo -v quiet

echo "==> unit tests"
dotnet test tests/Reconciler.Tests --no-build --nologo

echo "==> integration tests (real engine, registry and git servers)"
dotnet test tests/Integration.Tests --no-build --nologo
