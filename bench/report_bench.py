"""Benchmark: the province-wide Điều 15 report over 200,000 items (issue #7).

Run: ``.venv/bin/python bench/report_bench.py``. It uses a fresh SQLite file, or the
empty database named by BENCH_DATABASE_URL (e.g. a PostgreSQL database created for
the purpose). Steps:

1. migrate; provision the real demo units (``tenants/data/bacninh_2021.yaml``, 154
   portals) without their section skeleton;
2. per portal, add three sections with ``add_child`` (news, direction, legal
   documents) and bulk-insert that portal's share of ITEMS pages under them over
   2026-H1: page rows with precomputed treebeard paths (``parent.path`` + the base-36
   step, ``depth + 1``; the section's ``numchild`` set after) by
   ``Page.objects.bulk_create``, then each page type's own row. Django's
   ``bulk_create`` refuses multi-table-inherited models, so the page-type rows go
   through the same ``_insert`` the ORM's ``save()`` uses for them, in batches;
3. check the tree: treebeard's five checks (bad characters, step length, orphans,
   depth, numchild) done in one pass over the page rows (``tree_problems``), because
   ``Page.find_problems()`` counts each node's children with a correlated
   ``LIKE path%`` subquery that SQLite cannot index: quadratic, it ran for more than
   15 minutes over 200,000 pages. ``Page.find_problems()`` itself also runs when
   ``BENCH_ITEMS`` is at most FIND_PROBLEMS_MAX_ITEMS (or ``BENCH_FIND_PROBLEMS=1``);
4. time ``report_build`` for the province (the roll-up over every portal) and print
   seconds, items per second and the ratio to the TARGET_SECONDS target
   (``BENCH_PROFILE=1`` adds a cProfile of one build; ``BENCH_ITEMS`` changes the size).

Items: 60 % news, 25 % direction, 15 % legal documents (a third of them issued by
the portal's own unit); about 1 in 8 published after its deadline and 1 in 50 still
a draft, so every branch of the judging runs. Issue #20: each published item has its
update history (``compliance.InformationUpdate``), and about 1 in 10 a second update
in the period, so the report reads and judges every update.
"""

import datetime
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

