#!/usr/bin/env bash
# Regenerates libs/contracts/src/gen from proto/ (npm run contracts:generate): lints the protos with buf
# (STANDARD rules, see buf.yaml), then runs protoc-gen-es from node_modules (see buf.gen.yaml). Offline:
# no BSR dependencies, no remote plugins. The generated code is committed and prettier-ignored.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export PATH="$root/node_modules/.bin:$PATH"

command -v buf >/dev/null && command -v protoc-gen-es >/dev/null || {
  echo "generate-contracts: buf or protoc-gen-es missing from node_modules/.bin; run npm ci first" >&2
  exit 1
}

echo "generate-contracts: buf lint"
buf lint
echo "generate-contracts: buf generate -> libs/contracts/src/gen"
buf generate
echo "generate-contracts: done ($(find libs/contracts/src/gen -name '*_pb.ts' | wc -l | tr -d ' ') files)"
