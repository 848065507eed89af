#!/usr/bin/env bash
# Installs Debian's chromium when /usr/bin/chromium is missing (the console's browser test drives it headless);
# prints the executable's path. No browser download of its own: only Debian's package works here.
set -euo pipefail
exe=/usr/bin/chromium
if [ ! -x "$exe" ]; then
  command -v apt-get >/dev/null || { echo "chromium is missing and apt-get is not available" >&2; exit 1; }
  [ "$(id -u)" -eq 0 ] || { echo "chromium is missing and installing it needs root: apt-get install -y chromium" >&2; exit 1; }
  echo "chromium: installing Debian package chromium (apt-get, about a minute)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  [ -x "$exe" ] || { echo "apt-get install chromium did not provide $exe" >&2; exit 1; }
fi
echo "$exe"
