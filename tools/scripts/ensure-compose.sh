#!/usr/bin/env bash
# Makes `docker compose` available: this machine's Docker client has no compose plugin and no engine,
# so the plugin is built once from the Go module proxy into the cache and linked into ~/.docker/cli-plugins.
set -euo pipefail
version=v2.40.3
cache="${GAARA_CACHE_DIR:-$HOME/.cache/gaara}/compose/$version"
plugins="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"

command -v docker >/dev/null || { echo "ensure-compose: the docker client is required (Debian package docker.io or docker-ce-cli)" >&2; exit 1; }
docker compose version >/dev/null 2>&1 && exit 0

if [ ! -x "$cache/docker-compose" ]; then
  command -v go >/dev/null || { echo "ensure-compose: go is required to build the docker compose plugin" >&2; exit 1; }
  echo "ensure-compose: building docker compose $version from the Go module proxy (once)"
  # `go install` refuses the module because of its exclude directives, so build the downloaded module.
  dir=$(go mod download -json "github.com/docker/compose/v2@$version" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  src=$(mktemp -d)
  cp -r "$dir/." "$src" && chmod -R u+w "$src"
  mkdir -p "$cache"
  (cd "$src" && go build -trimpath -o "$cache/docker-compose" ./cmd)
  rm -rf "$src"
fi
mkdir -p "$plugins"
ln -sf "$cache/docker-compose" "$plugins/docker-compose"
docker compose version
