#!/usr/bin/env bash
# The project's test command: prepares the test environment (Docker engine, local
# registry, demo images, git and ssh tooling), then runs every test project in a random order.
# Idempotent; run as root on a Debian host with the .NET SDK.
# The order comes from one seed, printed first; GITOPS_TEST_SEED=N bash scripts/test.sh replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

GITOPS_TEST_SEED="${GITOPS_TEST_SEED:-$((RANDOM * 32768 + RANDOM))}"
export GITOPS_TEST_SEED
echo "==> test order seed $GITOPS_TEST_SEED (replay: GITOPS_TEST_SEED=$GITOPS_TEST_SEED bash scripts/test.sh)"

# Without the demo images on the engine, a test that uses an image it did not pull fails on every run.
bash scripts/test-env.sh --test-tools --fresh-images

echo "==> building"
dotnet build GitOps.sln --nologo -v quiet

echo "==> unit tests"
dotnet test tests/Reconciler.Tests --no-build --nologo

# Built once: the package tests and the new-host test install the same release package.
echo "==> release package (packaging/build.sh)"
GITOPS_TEST_DIST="$(mktemp -d /tmp/gitops-agent-dist.XXXXXX)"
trap 'rm -rf "$GITOPS_TEST_DIST"' EXIT
export GITOPS_TEST_DIST
bash packaging/build.sh "$GITOPS_TEST_DIST"

echo "==> integration tests (real engine, registry and git servers)"
dotnet test tests/Integration.Tests --no-build --nologo

echo "==> native build against the JIT build (packaging/aot-check.sh)"
tar -xzf "$(ls "$GITOPS_TEST_DIST"/*.tar.gz)" -C "$GITOPS_TEST_DIST"
bash packaging/aot-check.sh "$GITOPS_TEST_DIST/gitops-agent"

echo "==> new-host test (a Debian booted with systemd-nspawn; skipped where nspawn cannot run)"
bash packaging/newhost-test.sh "$(ls "$GITOPS_TEST_DIST"/*.deb)"
