#!/usr/bin/env bash
# The README's start command: installs what is missing, starts the infrastructure and the store, prints where things are.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

bash tools/scripts/bootstrap.sh
# shellcheck source=tools/scripts/env.sh
source tools/scripts/env.sh
tools/stack/stack start
tools/stack/stack status
cat <<TXT

The infrastructure is up. No store service is built yet (they arrive with the catalog/invoice/gateway work).
  Jaeger UI:   http://127.0.0.1:${GAARA_JAEGER_QUERY_PORT:-16686}
  Stop it all: npm run stack -- stop
TXT
