#!/usr/bin/env bash
# Chromium and its driver (Debian's packages) for the browser tests.
#
#   scripts/services/chromium.sh ensure   # install chromium + chromium-driver if missing
#   scripts/services/chromium.sh path     # print the browser binary tests/browser/ launches
#
# Only installs: tests/browser/ launch the browser themselves through Playwright
# (headless, `executable_path` pointing here). Playwright's own browser download
# cannot reach its servers on our machines, so the browser comes from Debian.
# Status goes to stderr.
set -euo pipefail

log() { printf 'chromium: %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

# The same search order as tests/browser/conftest.py.
browser_path() {
    local candidate
    for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/lib/chromium/chromium /usr/bin/chromium-browser; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

have_all() { browser_path >/dev/null && { command -v chromedriver >/dev/null 2>&1 || [ -x /usr/bin/chromedriver ]; }; }

ensure() {
    if have_all; then
        return 0
    fi
    [ "$(id -u)" = 0 ] || die "chromium is not installed and we are not root; apt-get install chromium chromium-driver"
    log "installing the chromium and chromium-driver packages (apt-get)..."
    local aptlog
    aptlog="$(mktemp)"
    # Another apt-get on the machine holds dpkg's lock for a while: wait for it
    # rather than failing at once.
    if ! { apt-get -o DPkg::Lock::Timeout=600 update -q \
        && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
            --no-install-recommends chromium chromium-driver; } >"$aptlog" 2>&1; then
        cat "$aptlog" >&2
        rm -f "$aptlog"
        die "apt-get install chromium chromium-driver failed"
    fi
    rm -f "$aptlog"
    have_all || die "chromium installed but its binary or chromedriver is not found"
    log "installed $("$(browser_path)" --version 2>/dev/null | head -n 1)"
}

case "${1:-}" in
ensure) ensure ;;
path) browser_path || die "no chromium binary found" ;;
*)
    echo "usage: $0 ensure|path" >&2
    exit 2
    ;;
esac
