"""Soak test for issue #9 item 5 ("Load"): public reads, searches and Q&A submissions
together for 5 minutes against gunicorn on PostgreSQL + OpenSearch. One command:

    .venv/bin/python bench/soak.py                    # 300 s of load
    BENCH_SOAK_SECONDS=60 .venv/bin/python bench/soak.py

Not part of the test suite. Run as root on a Debian machine (like bench/http_bench.py):
it installs a missing ``wrk`` or ``redis-server`` with apt-get.

Set-up (printed as it goes):

1. PostgreSQL and OpenSearch through ``scripts/services/{postgres,opensearch}.sh``,
   started only if they are not running; the ones started here are stopped at the end,
   on failure and on Ctrl-C too.
2. A fresh database ``portal_soak`` on that PostgreSQL, cloned (``CREATE DATABASE …
   TEMPLATE``, seconds) from ``portal_soak_template``: migrated, ``seed_demo`` (154 portals
   with their demo content) and ``BENCH_SOAK_PAGES`` (3000) more live news and
   legal-document pages spread over the portals with bench/scale.py's bulk writer. The
   template is built the first time (or when migrations, the page count or the demo file
   change, or with ``BENCH_SOAK_REBUILD=1``); later runs reuse it.
3. ``rebuild_search_index`` into OpenSearch (index prefix ``portal_soak_``), every run.
4. Redis (the shared cache of docs/deploy.md) and gunicorn, 2 sync workers
   (``BENCH_WORKERS``), ``--timeout 60``, no ``--max-requests`` (worker recycling would
   hide memory growth), with ``bench/soak_settings.py`` = ``settings.production`` as
   deployed: DEBUG off, app cache on in Redis, tasks queued in the database. The one
   change for the bench: ``QA_SUBMISSIONS_PER_IP=0`` turns off the Q&A per-IP rate limit
   (every submission comes from 127.0.0.1; the production limit, 10 an hour, would answer
   429 from the 11th on).

Load: three wrk processes at once for ``BENCH_SOAK_SECONDS`` (300), each with a Lua
script that rotates through its URLs (each with its portal's Host), counts answers by
status and ``X-App-Cache`` (HIT/MISS) and prints its latency percentiles as JSON:

(a) reads: ``BENCH_SOAK_READ_CONNECTIONS`` (4) connections over ~700 URLs of the 8
    portals with most pages: API page detail, API listings (news/legal documents,
    offsets), HTML pages, section indexes and home pages;
(b) searches: ``BENCH_SOAK_SEARCH_CONNECTIONS`` (2) connections over ~1,000 Vietnamese
    queries, each with and without diacritics, through ``/api/v2/search/?q=`` and the
    HTML page ``/tim-kiem/?q=``; API answers are checked to come from OpenSearch (not the
    database fallback the search service switches to when the engine is down);
(c) Q&A: ``BENCH_SOAK_QA_CONNECTIONS`` (2) connections POSTing valid questions to
    ``/api/v2/qa/questions/`` (JSON; subject and content vary; 5 portals), each waiting
    ``BENCH_SOAK_QA_DELAY_MS`` (250) ms between requests; the tracking codes of the 201
    answers are collected.

wrk is closed-loop: each connection sends its next request when the previous answer
arrived, so the 8 connections keep both workers busy the whole time and the latencies
include the wait in gunicorn's queue (about connections / workers requests deep).

Memory (RSS and PSS, from /proc): gunicorn master + workers, PostgreSQL (postmaster, its
background processes and the backends of ``portal_soak``; not other databases'
sessions) and OpenSearch (the whole JVM, whoever else uses the node), at the start, every
``BENCH_SOAK_SAMPLE_SECONDS`` (30) and at the end.

Afterwards: petitions stored in the database for this run vs 201 answers (and every
acknowledged tracking code stored), tracebacks and worker timeouts in gunicorn's log,
and one table. Exit status 1 on any 5xx, socket error or timeout, lost submission,
search answered by the fallback, or traceback.
"""

