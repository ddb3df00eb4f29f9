"""The cluster of docs/deploy.md on one machine, under load, with failures (issue #23
items 2-3). One command:

    .venv/bin/python bench/cluster.py                  # 10k pages, 5 minutes of load
    .venv/bin/python bench/cluster.py --minutes 1      # quick run: events every 12 s
    .venv/bin/python bench/cluster.py --pages 2000     # smaller data (own dump)

Not part of the test suite. Run as root on a Debian machine (PostgreSQL and OpenSearch
refuse root: they run as the ``postgres`` and ``opensearch`` users). Everything listens
on 127.0.0.1, on ports of its own (the shared test services are not touched), and
everything started here is stopped on exit, on error and on Ctrl-C (each process in its
own process group, stopped by its id; atexit + signal handlers).

The cluster (state under /var/lib/portal-bench-cluster, wiped at each start):

- PostgreSQL 15 primary (55431) + streaming hot standby (55432, ``pg_basebackup -R``);
- OpenSearch 2.19, three cluster-manager-eligible data nodes (http 9511-9513, transport
  9611-9613; the distribution unpacked by scripts/services/opensearch.sh), the page
  index with one replica per shard;
- Redis (63791, the app cache), S3Proxy (9561, media);
- two gunicorn app servers (8201, 8202; ``bench/cluster_settings.py`` =
  settings.production with the replica router on), the task worker (``db_worker``);
- nginx (8200) balancing the two (``max_fails``, ``proxy_next_upstream``), Varnish
  (8280) in front of nginx, which Wagtail purges on publish (VARNISH_URL).

Data: the demo province (``seed_demo``) plus ``--pages`` (10 000) live news and legal
pages (bench/scale.py's bulk writer), built once and kept as ``pg_dump -Fc`` in
/tmp/bench-cluster-<pages>.dump (with a .json fingerprint: migrations, pages); later
runs restore it (about a minute). The search index is rebuilt into the cluster at
every run.

Load (``--minutes``, default 5; the schedule scales with it): Python threads through
Varnish: reads (HTML and API pages, listings, home pages of 8 portals), searches (API and
HTML), Q&A posts (each with a unique marker in its subject), and an editor publishing a
news page every 10 s (revision publish in this process on the primary: the signals,
the app-cache invalidation and the Varnish purge run as in the admin). Events, at
fifths of the run: kill -9 OpenSearch node 3 (1/5), start it again (2/5); kill -9 app
server 2 (3/5) and start it again 5 s later; restart the replica (4/5, fast shutdown).

Printed (issue #23 item 3): errors (5xx, socket) and p50/p99 per kind per minute, the
seconds of the kill windows apart; Q&A posts acknowledged vs stored (lost, doubled);
search parity after the node's return (fixed queries, ids as before the kill, within
30 s); replica lag at each publish and stale reads (a page still showing the previous
version more than 1 s after its publish committed); RSS of each service at start and
end; and a final table of the targets with PASS/FAIL. Exit status 1 on any FAIL.
"""

import argparse
import atexit
import collections
import datetime
import hashlib
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BASE = Path("/var/lib/portal-bench-cluster")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PRIMARY, PG_REPLICA = 55431, 55432
OS_HTTP = [9511, 9512, 9513]
OS_TRANSPORT = [9611, 9612, 9613]
OS_VERSION = "2.19.6"
OS_HOME = Path(f"/var/lib/portal-opensearch/opensearch-{OS_VERSION}")  # unpacked by scripts/services/opensearch.sh
OS_HEAP = os.environ.get("BENCH_CLUSTER_OS_HEAP", "384m")
REDIS_PORT = 63791
S3_PORT = 9561
S3_JAR = Path.home() / ".cache/portal-services/downloads/s3proxy-2.7.0-jar-with-dependencies.jar"
APP_PORTS = [8201, 8202]
NGINX_PORT = 8200
VARNISH_PORT = 8280
APP_WORKERS = int(os.environ.get("BENCH_CLUSTER_WORKERS", "2"))
DATABASE = "portal"
INDEX_PREFIX = "cluster_"
PUBLISH_EVERY = 10.0
STALE_LIMIT = 1.0
PARITY_LIMIT = 30.0
KILL_WINDOW = 5.0  # seconds after a kill (or a restart's stop) whose errors are reported apart
READ_THREADS, SEARCH_THREADS, QA_THREADS = 4, 2, 1
QA_PAUSE = 0.25
QA_PATH = "/api/v2/qa/questions/"
DUMP_VERSION = 1

# --- Processes ------------------------------------------------------------------------

processes: dict[str, subprocess.Popen] = {}
LOGS = BASE / "logs"


def log(message: str) -> None:
    print(f"[{datetime.datetime.now(datetime.timezone.utc):%H:%M:%S}] {message}", flush=True)


def launch(name: str, command: list[str], *, env: dict | None = None, cwd: Path | None = None,
           user: str | None = None) -> subprocess.Popen:
    """Start ``command`` in a process group of its own (``runuser`` to ``user``), its
    output appended to logs/<name>.log."""
    if user:
        command = ["runuser", "-u", user, "--", *command]
    handle = open(LOGS / f"{name}.log", "ab")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                               start_new_session=True)
    processes[name] = process
    return process


def kill(name: str, sig: int = signal.SIGTERM, *, wait: float = 30) -> None:
    """Stop the process group of ``name`` (SIGKILL after ``wait`` seconds)."""
    process = processes.get(name)
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
    # The group may outlive its leader (runuser exits with its child, but be sure).
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def stop_all(*_args) -> None:
    for name in reversed(list(processes)):
        kill(name, signal.SIGINT if name.startswith("pg-") else signal.SIGTERM, wait=15)
    processes.clear()


