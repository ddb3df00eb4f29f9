#!/usr/bin/env bash
# PostgreSQL for the test suite.
#
#   scripts/services/postgres.sh start   # install if needed, start, print `export DATABASE_URL=...`
#   scripts/services/postgres.sh env     # print `export DATABASE_URL=...` for the running cluster
#   scripts/services/postgres.sh status  # exit 0 if our cluster is running
#   scripts/services/postgres.sh stop    # stop the cluster, only if `start` started it
#
# Use as: eval "$(scripts/services/postgres.sh start)"
#
# If DATABASE_URL is already set, start/env do nothing: the caller brought its
# own database. Otherwise we run a dedicated Debian cluster ("portal", port
# 54329) so we never touch the machine's default "main" cluster, and it listens
# on 127.0.0.1 only. Status goes to stderr; stdout carries only `export` lines.
#
# Knobs: PORTAL_PG_PORT (54329), PORTAL_PG_CLUSTER (portal).
set -euo pipefail

# HOME may be unset in a bare CI environment: fall back to the passwd entry.
CACHE="${XDG_CACHE_HOME:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache}/portal-services"
STATE="$CACHE/postgres"
MARKER="$STATE/started-by-portal" # present => `start` started the cluster
PWFILE="$STATE/password"
PG_PORT="${PORTAL_PG_PORT:-54329}"
CLUSTER="${PORTAL_PG_CLUSTER:-portal}"
DB_USER=portal
DB_NAME=portal

