"""Page speed and accessibility of the public portal (issue #17), one command:

    .venv/bin/python bench/page_speed.py

Runs Lighthouse (npm ``lighthouse`` 12.2.3, the last release that runs on Node 20;
installed by this script into bench/lighthouse/node_modules with ``npm ci``) with its
mobile profile (simulated slow 4G and a 4× slower CPU) against Debian's Chromium
(``CHROME_PATH=/usr/bin/chromium``) on four pages of the provincial portal: the home
page, a news article, the legal documents list and a search result.

The site is served as in production (docs/deploy.md): ``settings.production`` under
gunicorn (2 sync workers), behind nginx serving /static/ (collectstatic) and /media/
and compressing text (gzip), as the load balancer or Varnish would. Everything listens
on 127.0.0.1 only and is stopped on exit, Ctrl-C included.

Data: the demo province (``seed_demo``) in a SQLite file, built the first time
(several minutes) into BENCH_PAGE_SPEED_DB (default /tmp/page-speed-demo.sqlite3) with
its media in the folder beside it, and reused afterwards (delete the file to rebuild).

Targets (issue #17): Performance ≥ 95 and Accessibility = 100 on each page, Largest
Contentful Paint ≤ 1.5 s and Total Blocking Time ≤ 100 ms. Each page is measured
BENCH_RUNS times (3); the run with the median performance score counts. The exit code
is 1 when a target is missed.
"""

import atexit
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from server_processes import (  # bench/: shared with bench/http_bench.py
    demo_database_ensure,
    free_port,
    packages_ensure,
    processes_stop,
    signals_handle,
    start,
    wait_listening,
)

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
DATABASE = Path(os.environ.get("BENCH_PAGE_SPEED_DB", "/tmp/page-speed-demo.sqlite3"))
MEDIA = DATABASE.with_suffix(".media")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --disable-dev-shm-usage")
PAGES = (
    ("provincial home", "/"),
    ("news article", "/tin-tuc/tin-1/"),
    ("legal documents list", "/van-ban/"),
    ("search result", "/tim-kiem/?q=quy+ch%E1%BA%BF"),
)
REPORTS = ROOT / "artifacts" / "lighthouse"
LIGHTHOUSE_ATTEMPTS = 3
TARGETS = {"performance": 95, "accessibility": 100, "lcp_ms": 1500, "tbt_ms": 100}

def tools_ensure() -> str:
    nginx = packages_ensure({"nginx": "nginx"})["nginx"]
    if not os.access(CHROME, os.X_OK):
        raise SystemExit(f"no Chromium at {CHROME} (scripts/services/chromium.sh ensure)")
    stamp = LIGHTHOUSE_DIR / "node_modules" / ".lock.sha256"
    lock = (LIGHTHOUSE_DIR / "package-lock.json").read_bytes()
    import hashlib

    want = hashlib.sha256(lock).hexdigest()
    if not LIGHTHOUSE.exists() or not stamp.exists() or stamp.read_text() != want:
        print("installing lighthouse (npm ci in bench/lighthouse)...", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LIGHTHOUSE_DIR, check=True)
        stamp.write_text(want)
    return nginx


NGINX_CONF = """
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp;
  uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
  gzip on; gzip_comp_level 5; gzip_min_length 256;
  gzip_types text/css application/javascript image/svg+xml application/json text/plain application/xml;
  server {{
    listen 127.0.0.1:{port};
    location /static/ {{ alias {static}/; expires 30d; add_header Cache-Control public; }}
    location /media/ {{ alias {media}/; expires 30d; add_header Cache-Control public; }}
    location / {{
      proxy_pass http://127.0.0.1:{gunicorn};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }}
  }}
}}
"""


def lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROME}
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=performance,accessibility", "--form-factor=mobile", "--screenEmulation.mobile",
               "--max-wait-for-load=60000", f"--chrome-flags={CHROME_FLAGS}"]
    # On a loaded machine Lighthouse sometimes loses its trace (NO_NAVSTART): that run is
    # tried again rather than ending the whole bench.
    for attempt in range(LIGHTHOUSE_ATTEMPTS):
        if subprocess.run(command, env=env, cwd=ROOT).returncode == 0:
            break
        print(f"lighthouse failed on {url} (attempt {attempt + 1} of {LIGHTHOUSE_ATTEMPTS})", flush=True)
    else:
        raise SystemExit(f"lighthouse failed {LIGHTHOUSE_ATTEMPTS} times on {url}")
    report = json.loads(out.read_text())
    audits = report["audits"]
    failed_a11y = [key for key, audit in audits.items()
                   if audit.get("score") == 0 and key in {ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]}]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "failed_a11y": failed_a11y,
        "main_thread": {item["groupLabel"]: round(item["duration"])
                        for item in audits["mainthread-work-breakdown"]["details"]["items"]},
        "report": out,
    }


