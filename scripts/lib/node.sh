# shellcheck shell=bash
# Sourced helper (scripts/test sources it): the npm packages the tests use
# (package.json: axe-core for tests/browser/), installed with `npm ci` into
# <repo>/node_modules when package-lock.json changed since the last install.
# Installs Debian's nodejs and npm when missing and we are root.
# Prints status lines to stderr. Returns non-zero on failure.

_portal_node_ensure() {
    local root lock stamp want have
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    lock="$root/package-lock.json"
    stamp="$root/node_modules/.portal-lock.sha256"
    if ! command -v npm >/dev/null 2>&1; then
        if [ "$(id -u)" != 0 ]; then
            echo "node: npm is not installed and we are not root; apt-get install nodejs npm" >&2
            return 1
        fi
        echo "node: installing Debian's nodejs and npm (apt-get)..." >&2
        { apt-get -o DPkg::Lock::Timeout=600 update -q &&
            DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
                --no-install-recommends nodejs npm; } >/dev/null 2>&1 || {
            echo "node: apt-get install nodejs npm failed" >&2
            return 1
        }
    fi
    want="$(sha256sum "$lock" | cut -d' ' -f1)"
    have="$(cat "$stamp" 2>/dev/null || true)"
    if [ "$want" = "$have" ] && [ -f "$root/node_modules/axe-core/axe.min.js" ]; then
        echo "node: package-lock.json unchanged, nothing to install" >&2
        return 0
    fi
    echo "node: npm ci (package-lock.json)..." >&2
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) >&2 || return 1
    echo "$want" >"$stamp"
}
