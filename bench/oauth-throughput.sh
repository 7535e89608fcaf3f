#!/usr/bin/env bash
# OAuth2 token endpoint throughput on loopback: a Release `lanyard serve` on SQLite, one client
# authenticating with client_secret_basic, wrk posting client_credentials requests for S seconds
# over C connections. Beside it, in the same run, `openssl speed ecdsap256` sign/s as the ceiling
# (each token is one ECDSA P-256 signature).
# Usage: bench/oauth-throughput.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
connections="${2:-32}"
threads=$(( connections < 2 ? connections : 2 ))
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

echo "building lanyard (Release)..." >&2
dotnet build -c Release src/Lanyard.Cli -v quiet -nologo >/dev/null
lanyard=(dotnet "$PWD/src/Lanyard.Cli/bin/Release/net10.0/lanyard.dll")

data="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export LANYARD_DATA="$data" LANYARD_ADDR="https://127.0.0.1:$port" LANYARD_CACERT="$data/ca.pem"
export LANYARD_BOOTSTRAP_TOKEN="lnyt_bench_$(openssl rand -hex 16)"
export LANYARD_TOKEN="$LANYARD_BOOTSTRAP_TOKEN"
# Per-request information logs would measure the console, not the endpoint.
export Logging__LogLevel__Default="${LANYARD_BENCH_LOG_LEVEL:-Warning}"

"${lanyard[@]}" serve --urls "$LANYARD_ADDR" >"$data/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do
  curl -fsS --cacert "$data/ca.pem" "$LANYARD_ADDR/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS --cacert "$data/ca.pem" "$LANYARD_ADDR/health/ready" >/dev/null || { cat "$data/serve.log" >&2; exit 1; }

identity="$(curl -fsS --cacert "$data/ca.pem" -H "Authorization: Bearer $LANYARD_TOKEN" \
  -H 'Content-Type: application/json' -d '{"name":"bench-api","environment":"prod"}' \
  "$LANYARD_ADDR/v1/identities" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
client="$("${lanyard[@]}" client create "$identity" --scope orders.read --format json)"
read -r client_id client_secret token_endpoint < <(python3 -c \
  'import json,sys; c=json.load(sys.stdin); print(c["clientId"], c["clientSecret"], c["tokenEndpoint"])' <<<"$client")
LANYARD_BENCH_BASIC="$(printf '%s:%s' "$client_id" "$client_secret" | base64 -w0)"
export LANYARD_BENCH_BASIC

# One request by hand, so a refusal shows as an error and not as a fast benchmark.
curl -fsS --cacert "$data/ca.pem" -H "Authorization: Basic $LANYARD_BENCH_BASIC" \
  -d grant_type=client_credentials "$token_endpoint" | python3 -c 'import json,sys; assert json.load(sys.stdin)["token_type"] == "Bearer"'

echo "warming up for 5 s..." >&2
wrk -t"$threads" -c"$connections" -d5s -s bench/oauth-token.lua "$token_endpoint" >/dev/null
echo "measuring for $seconds s over $connections connections..." >&2
# The server's CPU time over the measured run: on a machine shared with other work, CPU per token
# is steadier than tokens per second.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
cpu_before="$(cpu_ticks)"
result="$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/oauth-token.lua "$token_endpoint" | grep '^result')"
cpu_ms=$(( ($(cpu_ticks) - cpu_before) * 1000 / $(getconf CLK_TCK) ))
load="$(cut -d' ' -f1-3 /proc/loadavg)"
kill "$server"; wait "$server" 2>/dev/null || true

echo "measuring openssl speed ecdsap256 (1 and 2 processes)..." >&2
sign1="$(openssl speed -seconds 5 ecdsap256 2>/dev/null | awk '/256 bits ecdsa/ {print $(NF-1)}')"
sign2="$(openssl speed -multi 2 -seconds 5 ecdsap256 2>/dev/null | awk '/256 bits ecdsa/ {print $(NF-1)}' | tail -1)"

eval "$(sed -E 's/^result //' <<<"$result")"
python3 - "$requests" "$errors" "$seconds" "$p50_ms" "$p99_ms" "$sign1" "$sign2" "$connections" "$cpu_ms" "$load" <<'PY'
import sys
requests, errors, secs, p50, p99, sign1, sign2, conns, cpu_ms, load = sys.argv[1:]
rate = int(requests) / float(secs)
print(f"| measure | value |")
print(f"| --- | ---: |")
print(f"| tokens issued (wrk, {conns} connections, {float(secs):.0f} s) | {int(requests):,} |")
print(f"| failed requests (non-200, socket errors) | {int(errors):,} |")
print(f"| tokens/s | {rate:,.0f} |")
print(f"| latency p50 | {float(p50):.2f} ms |")
print(f"| latency p99 | {float(p99):.2f} ms |")
print(f"| server CPU per token (user + system) | {int(cpu_ms) * 1000 / max(int(requests), 1):,.0f} µs |")
print(f"| load average at the end of the run (1, 5, 15 min) | {load} |")
print(f"| openssl ecdsap256 sign/s, 1 process | {float(sign1):,.0f} |")
print(f"| openssl ecdsap256 sign/s, 2 processes | {float(sign2):,.0f} |")
print(f"| tokens/s as a share of 2-process sign/s | {rate / float(sign2):.1%} |")
PY
