#!/usr/bin/env bash
# Measures the inventory at scale: importing a 100,000-row IAM credential report and computing
# posture over 1,000,000 credentials, on SQLite (a file, as `lanyard serve` uses by default) and
# on a private PostgreSQL server started for the run. Prints a Markdown table of the results.
#
#   bench/inventory.sh                      # both databases, median of 3 runs
#   bench/inventory.sh --database sqlite    # options go to the benchmark; --help lists them
#
# LANYARD_TEST_PG_PORT picks the PostgreSQL port (default 55432).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/bench/inventory"

# shellcheck source=../scripts/install-test-deps.sh
source "$root/scripts/install-test-deps.sh"
# shellcheck source=../scripts/postgres.sh
source "$root/scripts/postgres.sh"

echo "Building the benchmark (Release)..." >&2
dotnet build "$root/bench/Lanyard.Inventory.Benchmarks/Lanyard.Inventory.Benchmarks.csproj" \
  -c Release -o "$out" --nologo -v quiet -clp:NoSummary >&2

install_test_deps
# Durable writes, as a production server has them.
LANYARD_TEST_PG_FSYNC=on start_test_postgres
trap stop_test_postgres EXIT

dotnet "$out/Lanyard.Inventory.Benchmarks.dll" --postgres "$LANYARD_TEST_POSTGRES" "$@"