ITEMS = int(os.environ.get("BENCH_ITEMS", "200000"))
TARGET_SECONDS = 5.0
BATCH = 2000
FIND_PROBLEMS_MAX_ITEMS = 20000

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    tmp = tempfile.TemporaryDirectory()
    # BENCH_DB_FILE keeps the SQLite file: a second run finds the items there and only
    # times the report (for profiling a change to compliance.selectors).
    db_file = os.environ.get("BENCH_DB_FILE") or f"{tmp.name}/bench.sqlite3"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db_file}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    os.environ.setdefault("DEBUG", "false")  # no query log growing with every insert
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"migrate: {time.perf_counter() - started:.1f} s", flush=True)

    from cms.models import DirectionPage, LegalDocumentPage, NewsPage

    total = sum(model.objects.count() for model in (NewsPage, DirectionPage, LegalDocumentPage))
    if total:
        print(f"reusing {total} items in {db_file}")
    else:
        from demo.management.commands.seed_demo import DEMO_FILE
        from tenants.provisioning import portals_provision, unit_rows_read

        started = time.perf_counter()
        portals_provision(unit_rows_read(DEMO_FILE), with_sections=False)
        print(f"provision (no sections): {time.perf_counter() - started:.1f} s", flush=True)

        started = time.perf_counter()
        total = items_insert(ITEMS)
        print(f"inserted {total} items: {time.perf_counter() - started:.1f} s", flush=True)

    from wagtail.models import Page

    started = time.perf_counter()
    problems = tree_problems()
    if any(problems):
        sys.exit(f"tree problems (evil chars, bad steplen, orphans, wrong depth, wrong numchild): {problems}")
    print(f"tree check over {Page.objects.count()} pages: no problems ({time.perf_counter() - started:.1f} s)")
    if total <= FIND_PROBLEMS_MAX_ITEMS or os.environ.get("BENCH_FIND_PROBLEMS"):
        problems = Page.find_problems()
        if any(problems):
            sys.exit(f"Page.find_problems(): {problems}")
        print("Page.find_problems(): none")

    from mandate.periods import period_parse
    from compliance.selectors import report_build
    from tenants.models import Unit, UnitKind

    province = Unit.objects.get(kind=UnitKind.PROVINCE)
    period = period_parse("2026-H1")
    today = datetime.date(2026, 7, 15)
    report_build(unit=province, period=period, today=today)  # warm caches (page type registry, SQLite pages)
    runs, cpu = [], []
    for _ in range(3):
        started, cpu_started = time.perf_counter(), time.process_time()
        report = report_build(unit=province, period=period, today=today)
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    seconds = min(runs)
    counted = sum(1 for item in report.items.values() if item.counted)
    news = report.table1.row("2")
    print(f"database: {django.db.connection.vendor}; portals: {Unit.objects.filter(site__isnull=False).count()}")
    print(f"row 2 (news): on time {news.value('on_time')}, overdue {news.value('overdue')}, "
          f"count {news.value('count')}; items counted in 2026-H1: {counted}")
    print(f"report_build, province roll-up: {seconds:.2f} s (best of {len(runs)}: "
          f"{', '.join(f'{r:.2f}' for r in runs)}), {total / seconds:,.0f} items/s, "
          f"{seconds / TARGET_SECONDS:.2f}x the {TARGET_SECONDS:.0f} s target")
    # CPU time of this process: what the wall time would be on an idle machine, where
    # the report has a core to itself (it is single-threaded).
    print(f"report_build CPU time: {min(cpu):.2f} s (best of {len(cpu)}), {min(cpu) / TARGET_SECONDS:.2f}x the target; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(report_build, unit=province, period=period, today=today)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    tmp.cleanup()


def items_insert(count: int) -> int:
    """Three sections per portal and ``count`` items spread over them and 2026-H1."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from cms.models import (
        DirectionIndexPage,
        DirectionPage,
        LegalDocumentIndexPage,
        LegalDocumentPage,
        NewsIndexPage,
        NewsPage,
    )
    from cms.models.legal_documents import document_number_key
    from compliance.models import InformationUpdate
    from tenants.models import Unit
    from workdays.calendar import working_calendar

    rng = random.Random(2026)
    calendar = working_calendar(after=datetime.date(2025, 12, 31))
    working_days = [d for d in (datetime.date(2026, 1, 2) + datetime.timedelta(n) for n in range(170))
                    if calendar.is_working_day(d)]
    units = list(Unit.objects.filter(site__isnull=False).select_related("site__root_page"))
    per_unit = count // len(units)
    kinds = (
        (NewsIndexPage, NewsPage, "tin-tuc", 0.60),
        (DirectionIndexPage, DirectionPage, "chi-dao-dieu-hanh", 0.25),
        (LegalDocumentIndexPage, LegalDocumentPage, "van-ban", 0.15),
    )
    content_types = {model: ContentType.objects.get_for_model(model) for _, model, _, _ in kinds}
    inserted = 0
    for position, unit in enumerate(units):
        home = unit.site.root_page
        share = per_unit + (count - per_unit * len(units) if position == len(units) - 1 else 0)
        with transaction.atomic():
            for index_model, model, slug, fraction in kinds:
                index = home.add_child(instance=index_model(title=slug, slug=slug, live=True))
                n = share - inserted_share(share, kinds, slug) if slug == "van-ban" else int(share * fraction)
                pages, rows = [], []
                for i in range(1, n + 1):
                    info = rng.choice(working_days)
                    draft = rng.random() < 0.02
                    late = rng.random() < 0.12
                    published = None if draft else calendar.add(info, rng.randint(3, 8) if late else rng.randint(0, 2))
                    moment = (timezone.make_aware(datetime.datetime.combine(published, datetime.time(9)))
                              if published else None)
                    page_slug = f"{slug}-{i}"
                    title = f"{index_model._meta.verbose_name} {i} – {unit.short_name}"
                    pages.append(Page(
                        title=title, draft_title=title, slug=page_slug, content_type=content_types[model],
                        path=Page._get_path(index.path, index.depth + 1, i), depth=index.depth + 1, numchild=0,
                        url_path=f"{index.url_path}{page_slug}/", live=published is not None,
                        has_unpublished_changes=published is None, first_published_at=moment,
                        last_published_at=moment, locale_id=index.locale_id, translation_key=uuid.uuid4(),
                    ))
                    extra = {"information_date": info, "unit_id": unit.pk}
                    if model is DirectionPage:
                        extra["category"] = rng.choice(("directive", "petition_response", "rewards_and_sanctions"))
                    if model is LegalDocumentPage:
                        extra.update(document_type="decision", document_number=f"{i}/QĐ", document_number_key=document_number_key(f"{i}/QĐ"), signer="Nguyễn Văn A",
                                     issuing_authority=unit.name if i % 3 == 0 else "UBND tỉnh Bắc Ninh",
                                     issue_date=info, abstract=title, field="Hành chính")
                    rows.append(extra)
                for start in range(0, n, BATCH):
                    batch = Page.objects.bulk_create(pages[start:start + BATCH])
                    children = [model(page_ptr_id=page.pk, **fields)
                                for page, fields in zip(batch, rows[start:start + BATCH])]
                    # bulk_create() refuses multi-table inheritance: insert the page type's
                    # own table the way Model.save() does (Model._do_insert), batched.
                    model._base_manager._insert(children, fields=model._meta.local_concrete_fields,
                                                using=model._base_manager.db)
                    # Issue #20: the update history publishing records (one update per
                    # published item; 1 in 10 updated a second time in the period).
                    updates = []
                    for page, fields in zip(batch, rows[start:start + BATCH]):
                        if page.first_published_at is None:
                            continue
                        updates.append(InformationUpdate(unit_id=unit.pk, page_id=page.pk,
                                                         information_date=fields["information_date"],
                                                         published_at=page.first_published_at))
                        if rng.random() < 0.1:
                            again = calendar.add(fields["information_date"], rng.randint(5, 20))
                            if again < datetime.date(2026, 6, 30):
                                updates.append(InformationUpdate(
                                    unit_id=unit.pk, page_id=page.pk, information_date=again,
                                    published_at=timezone.make_aware(datetime.datetime.combine(
                                        calendar.add(again, rng.randint(0, 3)), datetime.time(9))),
                                ))
                    InformationUpdate.objects.bulk_create(updates, batch_size=BATCH)
                Page.objects.filter(pk=index.pk).update(numchild=n)
                inserted += n
        if position % 20 == 0:
            print(f"  {position + 1}/{len(units)} portals, {inserted} items", flush=True)
    return inserted


def tree_problems() -> tuple[list, list, list, list, list]:
    """treebeard's ``find_problems`` checks in one pass: (bad characters, bad step
    length, orphans, wrong depth, wrong numchild), each a list of page ids."""
    from collections import Counter

    from wagtail.models import Page

    steplen, alphabet = Page.steplen, set(Page.alphabet)
    rows = list(Page.objects.values_list("pk", "path", "depth", "numchild"))
    paths = {path for _, path, _, _ in rows}
    children = Counter(path[:-steplen] for _, path, _, _ in rows if len(path) > steplen)
    evil = [pk for pk, path, _, _ in rows if set(path) - alphabet]
    bad_steplen = [pk for pk, path, _, _ in rows if len(path) % steplen]
    orphans = [pk for pk, path, _, _ in rows if len(path) > steplen and path[:-steplen] not in paths]
    wrong_depth = [pk for pk, path, depth, _ in rows if depth != len(path) // steplen]
    wrong_numchild = [pk for pk, path, _, numchild in rows if numchild != children.get(path, 0)]
    return evil, bad_steplen, orphans, wrong_depth, wrong_numchild


def inserted_share(share: int, kinds, last_slug: str) -> int:
    """Items of the other sections of a portal, so the last one takes the rest."""
    return sum(int(share * fraction) for _, _, slug, fraction in kinds if slug != last_slug)


if __name__ == "__main__":
    main()
