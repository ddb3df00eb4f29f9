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

SVC=s3
# shellcheck source=scripts/lib/service.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/service.sh"

VERSION="${PORTAL_S3PROXY_VERSION:-2.7.0}"
S3PROXY_PORT="${PORTAL_S3_PORT:-9260}"
TIMEOUT="${PORTAL_S3_TIMEOUT:-60}"
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

SVC_VAR=S3_ENDPOINT_URL
SVC_A=S3Proxy
SVC_IT=S3Proxy
SVC_MATCH="$JAR"
SVC_STOP_GRACE=10

# Any S3 XML answer means it is up; without credentials that is AccessDenied.
svc_ready() {
    curl -sS -m 5 "$URL/" 2>/dev/null | grep -q '<?xml'
}

print_env() {
    printf 'export S3_ENDPOINT_URL=%q\n' "$URL"
    printf 'export S3_ACCESS_KEY_ID=%q\n' "$ACCESS_KEY"
    printf 'export S3_SECRET_ACCESS_KEY=%q\n' "$SECRET_KEY"
    printf 'export S3_BUCKET=%q\n' "$BUCKET"
    printf 'export S3_REGION=%q\n' "$REGION"
}

cmd_start() {
    svc_given && return 0
    command -v curl >/dev/null 2>&1 || die "curl not found"
    command -v java >/dev/null 2>&1 || die "java not found (S3Proxy needs Java 17+)"
    svc_reuse && return 0
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
    # svc_launch: own session; the pid file is java's (its process group's) id.
    # -Xmx256m: the default (1/4 of RAM) is far more than a test needs.
    svc_launch java -Xmx256m -jar "$DOWNLOADS/$JAR" --properties "$STATE/s3proxy.conf"
    svc_wait_ready "$TIMEOUT" 0.25 S3Proxy \
        "running at $URL (S3Proxy $VERSION, data in $STATE/data)" \
        "S3Proxy did not answer within ${TIMEOUT} s"
}

svc_main "$@"
