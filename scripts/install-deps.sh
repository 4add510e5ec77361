#!/usr/bin/env bash
# Installs what Waymark needs to build and test, from Debian's packages and the npm registry.
# Idempotent: packages already present are skipped, so a second run is quick.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang clang-tidy clang-format libclang-rt-14-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  libboost1.81-dev libsqlite3-dev sqlite3 libpq-dev postgresql nlohmann-json3-dev libtomlplusplus-dev
  libcli11-dev libspdlog-dev libfmt-dev libsodium-dev libssl-dev zlib1g-dev libxlsxwriter-dev libexpected-dev
  weasyprint poppler-utils
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "install-deps: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The web dashboard: chromium and node for the browser tests, wrk and nginx for the load
# benchmark. A node from another source (with its own npm) is kept as it is.
web_missing=()
for p in chromium wrk nginx-light; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || web_missing+=("$p")
done
command -v node >/dev/null 2>&1 || web_missing+=(nodejs)
command -v npm >/dev/null 2>&1 || web_missing+=(npm)
if [ ${#web_missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "install-deps: installing ${web_missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${web_missing[@]}"
fi

# GOV.UK Frontend, playwright-core and axe-core from package-lock.json. Playwright drives
# Debian's /usr/bin/chromium and never downloads a browser of its own.
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$root/node_modules" ] || [ "$root/package-lock.json" -nt "$root/node_modules" ]; then
  echo "install-deps: npm ci"
  (cd "$root" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  touch "$root/node_modules"
fi
