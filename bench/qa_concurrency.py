"""Benchmark: 50 questions sent at the same moment to the Q&A API (issue #6, Điều 13).

Run: ``.venv/bin/python bench/qa_concurrency.py`` (a fresh SQLite file in a temporary
folder), or ``BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/qa_concurrency.py``
against an empty PostgreSQL database created for the purpose.

It migrates the database, provisions a small province (province, one department, one
district, two communes; no section skeleton), starts the application over real HTTP
on 127.0.0.1 (gunicorn, gthread workers, when installed; else ``manage.py runserver
--noreload``), and sends ``BENCH_REQUESTS`` (default 50) ``POST /api/v2/qa/questions/``
from as many threads released together, each question carrying a unique marker. The
per-IP rate limit is off for the run (``QA_SUBMISSIONS_PER_IP=0``); no DMS is
configured. It prints throughput, latency p50/p95/max and the status codes, then checks
in the database that exactly BENCH_REQUESTS petitions exist, with as many distinct
markers and tracking codes as accepted responses: none lost, none duplicated. It exits
non-zero when that check fails.

SQLite: with Django's default deferred transactions, concurrent submissions failed with
"database is locked" (26 of 50 answered 500 on 2026-11-27); settings/base.py now opens
SQLite transactions IMMEDIATE, with WAL and a 20 s busy timeout, so writers queue
instead of failing. PostgreSQL needs nothing of the kind.

``BENCH_WORKERS`` (default 2) and ``BENCH_THREADS`` (default 8) size gunicorn;
``BENCH_WARMUP`` (default 16) questions are sent first, together, and not measured;
``BENCH_SETTINGS`` names another settings module (default ``settings.dev``).
"""

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
THREADS = os.environ.get("BENCH_THREADS", "8")
WARMUP = int(os.environ.get("BENCH_WARMUP", "16"))
HOST = "xa-a.bacninh.gov.vn"


def environment(tmp: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"),
        DJANGO_SETTINGS_MODULE=os.environ.get("BENCH_SETTINGS", "settings.dev"),
        DEBUG="false",
        LOG_LEVEL="WARNING",
        MEDIA_ROOT=f"{tmp}/media",
        QA_SUBMISSIONS_PER_IP="0",
        DMS_WEBHOOK_URL="",
        PYTHONUNBUFFERED="1",
    )
    return env


