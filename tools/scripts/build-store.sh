#!/usr/bin/env bash
# Builds what `npm start` launches: the launcher first, then the projects it names (tools/launcher/src/store-services.ts),
# so a service added to the launcher is always built.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
# shellcheck source=tools/scripts/env.sh
source tools/scripts/env.sh
nx run @gaara/launcher:build --output-style=static
# shellcheck disable=SC2046 # one word per project
nx run-many -t build -p $(node tools/launcher/dist/list-projects.js) --output-style=static
