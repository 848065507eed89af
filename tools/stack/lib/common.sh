# Shared settings and helpers for tools/stack/stack; sourced, never run.
# shellcheck shell=bash

STACK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
STACK_TOOL_DIR="$STACK_ROOT/tools/stack"
STATE_DIR="$STACK_ROOT/.state/stack"
LOG_DIR="$STATE_DIR/logs"
CACHE_DIR="${GAARA_CACHE_DIR:-$HOME/.cache/gaara}"

export GAARA_PG_PORT="${GAARA_PG_PORT:-5432}"
export GAARA_KAFKA_PORT="${GAARA_KAFKA_PORT:-9092}"
export GAARA_KAFKA_CONTROLLER_PORT="${GAARA_KAFKA_CONTROLLER_PORT:-9093}"
# A second listener for `npm run chaos`: it advertises the port toxiproxy listens on, so every connection a client
# opens after the bootstrap goes through the proxy too (a plain proxy in front of 9092 would be bypassed).
export GAARA_KAFKA_CHAOS_PORT="${GAARA_KAFKA_CHAOS_PORT:-9094}"
export GAARA_KAFKA_CHAOS_PROXY_PORT="${GAARA_KAFKA_CHAOS_PROXY_PORT:-9095}"
export GAARA_JAEGER_OTLP_GRPC_PORT="${GAARA_JAEGER_OTLP_GRPC_PORT:-4317}"
export GAARA_JAEGER_OTLP_HTTP_PORT="${GAARA_JAEGER_OTLP_HTTP_PORT:-4318}"
export GAARA_JAEGER_QUERY_PORT="${GAARA_JAEGER_QUERY_PORT:-16686}"
export GAARA_JAEGER_QUERY_GRPC_PORT="${GAARA_JAEGER_QUERY_GRPC_PORT:-16685}"

# Seconds each service may take to become ready once launched.
STACK_READY_TIMEOUT="${GAARA_STACK_READY_TIMEOUT:-90}"

say() { printf 'stack: %s\n' "$*"; }
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

# Fails with the name of the missing program and how to get it.
require_cmd() {
  local cmd=$1 hint=$2
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is required but not on PATH ($hint)"
}

# Node from the workspace (Node 24) when installed, else whatever node is on PATH.
stack_node() {
  if [ -x "$STACK_ROOT/node_modules/.bin/node" ]; then
    "$STACK_ROOT/node_modules/.bin/node" --disable-warning=TimeoutNegativeWarning "$@"
  else
    require_cmd node "run npm ci at the repository root"
    node "$@"
  fi
}

# Prints the pid stored in a pid file when that process is alive and its command line matches.
live_pid() {
  local pidfile=$1 pattern=$2 pid
  [ -s "$pidfile" ] || return 1
  pid=$(head -n1 "$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern" || return 1
  echo "$pid"
}

# Runs a readiness probe every second until it passes, the process dies, or the timeout ends.
wait_ready() {
  local name=$1 pid=$2 log=$3; shift 3
  local deadline=$((SECONDS + STACK_READY_TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      show_log_tail "$log"
      die "$name exited during start-up (log: $log)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      show_log_tail "$log"
      die "$name not ready after ${STACK_READY_TIMEOUT}s (log: $log)"
    fi
    sleep 1
  done
}

# Seconds between the progress lines of a long step (a first build takes minutes with no output of its own).
STACK_PROGRESS_INTERVAL="${GAARA_STACK_PROGRESS_INTERVAL:-30}"

# Runs a long command, printing "<what>: still running (Ns elapsed)" every STACK_PROGRESS_INTERVAL seconds;
# returns the command's exit status.
with_progress() {
  local what=$1; shift
  local started=$SECONDS pid status=0 waited=0
  "$@" &
  pid=$!
  # One-second sleeps in the foreground: no timer process outlives the step.
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    waited=$((waited + 1))
    if [ $((waited % STACK_PROGRESS_INTERVAL)) -eq 0 ] && kill -0 "$pid" 2>/dev/null; then
      say "$what: still running ($((SECONDS - started))s elapsed)"
    fi
  done
  wait "$pid" || status=$?
  say "$what: finished in $((SECONDS - started))s"
  return "$status"
}

show_log_tail() {
  [ -f "$1" ] && { echo "---- last lines of $1" >&2; tail -n 25 "$1" >&2; echo "----" >&2; }
  return 0
}

# Sends SIGTERM, waits up to $3 seconds, then SIGKILL.
stop_pid() {
  local name=$1 pid=$2 grace=$3 waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge "$grace" ]; then
      say "$name did not stop in ${grace}s, killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

# Stops a service started by spawn_detached: SIGTERM, SIGKILL after `grace` seconds; forgets its pid file.
stop_detached() {
  local name=$1 pidfile=$2 grace=$3 pid_fn=$4 pid
  if ! pid=$("$pid_fn"); then
    say "$name: not running"
    rm -f "$pidfile"
    return 0
  fi
  stop_pid "$name" "$pid" "$grace"
  rm -f "$pidfile"
  say "$name: stopped"
}

# Prints `<state> 127.0.0.1:<port> <pid>` for `stack status`: ready, starting (alive, probe fails) or not-running (pid -).
service_status() {
  local port=$1 pid_fn=$2 ready_fn=$3 pid
  if pid=$("$pid_fn"); then
    if "$ready_fn" >/dev/null 2>&1; then echo "ready 127.0.0.1:$port $pid"; else echo "starting 127.0.0.1:$port $pid"; fi
  else
    echo "not-running 127.0.0.1:$port -"
  fi
}

# Fails early when another program already listens on a port we are about to bind.
require_free_port() {
  local name=$1 port=$2
  if command -v ss >/dev/null 2>&1 && ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
    die "$name: port $port is already in use by another process (set the GAARA_*_PORT variable to move it)"
  fi
  return 0
}

# Starts a command detached in its own session, output appended to a log, pid written to a file.
spawn_detached() {
  local pidfile=$1 log=$2; shift 2
  mkdir -p "$(dirname "$log")"
  printf '\n==== %s start\n' "$(date -Is)" >>"$log"
  # 9>&- keeps the stack lock out of long-lived children, or the next command would wait forever.
  setsid "$@" >>"$log" 2>&1 </dev/null 9>&- &
  echo $! >"$pidfile"
}