def _interrupted(signum, _frame):
    raise SystemExit(128 + signum)  # atexit stops everything


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def wait_for(check, what: str, *, seconds: float = 120, name: str | None = None) -> float:
    started = time.monotonic()
    while not check():
        if name and processes[name].poll() is not None:
            raise SystemExit(f"{what}: process ended:\n{(LOGS / f'{name}.log').read_text(errors='replace')[-3000:]}")
        if time.monotonic() - started > seconds:
            tail = (LOGS / f"{name}.log").read_text(errors="replace")[-3000:] if name else ""
            raise SystemExit(f"{what}: not ready after {seconds:.0f} s\n{tail}")
        time.sleep(0.2)
    return time.monotonic() - started


def run(command: list[str], *, user: str | None = None, env: dict | None = None, cwd: Path | None = None) -> str:
    if user:
        command = ["runuser", "-u", user, "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd or "/")
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


# --- PostgreSQL -----------------------------------------------------------------------

PG_CONF = """
listen_addresses = '127.0.0.1'
unix_socket_directories = '{sockets}'
ssl = off
wal_level = replica
max_wal_senders = 5
hot_standby = on
hot_standby_feedback = on
max_connections = 200
shared_buffers = 128MB
fsync = off
full_page_writes = off
"""


def pg_url(port: int, database: str = DATABASE) -> str:
    return f"postgres://postgres@127.0.0.1:{port}/{database}"


def pg_start(name: str, datadir: Path, port: int) -> None:
    launch(name, [str(PG_BIN / "postgres"), "-D", str(datadir), "-p", str(port)], user="postgres")
    wait_for(lambda: subprocess.run([str(PG_BIN / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port)]).returncode
             == 0, f"PostgreSQL {name}", name=name)


def pg_primary_init() -> Path:
    datadir = BASE / "pg" / "primary"
    sockets = BASE / "pg" / "run"
    for d in (datadir, sockets):
        d.mkdir(parents=True)
    shutil.chown(BASE / "pg", "postgres", "postgres")
    for d in (datadir, sockets):
        shutil.chown(d, "postgres", "postgres")
    datadir.chmod(0o700)
    run([str(PG_BIN / "initdb"), "-D", str(datadir), "-U", "postgres", "-E", "UTF8", "--locale", "C.UTF-8",
         "--auth", "trust"], user="postgres")
    with open(datadir / "postgresql.conf", "a") as conf:
        conf.write(PG_CONF.format(sockets=sockets))
    # Loopback only, no password: a throwaway bench cluster.
    (datadir / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n"
                                         "host replication all 127.0.0.1/32 trust\n")
    pg_start("pg-primary", datadir, PG_PRIMARY)
    return datadir


def pg_replica_init() -> Path:
    datadir = BASE / "pg" / "replica"
    run([str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(PG_PRIMARY), "-U", "postgres", "-D",
         str(datadir), "-R", "-X", "stream", "-c", "fast"], user="postgres")
    pg_start("pg-replica", datadir, PG_REPLICA)
    return datadir


def psql(port: int, sql: str, database: str = DATABASE) -> str:
    return run([str(PG_BIN / "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(port),
                "-U", "postgres", "-d", database, "-c", sql])


def dump_fingerprint(pages: int) -> dict:
    import scale

    demo = (ROOT / "tenants" / "data" / "bacninh_2021.yaml").read_bytes()
    return {"migrations": scale._migrations_fingerprint(), "pages": pages, "version": DUMP_VERSION,
            "demo": hashlib.sha256(demo).hexdigest()[:12]}


def data_load(pages: int, env: dict) -> str:
    """Restore the dump of the demo + ``pages`` pages, or build it (once) and dump it."""
    dump = Path(f"/tmp/bench-cluster-{pages}.dump")
    meta = Path(f"{dump}.json")
    media = Path(f"/tmp/bench-cluster-{pages}.s3")
    wanted = dump_fingerprint(pages)
    psql(PG_PRIMARY, f'CREATE DATABASE "{DATABASE}"', database="postgres")
    started = time.monotonic()
    if dump.exists() and meta.exists() and json.loads(meta.read_text()) == wanted and media.is_dir():
        s3_start(media)
        run([str(PG_BIN / "pg_restore"), "-h", "127.0.0.1", "-p", str(PG_PRIMARY), "-U", "postgres", "-d", DATABASE,
             "-j", "2", "--no-owner", str(dump)])
        psql(PG_PRIMARY, "ANALYZE")
        how = f"restored from {dump}"
    else:
        shutil.rmtree(media, ignore_errors=True)
        s3_start(media)
        log(f"data: building the demo + {pages} pages (migrate, seed_demo, bulk pages; once, several minutes) ...")
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--prepare", "--pages", str(pages)],
                       check=True, cwd=ROOT, env={**env, "DATABASE_REPLICA_URL": ""})
        partial = dump.with_suffix(".building")
        run([str(PG_BIN / "pg_dump"), "-h", "127.0.0.1", "-p", str(PG_PRIMARY), "-U", "postgres", "-Fc", "-f",
             str(partial), DATABASE])
        os.replace(partial, dump)
        meta.write_text(json.dumps(wanted))
        how = f"built and dumped to {dump} (later runs restore it)"
    # seed_demo queued a search-index task per page it saved (the engine's index is
    # rebuilt below instead): a run must not start with thousands of tasks queued.
    queued = psql(PG_PRIMARY, "WITH d AS (DELETE FROM django_tasks_database_dbtaskresult RETURNING 1) SELECT count(*) FROM d")
    how += f"; {queued.strip()} queued tasks from the seeding dropped"
    # A dump older than a new migration: migrate it (cheap when nothing is new).
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], check=True, cwd=ROOT,
                   env={**env, "DATABASE_REPLICA_URL": ""})
    return f"{how} in {time.monotonic() - started:.0f} s"


