#!/usr/bin/env bash
# Installs the workspace's npm packages (Node 24 included) when they are missing or the lockfile changed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

command -v npm >/dev/null || { echo "bootstrap: npm is required (any Node >= 18 with npm); install Node.js first" >&2; exit 1; }

stamp=node_modules/.gaara-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -x node_modules/.bin/node ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "bootstrap: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
