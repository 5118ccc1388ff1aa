#!/usr/bin/env bash
# Start PostgreSQL and Redis from locally installed binaries, with their data in var/services/,
# listening on loopback only; print the DATABASE_URL and REDIS_URL to use.
# `scripts/services.sh stop` stops both. Used by `make services` and by .ci/run.
set -euo pipefail

DIR="${SERVICES_DIR:-$(pwd)/var/services}"
PG_PORT="${PG_PORT:-5433}"
REDIS_PORT="${REDIS_PORT:-6380}"
DB_NAME="${DB_NAME:-kompetensportalen}"

pg_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] || { echo "PostgreSQL's $name was not found: install PostgreSQL (apt-get install postgresql)" >&2; exit 1; }
  echo "$found"
}

# PostgreSQL refuses to run as root: run it as the postgres user, in a folder that user owns.
as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

PG_CTL=$(pg_bin pg_ctl)
INITDB=$(pg_bin initdb)
PGDATA="$DIR/pg"

if [ "${1:-start}" = "stop" ]; then
  as_pg "'$PG_CTL' -D '$PGDATA' stop -m fast" >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  echo "stopped"
  exit 0
fi

mkdir -p "$PGDATA"
if [ "$(id -u)" = 0 ]; then chown -R postgres "$PGDATA"; chmod 700 "$PGDATA"; fi
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  as_pg "'$INITDB' -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D '$PGDATA'" >/dev/null
fi
if ! as_pg "'$PG_CTL' -D '$PGDATA' status" >/dev/null 2>&1; then
  as_pg "'$PG_CTL' -D '$PGDATA' -w -l '$PGDATA/server.log' \
    -o \"-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off\" start" >/dev/null
fi
PSQL="psql -h 127.0.0.1 -p $PG_PORT -U postgres -v ON_ERROR_STOP=1 -qtA"
if [ "$($PSQL -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
  $PSQL -c "CREATE DATABASE \"$DB_NAME\""
fi

if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null || { echo "redis-server was not found: apt-get install redis-server" >&2; exit 1; }
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir "$DIR" --logfile "$DIR/redis.log" --pidfile "$DIR/redis.pid"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

echo "PostgreSQL and Redis are running (data in $DIR). Use:"
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/$DB_NAME"
echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