def prepare(pages: int) -> None:
    """(Subprocess, DATABASE_URL = the primary.) Migrate, seed the demo, add pages."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    import scale

    # The engine's index is rebuilt by every run; only the database fallback is filled here.
    settings.WAGTAILSEARCH_BACKENDS = {k: {**v, "AUTO_UPDATE": False} for k, v in settings.WAGTAILSEARCH_BACKENDS.items()}
    step = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"  migrated in {time.perf_counter() - step:.0f} s")
    step = time.perf_counter()
    call_command("seed_demo", "--no-progress", "--no-accounts", stdout=open(os.devnull, "w"))
    log(f"  seed_demo in {time.perf_counter() - step:.0f} s")
    step = time.perf_counter()
    scale._content_add(pages)
    problems = scale.tree_check()
    assert not problems, problems
    log(f"  +{pages} pages (bench/scale.py bulk writer) in {time.perf_counter() - step:.0f} s; tree check clean")
    step = time.perf_counter()
    call_command("update_index", backend_name="database", verbosity=0)
    log(f"  database search backend (the engine's fallback) filled in {time.perf_counter() - step:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()


# --- OpenSearch -----------------------------------------------------------------------


def os_node_config(i: int) -> Path:
    node = BASE / f"os{i + 1}"
    conf = node / "config"
    for d in (node, conf, node / "data", node / "logs", node / "tmp"):
        d.mkdir(parents=True, exist_ok=True)
    for name in ("jvm.options", "log4j2.properties"):
        shutil.copy(OS_HOME / "config" / name, conf / name)
    if (OS_HOME / "config" / "jvm.options.d").is_dir():
        shutil.copytree(OS_HOME / "config" / "jvm.options.d", conf / "jvm.options.d", dirs_exist_ok=True)
    seeds = ", ".join(f'"127.0.0.1:{p}"' for p in OS_TRANSPORT)
    managers = ", ".join(f'"bench-os{n + 1}"' for n in range(len(OS_HTTP)))
    (conf / "opensearch.yml").write_text(f"""# Written by bench/cluster.py: node {i + 1} of a 3-node bench cluster.
