#!/usr/bin/env bash
# Redis (Debian's redis-server, loopback only, no persistence) for the tests: the
# cache of production (settings/production.py, CACHE_URL=redis://...), tested in
# tests/caching/test_redis_cache.py.
#
#   scripts/services/redis.sh start   # install if needed, start, print `export PORTAL_TEST_REDIS_URL=...`
#   scripts/services/redis.sh env     # print `export PORTAL_TEST_REDIS_URL=...`
#   scripts/services/redis.sh status  # exit 0 if our redis-server is running
#   scripts/services/redis.sh stop    # stop the redis-server this script started (pid file)
#
# Use as: eval "$(scripts/services/redis.sh start)"
#
# If PORTAL_TEST_REDIS_URL is already set, start/env do nothing. A dedicated
# instance on its own port, never the machine's redis-server service (on 6379,
# which we do not start or touch). It keeps nothing on disk (no RDB, no AOF), so
# every start begins empty. Everything lives in
# ${XDG_CACHE_HOME:-$HOME/.cache}/portal-services/redis/ (outside the repo):
# console.log (the server's log) and redis.pid. Redis runs fine as root.
#
# Knobs: PORTAL_REDIS_PORT (63790), PORTAL_REDIS_TIMEOUT (30 s).
set -euo pipefail

SVC=redis
# shellcheck source=scripts/lib/service.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/service.sh"

REDIS_PORT="${PORTAL_REDIS_PORT:-63790}"
TIMEOUT="${PORTAL_REDIS_TIMEOUT:-30}"
STATE="$CACHE/redis"
PIDFILE="$STATE/redis.pid"
CONSOLE_LOG="$STATE/console.log"
URL="redis://127.0.0.1:$REDIS_PORT/0"

SVC_VAR=PORTAL_TEST_REDIS_URL
SVC_A=redis-server
SVC_IT=redis-server
SVC_MATCH=redis-server
SVC_STOP_GRACE=10

print_env() { printf 'export PORTAL_TEST_REDIS_URL=%q\n' "$URL"; }

svc_ready() {
    [ "$(timeout 5 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
}

ensure_installed() {
    if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
        return 0
    fi
    # redis-cli comes with redis-tools, a dependency of redis-server.
    svc_apt_install redis-server
    command -v redis-server >/dev/null 2>&1 || die "redis-server installed but not found on PATH"
    log "installed $(redis-server --version | head -n 1)"
}

cmd_start() {
    svc_given && return 0
    ensure_installed
    svc_reuse && return 0
    port_in_use "$REDIS_PORT" && die "port $REDIS_PORT is already taken by something else; set PORTAL_REDIS_PORT"

    mkdir -p "$STATE"
    : >"$CONSOLE_LOG"
    rm -f "$PIDFILE" # a stale one would look like a server that died at once
    # Loopback only; --save "" and --appendonly no: nothing on disk. --dir: where
    # it would write anyway (never the repo). --logfile "": to stdout, i.e. the
    # console log. Not --daemonize: svc_launch detaches it and records its id.
    svc_launch redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
        --save "" --appendonly no --dir "$STATE" --logfile "" --daemonize no
    svc_wait_ready "$TIMEOUT" 0.1 "redis-server" \
        "running at $URL (Redis $(redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p'), logs in $CONSOLE_LOG)" \
        "redis-server did not answer within ${TIMEOUT} s"
}

svc_main "$@"
