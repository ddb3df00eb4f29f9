#!/usr/bin/env bash
# S3-compatible server (S3Proxy, filesystem backend, loopback only) for the tests.
#
#   scripts/services/s3.sh start   # fetch if needed, start, print the S3_* exports
#   scripts/services/s3.sh env     # print the S3_* exports
#   scripts/services/s3.sh status  # exit 0 if our S3Proxy is running
#   scripts/services/s3.sh stop    # stop the S3Proxy this script started (pid file)
#
# Use as: eval "$(scripts/services/s3.sh start)"
#
# If S3_ENDPOINT_URL is already set, start/env do nothing. No bucket is
# created here: the Django side creates S3_BUCKET itself.
#
# Everything lives in ${XDG_CACHE_HOME:-$HOME/.cache}/portal-services/ (outside
# the repo): downloads/ holds the jar, s3proxy/ the config, data (wiped at each
# start), console.log and the pid file.
#
# Knobs: PORTAL_S3PROXY_VERSION (2.7.0), PORTAL_S3_PORT (9260),
#        PORTAL_S3_TIMEOUT (60 s).
set -euo pipefail

VERSION="${PORTAL_S3PROXY_VERSION:-2.7.0}"
S3PROXY_PORT="${PORTAL_S3_PORT:-9260}"
TIMEOUT="${PORTAL_S3_TIMEOUT:-60}"
# HOME may be unset in a bare CI environment: fall back to the passwd entry.
CACHE="${XDG_CACHE_HOME:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache}/portal-services"
DOWNLOADS="$CACHE/downloads"
STATE="$CACHE/s3proxy"
# S3Proxy publishes a self-contained (shaded) jar under this classifier.
JAR="s3proxy-$VERSION-jar-with-dependencies.jar"
PIDFILE="$STATE/s3proxy.pid"
CONSOLE_LOG="$STATE/console.log"
URL="http://127.0.0.1:$S3PROXY_PORT"
# Fixed, non-secret test credentials: the server only listens on loopback.
ACCESS_KEY=portal-test
SECRET_KEY=portal-test-secret
BUCKET=portal-test
REGION=us-east-1

log() { printf 's3: %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

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

running_pid() {
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [ -n "$pid" ] || return 1
    # Check the command line too: after a reboot the id may belong to another process.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$JAR" || return 1
    echo "$pid"
}

# Any S3 XML answer means it is up; without credentials that is AccessDenied.
responds() {
    curl -sS -m 5 "$URL/" 2>/dev/null | grep -q '<?xml'
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

print_env() {
    printf 'export S3_ENDPOINT_URL=%q\n' "$URL"
    printf 'export S3_ACCESS_KEY_ID=%q\n' "$ACCESS_KEY"
    printf 'export S3_SECRET_ACCESS_KEY=%q\n' "$SECRET_KEY"
    printf 'export S3_BUCKET=%q\n' "$BUCKET"
    printf 'export S3_REGION=%q\n' "$REGION"
}

stop_pid() {
    local pid="$1"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.25
    done
    kill -KILL "$pid" 2>/dev/null || true
}

cmd_start() {
    if [ -n "${S3_ENDPOINT_URL:-}" ]; then
        log "S3_ENDPOINT_URL already set; not starting S3Proxy"
        return 0
    fi
    command -v curl >/dev/null 2>&1 || die "curl not found"
    command -v java >/dev/null 2>&1 || die "java not found (S3Proxy needs Java 17+)"
    if running_pid >/dev/null && responds; then
        log "already running at $URL"
        print_env
        return 0
    fi
    local pid
    if pid="$(running_pid)"; then stop_pid "$pid"; fi # alive but not answering
    port_in_use "$S3PROXY_PORT" && die "port $S3PROXY_PORT is already taken by something else; set PORTAL_S3_PORT"

    mvn_fetch "org.gaul:s3proxy:$VERSION:jar:jar-with-dependencies" "$JAR"

    mkdir -p "$STATE"
    # Fresh storage each start: no buckets or objects left from an earlier run.
    rm -rf "$STATE/data"
    mkdir -p "$STATE/data"
    # - authorization aws-v2-or-v4 + identity/credential: clients sign requests
    #   as they would against AWS.
    # - jclouds.provider=filesystem stores objects as plain files. S3Proxy 2.7
    #   logs that it is deprecated in favour of filesystem-nio2; both pass the
    #   same boto3 checks here.
    # - ignore-unknown-headers: boto3 >= 1.36 sends x-amz-checksum-crc32 on
    #   uploads by default, which S3Proxy otherwise rejects with
    #   501 NotImplemented ("A header you provided implies functionality that
    #   is not implemented").
    # - no virtual-host setting: clients must use path-style addressing.
    cat >"$STATE/s3proxy.conf" <<EOF
s3proxy.endpoint=$URL
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$ACCESS_KEY
s3proxy.credential=$SECRET_KEY
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$STATE/data
jclouds.identity=$ACCESS_KEY
jclouds.credential=$SECRET_KEY
EOF
    : >"$CONSOLE_LOG"
    rm -f "$PIDFILE"
    # setsid: own session, so a closed terminal does not take it down; the
    # shell writes its own id before exec'ing java, so the pid file is java's.
    # -Xmx256m: the default (1/4 of RAM) is far more than a test needs.
    # shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
        java -Xmx256m -jar "$DOWNLOADS/$JAR" --properties "$STATE/s3proxy.conf" \
        </dev/null >>"$CONSOLE_LOG" 2>&1 &

    local t0=$SECONDS
    while [ $((SECONDS - t0)) -lt "$TIMEOUT" ]; do
        if responds; then
            log "running at $URL (S3Proxy $VERSION, data in $STATE/data)"
            print_env
            return 0
        fi
        if [ -s "$PIDFILE" ] && ! running_pid >/dev/null; then
            tail -n 30 "$CONSOLE_LOG" >&2 || true
            die "S3Proxy exited during startup"
        fi
        sleep 0.25
    done
    tail -n 30 "$CONSOLE_LOG" >&2 || true
    if pid="$(running_pid)"; then stop_pid "$pid"; fi
    die "S3Proxy did not answer within ${TIMEOUT} s"
}

cmd_env() {
    [ -n "${S3_ENDPOINT_URL:-}" ] && return 0
    running_pid >/dev/null || log "warning: S3Proxy is not running; run: $0 start"
    print_env
}

cmd_status() { running_pid >/dev/null && responds; }

# Ignores S3_ENDPOINT_URL on purpose (callers have usually eval'ed our own
# output): the pid file alone says what we started.
cmd_stop() {
    local pid
    if pid="$(running_pid)"; then
        stop_pid "$pid"
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