cluster.name: portal-bench-cluster
node.name: bench-os{i + 1}
path.data: {node / "data"}
path.logs: {node / "logs"}
network.host: 127.0.0.1
http.port: {OS_HTTP[i]}
transport.port: {OS_TRANSPORT[i]}
discovery.seed_hosts: [{seeds}]
cluster.initial_cluster_manager_nodes: [{managers}]
cluster.routing.allocation.disk.threshold_enabled: false
""")
    subprocess.run(["chown", "-R", "opensearch:opensearch", str(node)], check=True)
    return node


def os_start(i: int) -> None:
    node = BASE / f"os{i + 1}"
    java_home = str(Path(os.path.realpath(shutil.which("java"))).parent.parent)
    env = {"PATH": os.environ["PATH"], "OPENSEARCH_JAVA_HOME": java_home, "OPENSEARCH_PATH_CONF": str(node / "config"),
           "OPENSEARCH_TMPDIR": str(node / "tmp"), "OPENSEARCH_JAVA_OPTS": f"-Xms{OS_HEAP} -Xmx{OS_HEAP}"}
    # cwd: the JVM writes logs/gc.log relative to it.
    launch(f"os{i + 1}", [str(OS_HOME / "bin" / "opensearch")], env=env, cwd=node, user="opensearch")


def os_get(path: str, *, port: int | None = None, timeout: float = 5) -> dict | list | None:
    ports = [port] if port else OS_HTTP
    for p in ports:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", p, timeout=timeout)
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            connection.close()
            if response.status == 200:
                return json.loads(body)
        except (OSError, http.client.HTTPException, ValueError):
            continue
    return None


def os_green(nodes: int = 3) -> bool:
    health = os_get(f"/_cluster/health?wait_for_nodes={nodes}&timeout=1s")
    return bool(health) and health.get("number_of_nodes") == nodes and health.get("status") in ("green", "yellow")


# --- Other services -------------------------------------------------------------------

NGINX_CONF = """
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    access_log off;
    # The two app servers. max_fails=1 fail_timeout=5s: one refused connection takes a
    # server out for 5 s, then one request probes it again (passive health check).
    upstream app {{
        server 127.0.0.1:{app1} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{app2} max_fails=1 fail_timeout=5s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 20m;
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # A dead server refuses at once; a stuck one must not hold a visitor long.
            proxy_connect_timeout 1s;
            proxy_read_timeout 30s;
            # Retry elsewhere on a refused/reset connection or a timeout: a server going
            # down. Not on http_503: the app answers 503 when a service behind it (the
            # database) fails, which the other server shares, and nginx counts each
            # such answer as a failed server: one replica restart took both servers out
            # for fail_timeout ("no live upstreams", 7,000 502s in 5 s). nginx never
            # retries a POST whose request was sent (non_idempotent is not given): a
            # Q&A post is never stored twice.
            proxy_next_upstream error timeout;
            proxy_next_upstream_tries 2;
            proxy_next_upstream_timeout 10s;
        }}
    }}
}}
"""


def nginx_start() -> None:
    prefix = BASE / "nginx"
    prefix.mkdir()
    (prefix / "nginx.conf").write_text(NGINX_CONF.format(prefix=prefix, app1=APP_PORTS[0], app2=APP_PORTS[1],
                                                         port=NGINX_PORT))
    launch("nginx", ["nginx", "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf"),
                     "-g", "daemon off;"])
    wait_for(lambda: listening(NGINX_PORT), "nginx", name="nginx")


def varnish_start() -> None:
    from caching.varnish import vcl_for_backend

    workdir = BASE / "varnish"
    workdir.mkdir()
    workdir.chmod(0o755)
    vcl = workdir / "default.vcl"
    vcl.write_text(vcl_for_backend(host="127.0.0.1", port=NGINX_PORT))
    vcl.chmod(0o644)
    launch("varnish", ["varnishd", "-F", "-a", f"127.0.0.1:{VARNISH_PORT}", "-f", str(vcl), "-n",
                       str(workdir / "state"), "-s", "malloc,256m"])
    wait_for(lambda: listening(VARNISH_PORT), "Varnish", name="varnish")


def s3_start(data: Path) -> None:
    """S3Proxy on ``data``: the media of the dump it goes with (the demo's images), kept
    beside the dump, since pages reference them."""
    state = BASE / "s3"
    state.mkdir(parents=True)
    data.mkdir(parents=True, exist_ok=True)
    conf = state / "s3proxy.conf"
    conf.write_text(f"""s3proxy.endpoint=http://127.0.0.1:{S3_PORT}
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=portal-test
s3proxy.credential=portal-test-secret
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir={data}
jclouds.identity=portal-test
jclouds.credential=portal-test-secret
""")
    if not S3_JAR.exists():
        raise SystemExit(f"{S3_JAR} missing: run scripts/services/s3.sh start once (it downloads it)")
    launch("s3proxy", ["java", "-Xmx256m", "-jar", str(S3_JAR), "--properties", str(conf)])
    wait_for(lambda: listening(S3_PORT), "S3Proxy", name="s3proxy")
    import boto3

    client = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{S3_PORT}", aws_access_key_id="portal-test",
                          aws_secret_access_key="portal-test-secret", region_name="us-east-1")
    if "portal-cluster" not in {b["Name"] for b in client.list_buckets().get("Buckets", [])}:
        client.create_bucket(Bucket="portal-cluster")


def app_start(i: int, env: dict) -> None:
    launch(f"app{i + 1}", [str(Path(sys.executable).parent / "gunicorn"), "settings.wsgi:application",
                           "--bind", f"127.0.0.1:{APP_PORTS[i]}", "--workers", str(APP_WORKERS), "--timeout", "30",
                           "--graceful-timeout", "10", "--preload", "--backlog", "512", "--log-level", "warning"],
           env=env, cwd=ROOT)


def app_ready(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/", headers={"Host": "bacninh.gov.vn"})
        status = connection.getresponse().status
        connection.close()
        return status == 200
    except (OSError, http.client.HTTPException):
        return False


# --- Memory ---------------------------------------------------------------------------


def group_rss_mb(pgid: int) -> float:
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:
                continue
            for line in Path(f"/proc/{entry.name}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


def memory() -> dict[str, float]:
    return {name: group_rss_mb(p.pid) for name, p in processes.items() if p.poll() is None}


# --- Load -----------------------------------------------------------------------------


class Recorder:
    """Every request: (seconds since the load started, kind, status or 'socket', ms)."""

    def __init__(self, started: float):
        self.started = started
        self.rows: list[tuple[float, str, object, float]] = []
        self.fallbacks: list[float] = []  # search API answers from the database fallback
        self.lock = threading.Lock()

    def add(self, kind: str, status, began: float, ended: float) -> None:
        with self.lock:
            self.rows.append((began - self.started, kind, status, (ended - began) * 1000, ended - self.started))


def request(connection_holder: list, method: str, path: str, host: str, *, body: bytes | None = None,
            port: int = VARNISH_PORT, timeout: float = 30) -> tuple[object, bytes]:
    """One request on a kept-alive connection; (status, body) or ('socket', b'')."""
    headers = {"Host": host, "Accept-Language": "vi"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    for attempt in (0, 1):
        if not connection_holder:
            connection_holder.append(http.client.HTTPConnection("127.0.0.1", port, timeout=timeout))
        connection = connection_holder[0]
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection_holder.clear()
            return response.status, data
        except (OSError, http.client.HTTPException):
            connection.close()
            connection_holder.clear()
            # A kept-alive connection the server closed while idle is not an error:
            # a browser reconnects too. Only the second failure (fresh connection) counts.
            if attempt == 1 or method != "GET":
                return "socket", b""
    return "socket", b""


def reader(kind: str, entries: list[tuple[str, str]], recorder: Recorder, stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    holder: list = []
    while not stop.is_set():
        path, host = entries[rng.randrange(len(entries))]
        began = time.monotonic()
        status, body = request(holder, "GET", path, host)
        recorder.add(kind, status, began, time.monotonic())
        # The search API says "notice": "…" when the engine was unreachable and the
        # database fallback answered (a search service feature, not an error).
        if status == 200 and b'"notice":"' in body:
            with recorder.lock:
                recorder.fallbacks.append(began - recorder.started)


def qa_poster(hosts: list[str], marker: str, tid: int, recorder: Recorder, stop: threading.Event,
              acked: dict, sent: list) -> None:
    holder: list = []
    n = 0
    while not stop.is_set():
        n += 1
        unique = f"{marker}-{tid}-{n}"
        body = json.dumps({
            "sender_name": "Người Thử Tải", "sender_address": "Thôn Đông, tỉnh Bắc Ninh", "sender_phone": "0912345678",
            "sender_email": f"thu.tai.{tid}.{n}@example.vn",
            "subject": f"Hỏi về thủ tục cấp giấy phép xây dựng {unique}",
            "content": "Xin hỏi hồ sơ cần những giấy tờ gì và nộp ở đâu, thời gian giải quyết là bao nhiêu ngày?",
            "field": "Hành chính",
        }, ensure_ascii=False).encode()
        began = time.monotonic()
        status, data = request(holder, "POST", QA_PATH, hosts[n % len(hosts)], body=body)
        recorder.add("qa", status, began, time.monotonic())
        sent.append(unique)
        if status == 201:
            try:
                acked[unique] = json.loads(data)["tracking_code"]
            except (ValueError, KeyError):
                acked[unique] = ""
        stop.wait(QA_PAUSE)


def read_entries() -> tuple[list[tuple[str, str]], list[str]]:
    import soak

    soak.READ_PORTALS = 8
    return soak.read_entries()


def search_entries(hosts: list[str]) -> list[tuple[str, str]]:
    import soak

    return soak.search_entries(hosts)


# --- Publishing and staleness ----------------------------------------------------------


class Editor:
    """Publishes a news page every PUBLISH_EVERY seconds (revision publish on the
    primary: page_published, the app-cache invalidation and the Varnish purge run as in
    the admin), then measures the replica's lag and what readers see."""

    def __init__(self, pages: list, host: str, started: float, replica_url: str):
        self.pages = pages
        self.host = host
        self.started = started
        self.replica_url = replica_url
        self.results: list[dict] = []
        self.errors: list[str] = []

    def run(self, stop: threading.Event) -> None:
        n = 0
        while not stop.wait(max(0.0, self.started + (n + 1) * PUBLISH_EVERY - time.monotonic())):
            n += 1
            try:
                self.results.append(self.publish_once(n))
            except Exception as error:  # noqa: BLE001 - reported, the run goes on
                self.errors.append(f"publish {n} at {time.monotonic() - self.started:.0f} s: {error!r}")

    def publish_once(self, n: int) -> dict:
        import psycopg
        from django.db import connection, transaction

        from cms.models import NewsPage

        page_id, path = self.pages[n % len(self.pages)]
        marker = f"CLUSTERPUB{n:04d}X{uuid.uuid4().hex[:6]}"
        page = NewsPage.objects.get(pk=page_id)
        base_title = page.title.split(" CLUSTERPUB")[0]
        page.title = f"{base_title} {marker}"
        committed = {}
        with transaction.atomic():
            transaction.on_commit(lambda: committed.setdefault("at", time.monotonic()))
            page.save_revision().publish()
        purged_at = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            lsn = cursor.fetchone()[0]
            cursor.execute("SELECT COALESCE(EXTRACT(epoch FROM max(replay_lag)), 0) FROM pg_stat_replication")
            reported_lag = float(cursor.fetchone()[0] or 0)
        connection.close()
        at = committed.get("at", purged_at)
        # Replica lag (until the standby has replayed the publish's WAL), measured beside
        # the readers below, which start at once: a reader right after the purge is the
        # one that would refill the caches from a replica still behind the commit.
        measured = {}

        def lag_measure():
            # Retried until the deadline: at minute 4 the replica is restarting and
            # refuses connections for a moment ("not yet accepting connections").
            deadline = at + 30
            failure = None
            while time.monotonic() < deadline:
                try:
                    with psycopg.connect(self.replica_url, autocommit=True, connect_timeout=2) as replica:
                        while time.monotonic() < deadline:
                            row = replica.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)).fetchone()
                            if row and row[0]:
                                measured["lag"] = time.monotonic() - at
                                return
                            time.sleep(0.005)
                except psycopg.Error as error:
                    failure = error
                    time.sleep(0.1)
            self.errors.append(f"replica lag check {n}: not replayed within 30 s ({failure!r})")

        lag_thread = threading.Thread(target=lag_measure, daemon=True)
        lag_thread.start()
        # What readers see through Varnish: the page, until it shows the marker; stale
        # if it still shows an older version later than STALE_LIMIT after the commit.
        holder: list = []
        seen = None
        last_old = None
        while time.monotonic() < at + 15:
            now = time.monotonic()
            status, body = request(holder, "GET", path, self.host, timeout=10)
            if status == 200 and marker.encode() in body:
                seen = now
                break
            last_old = now
            time.sleep(0.05)
        # And it stays new (a read from a lagging replica re-filling the caches with
        # the old version would show up here).
        reverted = False
        if seen is not None:
            for _ in range(10):
                status, body = request(holder, "GET", path, self.host, timeout=10)
                if status == 200 and marker.encode() not in body:
                    reverted = True
                time.sleep(0.1)
        lag_thread.join(timeout=35)
        lag = measured.get("lag")
        return {"n": n, "t": at - self.started, "page": page_id, "lag": lag, "reported_lag": reported_lag,
                "purge_s": purged_at - at, "seen_s": None if seen is None else seen - at,
                "stale": seen is None or reverted or (last_old is not None and last_old - at > STALE_LIMIT),
                "reverted": reverted}


