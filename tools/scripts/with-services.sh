#!/usr/bin/env bash
# Runs a command with the real services the tests use, each on a loopback port of its own, in a
# temporary directory, stopped (and removed) when the command ends:
#   TEST_REDIS_URL     redis-server (Debian package redis-server)
#   TEST_DATABASE_URL  a throwaway PostgreSQL cluster (Debian package postgresql), run as the
#                      postgres user when we are root (PostgreSQL refuses to run as root)
#   CHROMIUM_PATH      /usr/bin/chromium (Debian package chromium), when installed
#   FIREFOX_PATH       /usr/bin/firefox-esr (Debian package firefox-esr), when installed
# A service whose program is missing is left out (its variable unset) and said on stderr; the
# tests that need it fail and name the package. `.ci/run` installs the packages first.
# Usage: tools/scripts/with-services.sh <command> [args…]
set -uo pipefail

work=$(mktemp -d "${TMPDIR:-/tmp}/g2a-services.XXXXXX")
chmod 755 "$work"
pids=()
pg_data=""
pg_bin=""

say() { printf 'with-services: %s\n' "$*" >&2; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  if [ -n "$pg_data" ] && [ -n "$pg_bin" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if command -v redis-server >/dev/null 2>&1; then
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    --logfile "$work/redis.log" &
  pids+=("$!")
  for _ in $(seq 1 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export TEST_REDIS_URL="redis://127.0.0.1:$port"
else
  say "redis-server is not installed (apt-get install -y redis-server): TEST_REDIS_URL unset"
fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_data="$work/pg"
  mkdir -p "$pg_data"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$pg_data"
  port=$(free_port)
  if as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 >"$work/initdb.log" 2>&1 &&
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_data -c fsync=off" start >/dev/null 2>&1; then
    as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres g2a_test >/dev/null 2>&1
    export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/g2a_test"
  else
    say "PostgreSQL did not start (see below): TEST_DATABASE_URL unset"
    cat "$work/initdb.log" "$pg_data/server.log" >&2 2>/dev/null
    pg_data=""
  fi
else
  say "postgresql is not installed (apt-get install -y postgresql): TEST_DATABASE_URL unset"
fi

if [ -x /usr/bin/chromium ]; then
  export CHROMIUM_PATH=/usr/bin/chromium
else
  say "chromium is not installed (apt-get install -y chromium): CHROMIUM_PATH unset"
fi

if [ -x /usr/bin/firefox-esr ]; then
  export FIREFOX_PATH=/usr/bin/firefox-esr
else
  say "firefox-esr is not installed (apt-get install -y firefox-esr): FIREFOX_PATH unset"
fi

"$@"
status=$?
exit "$status"