import argparse
import atexit
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import http_bench  # noqa: E402 - process helpers, shared with the HTTP benchmark
from server_processes import free_port, processes, processes_stop, start, wait_listening  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "300"))
PAGES = int(os.environ.get("BENCH_SOAK_PAGES", "3000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
READ_CONNECTIONS = int(os.environ.get("BENCH_SOAK_READ_CONNECTIONS", "4"))
SEARCH_CONNECTIONS = int(os.environ.get("BENCH_SOAK_SEARCH_CONNECTIONS", "2"))
QA_CONNECTIONS = int(os.environ.get("BENCH_SOAK_QA_CONNECTIONS", "2"))
QA_DELAY_MS = int(os.environ.get("BENCH_SOAK_QA_DELAY_MS", "250"))
SAMPLE_SECONDS = int(os.environ.get("BENCH_SOAK_SAMPLE_SECONDS", "30"))
DATABASE = "portal_soak"
TEMPLATE = "portal_soak_template"
INDEX_PREFIX = "portal_soak_"
SERVICES = ROOT / "scripts" / "services"
READ_PORTALS = 8
QA_PATH = "/api/v2/qa/questions/"
TEMPLATE_VERSION = 1

# --- wrk scripts ----------------------------------------------------------------------

LUA_COMMON = r"""
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  hits = 0
  misses = 0
  engine = 0
  fallback = 0
  empty = 0
  codes = {}
  counter = (tid - 1) * 7919
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local cache = headers["X-App-Cache"]
  if cache == "HIT" then hits = hits + 1 elseif cache == "MISS" then misses = misses + 1 end
  -- The search API says "notice": null when the engine answered, a text when the
  -- database fallback did (OpenSearch unreachable).
  if string.find(body, '"notice":null', 1, true) then engine = engine + 1
  elseif string.find(body, '"notice":"', 1, true) then fallback = fallback + 1 end
  if string.sub(body, 1, 10) == '{"count":0' then empty = empty + 1 end
  if status == 201 then
    local code = string.match(body, '"tracking_code"%s*:%s*"([^"]+)"')
    if code then codes[#codes + 1] = code end
  end
end

function done(summary, latency, requests)
  local all, h, m, acked, en, fb, em = {}, 0, 0, {}, 0, 0, 0
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do all[status] = (all[status] or 0) + n end
    h = h + t:get("hits")
    m = m + t:get("misses")
    en = en + t:get("engine")
    fb = fb + t:get("fallback")
    em = em + t:get("empty")
    for _, code in ipairs(t:get("codes")) do acked[#acked + 1] = code end
  end
  local parts = {}
  for status, n in pairs(all) do parts[#parts + 1] = string.format('"%d": %d', status, n) end
  local f = io.open(CODES_FILE, "w")
  for _, code in ipairs(acked) do f:write(code, "\n") end
  f:close()
  local e = summary.errors
  io.write(string.format('SOAKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, '
    .. '"p90_us": %d, "p99_us": %d, "max_us": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"timeout": %d, "statuses": {%s}, "hits": %d, "misses": %d, "acked": %d, '
    .. '"engine": %d, "fallback": %d, "empty": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.timeout, table.concat(parts, ", "),
    h, m, #acked, en, fb, em))
end
"""

LUA_GET = r"""
CODES_FILE = %(codes_file)s
local entries = {
%(entries)s
}

function request()
  counter = counter + 1
  local entry = entries[(counter %% #entries) + 1]
  return wrk.format("GET", entry[1], {["Host"] = entry[2]})
end
"""

LUA_QA = r"""
CODES_FILE = %(codes_file)s
local hosts = {%(hosts)s}
local subjects = {%(subjects)s}
local questions = {%(questions)s}
local places = {%(places)s}
local marker = %(marker)s

function request()
  counter = counter + 1
  local n = counter
  local subject = subjects[(n %% #subjects) + 1]
  local body = string.format('{"sender_name": "Người Thử Tải %%d", "sender_address": "Thôn %%s, tỉnh Bắc Ninh", '
    .. '"sender_phone": "09%%08d", "sender_email": "thu.tai.%%d.%%d@example.vn", '
    .. '"subject": "%%s %%s-%%d-%%d", "content": "%%s Câu hỏi số %%d của luồng %%d, gửi lúc %%d.", '
    .. '"field": "Hành chính", "anonymous": %%s}',
    n, places[(n %% #places) + 1], (tid * 1000000 + n) %% 100000000, tid, n,
    subject, marker, tid, n, questions[(n %% #questions) + 1], n, tid, os.time(),
    (n %% 3 == 0) and "true" or "false")
  return wrk.format("POST", "%(path)s", {["Host"] = hosts[(n %% #hosts) + 1],
    ["Content-Type"] = "application/json", ["Accept-Language"] = "vi"}, body)
end

function delay()
  return %(delay)d
end
"""

SUBJECTS = ["Hỏi về thủ tục cấp giấy phép xây dựng", "Hỏi về chứng thực bản sao", "Đề nghị sửa đường liên thôn",
            "Hỏi về hồ sơ đăng ký kinh doanh", "Hỏi về học phí năm học mới", "Kiến nghị về thu gom rác thải",
            "Hỏi về bảo hiểm y tế hộ gia đình", "Hỏi về cấp đổi giấy chứng nhận quyền sử dụng đất"]
QUESTIONS = [
    "Xin hỏi hồ sơ cần những giấy tờ gì và nộp ở đâu, thời gian giải quyết là bao nhiêu ngày làm việc ạ?",
    "Gia đình tôi muốn biết lệ phí phải nộp là bao nhiêu và có thể nộp trực tuyến qua cổng dịch vụ công không?",
    "Đề nghị Ủy ban nhân dân xem xét và trả lời giúp người dân trong thôn về kế hoạch thực hiện trong năm nay.",
    "Tôi đã nộp hồ sơ từ tháng trước nhưng chưa nhận được kết quả, xin cho biết hồ sơ đang được xử lý ở bước nào?",
    "Xin cơ quan hướng dẫn cụ thể trình tự các bước thực hiện và mẫu đơn cần điền để gia đình tôi chuẩn bị trước.",
]
PLACES = ["Đông", "Đoài", "Trung", "Thượng", "Hạ", "Phù Lưu", "Đình Bảng"]
SEARCH_TERMS = [
    "thông báo", "đầu tư", "hội nghị", "kế hoạch", "phát triển", "kinh tế", "xã hội", "giáo dục", "y tế",
    "giao thông", "nông nghiệp", "môi trường", "cải cách hành chính", "văn hóa", "du lịch", "quy hoạch",
    "đất đai", "văn bản", "quyết định", "tin tức", "Bắc Ninh", "Tiên Du", "Sở Tư pháp", "chỉ thị", "nghị quyết",
    "dịch vụ công", "thủ tục", "UBND tỉnh", "an toàn giao thông", "chuyển đổi số", "phòng chống thiên tai",
]


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics, as typed on a keyboard without them."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def lua_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid Lua string here


# --- Services -------------------------------------------------------------------------

started_services: list[str] = []


def service_env(name: str) -> dict[str, str]:
    """Start the service via its script unless it runs; parse its ``export`` lines."""
    script = str(SERVICES / f"{name}.sh")
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "OPENSEARCH_URLS")}
    if subprocess.run([script, "status"], env=clean, capture_output=True).returncode == 0:
        print(f"{name}: already running (left running at the end)", flush=True)
        command = "env"
    else:
        print(f"{name}: starting with {script} start ...", flush=True)
        command = "start"
    result = subprocess.run([script, command], env=clean, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{script} {command} failed:\n{result.stderr[-3000:]}")
    if command == "start":
        started_services.append(name)
    return dict(re.findall(r"^export (\w+)=(\S+)$", result.stdout, re.M))


def services_stop() -> None:
    while started_services:
        name = started_services.pop()
        print(f"{name}: stopping (started by this run)", flush=True)
        subprocess.run([str(SERVICES / f"{name}.sh"), "stop"], capture_output=True)


# --- Database -------------------------------------------------------------------------


def template_fingerprint() -> str:
    import scale

    demo = (ROOT / "tenants" / "data" / "bacninh_2021.yaml").read_bytes()
    import hashlib

    return json.dumps({"migrations": scale._migrations_fingerprint(), "pages": PAGES, "version": TEMPLATE_VERSION,
                       "demo": hashlib.sha256(demo).hexdigest()[:12]}, sort_keys=True)


def admin_connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def database_prepare(server_url: str, env: dict) -> str:
    """A fresh ``portal_soak`` cloned from the template (built first if missing/stale)."""
    wanted = template_fingerprint()
    with admin_connect(server_url) as conn:
        row = conn.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                           (TEMPLATE,)).fetchone()
        fresh = row is not None and row[0] == wanted and not os.environ.get("BENCH_SOAK_REBUILD")
        if not fresh:
            building = f"{TEMPLATE}_building"
            print(f"database: building {TEMPLATE} (migrate, seed_demo, +{PAGES} pages; once, 4-8 min) ...", flush=True)
            started = time.perf_counter()
            conn.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{building}"')
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--prepare"], check=True, cwd=ROOT,
                           env={**env, "DATABASE_URL": with_database(server_url, building)})
            conn.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
            conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{TEMPLATE}"')
            conn.execute(f"COMMENT ON DATABASE \"{TEMPLATE}\" IS '{wanted}'")
            print(f"database: template built in {time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}" TEMPLATE "{TEMPLATE}"')
        print(f"database: {DATABASE} cloned from {TEMPLATE} in {time.perf_counter() - started:.1f} s", flush=True)
    return with_database(server_url, DATABASE)


def prepare() -> None:
    """(Subprocess, DATABASE_URL = the template being built.) Migrate, seed, scale."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    import scale

    # Writes below go to the database only; the engine's index is rebuilt by every run.
    settings.WAGTAILSEARCH_BACKENDS = {k: {**v, "AUTO_UPDATE": False} for k, v in settings.WAGTAILSEARCH_BACKENDS.items()}
    step = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"  migrated in {time.perf_counter() - step:.0f} s", flush=True)
    step = time.perf_counter()
    call_command("seed_demo", "--no-progress", "--no-accounts", stdout=open(os.devnull, "w"))
    print(f"  seed_demo in {time.perf_counter() - step:.0f} s", flush=True)
    step = time.perf_counter()
    scale._content_add(PAGES)
    problems = scale.tree_check()
    assert not problems, problems
    print(f"  +{PAGES} pages (bench/scale.py bulk writer) in {time.perf_counter() - step:.0f} s; tree check clean",
          flush=True)
    if "database" in settings.WAGTAILSEARCH_BACKENDS:
        step = time.perf_counter()
        # The database backend is the engine's fallback in production: filled too.
        call_command("update_index", backend_name="database", verbosity=0)
        print(f"  database search backend filled in {time.perf_counter() - step:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()


# --- Memory ---------------------------------------------------------------------------


def _proc_stat(pid: str) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _memory_kb(pid: str) -> tuple[int, int]:
    """(RSS, PSS) in kB of one process; (0, 0) if it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def _pids() -> list[str]:
    return [e.name for e in os.scandir("/proc") if e.name.isdigit()]


def gunicorn_pids(master: subprocess.Popen) -> list[str]:
    return [pid for pid in _pids() if (fields := _proc_stat(pid)) and int(fields[3]) == master.pid]


def postgres_pids(postmaster: str | None) -> list[str]:
    """The postmaster, its background processes and the backends serving ``portal_soak``
    (not the other databases' sessions: the cluster is shared with the test suite)."""
    if not postmaster:
        return []
    found = [postmaster]
    for pid in _pids():
        fields = _proc_stat(pid)
        if not fields or fields[1] != postmaster:
            continue
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        is_backend = "127.0.0.1(" in title or "[local]" in title
        if not is_backend or f" {DATABASE} " in title:
            found.append(pid)
    return found


def opensearch_pids() -> list[str]:
    found = []
    for pid in _pids():
        try:
            if b"org.opensearch.bootstrap.OpenSearch" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            continue
    return found


def postmaster_pid() -> str | None:
    cluster = os.environ.get("PORTAL_PG_CLUSTER", "portal")
    try:
        listing = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
    except OSError:
        return None
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[1] == cluster:
            try:
                return (Path(fields[5]) / "postmaster.pid").read_text().split()[0]
            except OSError:
                return None
    return None


def memory_sample(master: subprocess.Popen, postmaster: str | None, label: str) -> dict:
    sample = {"label": label, "at": time.monotonic()}
    for name, pids in (("gunicorn", gunicorn_pids(master)), ("postgres", postgres_pids(postmaster)),
                       ("opensearch", opensearch_pids())):
        sizes = [_memory_kb(pid) for pid in pids]
        sample[name] = {"processes": len(pids), "rss_mb": sum(s[0] for s in sizes) / 1024,
                        "pss_mb": sum(s[1] for s in sizes) / 1024}
    return sample


def memory_line(sample: dict, started: float) -> str:
    g, p, o = sample["gunicorn"], sample["postgres"], sample["opensearch"]
    return (f"  memory {sample['label']:>5} (t={sample['at'] - started:5.0f} s): gunicorn {g['processes']} processes "
            f"RSS {g['rss_mb']:6.1f} MB (PSS {g['pss_mb']:6.1f}); PostgreSQL {p['processes']} processes RSS "
            f"{p['rss_mb']:6.1f} MB (PSS {p['pss_mb']:6.1f}); OpenSearch RSS {o['rss_mb']:6.1f} MB")


# --- HTTP -----------------------------------------------------------------------------


def fetch(port: int, path: str, host: str, *, data: bytes | None = None) -> tuple[int, bytes]:
    headers = {"Host": host}
    if data is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# --- URLs -----------------------------------------------------------------------------


def read_entries() -> tuple[list[tuple[str, str]], list[str]]:
    """(path, host) of real pages of ``READ_PORTALS`` portals, the ones with most pages first."""
    from cms.models import LegalDocumentPage, NewsPage
    from tenants.models import Unit

    counts: dict[int, int] = {}
    for model in (NewsPage, LegalDocumentPage):
        for unit_id in model.objects.live().values_list("unit_id", flat=True):
            counts[unit_id] = counts.get(unit_id, 0) + 1
    ranked = sorted(counts, key=lambda u: (-counts[u], u))[:READ_PORTALS]
    units = sorted(Unit.objects.filter(pk__in=ranked), key=lambda u: ranked.index(u.pk))
    entries: list[tuple[str, str]] = []
    per_portal_pages = 120
    for unit in units:
        host = unit.hostname
        entries.append(("/", host))
        for model in (NewsPage, LegalDocumentPage):
            pages = list(model.objects.live().filter(unit=unit).order_by("pk")[:per_portal_pages])
            for page in pages:
                entries.append((f"/api/v2/pages/{page.pk}/", host))
                _site, _root, path = page.get_url_parts()
                entries.append((path, host))
            label = model._meta.label
            entries.extend((f"/api/v2/pages/?type={label}&limit=20&offset={offset}", host)
                           for offset in range(0, min(len(pages), 100), 20))
            parents = {p.get_parent().specific for p in pages[:1]}
            for parent in parents:
                entries.append((parent.get_url_parts()[2], host))
    # Interleave kinds and portals so every stretch of the rotation mixes them.
    import random

    random.Random(9).shuffle(entries)
    return entries, [u.hostname for u in units]


def search_entries(hosts: list[str]) -> list[tuple[str, str]]:
    queries = []
    for i, a in enumerate(SEARCH_TERMS):
        queries.append(a)
        for b in SEARCH_TERMS[i + 1:i + 9]:
            queries.append(f"{a} {b}")
    entries = []
    for n, query in enumerate(queries):
        for q in (query, ascii_fold(query)):
            host = hosts[n % len(hosts)]
            quoted = urllib.parse.quote(q)
            entries.append((f"/api/v2/search/?q={quoted}", host))
            entries.append((f"/tim-kiem/?q={quoted}", host))
    import random

    random.Random(10).shuffle(entries)
    return entries


def lua_entries(entries: list[tuple[str, str]]) -> str:
    return ",\n".join(f"  {{{lua_string(path)}, {lua_string(host)}}}" for path, host in entries)


def question_body(marker: str, n: int) -> bytes:
    return json.dumps({
        "sender_name": "Người Thử Tải", "sender_address": "Thôn Đông, tỉnh Bắc Ninh", "sender_phone": "0912345678",
        "subject": f"{SUBJECTS[n % len(SUBJECTS)]} {marker}-0-{n}", "content": QUESTIONS[n % len(QUESTIONS)],
        "field": "Hành chính",
    }, ensure_ascii=False).encode()


# --- wrk ------------------------------------------------------------------------------


def wrk_start(binary: str, kind: str, script: str, connections: int, port: int, workdir: Path) -> dict:
    path = workdir / f"{kind}.lua"
    path.write_text(LUA_COMMON + script)
    out = open(workdir / f"wrk-{kind}.out", "wb")  # noqa: SIM115 - closed by the caller
    command = [binary, "-t1", f"-c{connections}", f"-d{SECONDS}s", "--latency", "--timeout", "10s", "-s", str(path),
               f"http://127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    processes.append(process)
    return {"kind": kind, "process": process, "out": out, "log": workdir / f"wrk-{kind}.out",
            "codes": workdir / f"codes-{kind}.txt", "connections": connections}


def wrk_result(run: dict) -> dict:
    run["process"].wait()
    run["out"].close()
    processes.remove(run["process"])
    output = run["log"].read_text(errors="replace")
    match = re.search(r"SOAKJSON (\{.*\})", output)
    if not match:
        raise SystemExit(f"wrk ({run['kind']}) failed:\n{output[-3000:]}")
    result = json.loads(match.group(1))
    result["statuses"] = {int(k): v for k, v in result["statuses"].items()}
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["socket_errors"] = result["connect"] + result["read"] + result["write"]
    result["non2xx"] = sum(v for k, v in result["statuses"].items() if not 200 <= k < 300)
    result["5xx"] = sum(v for k, v in result["statuses"].items() if k >= 500)
    result["kind"] = run["kind"]
    result["connections"] = run["connections"]
    result["codes"] = run["codes"].read_text().split() if run["codes"].exists() else []
    return result


# --- The run --------------------------------------------------------------------------


def _interrupted(signum, _frame):
    raise SystemExit(128 + signum)  # atexit stops the processes and the services


def main() -> int:
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _interrupted)
    http_bench.NEEDED = {"wrk": "wrk", "redis-server": "redis-server"}
    tools = http_bench.tools_ensure()
    setup_started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="portal-soak-"))
    # atexit runs the last registered first: processes, then the temporary folder, then services.
    atexit.register(services_stop)
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    atexit.register(processes_stop)

    postgres = service_env("postgres")
    opensearch = service_env("opensearch")
    if "DATABASE_URL" not in postgres or "OPENSEARCH_URLS" not in opensearch:
        raise SystemExit(f"no DATABASE_URL / OPENSEARCH_URLS from the service scripts: {postgres} {opensearch}")

    redis_port, gunicorn_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "soak_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
        "SECRET_KEY": "bench-only-not-secret",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CACHE_KEY_PREFIX": "soak",
        "SEARCH_BACKEND": "opensearch2",
        "OPENSEARCH_URLS": opensearch["OPENSEARCH_URLS"],
        "SEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "QA_SUBMISSIONS_PER_IP": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("VARNISH_URL", None)
    env.pop("DMS_WEBHOOK_URL", None)
    log = workdir / "redis.log"
    redis = start([tools["redis-server"], "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--dir", str(workdir)], log=log)
    wait_listening(redis_port, redis, log)

    database_url = database_prepare(postgres["DATABASE_URL"], env)
    env["DATABASE_URL"] = database_url

    step = time.perf_counter()
    result = subprocess.run([sys.executable, "manage.py", "rebuild_search_index", "--verbosity", "0"], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"rebuild_search_index failed:\n{result.stderr[-3000:]}")
    print(f"search: rebuild_search_index into OpenSearch ({INDEX_PREFIX}*): {result.stdout.strip()} "
          f"in {time.perf_counter() - step:.0f} s", flush=True)

    gunicorn_log = workdir / "gunicorn.log"
    gunicorn = start([str(Path(sys.executable).parent / "gunicorn"), "settings.wsgi:application",
                      "--bind", f"127.0.0.1:{gunicorn_port}", "--workers", str(WORKERS), "--timeout", "60",
                      "--backlog", "2048", "--log-level", "warning"], log=gunicorn_log, env=env, cwd=ROOT)
    wait_listening(gunicorn_port, gunicorn, gunicorn_log)

    # URLs from the database, in this process (reads only).
    os.environ.update({k: v for k, v in env.items() if k not in ("PYTHONPATH",)})
    import django

    django.setup()
    from django.db import connection

    from qa.models import Petition

    reads, hosts = read_entries()
    searches = search_entries(hosts)
    qa_hosts = hosts[:5]
    run_marker = f"SOAK{uuid.uuid4().hex[:8].upper()}"

    # Warm-up and sanity: a sample of every kind answers 2xx (each worker imports views,
    # opens its connections); one question is sent and must be stored.
    bad = []
    for path, host in reads[:40] + searches[:12]:
        status, _body = fetch(gunicorn_port, path, host)
        if not 200 <= status < 300:
            bad.append((status, host, path))
    status, body = fetch(gunicorn_port, QA_PATH, qa_hosts[0], data=question_body(f"WARMUP{run_marker}", 0))
    if status != 201:
        bad.append((status, qa_hosts[0], f"POST {QA_PATH}: {body[:300]!r}"))
    if bad:
        raise SystemExit("warm-up requests failed:\n" + "\n".join(map(str, bad[:10])) +
                         f"\n{gunicorn_log.read_text()[-3000:]}")
    petitions_before = Petition.objects.count()
    connection.close()

    setup_seconds = time.perf_counter() - setup_started
    print(f"set-up done in {setup_seconds:.0f} s. gunicorn {WORKERS} sync workers, settings bench/soak_settings.py "
          f"(= settings.production: DEBUG off, app cache in Redis, tasks queued in the database; "
          f"QA_SUBMISSIONS_PER_IP=0: the Q&A rate limit is OFF for the soak); "
          f"database {DATABASE} on the portal PostgreSQL cluster; OpenSearch {opensearch['OPENSEARCH_URLS']}", flush=True)
    print(f"load for {SECONDS} s: reads {READ_CONNECTIONS} connections over {len(reads)} URLs of {len(hosts)} portals; "
          f"searches {SEARCH_CONNECTIONS} connections over {len(searches)} URLs (API + HTML, with and without "
          f"diacritics); Q&A {QA_CONNECTIONS} connections, {QA_DELAY_MS} ms pause each, marker {run_marker}",
          flush=True)

    postmaster = postmaster_pid()
    samples = [memory_sample(gunicorn, postmaster, "start")]
    load_started = samples[0]["at"]
    print(memory_line(samples[0], load_started), flush=True)
    lua_q = {"codes_file": lua_string(str(workdir / "codes-qa.txt"))}
    runs = [
        wrk_start(tools["wrk"], "reads", LUA_GET % {"codes_file": lua_string(str(workdir / "codes-reads.txt")),
                                                    "entries": lua_entries(reads)},
                  READ_CONNECTIONS, gunicorn_port, workdir),
        wrk_start(tools["wrk"], "searches", LUA_GET % {"codes_file": lua_string(str(workdir / "codes-searches.txt")),
                                                       "entries": lua_entries(searches)},
                  SEARCH_CONNECTIONS, gunicorn_port, workdir),
        wrk_start(tools["wrk"], "qa", LUA_QA % {
            **lua_q, "hosts": ", ".join(map(lua_string, qa_hosts)), "subjects": ", ".join(map(lua_string, SUBJECTS)),
            "questions": ", ".join(map(lua_string, QUESTIONS)), "places": ", ".join(map(lua_string, PLACES)),
            "marker": lua_string(run_marker), "path": QA_PATH, "delay": QA_DELAY_MS},
            QA_CONNECTIONS, gunicorn_port, workdir),
    ]
    stop = threading.Event()

    def sampler():
        n = 1
        while not stop.wait(max(0.0, load_started + n * SAMPLE_SECONDS - time.monotonic())):
            if time.monotonic() - load_started < SECONDS - 2:
                sample = memory_sample(gunicorn, postmaster, f"{n * SAMPLE_SECONDS}s")
                samples.append(sample)
                print(memory_line(sample, load_started), flush=True)
            n += 1

    thread = threading.Thread(target=sampler, daemon=True)
    thread.start()
    results = {run["kind"]: wrk_result(run) for run in runs}
    stop.set()
    thread.join()
    samples.append(memory_sample(gunicorn, postmaster, "end"))
    print(memory_line(samples[-1], load_started), flush=True)
    load_after = " ".join(Path("/proc/loadavg").read_text().split()[:3])

    # Submissions: every acknowledged one stored, nothing more, nothing twice.
    qa = results["qa"]
    stored = dict(Petition.objects.filter(subject__contains=f" {run_marker}-").values_list("tracking_code", "subject"))
    petitions_after = Petition.objects.count()
    acked = qa["codes"]
    acked_201 = qa["statuses"].get(201, 0)
    lost = sorted(set(acked) - set(stored))
    unacknowledged = sorted(set(stored) - set(acked))
    connection.close()

    log_text = gunicorn_log.read_text(errors="replace")
    tracebacks = log_text.count("Traceback (most recent call last)")
    timeouts = log_text.count("WORKER TIMEOUT")
    boots = len(re.findall(r"Booting worker", log_text))

    print_table(results, samples, stored=len(stored), acked_201=acked_201, acked_codes=len(acked), lost=lost,
                unacknowledged=unacknowledged, petitions=(petitions_before, petitions_after),
                tracebacks=tracebacks, timeouts=timeouts, setup_seconds=setup_seconds, load=(load_before, load_after))
    if tracebacks or timeouts:
        excerpt = log_text[log_text.find("Traceback"):][:2500] if tracebacks else log_text[-2500:]
        print(f"gunicorn log ({gunicorn_log}):\n{excerpt}")
    if boots:
        print(f"note: gunicorn log shows {boots} worker boot line(s) (a worker restarted)")

    failures = []
    if any(r["5xx"] for r in results.values()):
        failures.append("5xx answers")
    if any(r["socket_errors"] or r["timeout"] for r in results.values()):
        failures.append("socket errors or timeouts")
    # wrk stops at the deadline without reading the answers in flight: up to one
    # question per Q&A connection can be stored without its 201 having been counted.
    if lost or len(set(acked)) != acked_201 or not 0 <= len(unacknowledged) <= QA_CONNECTIONS:
        failures.append("submissions lost or not matched")
    if results["searches"]["fallback"] or not results["searches"]["engine"]:
        failures.append("searches not answered by OpenSearch")
    if tracebacks or timeouts:
        failures.append("tracebacks or worker timeouts in gunicorn's log")
    print("RESULT: " + ("FAILED: " + "; ".join(failures) if failures else "ok (no 5xx, no socket errors, "
                                                                          "nothing lost, no traceback)"))
    if failures:
        shutil.copyfile(gunicorn_log, Path(tempfile.gettempdir()) / "portal-soak-gunicorn.log")
        print(f"gunicorn log kept at {Path(tempfile.gettempdir()) / 'portal-soak-gunicorn.log'}")
    return 1 if failures else 0


