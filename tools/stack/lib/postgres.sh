# PostgreSQL from Debian's packages, in a cluster owned by the project under .state/stack/postgres.
# shellcheck shell=bash

PG_DIR="$STATE_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_LOG="$LOG_DIR/postgres.log"
# Connection budget (README "Connection budget"): 7 pools of at most 30 (catalog, invoice, payment, notification
# and one replica each of invoice, payment, notification) = 210, plus tests, tools and migrations. The default
# 100 is exceeded by four pools. docker-compose.yml passes the same value; the launcher's budget test checks both.
PG_MAX_CONNECTIONS=300

pg_bindir() {
  local dir
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

pg_install() {
  pg_bindir >/dev/null && return 0
  require_cmd apt-get "PostgreSQL is installed from Debian packages"
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL is missing and installing it needs root: apt-get install -y postgresql"
  say "postgres: installing Debian package postgresql (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  pg_bindir >/dev/null || die "apt-get install postgresql did not provide initdb/pg_ctl under /usr/lib/postgresql/*/bin"
}

# The server refuses to run as root, so as root every server command runs as the postgres user.
pg_owner() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Unix sockets are limited to ~107 bytes, so a deep clone falls back to a short directory in /tmp.
pg_socket_dir() {
  local dir="$PG_DIR/run"
  if [ $((${#dir} + 20)) -gt 100 ]; then
    dir="/tmp/gaara-pg-$(printf '%s' "$STACK_ROOT" | sha1sum | cut -c1-12)"
  fi
  echo "$dir"
}

# The postgres user must be able to traverse every parent of the cluster (a clone may live under /root).
pg_ensure_traversable() {
  [ "$(id -u)" -eq 0 ] || return 0
  local dir=$PG_DIR
  while [ "$dir" != "/" ]; do
    dir=$(dirname "$dir")
    if ! runuser -u postgres -- test -x "$dir"; then
      say "postgres: granting traverse permission (o+x) on $dir so the postgres user can reach the cluster"
      chmod o+x "$dir"
    fi
  done
}

pg_prepare_dirs() {
  local owner socket_dir
  owner=$(pg_owner)
  socket_dir=$(pg_socket_dir)
  mkdir -p "$PG_DIR" "$LOG_DIR" "$socket_dir"
  touch "$PG_LOG"
  chown "$owner:" "$PG_DIR" "$PG_LOG" "$socket_dir"
  chmod 700 "$PG_DIR"
  pg_ensure_traversable
}

pg_initdb() {
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  say "postgres: initialising cluster in $PG_DATA"
  pg_as_owner "$(pg_bindir)/initdb" -D "$PG_DATA" -U postgres -E UTF8 --no-locale \
    --auth-local=trust --auth-host=reject >>"$PG_LOG" 2>&1 || { show_log_tail "$PG_LOG"; die "postgres: initdb failed"; }
  # Trust only the project's unix socket and IPv4 loopback; anything else is rejected.
  pg_as_owner tee "$PG_DATA/pg_hba.conf" >/dev/null <<'EOF'
# Written by tools/stack: local development cluster, trust on loopback only.
local all all                trust
host  all all 127.0.0.1/32   trust
EOF
}

pg_pid() {
  local pid
  [ -s "$PG_DATA/postmaster.pid" ] || return 1
  pid=$(head -n1 "$PG_DATA/postmaster.pid")
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

pg_query() {
  # NOTICEs such as "schema already exists, skipping" are noise on every idempotent start.
  PGOPTIONS='-c client_min_messages=warning' psql -X -q -h 127.0.0.1 -p "$GAARA_PG_PORT" -U postgres "$@"
}

pg_ready() {
  [ "$(pg_query -d postgres -tAc 'SELECT 1' 2>/dev/null)" = "1" ]
}

pg_start_server() {
  say "postgres: starting on 127.0.0.1:$GAARA_PG_PORT"
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$STACK_READY_TIMEOUT" \
    -o "-p $GAARA_PG_PORT -k $(pg_socket_dir) -c listen_addresses=127.0.0.1 -c max_connections=$PG_MAX_CONNECTIONS" start >/dev/null 9>&- \
    || { show_log_tail "$PG_LOG"; die "postgres: pg_ctl start failed (log: $PG_LOG)"; }
  wait_ready postgres "$(pg_pid || true)" "$PG_LOG" pg_ready
}

pg_start() {
  require_cmd psql "apt-get install -y postgresql-client"
  if pg_pid >/dev/null; then
    wait_ready postgres "$(pg_pid)" "$PG_LOG" pg_ready
    # A cluster started by an older checkout keeps the default 100 connections until restarted.
    if [ "$(pg_query -d postgres -tAc 'SHOW max_connections')" != "$PG_MAX_CONNECTIONS" ]; then
      say "postgres: restarting to apply max_connections=$PG_MAX_CONNECTIONS"
      pg_stop
      pg_start_server
    fi
  else
    pg_install
    require_free_port postgres "$GAARA_PG_PORT"
    pg_prepare_dirs
    pg_initdb
    pg_start_server
  fi
  pg_query -d postgres -v ON_ERROR_STOP=1 -f "$STACK_ROOT/infra/postgres/init.sql" >/dev/null \
    || die "postgres: infra/postgres/init.sql failed"
  say "postgres: ready (pid $(pg_pid))"
}

pg_stop() {
  if ! pg_pid >/dev/null; then
    say "postgres: not running"
    return 0
  fi
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
  say "postgres: stopped"
}

pg_status() { service_status "$GAARA_PG_PORT" pg_pid pg_ready; }
