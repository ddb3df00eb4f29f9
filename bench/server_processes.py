"""Starting and stopping the servers a benchmark runs (gunicorn, nginx, Varnish, Redis, wrk).

Shared by bench/http_bench.py, bench/soak.py, bench/page_speed.py and
bench/admin_guard.py (issue #24: it was written twice), with the demo database the
last two use. Each process starts in a session of its own, listening on
127.0.0.1 only, and :func:`processes_stop` stops every one of them by its id, on exit
or Ctrl-C (:func:`signals_handle`).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

processes: list[subprocess.Popen] = []


def processes_stop(*_args) -> None:
    """Stop every process this benchmark started (each in its own session), by its id,
    the last started first."""
    while processes:
        process = processes.pop()
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    continue
                process.wait()


def _interrupted(signum, _frame):
    processes_stop()
    raise SystemExit(128 + signum)


def signals_handle() -> None:
    """Ctrl-C and SIGTERM stop the processes before the benchmark exits."""
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _interrupted)


def start(command: list[str], *, log: Path, env: dict | None = None, cwd: Path | None = None) -> subprocess.Popen:
    handle = open(log, "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                               start_new_session=True)
    processes.append(process)
    return process


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(port: int, process: subprocess.Popen, log: Path, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{process.args[0]} did not start on port {port}:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)


def executable(name: str) -> str | None:
    return shutil.which(name) or next(
        (path for path in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.access(path, os.X_OK)), None
    )


def packages_ensure(needed: dict[str, str]) -> dict[str, str]:
    """The path of each executable of ``needed`` (executable → Debian package); run as
    root, the missing packages are installed with apt-get, otherwise named."""
    missing = sorted({package for name, package in needed.items() if not executable(name)})
    if missing:
        if os.geteuid() != 0:
            raise SystemExit(f"missing: apt-get install {' '.join(missing)}")
        print(f"installing {' '.join(missing)} (apt-get)...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    return {name: executable(name) for name in needed}


def demo_database_ensure(database: Path, env: dict, *, accounts: bool = True, media: Path | None = None) -> None:
    """The demo province (migrate + ``seed_demo``, settings.dev) in the SQLite file
    ``database``, built once (several minutes) and reused; delete it to rebuild. A
    reused file is migrated first: one built before a new migration answers 503."""
    if database.exists():
        env = {**env, "DJANGO_SETTINGS_MODULE": "settings.dev", "DATABASE_URL": f"sqlite:///{database}"}
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        return
    print(f"building the demo database {database} (migrate + seed_demo, several minutes)...", flush=True)
    building = database.with_suffix(".building")
    building.unlink(missing_ok=True)
    if media is not None:
        shutil.rmtree(media, ignore_errors=True)
    env = {**env, "DJANGO_SETTINGS_MODULE": "settings.dev", "DATABASE_URL": f"sqlite:///{building}"}
    seed = ["seed_demo", "--no-progress", *(() if accounts else ("--no-accounts",))]
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", *seed], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    building.rename(database)