# --- Search parity --------------------------------------------------------------------

PARITY_QUERIES = ["kế hoạch", "giáo dục", "giao thông", "môi trường", "quy hoạch đất đai", "cải cách hành chính",
                  "du lịch", "y tế", "nông nghiệp", "thong bao"]


def search_ids(host: str, exclude: set[int]) -> dict[str, list[int] | None]:
    """The result ids of the fixed queries, from the app (through nginx, not Varnish);
    None for a query the database fallback answered or that failed."""
    found = {}
    holder: list = []
    for query in PARITY_QUERIES:
        status, body = request(holder, "GET", f"/api/v2/search/?q={urllib.parse.quote(query)}&limit=20", host,
                               port=NGINX_PORT, timeout=15)
        try:
            data = json.loads(body) if status == 200 else None
        except ValueError:
            data = None
        if not data or data.get("notice"):
            found[query] = None
        else:
            found[query] = [hit["id"] for hit in data["results"] if hit["id"] not in exclude]
    return found


# --- Report ---------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def in_windows(row, windows: list[tuple[float, float, str]]) -> str | None:
    """The kill window the request overlapped (in flight when the node went, or sent
    during the window), if any."""
    began, ended = row[0], row[4]
    for start, end, label in windows:
        if began <= end and ended >= start:
            return label
    return None


