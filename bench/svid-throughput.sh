#!/usr/bin/env bash
# X.509-SVID issuance over the API: an in-process server on SQLite, one workload, N clients
# posting ECDSA P-256 CSRs for S seconds; prints issued/s, latency and the stored count.
# Usage: bench/svid-throughput.sh [SECONDS] [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Lanyard.Pki.Bench -v quiet -nologo >/dev/null
dotnet bench/Lanyard.Pki.Bench/bin/Release/net10.0/Lanyard.Pki.Bench.dll "${1:-20}" "${2:-16}" 2>&1 | grep -E '^(issued|certificates)'
