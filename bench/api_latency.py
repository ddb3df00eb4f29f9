"""Benchmark: latency of the public pages API (issue #3 item 5) at 10,000 live pages.

    .venv/bin/python bench/api_latency.py

The data is ``bench/scale.py``'s (built once, ~1–2 min on a quiet machine, then reused
from ``BENCH_DATABASE_URL``, default sqlite:////tmp/bench-10k.sqlite3): the small test
province with its sections and ``BENCH_PAGES`` (10 000) news and legal-document pages,
half of them in the measured provincial portal. ``BENCH_REQUESTS`` (200) requests per
case, through Django's test Client in this process (no network, no HTTP server: the
view, serialisation and database work). The run reads only; it writes nothing.

Cases: page detail and a 20-item listing on our endpoint (/api/v2/pages/) with the
app cache off (every request builds its answer), the same with the app cache on
(``caching.middleware``; repeated reads of a few URLs, what a visitor mostly gets), and
Wagtail's stock ``PagesAPIViewSet`` mounted at /stock/ for the run as the baseline (no
portal filters, no cache headers, so never cached). Then our filters on the listing.
Printed: p50 and p95 wall-clock ms, and the mean CPU ms a request took in this process,
which a busy machine does not inflate as much. About 3 minutes on a quiet machine.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
LISTING = "pages/?type=cms.LegalDocumentPage&limit=20"


def setup_django() -> str:
    import scale

    url = scale.database_ensure()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    return url


CPU_MS: dict[str, float] = {}


def timed(client, urls, host, name: str = "") -> list[float]:
    """Wall-clock ms of each request; the mean CPU ms per request goes to CPU_MS[name]
    (this process's CPU time: what the request costs, whatever else the machine runs)."""
    times = []
    cpu_started = time.process_time()
    for url in urls:
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST=host)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    if name:
        CPU_MS[name] = (time.process_time() - cpu_started) * 1000 / len(urls)
    return times


def p(values, q) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    url = setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import clear_url_caches
    from wagtail.models import Page

    from cms.models import LegalDocumentPage, NewsPage
    from scale import MEASURED_HOST
    from tenants.models import Unit

    unit = Unit.objects.get(hostname=MEASURED_HOST)
    host = unit.hostname
    documents = list(LegalDocumentPage.objects.filter(unit=unit).values_list("pk", "document_number", "issue_date"))
    news = list(NewsPage.objects.filter(unit=unit).values_list("pk", flat=True))
    content = NewsPage.objects.count() + LegalDocumentPage.objects.count()
    print(f"database: {url} ({connection.vendor}), {Page.objects.count()} pages, {content} content pages, "
          f"{Unit.objects.count()} portals")
    print(f"measured portal: {host} ({len(documents) + len(news)} content pages); {REQUESTS} requests per case")

    rng = random.Random(2021)
    pick = lambda seq: [rng.choice(seq) for _ in range(REQUESTS)]  # noqa: E731
    detail_ids = pick([d[0] for d in documents] + news)
    offsets = pick(range(0, max(len(documents) - 20, 1)))
    years = pick([d[2].year for d in documents])
    numbers = pick([d[1].lower().replace("đ", "d") for d in documents])
    hot_ids, hot_offsets = detail_ids[:10] * (REQUESTS // 10), offsets[:10] * (REQUESTS // 10)

    cases = [
        # name, URLs, app cache on?
        ("detail", [f"/api/v2/pages/{i}/" for i in detail_ids], False),
        ("detail (stock)", [f"/stock/pages/{i}/" for i in detail_ids], False),
        ("detail, app cache, 10 hot URLs", [f"/api/v2/pages/{i}/" for i in hot_ids], True),
        ("listing", [f"/api/v2/{LISTING}&offset={o}" for o in offsets], False),
        ("listing (stock)", [f"/stock/{LISTING}&offset={o}" for o in offsets], False),
        ("listing, app cache, 10 hot URLs", [f"/api/v2/{LISTING}&offset={o}" for o in hot_offsets], True),
        ("listing year+status", [f"/api/v2/{LISTING}&year={y}&status=in_force" for y in years], False),
        ("listing issuing_authority", [f"/api/v2/{LISTING}&issuing_authority=ubnd" for _ in years], False),
        ("listing number", [f"/api/v2/{LISTING}&number={n}" for n in numbers], False),
        ("listing section=8.1.e", [f"/api/v2/pages/?section=8.1.e&limit=20&offset={o}" for o in offsets], False),
    ]
    client = Client()
    results = {}
    with override_settings(ROOT_URLCONF="bench_urls", DEBUG=False):
        clear_url_caches()
        for name, urls, cached in cases:
            with override_settings(PORTAL_CACHE_ENABLED=cached):
                cache.clear()
                timed(client, urls[:20], host)  # warm-up (and, cached, fills the cache)
                results[name] = timed(client, urls, host, name)

    print(f"\n{'case (Django test client, in process)':40} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8}")
    for name, values in results.items():
        print(f"{name:40} {p(values, 50):8.1f} {p(values, 95):8.1f} {CPU_MS[name]:8.1f}")
    print("\nours / Wagtail's stock pages endpoint (same request):")
    for name in ("detail", "listing"):
        stock = results[f"{name} (stock)"]
        for variant in (name, f"{name}, app cache, 10 hot URLs"):
            ours = results[variant]
            print(f"  {variant:36} p50 {p(ours, 50) / p(stock, 50):5.2f}x   p95 {p(ours, 95) / p(stock, 95):5.2f}x"
                  f"   CPU {CPU_MS[variant] / CPU_MS[f'{name} (stock)']:5.2f}x")
    stock_listing = p(results["listing (stock)"], 50)
    for name in ("listing year+status", "listing issuing_authority", "listing number", "listing section=8.1.e"):
        print(f"  {name:36} p50 {p(results[name], 50) / stock_listing:5.2f}x of the stock unfiltered listing")


if __name__ == "__main__":
    main()