def print_table(results, samples, *, stored, acked_201, acked_codes, lost, unacknowledged, petitions, tracebacks,
                timeouts, setup_seconds, load) -> None:
    print(f"\nsoak: {SECONDS} s, gunicorn {WORKERS} sync workers, PostgreSQL + OpenSearch + Redis, "
          f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"{'kind':10} {'conns':>5} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} "
          f"{'max ms':>7} {'non-2xx':>7} {'5xx':>5} {'sock err':>8} {'timeout':>7} {'app cache hit':>13}  statuses")
    total = {"requests": 0, "non2xx": 0, "5xx": 0, "socket_errors": 0, "timeout": 0}
    for kind, r in results.items():
        looked_up = r["hits"] + r["misses"]
        hit = f"{100 * r['hits'] / looked_up:.0f}%" if looked_up else "-"
        print(f"{kind:10} {r['connections']:5} {r['requests']:9} {r['rps']:7.1f} {r['p50_us'] / 1000:7.1f} "
              f"{r['p90_us'] / 1000:7.1f} {r['p99_us'] / 1000:7.1f} {r['max_us'] / 1000:7.0f} {r['non2xx']:7} "
              f"{r['5xx']:5} {r['socket_errors']:8} {r['timeout']:7} {hit:>13}  "
              f"{dict(sorted(r['statuses'].items()))}")
        for key in total:
            total[key] += r[key]
    print(f"{'all':10} {'':5} {total['requests']:9} {total['requests'] / SECONDS:7.1f} {'':7} {'':7} {'':7} {'':7} "
          f"{total['non2xx']:7} {total['5xx']:5} {total['socket_errors']:8} {total['timeout']:7}")
    first, last = samples[0], samples[-1]
    warm = samples[1] if len(samples) > 2 else first  # the first 30 s fill caches and import code
    print(f"\n{'memory (MB)':24} {'start':>8} {'end':>8} {'growth':>8} {'max':>8} {'growth after ' + warm['label']:>18}")
    for name, label in (("gunicorn", "gunicorn RSS (all)"), ("gunicorn", "gunicorn PSS (all)"),
                        ("postgres", "PostgreSQL RSS"), ("opensearch", "OpenSearch RSS")):
        key = "pss_mb" if "PSS" in label else "rss_mb"
        values = [s[name][key] for s in samples]
        print(f"{label:24} {first[name][key]:8.1f} {last[name][key]:8.1f} {last[name][key] - first[name][key]:+8.1f} "
              f"{max(values):8.1f} {last[name][key] - warm[name][key]:+18.1f}")
    print(f"samples: {len(samples)} ({', '.join(s['label'] for s in samples)})")
    print(f"\nQ&A submissions: {acked_201} answered 201 ({acked_codes} tracking codes read), {stored} stored for this "
          f"run; lost (acknowledged, not stored) {len(lost)}; stored but unacknowledged {len(unacknowledged)} (in flight "
          f"when wrk stopped; at most {QA_CONNECTIONS} expected); petitions in the database {petitions[0]} -> "
          f"{petitions[1]}")
    s = results["searches"]
    print(f"search API answers: {s['engine']} from OpenSearch, {s['fallback']} from the database fallback, "
          f"{s['empty']} with no result")
    print(f"gunicorn log: {tracebacks} tracebacks, {timeouts} worker timeouts")
    print(f"machine: {os.cpu_count()} cores, shared with wrk and the services; load average {load[0]} before, "
          f"{load[1]} after; set-up {setup_seconds:.0f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    if parser.parse_args().prepare:
        prepare()
    else:
        sys.exit(main())
