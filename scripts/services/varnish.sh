#!/usr/bin/env bash
# Varnish (Debian's package) for the tests.
#
#   scripts/services/varnish.sh ensure   # install the package if varnishd is missing
#
# Only installs: tests/caching/test_varnish.py starts its own varnishd on a free
# port in front of Django's live server, with deploy/varnish/default.vcl. The
# package's own service is not started (Debian's policy-rc.d keeps it down in
# containers; we never touch it). Status goes to stderr.
set -euo pipefail

log() { printf 'varnish: %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

have_varnishd() { command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ]; }

ensure() {
    if have_varnishd; then
        return 0
    fi
    [ "$(id -u)" = 0 ] || die "varnishd is not installed and we are not root; apt-get install varnish"
    log "installing the varnish package (apt-get)..."
    local aptlog
    aptlog="$(mktemp)"
    if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends varnish; } >"$aptlog" 2>&1; then
        cat "$aptlog" >&2
        rm -f "$aptlog"
        die "apt-get install varnish failed"
    fi
    rm -f "$aptlog"
    have_varnishd || die "varnish installed but varnishd not found"
    log "installed $(varnishd -V 2>&1 | head -n 1)"
}

case "${1:-}" in
ensure) ensure ;;
*)
    echo "usage: $0 ensure" >&2
    exit 2
    ;;
esac
