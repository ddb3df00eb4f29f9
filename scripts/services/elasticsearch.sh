#!/usr/bin/env bash
# Elasticsearch 8 (single node, loopback only) for the test suite: the same
# engine tests run on it as on OpenSearch (issue #4 item 2).
#
#   scripts/services/elasticsearch.sh start   # fetch/unpack if needed, boot, print `export ELASTICSEARCH_URLS=...`
#   scripts/services/elasticsearch.sh env     # print `export ELASTICSEARCH_URLS=...`
#   scripts/services/elasticsearch.sh status  # exit 0 if our node is running
#   scripts/services/elasticsearch.sh stop    # stop the node this script started (pid file)
#
# Use as: eval "$(scripts/services/elasticsearch.sh start)"
#
# If ELASTICSEARCH_URLS is already set, start/env do nothing.
#
# Modelled on opensearch.sh. Where things live (all outside the repo):
#   ${XDG_CACHE_HOME:-$HOME/.cache}/portal-services/downloads/  the zip from Maven Central
#                                 (org.elasticsearch.distribution.integ-test-zip:elasticsearch)
#   $ES_BASE/elasticsearch-<ver>/ unpacked distribution (+ the portal-analysis module, see below)
#   $ES_BASE/data, $ES_BASE/tmp   node data and temp files (both wiped at each start)
#   $ES_BASE/logs                 logs (console.log = the node's stdout/stderr)
#   $ES_BASE/launcher.pid         id of the process group running the node
# ES_BASE is ${XDG_CACHE_HOME:-$HOME/.cache}/portal-services/elasticsearch, except
# as root: Elasticsearch refuses to run as root, so it runs as a system user
# "elasticsearch" whose home is ES_BASE=/var/lib/portal-elasticsearch.
#
# The integ-test zip carries x-pack-core and x-pack-security (security is turned
# off below: plain http, no credentials) but not the analysis-common module, and
# Elastic does not publish that module's jar on Maven Central. The handful of
# analysis components our backends use (mapping char filter; asciifolding,
# lowercase, ngram, edge_ngram filters; ngram, edge_ngram tokenizers) are built
# here from elasticsearch/PortalAnalysisPlugin.java, which wraps the same Lucene
# classes (shipped in the distribution's lib/) as analysis-common does, and
# installed as module "portal-analysis". That needs javac (JDK 17+).
#
# Knobs: PORTAL_ELASTICSEARCH_VERSION (8.19.21), PORTAL_ELASTICSEARCH_PORT (9270; 9260 is S3Proxy's),
#        PORTAL_ELASTICSEARCH_HEAP (512m), PORTAL_ELASTICSEARCH_TIMEOUT (120 s),
#        ES_JAVA_HOME (default: the JDK of `java` on PATH).
set -euo pipefail

SVC=elasticsearch
# shellcheck source=scripts/lib/service.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/service.sh"

VERSION="${PORTAL_ELASTICSEARCH_VERSION:-8.19.21}" # newest 8.x on Maven Central; 8.x runs on Java 17
ES_PORT="${PORTAL_ELASTICSEARCH_PORT:-9270}"
TRANSPORT_PORT=$((ES_PORT + 100)) # keep off 9300, which another node may use
HEAP="${PORTAL_ELASTICSEARCH_HEAP:-512m}"
TIMEOUT="${PORTAL_ELASTICSEARCH_TIMEOUT:-120}"
ES_USER=elasticsearch
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PLUGIN_SRC="$HERE/elasticsearch/PortalAnalysisPlugin.java"
if [ "$(id -u)" = 0 ]; then
    ES_BASE=/var/lib/portal-elasticsearch
else
    ES_BASE="$CACHE/elasticsearch"
fi
ES_HOME="$ES_BASE/elasticsearch-$VERSION"
PIDFILE="$ES_BASE/launcher.pid"
CONSOLE_LOG="$ES_BASE/logs/console.log"
URL="http://127.0.0.1:$ES_PORT"

SVC_VAR=ELASTICSEARCH_URLS
SVC_A="a node"
SVC_IT=node
SVC_MATCH='org.elasticsearch|runuser|bin/elasticsearch'
SVC_STOP_GRACE=30

java_home() { svc_java_home ES_JAVA_HOME "Elasticsearch $VERSION"; }