def print_minutes(rows, windows, total_seconds: float, bucket: float) -> dict:
    kinds = ["reads", "searches", "qa"]
    buckets = int(max([total_seconds, *(r[0] for r in rows)]) // bucket) + 1
    print(f"\nper {bucket:.0f} s (errors = 5xx + socket; 'in kill windows' apart; latencies in ms):")
    print(f"{'from':>6} {'kind':9} {'requests':>8} {'p50':>7} {'p99':>8} {'5xx':>5} {'socket':>6} "
          f"{'errors in kill windows':>22}  other statuses")
    totals = {"outside": 0, "inside": 0, "inside_by": collections.Counter()}
    for b in range(buckets):
        for kind in kinds:
            sel = [r for r in rows if r[1] == kind and b * bucket <= r[0] < (b + 1) * bucket]
            if not sel:
                continue
            lat = [r[3] for r in sel if r[2] != "socket"]
            out5 = outs = ins = 0
            others = collections.Counter()
            for row in sel:
                status = row[2]
                error = status == "socket" or (isinstance(status, int) and status >= 500)
                label = in_windows(row, windows)
                if error and label:
                    ins += 1
                    totals["inside_by"][label] += 1
                elif error:
                    if status == "socket":
                        outs += 1
                    else:
                        out5 += 1
                if isinstance(status, int) and not (200 <= status < 300) and status < 500:
                    others[status] += 1
            totals["outside"] += out5 + outs
            totals["inside"] += ins
            print(f"{b * bucket:6.0f} {kind:9} {len(sel):8} {pct(lat, 50):7.0f} {pct(lat, 99):8.0f} {out5:5} {outs:6} "
                  f"{ins:22}  {dict(others) if others else ''}")
    return totals


def main(args) -> int:
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _interrupted)
    if os.geteuid() != 0:
        raise SystemExit("run as root: PostgreSQL and OpenSearch run as their own users (runuser)")
    if not (OS_HOME / ".portal-ready").exists():
        raise SystemExit(f"{OS_HOME} missing: run scripts/services/opensearch.sh start once (it unpacks it)")
    busy = [p for p in [PG_PRIMARY, PG_REPLICA, *OS_HTTP, *OS_TRANSPORT, REDIS_PORT, S3_PORT, *APP_PORTS,
                        NGINX_PORT, VARNISH_PORT] if listening(p)]
    if busy:
        raise SystemExit(f"ports already in use: {busy} (another bench/cluster.py still running?)")
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    total = args.minutes * 60.0
    setup_started = time.monotonic()
    shutil.rmtree(BASE, ignore_errors=True)
    LOGS.mkdir(parents=True)
    BASE.chmod(0o755)
    atexit.register(stop_all)

    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "OPENSEARCH", "ELASTICSEARCH", "S3_"))},
        "DJANGO_SETTINGS_MODULE": "cluster_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": pg_url(PG_PRIMARY),
        "DATABASE_REPLICA_URL": pg_url(PG_REPLICA),
        "CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "CACHE_KEY_PREFIX": "cluster",
        "VARNISH_URL": f"http://127.0.0.1:{VARNISH_PORT}",
        "SEARCH_BACKEND": "opensearch2",
        "OPENSEARCH_URLS": ",".join(f"http://127.0.0.1:{p}" for p in OS_HTTP),
        "SEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "S3_ENDPOINT_URL": f"http://127.0.0.1:{S3_PORT}",
        "S3_ACCESS_KEY_ID": "portal-test",
        "S3_SECRET_ACCESS_KEY": "portal-test-secret",
        "S3_BUCKET": "portal-cluster",
        "S3_REGION": "us-east-1",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "QA_SUBMISSIONS_PER_IP": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DMS_WEBHOOK_URL", None)
    env.pop("CI", None)

    # Start the JVMs first: they boot while PostgreSQL loads the data.
    for i in range(len(OS_HTTP)):
        os_node_config(i)
        os_start(i)
    launch("redis", ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                     "no", "--dir", str(BASE)])
    wait_for(lambda: listening(REDIS_PORT), "Redis", name="redis")
    pg_primary_init()
    how = data_load(args.pages, env)
    log(f"PostgreSQL primary on {PG_PRIMARY}: data {how}")
    pg_replica_init()
    log(f"PostgreSQL replica on {PG_REPLICA} (pg_basebackup -R, streaming, hot standby)")
    seconds = wait_for(os_green, "OpenSearch cluster (3 nodes)", seconds=300)
    log(f"OpenSearch: 3 nodes joined ({seconds:.0f} s more wait)")
    step = time.monotonic()
    result = subprocess.run([sys.executable, "manage.py", "rebuild_search_index", "--verbosity", "0"], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"rebuild_search_index failed:\n{result.stderr[-3000:]}")
    wait_for(lambda: (os_get("/_cluster/health?wait_for_status=green&timeout=1s") or {}).get("status") == "green",
             "OpenSearch green after the rebuild", seconds=120)
    shards = os_get(f"/_cat/shards/{INDEX_PREFIX}*?format=json") or []
    layout = collections.Counter((s["index"], s["prirep"]) for s in shards)
    log(f"search index rebuilt in {time.monotonic() - step:.0f} s; shards {dict(layout)} "
        f"(p = primary, r = replica) on {len({s['node'] for s in shards})} nodes, cluster green")

    launch("worker", [sys.executable, "manage.py", "db_worker"], env=env, cwd=ROOT)
    for i in range(len(APP_PORTS)):
        app_start(i, env)
    for i, port in enumerate(APP_PORTS):
        wait_for(lambda port=port: app_ready(port), f"app server {i + 1}", seconds=180, name=f"app{i + 1}")
    nginx_start()
    varnish_start()
    log(f"app servers on {APP_PORTS} ({APP_WORKERS} gunicorn workers each), nginx {NGINX_PORT}, "
        f"Varnish {VARNISH_PORT}, task worker")

    # Data for the load, read in this process (Django on the primary; no replica router
    # outside a request).
    os.environ.update({k: v for k, v in env.items() if k != "PYTHONPATH"})
    import django

    django.setup()
    from django.db import connection

    from cms.models import NewsPage
    from qa.models import Petition
    from tenants.models import Unit

    reads, hosts = read_entries()
    searches = search_entries(hosts)
    editor_host = "bacninh.gov.vn"
    unit = Unit.objects.get(hostname=editor_host)
    editor_pages = [(p.pk, p.get_url_parts()[2]) for p in NewsPage.objects.live().filter(unit=unit).order_by("-pk")[:6]]
    editor_ids = {pk for pk, _ in editor_pages}
    qa_hosts = hosts[:5]
    run_marker = f"CLU{uuid.uuid4().hex[:8].upper()}"
    connection.close()

    # Warm-up: every kind answers 2xx through Varnish.
    bad = []
    holder: list = []
    for path, host in reads[:30] + searches[:10] + [(p, editor_host) for _, p in editor_pages]:
        status, _ = request(holder, "GET", path, host)
        if status != 200:
            bad.append((status, host, path))
    if bad:
        raise SystemExit(f"warm-up failed: {bad[:10]}")
    setup_seconds = time.monotonic() - setup_started
    log(f"set-up done in {setup_seconds:.0f} s; load for {total:.0f} s: reads {READ_THREADS} threads over "
        f"{len(reads)} URLs of {len(hosts)} portals, searches {SEARCH_THREADS} threads over {len(searches)} URLs, "
        f"Q&A {QA_THREADS} thread(s) ({QA_PAUSE} s pause), an editor publishing every {PUBLISH_EVERY:.0f} s")

    memory_start = memory()
    started = time.monotonic()
    recorder = Recorder(started)
    stop = threading.Event()
    acked: dict = {}
    sent: list = []
    threads = [threading.Thread(target=reader, args=("reads", reads, recorder, stop, i), daemon=True)
               for i in range(READ_THREADS)]
    threads += [threading.Thread(target=reader, args=("searches", searches, recorder, stop, 100 + i), daemon=True)
                for i in range(SEARCH_THREADS)]
    threads += [threading.Thread(target=qa_poster, args=(qa_hosts, run_marker, i, recorder, stop, acked, sent),
                                 daemon=True) for i in range(QA_THREADS)]
    editor = Editor(editor_pages, editor_host, started, pg_url(PG_REPLICA))
    threads.append(threading.Thread(target=editor.run, args=(stop,), daemon=True))
    for thread in threads:
        thread.start()

    windows: list[tuple[float, float, str]] = []
    events: list[str] = []
    parity: dict = {}

    def at(fraction: float) -> None:
        time.sleep(max(0.0, started + fraction * total - time.monotonic()))

    def now() -> float:
        return time.monotonic() - started

    # 1/5: kill an OpenSearch node.
    at(0.2 - 3 / total)
    parity["before"] = search_ids(editor_host, editor_ids)
    at(0.2)
    manager = (os_get("/_cat/cluster_manager?format=json") or [{}])[0].get("node", "?")
    t = now()
    kill("os3", signal.SIGKILL)
    windows.append((t, t + KILL_WINDOW, "OpenSearch node 3 killed"))
    events.append(f"{t:6.1f} s  kill -9 OpenSearch node 3 (cluster manager was {manager})")
    # 2/5: bring it back; parity = the fixed queries answer the same ids as before the kill.
    at(0.4)
    t = now()
    os_start(2)
    events.append(f"{t:6.1f} s  OpenSearch node 3 started")
    wait_for(lambda: (os_get("/_cluster/health", port=OS_HTTP[2]) or {}).get("number_of_nodes") == 3,
             "OpenSearch node 3 rejoining", seconds=240)
    joined = now()
    events.append(f"{joined:6.1f} s  OpenSearch node 3 joined the cluster ({joined - t:.1f} s)")
    parity_at = None
    while now() - joined < PARITY_LIMIT + 30:
        after = search_ids(editor_host, editor_ids)
        if after == parity["before"]:
            parity_at = now() - joined
            break
        parity["last"] = after
        time.sleep(1)
    parity["seconds"] = parity_at
    health = os_get("/_cluster/health") or {}
    events.append(f"{now():6.1f} s  search parity {'restored %.1f s after the join' % parity_at if parity_at is not None else 'NOT restored'}; "
                  f"cluster {health.get('status')}")
    # 3/5: kill an app server, start it again 5 s later.
    at(0.6)
    t = now()
    kill("app2", signal.SIGKILL)
    windows.append((t, t + KILL_WINDOW, "app server 2 killed"))
    events.append(f"{t:6.1f} s  kill -9 app server 2 (gunicorn master and workers)")
    time.sleep(5)
    t = now()
    app_start(1, env)
    wait_for(lambda: app_ready(APP_PORTS[1]), "app server 2 restart", seconds=120, name="app2")
    events.append(f"{t:6.1f} s  app server 2 started, answering after {now() - t:.1f} s")
    # 4/5: restart the replica.
    at(0.8)
    t = now()
    kill("pg-replica", signal.SIGINT)
    pg_start("pg-replica", BASE / "pg" / "replica", PG_REPLICA)
    back = now()
    windows.append((t, back + KILL_WINDOW, "replica restarting"))
    events.append(f"{t:6.1f} s  replica restarted (fast shutdown + start): accepting connections after {back - t:.1f} s")
    at(1.0)
    stop.set()
    for thread in threads:
        thread.join(timeout=40)
    memory_end = memory()
    load_after = " ".join(Path("/proc/loadavg").read_text().split()[:3])

    # Q&A: acknowledged vs stored, by the unique marker of each post. The worker and the
    # app may still be finishing a post sent before the stop: a short grace.
    time.sleep(2)
    stored = collections.Counter()
    for subject in Petition.objects.filter(subject__contains=f" {run_marker}-").values_list("subject", flat=True):
        stored[subject.rsplit(" ", 1)[1]] += 1
    connection.close()
    lost = sorted(set(acked) - set(stored))
    doubled = sorted(m for m, c in stored.items() if c > 1)
    unacked_stored = sorted(set(stored) - set(acked))

    rows = recorder.rows
    print(f"\n=== bench/cluster.py: {args.minutes:g} min, {args.pages} pages, "
          f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC ===")
    print("events (seconds since the load started):")
    for line in events:
        print(f"  {line}")
    bucket = 60.0 if total >= 120 else 12.0
    totals = print_minutes(rows, windows, total, bucket)
    print("\nkill windows (errors there are reported apart, not counted against the target):")
    for start_, end_, label in windows:
        errors = [r for r in rows if in_windows(r, [(start_, end_, label)])
                  and (r[2] == "socket" or (isinstance(r[2], int) and r[2] >= 500))]
        kinds = collections.Counter((r[1], r[2]) for r in errors)
        print(f"  {start_:6.1f}-{end_:6.1f} s  {label}: {len(errors)} errors {dict(kinds) if kinds else ''}")
    fallback_minutes = collections.Counter(int(t // bucket) * int(bucket) for t in recorder.fallbacks)
    print(f"\nsearch API answers from the database fallback (engine unreachable): {len(recorder.fallbacks)}"
          f"{' by ' + str(int(bucket)) + ' s from ' + str(dict(sorted(fallback_minutes.items()))) if fallback_minutes else ''}")
    print("\neditor publishes (lag = until the replica replayed the commit's WAL; seen = first read through Varnish "
          "with the new title):")
    for r in editor.results:
        lag = f"{r['lag'] * 1000:.0f} ms" if r["lag"] is not None else "never"
        seen = f"{r['seen_s'] * 1000:.0f} ms" if r["seen_s"] is not None else "never"
        print(f"  #{r['n']:<3} t={r['t']:6.1f} s  page {r['page']}: replica lag {lag:>8} (pg_stat_replication "
              f"replay_lag {r['reported_lag'] * 1000:.0f} ms), purge done {r['purge_s'] * 1000:.0f} ms, seen {seen:>8}"
              f"{'  STALE' if r['stale'] else ''}{' (reverted to the old version)' if r['reverted'] else ''}")
    for error in editor.errors:
        print(f"  error: {error}")
    lags = [r["lag"] for r in editor.results if r["lag"] is not None]
    stale = [r for r in editor.results if r["stale"]]
    print(f"\nQ&A posts: {len(sent)} sent, {len(acked)} acknowledged (201), {sum(stored.values())} stored for this run; "
          f"lost {len(lost)}, doubled {len(doubled)}, stored without a 201 {len(unacked_stored)} (posts whose answer "
          f"was an error)")
    if lost or doubled:
        print(f"  lost: {lost[:10]} doubled: {doubled[:10]}")
    if parity.get("seconds") is None:
        before, last = parity["before"], parity.get("last", {})
        diff = {q: (before[q], last.get(q)) for q in before if before[q] != last.get(q)}
        print(f"search parity differences (query: before, last after): {json.dumps(diff, ensure_ascii=False)[:1500]}")
    print(f"\n{'RSS (MB)':14} {'start':>8} {'end':>8}")
    for name in processes:
        print(f"{name:14} {memory_start.get(name, 0):8.0f} {memory_end.get(name, 0):8.0f}"
              f"{'  (restarted during the run)' if name in ('os3', 'app2', 'pg-replica') else ''}")
    print(f"machine: {os.cpu_count()} cores shared with other work; load average {load_before} before, {load_after} "
          f"after; set-up {setup_seconds:.0f} s")

    checks = [
        ("0 5xx/socket errors outside kill windows", totals["outside"] == 0,
         f"{totals['outside']} outside, {totals['inside']} inside {dict(totals['inside_by'])}"),
        ("0 lost Q&A posts", not lost and bool(acked), f"{len(acked)} acknowledged, {len(lost)} lost"),
        ("0 doubled Q&A posts", not doubled, f"{len(doubled)} doubled"),
        (f"search parity within {PARITY_LIMIT:.0f} s of the node's return",
         parity.get("seconds") is not None and parity["seconds"] <= PARITY_LIMIT,
         f"{parity['seconds']:.1f} s" if parity.get("seconds") is not None else "not restored"),
        (f"no stale read > {STALE_LIMIT:.0f} s after a publish", bool(editor.results) and not stale
         and not editor.errors,
         f"{len(editor.results)} publishes, {len(stale)} stale, {len(editor.errors)} errors; replica lag median "
         f"{statistics.median(lags) * 1000:.0f} ms, max {max(lags) * 1000:.0f} ms" if lags else "no lag measured"),
    ]
    print(f"\n{'target':52} {'result':6}  measured")
    for label, ok, detail in checks:
        print(f"{label:52} {'PASS' if ok else 'FAIL':6}  {detail}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="length of the load (events at its fifths)")
    parser.add_argument("--pages", type=int, default=10_000, help="content pages on top of the demo")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.prepare:
        prepare(arguments.pages)
    else:
        sys.exit(main(arguments))
