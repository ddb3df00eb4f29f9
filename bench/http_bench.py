"""Benchmark for issue #8: the public API over HTTP at 10,000 pages, one command.

    .venv/bin/python bench/http_bench.py

Runs about 2–3 minutes once the data exists (``bench/scale.py`` builds it the first time
into BENCH_DATABASE_URL, default sqlite:////tmp/bench-10k.sqlite3: 1–2 min on a quiet
machine, 5 when busy). Needs Debian's ``wrk``, ``nginx``, ``varnish`` and
``redis-server``; run as root it installs the missing ones with apt-get, otherwise it
names them. Every process it starts (Redis, gunicorn, varnishd, nginx, wrk) listens on
127.0.0.1 only and is stopped on exit, Ctrl-C included.

Set-up, like docs/deploy.md on one machine:

- a copy of the scaled database (the run publishes a change; the cached file stays as
  built), Redis as the shared app cache (``CACHE_URL``), gunicorn with 2 sync workers
  and ``bench/bench_settings.py`` = ``settings.production`` (DEBUG off, app cache on)
  plus Wagtail's stock pages API at /stock/;
- varnishd with ``deploy/varnish/default.vcl`` in front of gunicorn, and nginx
  (``deploy/nginx/bench.conf``) serving the listing's JSON saved to a file.

Measured with wrk (``BENCH_CONNECTIONS`` 50 connections, 2 threads, ``BENCH_SECONDS`` 10 s
per case; a Lua script rotates through the case's URLs and sends the portal's Host):

(a) gunicorn direct: our page detail and 20-item listing (repeated reads of 20 URLs each:
    app-cache hits after the first) against the stock endpoint on the same pages;
    targets: ≥10× the stock req/s, p99 ≤ 100 ms.
(b) Varnish (cache hits) against nginx serving the same bytes from disk, with the headers
    Django sent (``add_header``); target: Varnish ≥ half of nginx's req/s. Like for like
    twice (``deploy/nginx/bench.conf``): first both as Debian installs them, which is the
    issue's ceiling (nginx with Debian's nginx.conf: an access log, no open-file cache,
    ~35k req/s here as the issue says; Varnish with its shared-memory request log), then
    both tuned (nginx with an open-file cache, endless keep-alive and no access log;
    Varnish with its per-request log records masked), for information.
    Varnish and nginx run in turn, BENCH_ROUNDS (3) times each, and the median counts.
(c) While wrk loads Varnish with the news listing, a news title is edited and a revision
    published through Wagtail (which purges Varnish and the app cache); the listing is
    polled through Varnish every 50 ms until the new title shows. Target: ≤ 1 s.

All figures print in one table at the end. wrk shares the 2 cores with the servers, so
absolute figures are lower than a separate load generator would see; ratios are
measured under the same conditions.
"""

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from server_processes import (  # noqa: E402 - shared with bench/page_speed.py and bench/soak.py
    free_port,
    packages_ensure,
    processes,
    processes_stop,
    signals_handle,
    start,
    wait_listening,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
# Varnish vs nginx: runs of each, in turn; the median counts.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
URLS_PER_CASE = 20
POLL_SECONDS = 0.05
STALENESS_LIMIT = 15.0
NEEDED = {"wrk": "wrk", "nginx": "nginx", "varnishd": "varnish", "varnishadm": "varnish", "redis-server": "redis-server"}
# Varnish's per-request records in its shared-memory log (what varnishlog and
# varnishncsa read), masked to compare with nginx's ``access_log off``: formatting them
# is about a tenth of Varnish's CPU on a cache hit. Bans, errors and backend health stay.
VARNISH_REQUEST_LOG_TAGS = (
    "Begin", "End", "Link", "ReqStart", "ReqMethod", "ReqURL", "ReqProtocol", "ReqHeader", "ReqUnset", "ReqAcct",
    "RespProtocol", "RespStatus", "RespReason", "RespHeader", "RespUnset", "ObjProtocol", "ObjStatus", "ObjReason",
    "ObjHeader", "ObjUnset", "Timestamp", "Hit", "HitMiss", "HitPass", "Hash", "Length", "Storage", "TTL", "Filters",
    "VCL_call", "VCL_return", "VCL_acl", "VCL_use", "VCL_Log", "VdpAcct", "VfpAcct", "SessOpen", "SessClose",
    "BereqMethod", "BereqURL", "BereqProtocol", "BereqHeader", "BereqUnset", "BereqAcct", "BerespProtocol",
    "BerespStatus", "BerespReason", "BerespHeader", "BerespUnset", "BackendOpen", "BackendClose", "BackendReuse",
    "BackendStart", "Backend",
)
LISTING = "/api/v2/pages/?type=cms.LegalDocumentPage&limit=20"
NEWS_LISTING = "/api/v2/pages/?type=cms.NewsPage&limit=20"
WRK_LUA = """
local urls = {%(urls)s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", urls[(counter %% #urls) + 1], {["Host"] = "%(host)s"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCHJSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, '
    .. '"p50_us": %%d, "p99_us": %%d, "max_us": %%d, "errors": %%d, "non2xx": %%d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(99), latency.max, e.connect + e.read + e.write + e.timeout, e.status))
end
"""

# --- Processes ----------------------------------------------------------------------


def session_cpu_seconds(process: subprocess.Popen) -> float:
    """CPU time (user + system) of every live process in ``process``'s session (it was
    started in a new one: gunicorn's workers, varnishd's child, nginx's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == process.pid:  # field 6 of stat: the session id
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def tools_ensure() -> dict[str, str]:
    return packages_ensure(NEEDED)


# --- HTTP ---------------------------------------------------------------------------


def get(port: int, path: str, host: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
        return response.status, dict(response.headers), response.read()


def wait_idle(server: subprocess.Popen, *, limit: float = 30.0) -> float:
    """Wait until ``server``'s processes stop using CPU; the seconds waited.

    gunicorn's sync workers go on serving the requests wrk left in their backlog after it
    stopped (50 stock listings at ~90 ms of CPU each): measured next, Varnish shared the
    two cores with them and lost a third of its rate."""
    started = time.perf_counter()
    before = session_cpu_seconds(server)
    while time.perf_counter() - started < limit:
        time.sleep(0.5)
        now = session_cpu_seconds(server)
        if now - before < 0.02:
            break
        before = now
    return time.perf_counter() - started


def wrk(binary: str, port: int, urls: list[str], host: str, workdir: Path, *, seconds: int = SECONDS,
        server: subprocess.Popen | None = None) -> dict:
    script = workdir / "rotate.lua"
    script.write_text(WRK_LUA % {"urls": ", ".join(json.dumps(u) for u in urls), "host": host})
    command = [binary, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s",
               "-s", str(script), f"http://127.0.0.1:{port}"]
    cpu_before = session_cpu_seconds(server) if server else 0.0
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    processes.append(process)
    output = process.communicate()[0].decode()
    processes.remove(process)
    cpu = session_cpu_seconds(server) - cpu_before if server else 0.0
    match = re.search(r"BENCHJSON (\{.*\})", output)
    if not match:
        raise SystemExit(f"wrk failed:\n{output}")
    result = json.loads(match.group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    # Server CPU per request: independent of what else runs on the machine. 1000 / it
    # is the req/s one free core would serve (the load generator left aside).
    result["cpu_ms"] = cpu * 1000 / result["requests"] if server and result["requests"] else None
    return result


# Headers nginx writes itself, or that only concern one hop.
NGINX_OWN_HEADERS = {"date", "server", "content-length", "content-type", "connection", "keep-alive",
                     "transfer-encoding", "age", "accept-ranges", "via", "x-varnish", "x-cache"}


def nginx_add_headers(headers: dict) -> str:
    """``add_header`` lines for the headers of Django's answer that nginx does not send
    itself (``$`` would start an nginx variable: none of ours has one)."""
    lines = []
    for name, value in headers.items():
        if name.lower() in NGINX_OWN_HEADERS:
            continue
        assert "$" not in value, (name, value)
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'add_header {name} "{quoted}";')
    return "\n".join(lines) + "\n"


def median_round(results: list[dict]) -> dict:
    """The run with the median rate, and the spread of the rates."""
    ordered = sorted(results, key=lambda r: r["rps"])
    return {**ordered[len(ordered) // 2], "rps_range": (ordered[0]["rps"], ordered[-1]["rps"])}


# --- Django (this process publishes the change) -------------------------------------


def django_setup(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def news_publish(page_id: int, title: str) -> tuple[float | None, float | None]:
    """Publish a revision of the page with ``title``, as an editor's "Publish" does;
    returns when its transaction committed (the publish happened: the public could see
    it from then on) and when the purge (``caching.services.cache_purge_urls``, run on
    commit) finished, as ``time.perf_counter()``."""
    from django.db import transaction

    import caching.services as services
    from cms.models import NewsPage

    purged, committed = {}, {}
    original = services.cache_purge_urls

    def purge_timed(*, urls):
        original(urls=urls)
        purged["at"] = time.perf_counter()

    services.cache_purge_urls = purge_timed
    try:
        page = NewsPage.objects.get(pk=page_id)
        page.title = title
        with transaction.atomic():
            # Registered first: runs right after the commit, before the purges.
            transaction.on_commit(lambda: committed.setdefault("at", time.perf_counter()))
            page.save_revision().publish()
    finally:
        services.cache_purge_urls = original
    return committed.get("at"), purged.get("at")


# --- The run ------------------------------------------------------------------------


LOAD_BEFORE = ""


def main() -> None:
    global LOAD_BEFORE
    LOAD_BEFORE = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    signals_handle()
    tools = tools_ensure()

    import scale

    url = scale.database_ensure()
    host = scale.MEASURED_HOST
    workdir = Path(tempfile.mkdtemp(prefix="portal-http-bench-"))
    workdir.chmod(0o755)  # varnishd's and nginx's workers run as their own users
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    atexit.register(processes_stop)  # runs first (last registered): stop, then remove
    database = workdir / "bench.sqlite3"
    shutil.copyfile(scale._path_of(url), database)

    redis_port, gunicorn_port, varnish_port = free_port(), free_port(), free_port()
    nginx_stock_port, nginx_tuned_port = free_port(), free_port()
    env = {
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
        "SECRET_KEY": "bench-only-not-secret",
        "DATABASE_URL": f"sqlite:///{database}",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "VARNISH_URL": f"http://127.0.0.1:{varnish_port}",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }

    log = workdir / "redis.log"
    redis = start([tools["redis-server"], "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--dir", str(workdir)], log=log)
    wait_listening(redis_port, redis, log)

    log = workdir / "gunicorn.log"
    gunicorn = start([str(Path(sys.executable).parent / "gunicorn"), "settings.wsgi:application",
                      "--bind", f"127.0.0.1:{gunicorn_port}", "--workers", str(WORKERS), "--timeout", "60",
                      "--backlog", "2048", "--log-level", "warning"],
                     log=log, env={**os.environ, **env}, cwd=ROOT)
    wait_listening(gunicorn_port, gunicorn, log)

    vcl = workdir / "default.vcl"
    from caching.varnish import vcl_for_backend

    vcl.write_text(vcl_for_backend(host="127.0.0.1", port=gunicorn_port))
    vcl.chmod(0o644)
    log = workdir / "varnish.log"
    varnish = start([tools["varnishd"], "-F", "-a", f"127.0.0.1:{varnish_port}", "-f", str(vcl),
                     "-n", str(workdir / "varnish"), "-s", "malloc,256m"], log=log)
    wait_listening(varnish_port, varnish, log)

    django_setup(env)
    from cms.models import LegalDocumentPage, NewsPage
    from tenants.models import Unit

    unit = Unit.objects.get(hostname=host)
    detail_ids = list(LegalDocumentPage.objects.filter(unit=unit).order_by("pk").values_list("pk", flat=True)[:10])
    detail_ids += list(NewsPage.objects.filter(unit=unit).order_by("pk").values_list("pk", flat=True)[:10])
    offsets = [i * 20 for i in range(URLS_PER_CASE)]
    cases = {
        "detail": ([f"/api/v2/pages/{i}/" for i in detail_ids], [f"/stock/pages/{i}/" for i in detail_ids]),
        "listing": ([f"{LISTING}&offset={o}" for o in offsets], [f"{LISTING.replace('/api/v2/', '/stock/')}&offset={o}"
                                                                 for o in offsets]),
    }
    # Every URL answers 200, ours and stock alike, with the same pages.
    for ours, stock in cases.values():
        for a, b in zip(ours, stock):
            sa, headers, body_a = get(gunicorn_port, a, host)
            sb, _, body_b = get(gunicorn_port, b, host)
            assert sa == sb == 200, (a, sa, b, sb)
            assert json.loads(body_a).get("id", 0) == json.loads(body_b).get("id", 0)
    print(f"data: {url} (copied), measured portal {host}; gunicorn {WORKERS} workers (settings.production), "
          f"Redis app cache, wrk {CONNECTIONS} connections x {SECONDS} s per case", flush=True)

    def run(label: str, port: int, urls: list[str], server: subprocess.Popen) -> dict:
        wait_idle(gunicorn)  # every case starts on a quiet machine
        result = wrk(tools["wrk"], port, urls, host, workdir, server=server)
        result["label"] = label
        print(f"  {label:44} {result['rps']:9.0f} req/s  p50 {result['p50_us'] / 1000:7.1f} ms  "
              f"p99 {result['p99_us'] / 1000:7.1f} ms  server CPU {result['cpu_ms']:.2f} ms/req  "
              f"errors {result['errors']} non-2xx {result['non2xx']}", flush=True)
        return result

    print("(a) gunicorn direct: ours (app cache) vs Wagtail's stock API v2", flush=True)
    pairs = {}
    for name, (ours, stock) in cases.items():
        for path in ours:  # fill the app cache: the case measures repeated reads
            get(gunicorn_port, path, host)
        pairs[name] = (run(f"ours {name} (20 URLs, app cache)", gunicorn_port, ours, gunicorn),
                       run(f"stock {name} (same 20 pages)", gunicorn_port, stock, gunicorn))

    print("(b) Varnish vs nginx serving the same JSON from disk", flush=True)
    _, headers, listing_body = get(gunicorn_port, f"{LISTING}&offset=0", host)
    (workdir / "www").mkdir()
    (workdir / "www" / "listing.json").write_bytes(listing_body)
    prefix = workdir / "nginx"
    prefix.mkdir()
    (prefix / "headers.conf").write_text(nginx_add_headers(headers))
    conf = (ROOT / "deploy" / "nginx" / "bench.conf").read_text()
    conf = (conf.replace("@PREFIX@", str(prefix)).replace("@ROOT@", str(workdir / "www"))
            .replace("@PORT_STOCK@", str(nginx_stock_port)).replace("@PORT_TUNED@", str(nginx_tuned_port)))
    (prefix / "nginx.conf").write_text(conf)
    log = workdir / "nginx.log"
    nginx = start([tools["nginx"], "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf"),
                   "-g", "daemon off;"], log=log)
    wait_listening(nginx_stock_port, nginx, log)
    wait_listening(nginx_tuned_port, nginx, log)
    for _ in range(2):
        _, varnish_headers, body = get(varnish_port, f"{LISTING}&offset=0", host)
    assert varnish_headers.get("x-cache") == "HIT", varnish_headers
    assert body == listing_body

    def passed_on(h):
        return {k.lower(): v for k, v in h.items() if k.lower() not in NGINX_OWN_HEADERS | {"etag", "last-modified"}}

    for port in (nginx_stock_port, nginx_tuned_port):
        _, nginx_headers, body = get(port, "/listing.json", host)
        assert body == listing_body
        assert passed_on(nginx_headers) == passed_on(varnish_headers), (nginx_headers, varnish_headers)
    kb = f"{len(listing_body) / 1024:.1f} KB"
    varnish_case = (varnish_port, [f"{LISTING}&offset=0"], varnish)

    def alternate(varnish_label: str, nginx_label: str, nginx_port_: int) -> tuple[dict, dict]:
        """Varnish and nginx measured in turn, ROUNDS times each; the median round of
        each (their rates drift by ±10% from one 10 s run to the next on this machine)."""
        rounds = [(run(f"{varnish_label} #{n + 1}", *varnish_case), run(f"{nginx_label} #{n + 1}", nginx_port_,
                                                                      ["/listing.json"], nginx))
                  for n in range(ROUNDS)]
        return tuple({**median_round([r[side] for r in rounds]), "label": label}
                     for side, label in enumerate((varnish_label, nginx_label)))

    # Like for like: both as Debian installs them (the ceiling, with the target),
    # then both tuned: request logs off, nginx's open-file cache.
    stock = alternate(f"Varnish listing ({kb}, hit), as installed", "nginx from disk, Debian's settings",
                      nginx_stock_port)
    os.sync()  # nginx's access log goes to disk now, not during the next runs
    mask = ",".join(f"-{tag}" for tag in VARNISH_REQUEST_LOG_TAGS)
    subprocess.run([tools["varnishadm"], "-n", str(workdir / "varnish"), "param.set", "vsl_mask", mask], check=True,
                   stdout=subprocess.DEVNULL)
    tuned = alternate(f"Varnish listing ({kb}, hit), no request log", "nginx from disk, tuned, no access log",
                      nginx_tuned_port)
    for path in cases["detail"][0]:
        get(varnish_port, path, host)
    varnish_detail = run("Varnish detail (20 URLs, hits), no request log", varnish_port, cases["detail"][0], varnish)

    print("(c) staleness: publish a news title while wrk loads Varnish", flush=True)
    staleness = staleness_measure(tools["wrk"], varnish_port, host, workdir)

    print_table(pairs, (stock, tuned), varnish_detail, staleness, len(listing_body))


def staleness_measure(wrk_binary: str, port: int, host: str, workdir: Path) -> dict:
    _, _, body = get(port, NEWS_LISTING, host)
    items = json.loads(body)["items"]
    first = items[0]
    # A first publish in this process loads code and warms caches (1–2 s): not measured.
    news_publish(items[-1]["id"], items[-1]["title"])
    new_title = f"{first['title'][:60]} (cập nhật {int(time.time())})"
    get(port, NEWS_LISTING, host)  # cached in Varnish
    load = threading.Thread(target=lambda: result.update(wrk(wrk_binary, port, [NEWS_LISTING], host, workdir,
                                                              seconds=SECONDS)))
    result: dict = {}
    load.start()
    time.sleep(min(3, SECONDS / 3))
    seen = {}

    def poll():
        while time.perf_counter() - started < STALENESS_LIMIT:
            polled_at = time.perf_counter()
            _, headers, answer = get(port, NEWS_LISTING, host)
            if new_title in answer.decode():
                seen["at"] = time.perf_counter()  # when the answer showing it arrived
                seen["x-cache"] = headers.get("x-cache")
                return
            time.sleep(max(0.0, POLL_SECONDS - (time.perf_counter() - polled_at)))

    started = time.perf_counter()
    poller = threading.Thread(target=poll)
    poller.start()
    committed, purged = news_publish(first["id"], new_title)
    published = time.perf_counter()
    poller.join()
    load.join()
    staleness = {
        "publish_seconds": published - started,
        "committed_after": committed - started if committed else None,
        "purged_after": purged - started if purged else None,
        "seen_after_publish_started": seen["at"] - started if seen else None,
        "seen_after_commit": max(0.0, seen["at"] - committed) if seen and committed else None,
        "seen_after_purge": seen["at"] - purged if seen and purged else None,
        "load": result,
    }
    print(f"  publish (revision, commit, purges) took {staleness['publish_seconds']:.2f} s, committed after "
          + (f"{staleness['committed_after']:.2f} s" if committed else "NEVER")
          + ", purges done after "
          + (f"{staleness['purged_after']:.2f} s" if purged else "NEVER (no purge ran)")
          + "; new title through Varnish "
          + (f"{staleness['seen_after_publish_started']:.2f} s after publishing started"
             if seen else f"NOT seen within {STALENESS_LIMIT:.0f} s"), flush=True)
    if result:
        print(f"  wrk on the news listing meanwhile: {result['rps']:.0f} req/s, p99 {result['p99_us'] / 1000:.1f} ms, "
              f"errors {result['errors']} non-2xx {result['non2xx']}", flush=True)
    return staleness


def print_table(pairs, listing_pairs, varnish_detail, staleness, listing_bytes) -> None:
    def line(row, note=""):
        cpu = f"{row['cpu_ms']:8.2f} {1000 / row['cpu_ms']:9.0f}" if row.get("cpu_ms") else f"{'':8} {'':9}"
        print(f"{row['label']:44} {row['rps']:8.0f} {row['p50_us'] / 1000:8.1f} {row['p99_us'] / 1000:8.1f} {cpu}  {note}")

    print(f"\n{'case (wrk, ' + str(CONNECTIONS) + ' connections)':44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'CPU ms':>8} {'req/core':>9}  ratio (CPU ms = server CPU per request; req/core = 1000 / it)")
    for ours, stock in pairs.values():
        ratio = ours["rps"] / stock["rps"]
        met = ratio >= 10 and ours["p99_us"] <= 100_000
        cpu_ratio = f", {stock['cpu_ms'] / ours['cpu_ms']:.0f}x less CPU" if ours.get("cpu_ms") and stock.get("cpu_ms") else ""
        line(ours, f"{ratio:.1f}x stock req/s{cpu_ratio}; p99 {stock['p99_us'] / max(ours['p99_us'], 1):.1f}x lower "
                   f"(target ≥10x and p99 ≤100 ms: {'met' if met else 'NOT met'})")
        line(stock)
    for number, (varnish_listing, nginx_listing) in enumerate(listing_pairs):
        ratio = varnish_listing["rps"] / nginx_listing["rps"]
        low, high = varnish_listing["rps_range"]
        # The target is against the ceiling (the first pair); the tuned pair is
        # printed against the same bar, for information.
        bar = "target" if number == 0 else "for information, against the same bar"
        line(varnish_listing, f"{ratio:.2f}x nginx req/s ({bar} ≥0.5: {'met' if ratio >= 0.5 else 'NOT met'}); "
                              f"median of {ROUNDS} runs in turn, Varnish {low:.0f}–{high:.0f}, nginx "
                              f"{nginx_listing['rps_range'][0]:.0f}–{nginx_listing['rps_range'][1]:.0f}")
        line(nginx_listing, f"({listing_bytes} bytes, the same as Varnish serves)")
    line(varnish_detail)
    load = staleness["load"]
    if load:
        line({**load, "label": "Varnish news listing, publish during the run"})
    delay, from_start = staleness["seen_after_commit"], staleness["seen_after_publish_started"]
    # The target counts from the publish (its commit: from then on the public may ask for
    # the new version); the time from the editor's click is printed beside it.
    print(f"staleness: new title through Varnish "
          + ("never (within %.0f s)" % STALENESS_LIMIT if delay is None else f"{delay:.2f} s after the publish committed")
          + f" (target ≤ 1 s: {'met' if delay is not None and delay <= 1 else 'NOT met'})"
          + (f", {from_start:.2f} s after the publish started" if from_start is not None else "")
          + f"; the publish call took {staleness['publish_seconds']:.2f} s, "
          + (f"{staleness['seen_after_purge'] * 1000:.0f} ms from the end of the purges to the first poll showing it"
             if staleness["seen_after_purge"] is not None else "no purge time recorded"))
    rows = [*(x for pair in [*pairs.values(), *listing_pairs] for x in pair), varnish_detail]
    print(f"socket errors + non-2xx over all runs: {sum(r['errors'] + r['non2xx'] for r in rows)}")
    print(f"machine: {os.cpu_count()} cores, load average before the run {LOAD_BEFORE}")


if __name__ == "__main__":
    main()
