# shellcheck shell=bash
# Sourced helper: what scripts/services/{opensearch,elasticsearch,s3,redis}.sh share.
# Each of them runs one throwaway server on 127.0.0.1 for the tests, in a session of
# its own whose process group id is kept in a pid file, and has the same commands:
#
#   start   start it if needed (fetching/installing it first), print the `export` lines
#   env     print the `export` lines
#   status  exit 0 if the server this script started is running and answers
#   stop    stop the server this script started (pid file), nothing else
#
# stdout carries only the `export` lines; log lines go to stderr. If the service's
# variable (SVC_VAR) is already set, start/env do nothing: the caller brought its own.
#
# Usage (see redis.sh for a small example):
#
#   SVC=redis                      # name in log lines ("redis: ...")
#   source "$(dirname "${BASH_SOURCE[0]}")/../lib/service.sh"
#   # This defines CACHE (the cache dir of all services, outside the repo) and
#   # DOWNLOADS; then the script sets
#   SVC_VAR=PORTAL_TEST_REDIS_URL  # set by the caller => start/env do nothing
#   SVC_A=redis-server             # "...; not starting $SVC_A" ("a node", "S3Proxy")
#   SVC_IT=redis-server            # "$SVC_IT is not running" ("node", "S3Proxy")
#   SVC_MATCH=redis-server         # extended regexp matching the server's command line
#   SVC_STOP_GRACE=10              # stop: seconds from SIGTERM to SIGKILL
#   URL=... PIDFILE=... CONSOLE_LOG=...
#   # and defines print_env (the export lines), svc_ready (exit 0 once the server
#   # answers) and cmd_start, built from svc_given, svc_reuse, svc_launch and
#   # svc_wait_ready. Last line:
#   svc_main "$@"
#
# Works under `set -euo pipefail`.

# HOME may be unset in a bare CI environment: fall back to the passwd entry.
CACHE="${XDG_CACHE_HOME:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache}/portal-services"
DOWNLOADS="$CACHE/downloads"

log() { printf '%s: %s\n' "$SVC" "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Fetch one artifact from Maven Central into $DOWNLOADS unless it is already there.
# Maven keeps its own copy in ~/.m2 as well; the copy here is what we use.
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

# Unpack $DOWNLOADS/<zip> into <home> (the zip's top directory is named like <home>),
# through a scratch directory so that a broken unpack never looks complete. A bad
# zip is deleted, to be fetched again next time. The caller stamps <home> when its
# own steps are done too.
svc_unzip() { # zip home
    local zip="$1" home="$2" scratch
    scratch="$(dirname "$home")/.unpack"
    command -v unzip >/dev/null 2>&1 || die "unzip not found"
    mkdir -p "$(dirname "$home")"
    rm -rf "$home" "$scratch"
    mkdir "$scratch"
    if ! unzip -q "$DOWNLOADS/$zip" -d "$scratch"; then
        rm -rf "$scratch" "${DOWNLOADS:?}/$zip"
        die "could not unpack $zip (deleted it; run again to re-fetch)"
    fi
    mv "$scratch/$(basename "$home")" "$home"
    rmdir "$scratch"
}

# A search node's directories before each start: fresh data and temp (no indices
# left over from an aborted run, and an empty node boots fastest), an empty console
# log, no stale pid file (it would look like a node that died at once); as root,
# all of it owned by the node's system user.
svc_node_dirs_fresh() { # base user
    rm -rf "$1/data" "$1/tmp"
    mkdir -p "$1/data" "$1/logs" "$1/tmp"
    : >"$CONSOLE_LOG"
    rm -f "$PIDFILE"
    if [ "$(id -u)" = 0 ]; then
        chown -R "$2:" "$1"
    fi
}

# Install a Debian package with apt-get (as root; Debian's policy-rc.d keeps apt
# from starting the package's own service in containers). Quiet unless it fails.
svc_apt_install() { # package
    [ "$(id -u)" = 0 ] || die "$1 is not installed and we are not root; apt-get install $1, or set $SVC_VAR"
    log "installing the $1 package (apt-get)..."
    local aptlog
    aptlog="$(mktemp)"
    if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "$1"; } >"$aptlog" 2>&1; then
        cat "$aptlog" >&2
        rm -f "$aptlog"
        die "apt-get install $1 failed"
    fi
    rm -f "$aptlog"
}

