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

SVC=opensearch
# shellcheck source=scripts/lib/service.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/service.sh"

VERSION="${PORTAL_OPENSEARCH_VERSION:-2.19.6}" # newest 2.19.x on Maven Central; 2.19 runs on Java 17
OS_PORT="${PORTAL_OPENSEARCH_PORT:-9250}"
TRANSPORT_PORT=$((OS_PORT + 100)) # keep off 9300, which another node may use
HEAP="${PORTAL_OPENSEARCH_HEAP:-512m}"
TIMEOUT="${PORTAL_OPENSEARCH_TIMEOUT:-120}"
OS_USER=opensearch
if [ "$(id -u)" = 0 ]; then
    OS_BASE=/var/lib/portal-opensearch
else
    OS_BASE="$CACHE/opensearch"
fi
OS_HOME="$OS_BASE/opensearch-$VERSION"
PIDFILE="$OS_BASE/launcher.pid"
CONSOLE_LOG="$OS_BASE/logs/console.log"
URL="http://127.0.0.1:$OS_PORT"

SVC_VAR=OPENSEARCH_URLS
SVC_A="a node"
SVC_IT=node
SVC_MATCH='org.opensearch.bootstrap.OpenSearch|runuser|bin/opensearch'
SVC_STOP_GRACE=30

# The integ-test zip ships only the transport-netty4 module. Wagtail's search
# backend needs ngram/edge_ngram tokenizers and the asciifolding filter, which
# live in the analysis-common module; its jar is on Maven Central and needs
# nothing beyond what lib/ already has (lucene-analysis-common), so we install
# it as a module with a hand-written descriptor. Its optional Painless
# extension is left out (no lang-painless here): extended.plugins is empty.
EXTRA_MODULES=(analysis-common)
declare -A MODULE_CLASS=([analysis-common]=org.opensearch.analysis.common.CommonAnalysisPlugin)

# Unpack once into $OS_HOME; a stamp marks a complete unpack.
ensure_unpacked() {
    [ -f "$OS_HOME/.portal-ready" ] && return 0
    mvn_fetch "org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip" "opensearch-$VERSION.zip"
    local m
    for m in "${EXTRA_MODULES[@]}"; do
        mvn_fetch "org.opensearch.plugin:$m:$VERSION" "$m-$VERSION.jar"
    done
    svc_unzip "opensearch-$VERSION.zip" "$OS_HOME"
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

print_env() { printf 'export OPENSEARCH_URLS=%q\n' "$URL"; }

svc_ready() {
    curl -fsS -m 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

cmd_start() {
    svc_given && return 0
    command -v curl >/dev/null 2>&1 || die "curl not found"
    svc_reuse && return 0
    port_in_use "$OS_PORT" && die "port $OS_PORT is already taken by something else; set PORTAL_OPENSEARCH_PORT"
    port_in_use "$TRANSPORT_PORT" && die "port $TRANSPORT_PORT is already taken by something else"

    svc_ensure_user "$OS_USER" "$OS_BASE"
    ensure_unpacked
    write_config
    svc_node_dirs_fresh "$OS_BASE" "$OS_USER"

    local jh run=()
    jh="$(svc_java_home OPENSEARCH_JAVA_HOME "OpenSearch $VERSION")"
    [ "$(id -u)" = 0 ] && run=(runuser -u "$OS_USER" --)
    # svc_launch: the node gets its own process group, so stop can end
    # runuser + java together. cd: the JVM writes logs/gc.log relative to its
    # working directory.
    (
        cd "$OS_HOME"
        export OPENSEARCH_JAVA_HOME="$jh"
        # Our own temp dir: otherwise bin/opensearch starts an extra JVM to
        # make a new /tmp/opensearch-* for every boot and never removes it.
        export OPENSEARCH_TMPDIR="$OS_BASE/tmp"
        export OPENSEARCH_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP ${OPENSEARCH_JAVA_OPTS:-}"
        svc_launch "${run[@]}" ./bin/opensearch
    )
    svc_wait_ready "$TIMEOUT" 1 OpenSearch \
        "running at $URL (OpenSearch $VERSION, heap $HEAP, logs in $OS_BASE/logs)" \
        "OpenSearch not healthy after ${TIMEOUT} s"
}

svc_main "$@"
