#!/usr/bin/env bash
# The README's start command: installs what is missing, starts the infrastructure, builds and starts the store
# in the foreground under the launcher's supervision; Ctrl-C stops the store's processes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

# GAARA_SKIP_BOOTSTRAP=1 skips the npm install check (packages managed elsewhere).
[ "${GAARA_SKIP_BOOTSTRAP:-}" = 1 ] || bash tools/scripts/bootstrap.sh
# shellcheck source=tools/scripts/env.sh
source tools/scripts/env.sh
tools/stack/stack start
tools/stack/stack status
echo "start: building the store (what the launcher launches)"
bash tools/scripts/build-store.sh
# exec: Ctrl-C and SIGTERM reach the launcher, which stops every child (SIGTERM, then SIGKILL after 5 s).
exec node tools/launcher/dist/main.js