# The JDK to run with: $<variable> if set, else the one of `java` on PATH.
svc_java_home() { # variable "what needs it"
    if [ -n "${!1:-}" ]; then
        echo "${!1}"
        return
    fi
    command -v java >/dev/null 2>&1 || die "java not found ($2 needs Java 17+)"
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

# As root, the system user a server that refuses root runs as (created once).
svc_ensure_user() { # user home
    [ "$(id -u)" = 0 ] || return 0
    if ! id -u "$1" >/dev/null 2>&1; then
        useradd --system --home-dir "$2" --no-create-home \
            --shell /usr/sbin/nologin "$1"
        log "created system user $1"
    fi
}

# Run "$@" in the background in a session of its own, so a closed terminal does
# not take it down and stop can end all of its processes at once: the shell
# writes its own id (= the process group's) to $PIDFILE before exec'ing "$@".
# stdin is /dev/null, stdout and stderr are appended to $CONSOLE_LOG.
svc_launch() {
    # shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" "$@" \
        </dev/null >>"$CONSOLE_LOG" 2>&1 &
}

# Process group id of our server if it is alive, else nothing (exit 1). The
# command line check keeps an id reused after a reboot from counting.
svc_running() {
    local pgid
    pgid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [ -n "$pgid" ] || return 1
    pgrep -g "$pgid" -f "$SVC_MATCH" >/dev/null 2>&1 || return 1
    echo "$pgid"
}

# SIGTERM the process group, SIGKILL whatever is left after SVC_STOP_GRACE s.
svc_stop_group() { # pgid
    local pgid="$1" i
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for ((i = 0; i < SVC_STOP_GRACE * 4; i++)); do
        pgrep -g "$pgid" >/dev/null 2>&1 || return 0
        sleep 0.25
    done
    log "$SVC_IT did not stop within $SVC_STOP_GRACE s; killing it"
    kill -KILL -- "-$pgid" 2>/dev/null || true
}

svc_show_logs() {
    log "---- last lines of $CONSOLE_LOG ----"
    tail -n 40 "$CONSOLE_LOG" >&2 2>/dev/null || true
}

# For cmd_start: `svc_given && return 0` does nothing when $SVC_VAR is set.
svc_given() {
    [ -n "${!SVC_VAR:-}" ] || return 1
    log "$SVC_VAR already set; not starting $SVC_A"
}

# For cmd_start: `svc_reuse && return 0` keeps a server that already runs and
# answers (and prints its env); one that runs but does not answer is stopped.
svc_reuse() {
    local pgid
    if svc_running >/dev/null && svc_ready; then
        log "already running at $URL"
        print_env
        return 0
    fi
    if pgid="$(svc_running)"; then # alive but not answering: start over
        svc_stop_group "$pgid"
    fi
    return 1
}

# For cmd_start, after svc_launch: wait for svc_ready, then log "$ready" and
# print the env. If the server exits first, or does not answer within $timeout s
# (it is then stopped), show the end of its log and die.
svc_wait_ready() { # timeout poll-interval name ready-message timeout-message
    local timeout="$1" interval="$2" name="$3" ready="$4" late="$5" t0=$SECONDS pgid
    while [ $((SECONDS - t0)) -lt "$timeout" ]; do
        if svc_ready; then
            log "$ready"
            print_env
            return 0
        fi
        if [ -s "$PIDFILE" ] && ! svc_running >/dev/null; then
            svc_show_logs
            die "$name exited during startup"
        fi
        sleep "$interval"
    done
    svc_show_logs
    if pgid="$(svc_running)"; then svc_stop_group "$pgid"; fi
    die "$late"
}

svc_env() {
    [ -n "${!SVC_VAR:-}" ] && return 0
    svc_running >/dev/null || log "warning: $SVC_IT is not running; run: $0 start"
    print_env
}

svc_status() { svc_running >/dev/null && svc_ready; }

# Ignores $SVC_VAR on purpose (callers have usually eval'ed our own output):
# the pid file alone says what we started.
svc_stop() {
    local pgid
    if pgid="$(svc_running)"; then
        svc_stop_group "$pgid"
        log "stopped"
    else
        log "not running (nothing started by this script)"
    fi
    rm -f "$PIDFILE"
}

svc_main() {
    case "${1:-}" in
    start) cmd_start ;;
    env) svc_env ;;
    status) svc_status ;;
    stop) svc_stop ;;
    *)
        echo "usage: $0 {start|stop|env|status}" >&2
        exit 2
        ;;
    esac
}
