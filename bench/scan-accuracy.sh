#!/usr/bin/env bash
# Side-by-side accuracy of Lanyard and the other secret scanners that run here, on two labeled corpora:
# Lanyard's generated corpus (written fresh by the bench console) and a second labeled sample given as
# CASES_DIR (a folder with files/ and truth.jsonl; default: ../shared/cases/secrets next to the repository).
# Prints a table of true positives, false positives, precision and recall per scanner and corpus.
#
# usage: bench/scan-accuracy.sh [CASES_DIR]
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$bench")
cases=${1:-$repo/../shared/cases/secrets}
peers=$bench/.peers
out=$bench/results/accuracy
mkdir -p "$out"

"$bench/peers.sh" "$peers" >/dev/null
dotnet build "$bench/Lanyard.Scanning.Bench" -c Release -v quiet -nologo >/dev/null
lanyard=(dotnet "$bench/Lanyard.Scanning.Bench/bin/Release/net10.0/Lanyard.Scanning.Bench.dll")
"${lanyard[@]}" corpus "$out/corpus" >/dev/null

corpora=("lanyard-corpus:$out/corpus")
if [ -f "$cases/truth.jsonl" ]; then
  corpora+=("shared-cases:$(cd "$cases" && pwd)")
else
  echo "no labeled sample at $cases; scoring the generated corpus only" >&2
fi

run_tool() { # tool corpus-dir report
  local tool=$1 dir=$2/files report=$3
  case $tool in
    lanyard) "${lanyard[@]}" scan "$dir" "$report" >/dev/null ;;
    gitleaks) "$peers/node_modules/.bin/gitleaks" dir "$dir" --no-banner --exit-code 0 --log-level error \
                --report-format json --report-path "$report" >/dev/null 2>&1 ;;
    secretlint) (cd "$dir" && "$peers/node_modules/.bin/secretlint" "**/*" --secretlintrc "$peers/secretlintrc.json" \
                  --format json --output "$report" >/dev/null 2>&1) || true ;;
    devskim) "$peers/dotnet-tools/devskim" analyze -I "$dir" -O "$report" -f sarif \
               --rule-ids DS117838,DS173237,DS173238,DS173239,DS173240 >/dev/null 2>&1 || true ;;
    git-secrets) (cd "$dir" && GIT_CONFIG_GLOBAL=$peers/git-secrets.gitconfig git secrets --scan --no-index \
                   >"$report" 2>&1) || true ;;
  esac
}

printf '%-15s %-12s %6s %6s %6s %6s %10s %7s\n' corpus scanner secrets found false reported precision recall
for entry in "${corpora[@]}"; do
  name=${entry%%:*} dir=${entry#*:}
  for tool in lanyard gitleaks secretlint devskim git-secrets; do
    report=$out/$name.$tool.report
    rm -f "$report"
    run_tool "$tool" "$dir" "$report"
    python3 "$bench/score.py" "$dir" "$tool" "$report" ${MISSES:+--misses} | python3 -c '
import json, sys
r = json.loads(sys.stdin.readline())
print("%-15s %-12s %6d %6d %6d %6d %10.3f %7.3f" % (sys.argv[1], r["tool"], r["truth"], r["tp"], r["fp"], r["reported"], r["precision"], r["recall"]))' "$name"
  done
done
