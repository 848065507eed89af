#!/usr/bin/env bash
# CI gate for the gRPC contracts (npm run contracts:check): buf lint, buf format, and the committed
# generated code in libs/contracts/src/gen must be exactly what protoc-gen-es makes from proto/ now.
# Exits non-zero with a message saying which check failed and how to fix it.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export PATH="$root/node_modules/.bin:$PATH"

gen_dir=libs/contracts/src/gen
# Vendored verbatim from grpc-proto; kept byte-for-byte, so neither linted (buf.yaml) nor formatted.
vendored=(--exclude-path proto/grpc/health/v1/health.proto)
failed=0

if ! buf lint; then
  echo "check-contracts: FAILED buf lint (STANDARD rules, see buf.yaml): fix the protos above" >&2
  failed=1
fi

if ! buf format -d --exit-code "${vendored[@]}"; then
  echo "check-contracts: FAILED buf format: run 'buf format -w ${vendored[*]}' (node_modules/.bin/buf)" >&2
  failed=1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Same template as buf.gen.yaml, written to a temporary directory instead of the committed one.
if ! buf generate --template buf.gen.yaml --output "$tmp"; then
  echo "check-contracts: FAILED buf generate" >&2
  exit 1
fi
# --output prefixes the template's out path.
if [[ ! -d "$tmp/$gen_dir" ]]; then
  echo "check-contracts: FAILED buf generate wrote nothing under $tmp/$gen_dir" >&2
  exit 1
fi
if ! diff -r -u "$gen_dir" "$tmp/$gen_dir"; then
  echo "check-contracts: FAILED $gen_dir is out of date with proto/ (diff above: committed vs fresh);" \
    "run 'npm run contracts:generate' and commit the result" >&2
  failed=1
fi

if ((failed)); then
  exit 1
fi
echo "check-contracts: ok (lint, format, $gen_dir up to date)"
