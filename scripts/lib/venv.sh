# shellcheck shell=bash
# Sourced helper (scripts/test sources it): make sure the project's virtualenv
# at <repo>/.venv exists and has requirements.txt installed.
#
# Why a hash stamp: `pip install -r` on an up-to-date venv still costs several
# seconds of resolver work; we only run it when requirements.txt (or the
# interpreter) changed since the last successful install.
#
# Prints one status line to stderr. Works under `set -euo pipefail`.
# Knobs: PYTHON (default python3.11).

_portal_venv_ensure() {
    local root venv req stamp py want_hash have_hash log t0
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    venv="$root/.venv"
    req="$root/requirements.txt"
    stamp="$venv/.portal-requirements.sha256"
    py="${PYTHON:-python3.11}"
    t0=$SECONDS

    if [ ! -f "$req" ]; then
        echo "venv: $req is missing" >&2
        return 1
    fi

    # A venv whose interpreter is gone (e.g. pyenv upgraded) or is not 3.11
    # is useless: rebuild it in place rather than failing obscurely later.
    if [ -e "$venv" ] && ! "$venv/bin/python" -c \
        'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        echo "venv: $venv is broken or not Python 3.11; recreating" >&2
        if ! command -v "$py" >/dev/null 2>&1; then
            echo "venv: $py not found on PATH" >&2
            return 1
        fi
        "$py" -m venv --clear "$venv"
    elif [ ! -e "$venv" ]; then
        if ! command -v "$py" >/dev/null 2>&1; then
            echo "venv: $py not found on PATH" >&2
            return 1
        fi
        "$py" -m venv "$venv"
    fi

    # Hash the requirements together with the exact interpreter version, so a
    # venv rebuilt on a different patch release reinstalls too.
    want_hash="$({ "$venv/bin/python" -c 'import sys; print(sys.version)'; cat "$req"; } \
        | sha256sum | cut -d' ' -f1)"
    have_hash="$(cat "$stamp" 2>/dev/null || true)"
    if [ "$want_hash" = "$have_hash" ]; then
        echo "venv: requirements unchanged, nothing to install" >&2
        return 0
    fi

    # Keep pip quiet on success; show its whole output only when it fails.
    log="$(mktemp "${TMPDIR:-/tmp}/portal-pip.XXXXXX")"
    if ! "$venv/bin/python" -m pip install --disable-pip-version-check \
        --no-input -q -r "$req" >"$log" 2>&1; then
        echo "venv: pip install -r requirements.txt FAILED:" >&2
        cat "$log" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
    echo "$want_hash" >"$stamp"
    echo "venv: installed requirements.txt into .venv ($((SECONDS - t0)) s)" >&2
}

_portal_venv_ensure
