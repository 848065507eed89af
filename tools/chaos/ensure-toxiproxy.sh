#!/usr/bin/env bash
# Builds toxiproxy's server once from the Go module proxy (no binary download here) into the cache outside the
# repo; prints the executable's path. `npm run chaos` puts it between the store and PostgreSQL, Kafka, the provider.
set -euo pipefail
version="${GAARA_TOXIPROXY_VERSION:-v2.5.0}"
dir="${GAARA_CACHE_DIR:-$HOME/.cache/gaara}/toxiproxy/$version"
exe="$dir/server"
if [ ! -x "$exe" ]; then
  command -v go >/dev/null || { echo "toxiproxy is built with Go, which is not on PATH" >&2; exit 1; }
  mkdir -p "$dir"
  echo "toxiproxy: building github.com/Shopify/toxiproxy/v2/cmd/server@$version (first time only, about a minute)" >&2
  GOBIN="$dir" go install "github.com/Shopify/toxiproxy/v2/cmd/server@$version" >"$dir/build.log" 2>&1 \
    || { tail -20 "$dir/build.log" >&2; echo "toxiproxy: go install failed" >&2; exit 1; }
fi
echo "$exe"
