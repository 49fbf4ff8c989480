#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer before the tests run. Where they are local and
# down, starts them with the machine's own commands. With ROOKERY_TEST_REQUIRE_SERVICES=1
# a service that still does not answer fails the run; otherwise its tests are skipped.
set -u

pg_url=${ROOKERY_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
redis_url=${ROOKERY_TEST_REDIS_URL:-redis://127.0.0.1:6379}

hostport() { # URL -> "host port"
  local rest=${1#*://}
  rest=${rest#*@}
  rest=${rest%%/*}
  echo "${rest%:*} ${rest##*:}"
}

postgres_up() {
  read -r host port <<<"$(hostport "$pg_url")"
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

redis_up() {
  read -r host port <<<"$(hostport "$redis_url")"
  (
    exec 3<>"/dev/tcp/$host/$port" || exit 1
    printf 'PING\r\n' >&3
    read -r -t 2 reply <&3 || exit 1
    [[ $reply == +PONG* ]]
  ) 2>/dev/null
}

start_postgres() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return
  local version
  for version in /etc/postgresql/*; do
    pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start >/dev/null 2>&1
  done
}

start_redis() {
  command -v redis-server >/dev/null 2>&1 || return
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 2>&1
}

wait_for() { # check-function seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    "$1" && return 0
    sleep 0.1
  done
  return 1
}

status=0
for service in postgres redis; do
  if ! "${service}_up"; then
    "start_$service"
    if ! wait_for "${service}_up" 15; then
      if [[ ${ROOKERY_TEST_REQUIRE_SERVICES:-} == 1 ]]; then
        echo "test services: $service is unreachable and ROOKERY_TEST_REQUIRE_SERVICES=1" >&2
        status=1
      else
        echo "test services: $service is unreachable; its tests will be skipped" >&2
      fi
      continue
    fi
  fi
  echo "test services: $service is up"
done
exit $status