log() { printf 'postgres: %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

# "VERSION PORT STATUS" of our cluster, empty if it does not exist.
cluster_info() {
    command -v pg_lsclusters >/dev/null 2>&1 || return 0
    pg_lsclusters -h 2>/dev/null | awk -v c="$CLUSTER" '$2 == c { print $1, $3, $4; exit }'
}

newest_server_version() {
    local d
    for d in /usr/lib/postgresql/*/bin/postgres; do
        [ -x "$d" ] && basename "$(dirname "$(dirname "$d")")"
    done | sort -n | tail -n 1
}

# Install the Debian server package on a fresh machine. Debian's policy-rc.d
# (exit 101 in containers) keeps apt from starting the default cluster.
ensure_server() {
    if [ -n "$(newest_server_version)" ] && command -v pg_createcluster >/dev/null 2>&1; then
        return 0
    fi
    [ "$(id -u)" = 0 ] || die "no PostgreSQL server installed and not root; install postgresql or set DATABASE_URL"
    log "installing the postgresql package (apt-get)..."
    local aptlog
    aptlog="$(mktemp)"
    if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends postgresql; } >"$aptlog" 2>&1; then
        cat "$aptlog" >&2
        rm -f "$aptlog"
        die "apt-get install postgresql failed"
    fi
    rm -f "$aptlog"
    [ -n "$(newest_server_version)" ] || die "postgresql installed but no server binary found"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Run psql as the postgres superuser over the Unix socket (peer auth).
# cd / because postgres cannot read root's home as its working directory.
psql_admin() {
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$1" -d postgres "${@:2}")
}

print_env() {
    local port="$1" pw
    pw="$(cat "$PWFILE")"
    printf 'export DATABASE_URL=%q\n' "postgres://$DB_USER:$pw@127.0.0.1:$port/$DB_NAME"
}

cmd_start() {
    if [ -n "${DATABASE_URL:-}" ]; then
        log "DATABASE_URL already set; not starting a server"
        return 0
    fi
    [ "$(id -u)" = 0 ] || die "needs root (apt-get, pg_createcluster, runuser); or set DATABASE_URL"
    mkdir -p "$STATE"
    ensure_server

    local info ver port status
    info="$(cluster_info)"
    if [ -z "$info" ]; then
        ver="$(newest_server_version)"
        port_in_use "$PG_PORT" && die "port $PG_PORT is already taken by something else; set PORTAL_PG_PORT"
        log "creating cluster $ver/$CLUSTER on 127.0.0.1:$PG_PORT"
        # --start-conf manual: never autostart at boot; we start it ourselves.
        pg_createcluster --port "$PG_PORT" --start-conf manual --encoding UTF8 \
            --locale C.UTF-8 "$ver" "$CLUSTER" -- \
            --auth-local=peer --auth-host=scram-sha-256 >/dev/null
        info="$(cluster_info)"
        [ -n "$info" ] || die "pg_createcluster did not create $ver/$CLUSTER"
    fi
    read -r ver port status <<<"$info"

    # (Re)written on every start so an older cluster picks up changes.
    # listen_addresses: loopback only, never 0.0.0.0.
    # fsync & co off: a throwaway test database; durability costs test time.
    # ssl off: the snakeoil TLS handshake is pure overhead on loopback.
    mkdir -p "/etc/postgresql/$ver/$CLUSTER/conf.d"
    cat >"/etc/postgresql/$ver/$CLUSTER/conf.d/50-portal.conf" <<'EOF'
# Written by scripts/services/postgres.sh (portal test cluster).
listen_addresses = '127.0.0.1'
ssl = off
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    if [ "$status" = online ]; then
        log "cluster $ver/$CLUSTER already running on port $port"
    else
        port_in_use "$port" && die "port $port is already taken by something else"
        # stdout to stderr: pg_ctlcluster says things like "Removed stale pid
        # file." there, and our stdout is the `export` lines callers eval.
        pg_ctlcluster "$ver" "$CLUSTER" start >&2 || {
            tail -n 30 "/var/log/postgresql/postgresql-$ver-$CLUSTER.log" >&2 || true
            die "pg_ctlcluster $ver $CLUSTER start failed"
        }
        touch "$MARKER"
        log "started cluster $ver/$CLUSTER on 127.0.0.1:$port"
    fi

    # Password generated once, kept outside the repo; URL-safe characters only.
    if [ ! -s "$PWFILE" ]; then
        (umask 077 && head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24 >"$PWFILE")
    fi

    # Role with CREATEDB (pytest-django creates test_portal) and the database.
    # Runs every time: cheap, and repairs a cluster whose cache dir was wiped.
    psql_admin "$port" -v pw="$(cat "$PWFILE")" <<EOF
SELECT 'CREATE ROLE $DB_USER LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER')\\gexec
ALTER ROLE $DB_USER WITH LOGIN CREATEDB PASSWORD :'pw';
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')\\gexec
EOF

    pg_isready -q -h 127.0.0.1 -p "$port" || die "server is not accepting connections on 127.0.0.1:$port"
    print_env "$port"
}

cmd_env() {
    [ -n "${DATABASE_URL:-}" ] && return 0
    local info ver port status
    info="$(cluster_info)"
    if [ -z "$info" ] || [ ! -s "$PWFILE" ]; then
        die "cluster $CLUSTER not set up; run: $0 start"
    fi
    read -r ver port status <<<"$info"
    [ "$status" = online ] || log "warning: cluster $ver/$CLUSTER is $status"
    print_env "$port"
}

cmd_status() {
    local info ver port status
    info="$(cluster_info)"
    [ -n "$info" ] || return 1
    read -r ver port status <<<"$info"
    [ "$status" = online ]
}

# Ignores DATABASE_URL on purpose: the caller has usually eval'ed our own
# output. The marker alone says whether we started the cluster.
cmd_stop() {
    if [ ! -e "$MARKER" ]; then
        log "not started by this script; leaving it alone"
        return 0
    fi
    local info ver port status
    info="$(cluster_info)"
    if [ -n "$info" ]; then
        read -r ver port status <<<"$info"
        if [ "$status" = online ]; then
            pg_ctlcluster "$ver" "$CLUSTER" stop -m fast >&2
            log "stopped cluster $ver/$CLUSTER"
        fi
    fi
    rm -f "$MARKER"
}

case "${1:-}" in
start) cmd_start ;;
env) cmd_env ;;
status) cmd_status ;;
stop) cmd_stop ;;
*)
    echo "usage: $0 {start|stop|env|status}" >&2
    exit 2
    ;;
esac
