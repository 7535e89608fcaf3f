#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs what the tests need, starts a
# private PostgreSQL server for them, runs every test project, and stops the server again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

# shellcheck source=scripts/install-test-deps.sh
source "$root/scripts/install-test-deps.sh"
# shellcheck source=scripts/postgres.sh
source "$root/scripts/postgres.sh"

install_test_deps
start_test_postgres
trap stop_test_postgres EXIT

dotnet test "$root/Lanyard.slnx" --nologo "$@"
