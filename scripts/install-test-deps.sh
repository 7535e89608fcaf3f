#!/usr/bin/env bash
# Installs, from Debian's packages, the programs the tests run for real.
install_test_deps() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
  command -v git >/dev/null || missing+=(git)
  # The dashboard's end-to-end tests drive Debian's Chromium; Playwright never downloads a browser.
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v openssl >/dev/null || missing+=(openssl)
  # keytool writes the JKS and JCEKS keystores that `lanyard certs scan` is tested on.
  command -v keytool >/dev/null || missing+=(openjdk-17-jre-headless)
  # An independent OAuth2 client library (oauth4webapi, from npm) drives the token endpoints.
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  # Real ACME clients drive the ACME server unchanged; pebble is the reference server bench/acme.sh compares against.
  command -v certbot >/dev/null || missing+=(certbot)
  command -v lego >/dev/null || missing+=(lego)
  command -v pebble >/dev/null || missing+=(pebble)

  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian's packages..." >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi

  # The exact version in package-lock.json; it also fills npm's cache, so the test's own
  # `npm ci --prefer-offline` beside the built tests needs no registry.
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  npm ci --prefix "$here/tests/Lanyard.EndToEnd.Tests/oauth-client" --no-audit --no-fund --silent
}
