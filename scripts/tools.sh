#!/usr/bin/env bash
# Runs pnpm with what a fresh machine lacks put in place first, so that the README's two commands work on a
# machine that has only Node 20 and npm.
#   scripts/tools.sh [--browsers] <pnpm arguments…>
# --browsers also installs the three test browsers, Xvfb and nginx (the e2e suite's real server) from Debian's
# packages when any is missing.
# pnpm is installed with npm (corepack cannot verify pnpm against this registry: shared/TOOLCHAIN.md).
set -euo pipefail
cd "$(dirname "$0")/.."

readonly PNPM_VERSION=10.34.9
readonly BROWSER_PACKAGES=(chromium firefox-esr webkit2gtk-driver xvfb xauth gir1.2-webkit2-4.1 python3-gi nginx-light)
readonly BROWSER_BINARIES=(/usr/bin/chromium /usr/bin/firefox-esr /usr/bin/WebKitWebDriver /usr/bin/Xvfb /usr/sbin/nginx)
# No test tool may download a browser of its own: the tests drive Debian's.
export PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

ensure_pnpm() {
  if [[ $(pnpm --version 2>/dev/null) == "$PNPM_VERSION" ]]; then return; fi
  if npm install --global --silent "pnpm@$PNPM_VERSION" 2>/dev/null; then return; fi
  # No write access to npm's global folder: keep a private copy inside the checkout.
  npm install --silent --prefix .cache/tools "pnpm@$PNPM_VERSION"
  export PATH="$PWD/.cache/tools/node_modules/.bin:$PATH"
}

ensure_browsers() {
  local missing=0 binary
  for binary in "${BROWSER_BINARIES[@]}"; do [[ -x $binary ]] || missing=1; done
  [[ $(python3 -c 'import gi; gi.require_version("WebKit2", "4.1")' 2>&1) ]] && missing=1
  ((missing)) || return 0
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  echo "Installing the test browsers and nginx from Debian's packages: ${BROWSER_PACKAGES[*]}"
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${BROWSER_PACKAGES[@]}"
}

if [[ ${1:-} == --browsers ]]; then
  shift
  ensure_browsers
fi
ensure_pnpm
pnpm install --frozen-lockfile --prefer-offline
exec pnpm "$@"
