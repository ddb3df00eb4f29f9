"""Benchmark: latency of the public pages API (issue #3 item 5) on 10,000 live pages.

Run: ``.venv/bin/python bench/api_latency.py`` (fresh temporary SQLite), or against the
empty database named by BENCH_DATABASE_URL. ``BENCH_PAGES`` (default 10000) and
``BENCH_REQUESTS`` (default 500) scale it.

It provisions the demo province (tenants/data/bacninh_2021.yaml, with sections), adds
news articles and legal documents spread over the portals until BENCH_PAGES live
content pages exist, then times requests through Django's test Client (no network, no
HTTP server: this measures the view, serialisation and database work).

The issue names no baseline figure. The ratio printed is against Wagtail's stock pages
endpoint (``wagtail.api.v2.views.PagesAPIViewSet``, mounted for the run at /stock/)
serving the same request without our filters, so it shows what the portal's filters,
restriction handling and cache headers cost on top of Wagtail.
"""

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = int(os.environ.get("BENCH_PAGES", "10000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "500"))
AUTHORITIES = ["UBND tỉnh Bắc Ninh", "HĐND tỉnh Bắc Ninh", "Sở Tư pháp", "UBND huyện Tiên Du"]
DOCUMENT_TYPES = ["decision", "resolution", "directive", "plan", "notice"]
STATUSES = ["in_force", "in_force", "in_force", "expired", "replaced"]


def setup_django() -> tempfile.TemporaryDirectory:
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    return tmp


def content_create(total: int) -> tuple[float, dict]:
    """Half news, half legal documents, round-robin over the portals' sections.

    A plain ``add_child`` loop inside one transaction per portal: Wagtail's own path
    (treebeard paths, search index, the PortalPage.save unit column), so the rows are
    exactly what editors would produce. Bulk-inserting Page rows with precomputed paths
    would be faster but would skip that logic.
    """
    from django.db import transaction

    from cms.models import LegalDocumentIndexPage, LegalDocumentPage, NewsIndexPage, NewsPage

    news_sections = list(NewsIndexPage.objects.order_by("path"))
    document_sections = {p.get_parent().pk: p for p in LegalDocumentIndexPage.objects.order_by("path")}
    pairs = [(n, document_sections[n.get_parent().pk]) for n in news_sections]
    # Half of the pages in the provincial portal (the measured one), the rest spread
    # over the others, so both the portal filter and the listing see volume.
    pairs.sort(key=lambda pair: pair[0].unit.kind != "province")
    quotas = [total // 2] + [-(-(total - total // 2) // (len(pairs) - 1))] * (len(pairs) - 1)
    rng = random.Random(96)
    started = time.perf_counter()
    created = 0
    for (news_index, document_index), quota in zip(pairs, quotas):
        with transaction.atomic():
            for _i in range(quota):
                if created >= total:
                    break
                n = created
                if n % 2:
                    day = datetime.date(2015 + rng.randrange(11), rng.randrange(1, 13), rng.randrange(1, 29))
                    number = f"{n}/{rng.choice(['QĐ', 'NQ', 'CT', 'KH'])}-UBND"
                    document_index.add_child(instance=LegalDocumentPage(
                        title=f"Văn bản {number}", slug=f"van-ban-{n}", document_number=number,
                        document_type=rng.choice(DOCUMENT_TYPES), issuing_authority=rng.choice(AUTHORITIES),
                        issue_date=day, status=rng.choice(STATUSES), abstract=f"Trích yếu văn bản số {number}",
                        information_date=day, first_published_at=None,
                    ))
                else:
                    news_index.add_child(instance=NewsPage(
                        title=f"Tin tức số {n}", slug=f"tin-tuc-{n}", summary="Tóm tắt tin.",
                        body=[("rich_text", f"<p>Nội dung tin số {n}.</p>")],
                    ))
                created += 1
                if created % 500 == 0:
                    print(f"  {created}/{total} pages ({time.perf_counter() - started:.0f} s)", flush=True)
    return time.perf_counter() - started


def stock_urlconf():
    """The project's URLs plus Wagtail's stock pages endpoint at /stock/ (the baseline)."""
    from django.urls import include, path
    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail.api.v2.views import PagesAPIViewSet

    import settings.urls as project_urls

    router = WagtailAPIRouter("stockapi")
    router.register_endpoint("pages", PagesAPIViewSet)
    module = types.ModuleType("bench_urls")
    module.urlpatterns = [path("stock/", include((router.get_urlpatterns(), "stockapi")))] + project_urls.urlpatterns
    sys.modules["bench_urls"] = module
    return "bench_urls"


def timed(client, urls, host) -> list[float]:
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST=host)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return times


def p(values, q) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    tmp = setup_django()
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0, interactive=False)
    from cms.models import LegalDocumentPage, NewsPage
    from tenants.management.commands.seed_demo import DEMO_FILE
    from tenants.models import Unit
    from tenants.provisioning import portals_provision, unit_rows_read

    started = time.perf_counter()
    portals_provision(unit_rows_read(DEMO_FILE), with_sections=True)
    print(f"database: {django.db.connection.vendor}")
    print(f"demo province with sections: {Unit.objects.count()} portals in {time.perf_counter() - started:.0f} s")
    seconds = content_create(PAGES)
    print(f"content pages created: {PAGES} in {seconds:.0f} s ({seconds / PAGES * 1000:.1f} ms/page)")

    # Measure on the portal holding the most documents (pages spread evenly, so any).
    unit = Unit.objects.get(slug="bacninh")
    host = unit.hostname
    documents = list(LegalDocumentPage.objects.filter(unit=unit).values_list("pk", "document_number", "issue_date"))
    news = list(NewsPage.objects.filter(unit=unit).values_list("pk", flat=True))
    live_in_portal = len(documents) + len(news)
    print(f"measured portal: {host} ({live_in_portal} content pages of {PAGES}); {REQUESTS} requests per case")
    rng = random.Random(2021)
    pick = lambda seq: [rng.choice(seq) for _ in range(REQUESTS)]  # noqa: E731
    detail_ids = pick([d[0] for d in documents] + news)
    years = pick([d[2].year for d in documents])
    numbers = pick([d[1].lower().replace("đ", "d") for d in documents])
    offsets = pick(range(0, max(len(documents) - 20, 1)))
    listing = "pages/?type=cms.LegalDocumentPage&limit=20"

    cases = {
        "detail": (
            [f"/api/v2/pages/{i}/" for i in detail_ids],
            [f"/stock/pages/{i}/" for i in detail_ids],
        ),
        "listing": (
            [f"/api/v2/{listing}&offset={o}" for o in offsets],
            [f"/stock/{listing}&offset={o}" for o in offsets],
        ),
        "listing year+status": ([f"/api/v2/{listing}&year={y}&status=in_force" for y in years], None),
        "listing issuing_authority": ([f"/api/v2/{listing}&issuing_authority=ubnd" for _ in years], None),
        "listing number": ([f"/api/v2/{listing}&number={n}" for n in numbers], None),
        "listing section=8.1.e": ([f"/api/v2/pages/?section=8.1.e&limit=20&offset={o}" for o in offsets], None),
    }
    client = Client()
    results = {}
    with override_settings(ROOT_URLCONF=stock_urlconf(), DEBUG=False):
        from django.urls import clear_url_caches

        clear_url_caches()
        for name, (ours, stock) in cases.items():
            timed(client, ours[:20], host)  # warm-up
            results[name] = timed(client, ours, host)
            if stock:
                timed(client, stock[:20], host)
                results[f"{name} (stock)"] = timed(client, stock, host)

    print(f"\n{'case':32} {'p50 ms':>8} {'p95 ms':>8}")
    for name, values in results.items():
        print(f"{name:32} {p(values, 50):8.1f} {p(values, 95):8.1f}")
    print("\nratio to Wagtail's stock pages endpoint (same request, no portal filters; no baseline named in the issue):")
    for name in ("detail", "listing"):
        ours, stock = results[name], results[f"{name} (stock)"]
        print(f"  {name:10} p50 {p(ours, 50) / p(stock, 50):.2f}x   p95 {p(ours, 95) / p(stock, 95):.2f}x")
    stock_listing = p(results["listing (stock)"], 50)
    for name in ("listing year+status", "listing issuing_authority", "listing number", "listing section=8.1.e"):
        print(f"  {name:28} p50 {p(results[name], 50) / stock_listing:.2f}x of the stock unfiltered listing")
    del settings
    tmp.cleanup()


if __name__ == "__main__":
    main()
