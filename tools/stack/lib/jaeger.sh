# Jaeger v2, built once from the Go module proxy (go install refuses the module's replace directives).
# shellcheck shell=bash

JAEGER_VERSION="${GAARA_JAEGER_VERSION:-v1.76.0}"
JAEGER_MODULE=github.com/jaegertracing/jaeger
JAEGER_BIN="$CACHE_DIR/jaeger/$JAEGER_VERSION/jaeger"
JAEGER_SRC="$CACHE_DIR/jaeger/src/$JAEGER_VERSION"
JAEGER_DIR="$STATE_DIR/jaeger"
JAEGER_PIDFILE="$JAEGER_DIR/jaeger.pid"
JAEGER_LOG="$LOG_DIR/jaeger.log"

jaeger_build() {
  [ -x "$JAEGER_BIN" ] && return 0
  require_cmd go "Jaeger is built from its Go module, install Go from https://go.dev/dl"
  local build_log="$CACHE_DIR/jaeger/build-$JAEGER_VERSION.log" module_dir
  mkdir -p "$(dirname "$JAEGER_BIN")"
  say "jaeger: building $JAEGER_MODULE@$JAEGER_VERSION (first time only, a few minutes; log: $build_log)"
  module_dir=$(go mod download -json "$JAEGER_MODULE@$JAEGER_VERSION" 2>>"$build_log" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  if [ -z "$module_dir" ] || [ ! -d "$module_dir" ]; then
    show_log_tail "$build_log"
    die "jaeger: go mod download $JAEGER_MODULE@$JAEGER_VERSION failed"
  fi
  # The module cache is read-only; build from a writable copy.
  rm -rf "$JAEGER_SRC"
  mkdir -p "$(dirname "$JAEGER_SRC")"
  cp -R "$module_dir" "$JAEGER_SRC"
  chmod -R u+w "$JAEGER_SRC"
  with_progress "jaeger: go build" jaeger_go_build "$build_log" \
    || { show_log_tail "$build_log"; die "jaeger: go build failed"; }
  mv "$JAEGER_BIN.tmp" "$JAEGER_BIN"
}

jaeger_go_build() {
  (cd "$JAEGER_SRC" && go build -trimpath -o "$JAEGER_BIN.tmp" ./cmd/jaeger) >>"$1" 2>&1
}

jaeger_pid() { live_pid "$JAEGER_PIDFILE" "$JAEGER_BIN"; }

jaeger_ready() {
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$GAARA_JAEGER_QUERY_PORT/api/services"
}

jaeger_start() {
  local pid
  require_cmd curl "apt-get install -y curl"
  if pid=$(jaeger_pid); then
    wait_ready jaeger "$pid" "$JAEGER_LOG" jaeger_ready
  else
    jaeger_build
    require_free_port "jaeger OTLP gRPC" "$GAARA_JAEGER_OTLP_GRPC_PORT"
    require_free_port "jaeger OTLP HTTP" "$GAARA_JAEGER_OTLP_HTTP_PORT"
    require_free_port "jaeger query" "$GAARA_JAEGER_QUERY_PORT"
    require_free_port "jaeger query gRPC" "$GAARA_JAEGER_QUERY_GRPC_PORT"
    mkdir -p "$JAEGER_DIR" "$LOG_DIR"
    say "jaeger: starting $JAEGER_VERSION (UI 127.0.0.1:$GAARA_JAEGER_QUERY_PORT, OTLP $GAARA_JAEGER_OTLP_GRPC_PORT/$GAARA_JAEGER_OTLP_HTTP_PORT)"
    spawn_detached "$JAEGER_PIDFILE" "$JAEGER_LOG" "$JAEGER_BIN" --config "file:$STACK_ROOT/infra/jaeger/config.yaml"
    wait_ready jaeger "$(cat "$JAEGER_PIDFILE")" "$JAEGER_LOG" jaeger_ready
  fi
  say "jaeger: ready (pid $(jaeger_pid))"
}

jaeger_stop() { stop_detached jaeger "$JAEGER_PIDFILE" 20 jaeger_pid; }

jaeger_status() { service_status "$GAARA_JAEGER_QUERY_PORT" jaeger_pid jaeger_ready; }
