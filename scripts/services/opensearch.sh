#!/usr/bin/env bash
# OpenSearch (single node, loopback only) for the test suite.
#
#   scripts/services/opensearch.sh start   # fetch/unpack if needed, boot, print `export OPENSEARCH_URLS=...`
#   scripts/services/opensearch.sh env     # print `export OPENSEARCH_URLS=...`
#   scripts/services/opensearch.sh status  # exit 0 if our node is running
#   scripts/services/opensearch.sh stop    # stop the node this script started (pid file)
#
# Use as: eval "$(scripts/services/opensearch.sh start)"
#
# If OPENSEARCH_URLS is already set, start/env do nothing.
#
# Where things live (all outside the repo, so a clean clone reuses them):
#   ${XDG_CACHE_HOME:-$HOME/.cache}/portal-services/downloads/  the zips from Maven Central
#   $OS_BASE/opensearch-<ver>/   unpacked distribution (+ the analysis-common module, see below)
#   $OS_BASE/data, $OS_BASE/tmp   node data and temp files (both wiped at each start)
#   $OS_BASE/logs                 logs (console.log = the node's stdout/stderr)
#   $OS_BASE/launcher.pid         id of the process group running the node
# OS_BASE is ${XDG_CACHE_HOME:-$HOME/.cache}/portal-services/opensearch, except
# as root: OpenSearch refuses to run as root, so it runs as a system user
# "opensearch", which cannot enter /root (mode 700); as root OS_BASE is that
# user's home, /var/lib/portal-opensearch, instead.
#
# Knobs: PORTAL_OPENSEARCH_VERSION (2.19.6), PORTAL_OPENSEARCH_PORT (9250),
#        PORTAL_OPENSEARCH_HEAP (512m), PORTAL_OPENSEARCH_TIMEOUT (120 s).
set -euo pipefail

VERSION="${PORTAL_OPENSEARCH_VERSION:-2.19.6}" # newest 2.19.x on Maven Central; 2.19 runs on Java 17
OS_PORT="${PORTAL_OPENSEARCH_PORT:-9250}"
TRANSPORT_PORT=$((OS_PORT + 100)) # keep off 9300, which another node may use
HEAP="${PORTAL_OPENSEARCH_HEAP:-512m}"
TIMEOUT="${PORTAL_OPENSEARCH_TIMEOUT:-120}"
OS_USER=opensearch
# HOME may be unset in a bare CI environment: fall back to the passwd entry.
CACHE="${XDG_CACHE_HOME:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache}/portal-services"
DOWNLOADS="$CACHE/downloads"
if [ "$(id -u)" = 0 ]; then
    OS_BASE=/var/lib/portal-opensearch
else
    OS_BASE="$CACHE/opensearch"
fi
OS_HOME="$OS_BASE/opensearch-$VERSION"
PIDFILE="$OS_BASE/launcher.pid"
CONSOLE_LOG="$OS_BASE/logs/console.log"
URL="http://127.0.0.1:$OS_PORT"

# The integ-test zip ships only the transport-netty4 module. Wagtail's search
# backend needs ngram/edge_ngram tokenizers and the asciifolding filter, which
# live in the analysis-common module; its jar is on Maven Central and needs
# nothing beyond what lib/ already has (lucene-analysis-common), so we install
# it as a module with a hand-written descriptor. Its optional Painless
# extension is left out (no lang-painless here): extended.plugins is empty.
EXTRA_MODULES=(analysis-common)
declare -A MODULE_CLASS=([analysis-common]=org.opensearch.analysis.common.CommonAnalysisPlugin)