def main() -> int:
    signals_handle()
    nginx = tools_ensure()
    base_env = {**os.environ, "PYTHONPATH": str(ROOT), "MEDIA_ROOT": str(MEDIA), "SEARCH_BACKEND": ""}
    for name in ("DATABASE_URL", "OPENSEARCH_URLS", "ELASTICSEARCH_URLS", "S3_BUCKET", "S3_ENDPOINT_URL"):
        base_env.pop(name, None)
    demo_database_ensure(DATABASE, base_env, accounts=False, media=MEDIA)

    work = Path(tempfile.mkdtemp(prefix="portal-page-speed-"))
    work.chmod(0o755)
    (work / "tmp").mkdir()
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    atexit.register(processes_stop)
    database = work / "demo.sqlite3"
    shutil.copyfile(DATABASE, database)
    static = work / "static"
    gunicorn_port, nginx_port = free_port(), free_port()
    env = {
        **base_env,
        "DJANGO_SETTINGS_MODULE": "settings.production",
        # settings.production refuses a short or guessable key; one per run, never kept.
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(static),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    log = work / "gunicorn.log"
    gunicorn = start([str(Path(sys.executable).parent / "gunicorn"), "settings.wsgi:application",
                      "--bind", f"127.0.0.1:{gunicorn_port}", "--workers", "2", "--timeout", "60"],
                     log=log, env=env, cwd=ROOT)
    wait_listening(gunicorn_port, gunicorn, log, seconds=90)
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(work=work, port=nginx_port, static=static, media=MEDIA, gunicorn=gunicorn_port))
    log = work / "nginx.log"
    server = start([nginx, "-c", str(conf), "-g", "daemon off;"], log=log, cwd=ROOT)
    wait_listening(nginx_port, server, log, seconds=90)

    origin = f"http://127.0.0.1:{nginx_port}"
    for _, path in PAGES:  # warm: renditions made, app cache filled, as for a visitor after the first
        with urllib.request.urlopen(origin + path, timeout=60) as response:  # noqa: S310 - loopback only
            assert response.status == 200, (path, response.status)
            response.read()

    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"Lighthouse 12.2.3, mobile profile, {RUNS} runs per page (median by performance); "
          f"settings.production under gunicorn behind nginx; load average before: {load}", flush=True)
    results, missed = [], []
    for name, path in PAGES:
        runs = []
        for number in range(RUNS):
            runs.append(lighthouse(origin + path, work / f"lh-{len(results)}-{number}.json"))
        runs.sort(key=lambda r: r["performance"])
        best = runs[len(runs) // 2]
        best["spread"] = (runs[0]["performance"], runs[-1]["performance"])
        REPORTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(best["report"], REPORTS / f"{path.strip('/').split('?')[0].replace('/', '-') or 'home'}.json")
        results.append((name, path, best))
        if best["performance"] < TARGETS["performance"]:
            missed.append(f"{name}: performance {best['performance']}")
        if best["accessibility"] < TARGETS["accessibility"]:
            missed.append(f"{name}: accessibility {best['accessibility']} ({', '.join(best['failed_a11y'])})")
        if best["lcp_ms"] > TARGETS["lcp_ms"]:
            missed.append(f"{name}: LCP {best['lcp_ms']:.0f} ms")
        if best["tbt_ms"] > TARGETS["tbt_ms"]:
            missed.append(f"{name}: TBT {best['tbt_ms']:.0f} ms")

    print()
    print(f"{'page':<22} {'path':<28} {'perf':>5} {'(min-max)':>10} {'a11y':>5} {'FCP ms':>7} {'LCP ms':>7} "
          f"{'TBT ms':>7} {'CLS':>6} {'KiB':>6}")
    for name, path, r in results:
        print(f"{name:<22} {path:<28} {r['performance']:>5} {'%d-%d' % r['spread']:>10} {r['accessibility']:>5} "
              f"{r['fcp_ms']:>7.0f} {r['lcp_ms']:>7.0f} {r['tbt_ms']:>7.0f} {r['cls']:>6.3f} {r['bytes'] / 1024:>6.1f}")
    print()
    print("main-thread work of the counted run (ms, Lighthouse's simulated 4x slower CPU):")
    for name, _, r in results:
        print(f"  {name:<22} " + ", ".join(f"{k} {v}" for k, v in sorted(r["main_thread"].items(), key=lambda kv: -kv[1])))
    print(f"reports (JSON): {REPORTS}")
    print()
    print("targets: performance >= 95, accessibility = 100, LCP <= 1500 ms, TBT <= 100 ms")
    print("all targets met" if not missed else "MISSED: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
