#!/usr/bin/env bash
# A whole certbot order (register with EAB, order, http-01 validation, finalize, download) timed
# end to end against Lanyard's ACME server and against Debian's pebble, in one run, with the same
# certbot, the same standalone http-01 listener and External Account Binding on both sides.
# Each repetition is a fresh certbot account in a fresh folder; prints every run and the medians.
# Usage: bench/acme.sh [REPETITIONS]   (needs certbot, pebble and openssl: scripts/install-test-deps.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-7}"
for tool in certbot pebble pebble-challtestsrv openssl curl; do
  command -v "$tool" >/dev/null || { echo "bench/acme.sh needs $tool; run scripts/install-test-deps.sh" >&2; exit 2; }
done

work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 300); do curl -sk -o /dev/null "$1" && return 0; sleep 0.2; done; echo "$1 never answered" >&2; exit 1; }
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# One certbot order into a fresh folder; prints its milliseconds.
order() { # directory ca-bundle http-port kid hmac name
  local dir="$work/certbot-$RANDOM$RANDOM" start end
  start=$(now_ms)
  REQUESTS_CA_BUNDLE="$2" certbot certonly --non-interactive --config-dir "$dir/c" --work-dir "$dir/w" --logs-dir "$dir/l" \
    --standalone --http-01-port "$3" --server "$1" --eab-kid "$4" --eab-hmac-key="$5" -d "$6" \
    --agree-tos -m bench@example.com >"$dir.log" 2>&1 || { cat "$dir.log" >&2; exit 1; }
  end=$(now_ms)
  echo $((end - start))
}

# Lanyard: a real `lanyard serve` on SQLite; names resolve to loopback, http-01 goes to a free port.
./lanyard --help >/dev/null
lanyard_port=$(free_port); lanyard_http=$(free_port); token="lnyt_bench_$(openssl rand -hex 16)"
export LANYARD_DATA="$work/lanyard" LANYARD_BOOTSTRAP_TOKEN="$token" LANYARD_TOKEN="$token"
export LANYARD_ADDR="https://127.0.0.1:$lanyard_port" LANYARD_CACERT="$work/lanyard/ca.pem"
LANYARD_ACME_HTTP_PORT="$lanyard_http" LANYARD_ACME_RESOLVE_TO_LOOPBACK=true \
  ./lanyard serve --urls "$LANYARD_ADDR" >"$work/lanyard.log" 2>&1 &
pids+=($!)
wait_for "$LANYARD_ADDR/health/ready"
./lanyard owner create bench --contact bench@example.com >/dev/null
identity=$(./lanyard identity create bench-web --env dev --owner bench --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

# pebble: its own HTTPS certificate, its mock DNS answering 127.0.0.1, EAB required, no artificial sleeps.
pebble_port=$(free_port); pebble_http=$(free_port); dns_port=$(free_port); mgmt_port=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/pebble.key" -out "$work/pebble.pem" 2>/dev/null
pebble_hmac=$(openssl rand 32 | basenc --base64url | tr -d '=\n')
cat >"$work/pebble.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$pebble_port", "managementListenAddress": "127.0.0.1:$(free_port)",
  "certificate": "$work/pebble.pem", "privateKey": "$work/pebble.key", "httpPort": $pebble_http, "tlsPort": $(free_port),
  "ocspResponderURL": "", "externalAccountBindingRequired": true, "externalAccountMACKeys": {"bench-kid": "$pebble_hmac"}}}
JSON
pebble-challtestsrv -defaultIPv4 127.0.0.1 -defaultIPv6 "" -dns01 "127.0.0.1:$dns_port" -http01 "" -https01 "" -tlsalpn01 "" \
  -management "127.0.0.1:$mgmt_port" >"$work/challtestsrv.log" 2>&1 &
pids+=($!)
PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
  pebble -config "$work/pebble.json" -dnsserver "127.0.0.1:$dns_port" >"$work/pebble.log" 2>&1 &
pids+=($!)
wait_for "https://127.0.0.1:$pebble_port/dir"

lanyard_order() { # name; an EAB key is used up by the account it binds, so each order gets its own
  local eab kid hmac
  eab=$(./lanyard acme eab create "$identity" --format json)
  kid=$(echo "$eab" | python3 -c 'import json,sys; print(json.load(sys.stdin)["kid"])')
  hmac=$(echo "$eab" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hmac_key"])')
  order "$LANYARD_ADDR/acme/dev/directory" "$LANYARD_CACERT" "$lanyard_http" "$kid" "$hmac" "$1"
}
pebble_order() { order "https://127.0.0.1:$pebble_port/dir" "$work/pebble.pem" "$pebble_http" bench-kid "$pebble_hmac" "$1"; }

echo "certbot $(certbot --version 2>&1 | awk '{print $2}'), pebble $(dpkg-query -W -f '${Version}' pebble), $reps orders each, $(nproc) cores"
# One untimed order each first, so neither server is measured while it warms up; then the two
# take turns going first, so load from the rest of the machine falls on both alike.
lanyard_order warmup.bench.example.com >/dev/null
pebble_order warmup.bench.example.com >/dev/null
lanyard_times=(); pebble_times=()
for i in $(seq 1 "$reps"); do
  if [ $((i % 2)) -eq 1 ]; then
    l=$(lanyard_order "web$i.bench.example.com"); p=$(pebble_order "web$i.bench.example.com")
  else
    p=$(pebble_order "web$i.bench.example.com"); l=$(lanyard_order "web$i.bench.example.com")
  fi
  lanyard_times+=("$l"); pebble_times+=("$p")
  echo "order $i: lanyard ${l} ms, pebble ${p} ms"
done
echo "median: lanyard $(printf '%s\n' "${lanyard_times[@]}" | median) ms, pebble $(printf '%s\n' "${pebble_times[@]}" | median) ms"
