#!/usr/bin/env bash
# The README's start command: installs what is missing, starts the infrastructure, builds and starts the store
# in the foreground (sandbox, catalog, invoice, aggregator, gateway); Ctrl-C stops the store's processes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

# GAARA_SKIP_BOOTSTRAP=1 skips the npm install check (packages managed elsewhere).
[ "${GAARA_SKIP_BOOTSTRAP:-}" = 1 ] || bash tools/scripts/bootstrap.sh
# shellcheck source=tools/scripts/env.sh
source tools/scripts/env.sh
tools/stack/stack start
tools/stack/stack status
nx run-many -t build -p @gaara/catalog @gaara/invoice @gaara/aggregator @gaara/gateway @gaara/sandbox @gaara/launcher \
  --output-style=static
# exec: Ctrl-C and SIGTERM reach the launcher, which stops every child (SIGTERM, then SIGKILL after 5 s).
exec node tools/launcher/dist/main.js