def prepare() -> None:
    """Migrate and provision, in this process (the server is started afterwards)."""
    import django

    django.setup()
    from django.core.management import call_command

    from tenants.provisioning import UnitRow, portals_provision

    call_command("migrate", verbosity=0)
    rows = [
        UnitRow(2, "bacninh", "province", "UBND tỉnh Bắc Ninh", "Bắc Ninh", "bacninh.gov.vn", None),
        UnitRow(3, "sotuphap", "department", "Sở Tư pháp", "Sở Tư pháp", "sotuphap.bacninh.gov.vn", "bacninh"),
        UnitRow(4, "tiendu", "district", "Huyện Tiên Du", "Tiên Du", "tiendu.bacninh.gov.vn", "bacninh"),
        UnitRow(5, "xa-a", "commune", "Xã Thử Nghiệm A", "Thử Nghiệm A", HOST, "tiendu"),
        UnitRow(6, "xa-b", "commune", "Xã Thử Nghiệm B", "Thử Nghiệm B", "xa-b.bacninh.gov.vn", "tiendu"),
    ]
    portals_provision(rows, with_sections=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_start(env: dict[str, str], port: int, log) -> tuple[subprocess.Popen, str]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if gunicorn.exists():
        command = [str(gunicorn), "settings.wsgi:application", "--bind", f"127.0.0.1:{port}",
                   "--workers", WORKERS, "--threads", THREADS, "--worker-class", "gthread",
                   "--backlog", "256", "--log-level", "warning"]
        name = f"gunicorn ({WORKERS} workers × {THREADS} threads)"
    else:
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
        name = "manage.py runserver --noreload"
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped at start, see {log.name}")
        try:
            urllib.request.urlopen(
                urllib.request.Request(f"http://127.0.0.1:{port}/api/v2/qa/questions/0000000000/",
                                       headers={"Host": HOST}), timeout=5)
        except urllib.error.HTTPError:
            return process, name  # 404: the app answers
        except OSError:
            time.sleep(0.5)
        else:
            return process, name
    raise SystemExit("the server did not answer within 120 s")


def question(marker: str) -> bytes:
    return json.dumps({
        "sender_name": "Người Thử Tải",
        "sender_address": "Thôn Đông, xã Thử Nghiệm A, huyện Tiên Du",
        "sender_phone": "0912 345 678",
        "sender_email": "thu.tai@example.vn",
        "subject": f"Câu hỏi thử tải {marker}",
        "content": "Xin hỏi thủ tục chứng thực bản sao từ bản chính cần giấy tờ gì ạ? "
        f"Mã đánh dấu {marker}.",
        "field": "Tư pháp",
    }, ensure_ascii=False).encode()


def send_all(port: int, markers: list[str]) -> tuple[list[dict], float]:
    results: list[dict] = [{} for _ in markers]
    barrier = threading.Barrier(len(markers) + 1)

    def one(index: int, marker: str) -> None:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v2/qa/questions/", data=question(marker), method="POST",
            headers={"Host": HOST, "Content-Type": "application/json", "Accept-Language": "en"},
        )
        barrier.wait()
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        except OSError as error:
            status, body = 0, str(error).encode()
        results[index] = {"marker": marker, "status": status, "seconds": time.perf_counter() - started,
                          "body": body.decode("utf-8", "replace")}

    threads = [threading.Thread(target=one, args=(i, m)) for i, m in enumerate(markers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> int:
    tmp = tempfile.mkdtemp(prefix="qa-bench-")
    env = environment(tmp)
    os.environ.update(env)
    started = time.perf_counter()
    prepare()
    print(f"database: {env['DATABASE_URL']} — migrated and provisioned in {time.perf_counter() - started:.1f} s")

    from django.db import connection

    connection.close()  # the server's workers write now; this process only reads at the end
    port = free_port()
    log = open(Path(tmp) / "server.log", "w+")
    process, name = server_start(env, port, log)
    print(f"server: {name} on 127.0.0.1:{port}")
    run = uuid.uuid4().hex[:8].upper()
    markers = [f"BENCH{run}N{i:03d}" for i in range(REQUESTS)]
    try:
        # Warm-up, not measured nor counted: every worker thread imports the views and
        # opens its database connection on its first request.
        send_all(port, [f"WARMUP{run}N{i:03d}" for i in range(WARMUP)])
        results, wall = send_all(port, markers)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    statuses: dict[int, int] = {}
    for result in results:
        statuses[result["status"]] = statuses.get(result["status"], 0) + 1
    accepted = [r for r in results if r["status"] == 201]
    latencies = sorted(r["seconds"] * 1000 for r in results)
    print(f"{REQUESTS} concurrent POST /api/v2/qa/questions/ in {wall:.2f} s: "
          f"{REQUESTS / wall:.1f} req/s; latency p50 {percentile(latencies, 50):.0f} ms, "
          f"p95 {percentile(latencies, 95):.0f} ms, max {latencies[-1]:.0f} ms")
    print(f"status codes: {dict(sorted(statuses.items()))}; accepted {len(accepted)}")
    for failed in [r for r in results if r["status"] != 201][:5]:
        print(f"  {failed['marker']}: {failed['status']} {failed['body'][:300]}")

    from qa.models import Petition

    stored = list(Petition.objects.filter(subject__contains=f"BENCH{run}").values_list("subject", "tracking_code"))
    stored_markers = {subject.rsplit(" ", 1)[-1] for subject, _ in stored}
    codes = {code for _, code in stored}
    answered_codes = {json.loads(r["body"])["tracking_code"] for r in accepted}
    checks = {
        f"exactly {REQUESTS} petitions stored": len(stored) == REQUESTS,
        f"{REQUESTS} distinct markers": stored_markers == set(markers),
        f"{REQUESTS} distinct tracking codes": len(codes) == REQUESTS,
        "every accepted response's code is stored": answered_codes <= codes and len(answered_codes) == len(accepted),
    }
    print(f"database: {len(stored)} petitions, {len(stored_markers)} distinct markers, {len(codes)} distinct codes")
    for check, passed in checks.items():
        print(f"  {'ok  ' if passed else 'FAIL'} {check}")
    print(f"server log: {log.name}")
    return 0 if all(checks.values()) and len(accepted) == REQUESTS else 1


if __name__ == "__main__":
    sys.exit(main())