log() { printf 'opensearch: %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

# Fetch one artifact into $DOWNLOADS unless it is already there. Maven keeps
# its own copy in ~/.m2 as well; the copy here is what we unpack.
mvn_fetch() { # groupId:artifactId:version[:type[:classifier]] filename
    local artifact="$1" file="$2" tmp
    [ -s "$DOWNLOADS/$file" ] && return 0
    command -v mvn >/dev/null 2>&1 || die "mvn not found (needed to fetch $artifact)"
    mkdir -p "$DOWNLOADS"
    tmp="$(mktemp -d "$DOWNLOADS/.tmp.XXXXXX")"
    log "fetching $artifact from Maven Central..."
    # flock: the services start in parallel, and two Maven runs writing the
    # same files into ~/.m2 at once can corrupt it; take turns.
    if ! (cd "$tmp" && flock "$DOWNLOADS/.mvn.lock" mvn -q -B -C dependency:copy -Dartifact="$artifact" -DoutputDirectory="$tmp") >"$tmp/mvn.log" 2>&1 \
        || [ ! -s "$tmp/$file" ]; then
        tail -n 30 "$tmp/mvn.log" >&2
        rm -rf "$tmp"
        die "could not fetch $artifact"
    fi
    mv "$tmp/$file" "$DOWNLOADS/$file" # same filesystem: atomic
    rm -rf "$tmp"
}

java_home() {
    if [ -n "${OPENSEARCH_JAVA_HOME:-}" ]; then
        echo "$OPENSEARCH_JAVA_HOME"
        return
    fi
    command -v java >/dev/null 2>&1 || die "java not found (OpenSearch $VERSION needs Java 17+)"
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

ensure_user() {
    [ "$(id -u)" = 0 ] || return 0
    if ! id -u "$OS_USER" >/dev/null 2>&1; then
        useradd --system --home-dir "$OS_BASE" --no-create-home \
            --shell /usr/sbin/nologin "$OS_USER"
        log "created system user $OS_USER"
    fi
}

# Unpack once into $OS_HOME; a stamp marks a complete unpack.
ensure_unpacked() {
    [ -f "$OS_HOME/.portal-ready" ] && return 0
    mvn_fetch "org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip" "opensearch-$VERSION.zip"
    local m
    for m in "${EXTRA_MODULES[@]}"; do
        mvn_fetch "org.opensearch.plugin:$m:$VERSION" "$m-$VERSION.jar"
    done
    command -v unzip >/dev/null 2>&1 || die "unzip not found"
    mkdir -p "$OS_BASE"
    rm -rf "$OS_HOME" "$OS_BASE/.unpack"
    mkdir "$OS_BASE/.unpack"
    if ! unzip -q "$DOWNLOADS/opensearch-$VERSION.zip" -d "$OS_BASE/.unpack"; then
        rm -rf "$OS_BASE/.unpack" "$DOWNLOADS/opensearch-$VERSION.zip" # fetch again next time
        die "could not unpack opensearch-$VERSION.zip (deleted it; run again to re-fetch)"
    fi
    mv "$OS_BASE/.unpack/opensearch-$VERSION" "$OS_HOME"
    rmdir "$OS_BASE/.unpack"
    for m in "${EXTRA_MODULES[@]}"; do
        mkdir -p "$OS_HOME/modules/$m"
        cp "$DOWNLOADS/$m-$VERSION.jar" "$OS_HOME/modules/$m/"
        cat >"$OS_HOME/modules/$m/plugin-descriptor.properties" <<EOF
description=$m module from Maven Central (installed by scripts/services/opensearch.sh)
version=$VERSION
name=$m
classname=${MODULE_CLASS[$m]}
java.version=11
opensearch.version=$VERSION
custom.foldername=
extended.plugins=
has.native.controller=false
EOF
    done
    touch "$OS_HOME/.portal-ready"
    log "unpacked OpenSearch $VERSION into $OS_HOME"
}

write_config() {
    local security=""
    # Only a distribution with the security plugin knows this setting; an
    # unknown setting would stop the node from booting.
    if [ -d "$OS_HOME/plugins/opensearch-security" ]; then
        security="plugins.security.disabled: true"
    fi
    cat >"$OS_HOME/config/opensearch.yml" <<EOF
# Written by scripts/services/opensearch.sh: a throwaway single-node test server.
cluster.name: portal-test
node.name: portal-test-node
path.data: $OS_BASE/data
path.logs: $OS_BASE/logs
# Loopback only; this also keeps the node in development mode, where the
# production bootstrap checks (vm.max_map_count etc.) only warn.
network.host: 127.0.0.1
http.port: $OS_PORT
transport.port: $TRANSPORT_PORT
discovery.type: single-node
# Do not turn indices read-only when the disk is nearly full: on a test
# machine that would only make tests fail in confusing ways.
cluster.routing.allocation.disk.threshold_enabled: false
$security
EOF
}

# Process group id of our node if it is alive, else nothing.
running_pgid() {
    local pgid
    pgid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [ -n "$pgid" ] || return 1
    pgrep -g "$pgid" -f 'org.opensearch.bootstrap.OpenSearch|runuser|bin/opensearch' >/dev/null 2>&1 || return 1
    echo "$pgid"
}

healthy() {
    curl -fsS -m 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

print_env() { printf 'export OPENSEARCH_URLS=%q\n' "$URL"; }

show_logs() {
    log "---- last lines of $CONSOLE_LOG ----"
    tail -n 40 "$CONSOLE_LOG" >&2 2>/dev/null || true
}

stop_group() {
    local pgid="$1"
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 1 60); do
        pgrep -g "$pgid" >/dev/null 2>&1 || return 0
        sleep 0.5
    done
    log "node did not stop within 30 s; killing it"
    kill -KILL -- "-$pgid" 2>/dev/null || true
}

cmd_start() {
    if [ -n "${OPENSEARCH_URLS:-}" ]; then
        log "OPENSEARCH_URLS already set; not starting a node"
        return 0
    fi
    command -v curl >/dev/null 2>&1 || die "curl not found"
    if running_pgid >/dev/null && healthy; then
        log "already running at $URL"
        print_env
        return 0
    fi
    if pgid="$(running_pgid)"; then # alive but not healthy: start over
        stop_group "$pgid"
    fi
    port_in_use "$OS_PORT" && die "port $OS_PORT is already taken by something else; set PORTAL_OPENSEARCH_PORT"
    port_in_use "$TRANSPORT_PORT" && die "port $TRANSPORT_PORT is already taken by something else"

    ensure_user
    ensure_unpacked
    write_config
    # Fresh data each start: no indices left over from an aborted run, and an
    # empty node boots fastest.
    rm -rf "$OS_BASE/data" "$OS_BASE/tmp"
    mkdir -p "$OS_BASE/data" "$OS_BASE/logs" "$OS_BASE/tmp"
    : >"$CONSOLE_LOG"
    rm -f "$PIDFILE" # a stale one would look like a node that died at once
    if [ "$(id -u)" = 0 ]; then
        chown -R "$OS_USER:" "$OS_BASE"
    fi

    local jh run=()
    jh="$(java_home)"
    [ "$(id -u)" = 0 ] && run=(runuser -u "$OS_USER" --)
    # setsid: the node gets its own process group (id recorded by the shell
    # itself before exec), so stop can end runuser + java together, and a
    # closed terminal does not take it down. cd: the JVM writes logs/gc.log
    # relative to its working directory.
    (
        cd "$OS_HOME"
        export OPENSEARCH_JAVA_HOME="$jh"
        # Our own temp dir: otherwise bin/opensearch starts an extra JVM to
        # make a new /tmp/opensearch-* for every boot and never removes it.
        export OPENSEARCH_TMPDIR="$OS_BASE/tmp"
        export OPENSEARCH_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP ${OPENSEARCH_JAVA_OPTS:-}"
        # shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
        setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" "${run[@]}" ./bin/opensearch \
            </dev/null >>"$CONSOLE_LOG" 2>&1 &
    )
    local t0=$SECONDS pgid=""
    while [ $((SECONDS - t0)) -lt "$TIMEOUT" ]; do
        if healthy; then
            log "running at $URL (OpenSearch $VERSION, heap $HEAP, logs in $OS_BASE/logs)"
            print_env
            return 0
        fi
        if [ -s "$PIDFILE" ] && ! running_pgid >/dev/null; then
            show_logs
            die "OpenSearch exited during startup"
        fi
        sleep 1
    done
    show_logs
    if pgid="$(running_pgid)"; then stop_group "$pgid"; fi
    die "OpenSearch not healthy after ${TIMEOUT} s"
}

cmd_env() {
    [ -n "${OPENSEARCH_URLS:-}" ] && return 0
    running_pgid >/dev/null || log "warning: node is not running; run: $0 start"
    print_env
}

cmd_status() { running_pgid >/dev/null && healthy; }

# Ignores OPENSEARCH_URLS on purpose (callers have usually eval'ed our own
# output): the pid file alone says what we started.
cmd_stop() {
    local pgid
    if pgid="$(running_pgid)"; then
        stop_group "$pgid"
        log "stopped"
    else
        log "not running (nothing started by this script)"
    fi
    rm -f "$PIDFILE"
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