# Compile PortalAnalysisPlugin.java against the distribution's jars and install it
# as a module. A checksum of the source in the module dir says whether it is current.
ensure_analysis_module() {
    local dir="$ES_HOME/modules/portal-analysis" sum jh build
    sum="$(sha256sum "$PLUGIN_SRC" | cut -d' ' -f1)"
    [ "$(cat "$dir/.source.sha256" 2>/dev/null || true)" = "$sum" ] && return 0
    jh="$(java_home)"
    [ -x "$jh/bin/javac" ] || die "javac not found in $jh (a JDK is needed to build the portal-analysis module)"
    build="$(mktemp -d "$ES_BASE/.build.XXXXXX")"
    if ! "$jh/bin/javac" --release 17 -nowarn -cp "$ES_HOME/lib/*" -d "$build/classes" "$PLUGIN_SRC" >"$build/javac.log" 2>&1; then
        cat "$build/javac.log" >&2
        rm -rf "$build"
        die "could not compile $PLUGIN_SRC"
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    "$jh/bin/jar" --create --file "$dir/portal-analysis-$VERSION.jar" -C "$build/classes" .
    rm -rf "$build"
    cat >"$dir/plugin-descriptor.properties" <<EOF
description=Analysis components of analysis-common used by the portal (built by scripts/services/elasticsearch.sh)
version=$VERSION
name=portal-analysis
classname=portal.analysis.PortalAnalysisPlugin
java.version=17
elasticsearch.version=$VERSION
extended.plugins=
has.native.controller=false
EOF
    echo "$sum" >"$dir/.source.sha256"
    log "built the portal-analysis module"
}

# Unpack once into $ES_HOME; a stamp marks a complete unpack.
ensure_unpacked() {
    if [ ! -f "$ES_HOME/.portal-ready" ]; then
        mvn_fetch "org.elasticsearch.distribution.integ-test-zip:elasticsearch:$VERSION:zip" "elasticsearch-$VERSION.zip"
        svc_unzip "elasticsearch-$VERSION.zip" "$ES_HOME"
        touch "$ES_HOME/.portal-ready"
        log "unpacked Elasticsearch $VERSION into $ES_HOME"
    fi
    ensure_analysis_module
}

write_config() {
    local security=""
    # Only a distribution with x-pack knows these settings; an unknown setting
    # would stop the node from booting.
    if [ -d "$ES_HOME/modules/x-pack-security" ]; then
        security="xpack.security.enabled: false"
    fi
    cat >"$ES_HOME/config/elasticsearch.yml" <<EOF
# Written by scripts/services/elasticsearch.sh: a throwaway single-node test server.
cluster.name: portal-test-es
node.name: portal-test-es-node
path.data: $ES_BASE/data
path.logs: $ES_BASE/logs
# Loopback only; this also keeps the node in development mode, where the
# production bootstrap checks (vm.max_map_count etc.) only warn.
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $TRANSPORT_PORT
discovery.type: single-node
# Do not turn indices read-only when the disk is nearly full.
cluster.routing.allocation.disk.threshold_enabled: false
$security
EOF
}

print_env() { printf 'export ELASTICSEARCH_URLS=%q\n' "$URL"; }

svc_ready() {
    curl -fsS -m 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

cmd_start() {
    svc_given && return 0
    command -v curl >/dev/null 2>&1 || die "curl not found"
    svc_reuse && return 0
    port_in_use "$ES_PORT" && die "port $ES_PORT is already taken by something else; set PORTAL_ELASTICSEARCH_PORT"
    port_in_use "$TRANSPORT_PORT" && die "port $TRANSPORT_PORT is already taken by something else"

    svc_ensure_user "$ES_USER" "$ES_BASE"
    mkdir -p "$ES_BASE"
    ensure_unpacked
    write_config
    svc_node_dirs_fresh "$ES_BASE" "$ES_USER"

    local jh run=()
    jh="$(java_home)"
    [ "$(id -u)" = 0 ] && run=(runuser -u "$ES_USER" --)
    # svc_launch: own process group (see opensearch.sh). cd: the JVM writes
    # logs/gc.log relative to its working directory.
    (
        cd "$ES_HOME"
        export ES_JAVA_HOME="$jh"
        export ES_TMPDIR="$ES_BASE/tmp"
        export ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP ${ES_JAVA_OPTS:-}"
        svc_launch "${run[@]}" ./bin/elasticsearch
    )
    svc_wait_ready "$TIMEOUT" 1 Elasticsearch \
        "running at $URL (Elasticsearch $VERSION, heap $HEAP, logs in $ES_BASE/logs)" \
        "Elasticsearch not healthy after ${TIMEOUT} s"
}

svc_main "$@"
