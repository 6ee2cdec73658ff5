# Starts throwaway PostgreSQL and Redis servers for the test run (sourced by scripts/test.sh).
# Each lives in a temporary folder on a free loopback port and is stopped when the test run exits.
# Exports TEST_DATABASE_URL and TEST_REDIS_URL. Does nothing for a service whose URL is already set.

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

start_postgres() {
  [ -n "${TEST_DATABASE_URL:-}" ] && return 0
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -x "$bin/initdb" ] || { echo "services: PostgreSQL is not installed" >&2; return 1; }
  local dir port run_as=()
  dir="$(mktemp -d /tmp/namaskah-pg.XXXXXX)"
  port="$(free_port)"
  # initdb refuses to run as root: use the postgres system user that Debian's package creates.
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; run_as=(runuser -u postgres --); fi
  "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  SERVICES_CLEANUP+=("${run_as[*]} $bin/pg_ctl -D $dir/data -m immediate stop >/dev/null 2>&1; rm -rf $dir")
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "services: PostgreSQL on $TEST_DATABASE_URL" >&2
}

start_redis() {
  [ -n "${TEST_REDIS_URL:-}" ] && return 0
  command -v redis-server >/dev/null || { echo "services: Redis is not installed" >&2; return 1; }
  local dir port
  dir="$(mktemp -d /tmp/namaskah-redis.XXXXXX)"
  port="$(free_port)"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/log" >/dev/null
  SERVICES_CLEANUP+=("kill \$(cat $dir/redis.pid) 2>/dev/null; rm -rf $dir")
  export TEST_REDIS_URL="redis://127.0.0.1:$port"
  echo "services: Redis on $TEST_REDIS_URL" >&2
}

SERVICES_CLEANUP=()
stop_services() { for cmd in "${SERVICES_CLEANUP[@]}"; do eval "$cmd"; done; }
