#!/usr/bin/env bash
# The start smoke test (a gate of npm test): `npm start` as the README says, its banner's examples, supervision, Ctrl-C.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
# shellcheck source=tools/scripts/env.sh
source tools/scripts/env.sh
nx run @gaara/launcher:build --output-style=static >/dev/null || nx run @gaara/launcher:build --output-style=static
node tools/launcher/dist/start-smoke.js
