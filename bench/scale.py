"""Scaled data for the benchmarks: a portal tree with N live content pages, fast.

    .venv/bin/python bench/scale.py                    # /tmp/bench-10k.sqlite3, 10 000 pages
    .venv/bin/python bench/scale.py --pages 2000 --base demo --rebuild
    BENCH_DATABASE_URL=sqlite:////tmp/x.sqlite3 .venv/bin/python bench/scale.py

A bench calls ``database_ensure()`` *before* ``django.setup()``: it returns the
``sqlite:///…`` URL of a database holding the data, building it in a subprocess when the
file is missing or was built with other parameters (a ``<file>.json`` beside it says
which). The file is written under a temporary name and renamed when complete, so an
interrupted build never leaves a half-filled database behind.

What it holds
-------------
- ``--base small`` (default): the small test province (``tests.factories.province_rows``:
  province, one department, one district, two communes = 5 portals) with every section;
  ``--base demo``: the 154 portals of ``tenants/data/bacninh_2021.yaml`` with sections
  (what ``seed_demo`` provisions, without its sample content; 2–8 min more).
- ``pages`` content pages, half news articles (``NewsPage``), half legal documents
  (``LegalDocumentPage``, with type, number, authority, dates, status), all live.
  Half of them are in the provincial portal (``bacninh.gov.vn``, the one the benches
  measure), the rest spread over the other portals' news and legal-document sections.

Why it is fast, and why it is still correct
-------------------------------------------
``add_child`` costs 30–70 ms a page here (cProfile, 50 pages): a third in
``full_clean`` (slug-uniqueness query per page), a quarter in the search-index update
(modelsearch's post_save handler, run at once by the immediate task backend), a fifth in
the reference-index update (wagtail's post_save handler), the rest in treebeard locking
the parent and counting children. 10 000 pages took 5–10 minutes that way (issue #3's
bench never finished). Here each section's new children are written in bulk:

- the first page of each type goes through ``add_child`` (the model's own ``save``:
  ``PortalPage.unit``, ``LegalDocumentPage.document_number_key``, url_path, locale,
  draft_title), and every bulk page is built the same way, from the same code paths
  (``set_url_path``, ``portal_unit_id_for`` once per section, ``document_number_key``),
  then ``full_clean``-ed in Python without the per-page queries;
- treebeard paths are the parent's path plus consecutive steps after its last child,
  ``depth`` = parent + 1, ``numchild`` = 0, and the parent's ``numchild`` is raised by
  the count; ``wagtailcore_page`` rows go in with ``bulk_create`` (ids returned), then
  the page type's own table;
- afterwards ``Page.find_problems()`` (treebeard's tree check) must report nothing, and
  a sample of pages is fetched through the API (``--check``, and at the end of a build).

Not done for the bulk pages: search-index entries (``--search-index`` builds them with
the configured backend's bulk ``add_bulk``; search benches build their own), reference
index rows (their bodies reference nothing), revisions and log entries (pages created
by code have none either; publishing a revision later works as usual).
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DEFAULT_URL = "sqlite:////tmp/bench-10k.sqlite3"
DEFAULT_PAGES = 10_000
MEASURED_HOST = "bacninh.gov.vn"
AUTHORITIES = ["UBND tỉnh Bắc Ninh", "HĐND tỉnh Bắc Ninh", "Sở Tư pháp", "UBND huyện Tiên Du"]
DOCUMENT_TYPES = ["decision", "resolution", "directive", "plan", "notice"]
STATUSES = ["in_force", "in_force", "in_force", "expired", "replaced"]
WORDS = ("thông báo đầu tư hội nghị kế hoạch phát triển kinh tế xã hội giáo dục y tế giao thông "
         "nông nghiệp môi trường cải cách hành chính văn hóa du lịch quy hoạch đất đai").split()
BATCH = 500


def _path_of(url: str) -> Path:
    if not url.startswith("sqlite:///"):
        raise SystemExit(f"bench/scale.py builds SQLite files only, not {url!r}")
    return Path(url[len("sqlite:///"):])


def _migrations_fingerprint() -> str:
    names = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("*/migrations/0*.py"))
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:12]


def _wanted(pages: int, base: str, search_index: bool, text: str = "words") -> dict:
    return {"pages": pages, "base": base, "search_index": search_index, "text": text,
            "migrations": _migrations_fingerprint(), "version": 1}


# The texts of the content pages: ``words`` (60 words drawn from the 30 of WORDS: every
# broad query matches most pages) or ``prose`` (sentences of the judged search corpus,
# search/relevance/corpus.yaml: a province's real vocabulary and phrases, for the search
# benches, issue 18). Files built before the choice existed hold ``words``.
TEXTS = ("words", "prose")


def database_ensure(*, url: str | None = None, pages: int | None = None, base: str | None = None,
                    search_index: bool = False, rebuild: bool = False, text: str | None = None) -> str:
    """The URL of a SQLite database with the scaled data (built now if needed).

    Defaults come from BENCH_DATABASE_URL, BENCH_PAGES, BENCH_BASE and BENCH_TEXT. Call it before
    ``django.setup()``; it sets nothing in this process.
    """
    url = url or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL
    pages = pages if pages is not None else int(os.environ.get("BENCH_PAGES", DEFAULT_PAGES))
    base = base or os.environ.get("BENCH_BASE", "small")
    text = text or os.environ.get("BENCH_TEXT", "words")
    path = _path_of(url)
    meta_path = Path(f"{path}.json")
    wanted = _wanted(pages, base, search_index, text)
    if not rebuild and path.exists() and meta_path.exists():
        meta = {"text": "words", **json.loads(meta_path.read_text())}
        if {k: meta.get(k) for k in wanted} == wanted:
            return url
        if {k: meta.get(k) for k in wanted if k != "migrations"} == {k: v for k, v in wanted.items() if k != "migrations"}:
            # Same data, built before newer migrations: migrating takes seconds, a
            # rebuild of the demo base 10+ minutes (100k pages: far more).
            print(f"scale: migrating {path} (built before the current migrations)", flush=True)
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings.dev", "DATABASE_URL": f"sqlite:///{path}"}
            subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
            meta_path.write_text(json.dumps({**meta, "migrations": wanted["migrations"]}))
            return url
    print(f"scale: building {path} ({pages} pages, base {base}, text {text}); later runs reuse it", flush=True)
    started = time.perf_counter()
    partial = path.with_name(path.name + ".building")
    partial.unlink(missing_ok=True)
    command = [PYTHON, str(Path(__file__).resolve()), "--build-into", str(partial),
               "--pages", str(pages), "--base", base, "--text", text] + (["--search-index"] if search_index else [])
    subprocess.run(command, check=True, cwd=ROOT)
    meta_path.unlink(missing_ok=True)
    os.replace(partial, path)
    meta_path.write_text(json.dumps({**wanted, "seconds": round(time.perf_counter() - started, 1)}))
    print(f"scale: built in {time.perf_counter() - started:.0f} s", flush=True)
    return url


# --- Building (runs in its own process: DATABASE_URL must be set before Django) -------


def _setup(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def _migrated(path: Path) -> None:
    """Copy a cached migrated-but-empty database, or migrate one and cache it (migrating
    takes about a minute, most of a small build)."""
    template = Path(f"/tmp/bench-migrated-{_migrations_fingerprint()}.sqlite3")
    if template.exists():
        shutil.copyfile(template, path)
        return
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    connection.close()
    shutil.copyfile(path, f"{template}.tmp")
    os.replace(f"{template}.tmp", template)
    for old in template.parent.glob("bench-migrated-*.sqlite3"):
        if old != template:
            old.unlink(missing_ok=True)  # another migration set's: stale
    print(f"  migrated in {time.perf_counter() - started:.0f} s (cached in {template})", flush=True)


def _provision(base: str) -> None:
    from tenants.provisioning import portals_provision, unit_rows_read

    started = time.perf_counter()
    if base == "demo":
        from demo.management.commands.seed_demo import DEMO_FILE

        rows = unit_rows_read(DEMO_FILE)
    else:
        from tests.factories import province_rows

        rows = province_rows()
    portals_provision(rows, with_sections=True)
    print(f"  provisioned {len(rows)} portals with sections in {time.perf_counter() - started:.0f} s", flush=True)


def _nfc(text: str) -> str:
    # Điều 4: what editors type is stored NFC (vietnamese.middleware / pre_save handler,
    # which bulk inserts skip), so the generated text is normalised here.
    return unicodedata.normalize("NFC", text)


class _Prose:
    """Titles and sentences of the judged search corpus (search/relevance/corpus.yaml),
    recombined: each page a real title (with a portal's name and a year half the time), a real
    sentence as its summary and 3-8 as its body; each legal document a real title as its
    abstract, under its type's name (the model's own Vietnamese label). Read once per build."""

    TEXT_FIELDS = {"title", "summary", "body", "abstract", "intro", "history", "natural_conditions",
                   "functions_and_duties", "organisation_structure", "administrative_apparatus"}

    def __init__(self, places: list[str]):
        import re

        import yaml
        from django.utils import translation

        from cms.models.legal_documents import DocumentType

        corpus = yaml.safe_load((ROOT / "search" / "relevance" / "corpus.yaml").read_text(encoding="utf-8"))
        texts = [d for d in corpus["documents"] if not d.get("nfd")]
        self.titles = sorted({_nfc(d["title"]) for d in texts if d.get("title")})
        sentences = set()
        for document in texts:
            for key, value in document.items():
                if key in self.TEXT_FIELDS and isinstance(value, str):
                    value = " ".join(re.sub(r"<[^>]+>", " ", _nfc(value)).split())
                    sentences.update(s for s in re.split(r"(?<=[.;!?])\s+", value) if len(s.split()) >= 4)
        self.sentences = sorted(sentences)
        self.places = places
        with translation.override("vi"):
            self.type_names = {kind: str(DocumentType(kind).label) for kind in DOCUMENT_TYPES}

    def title(self, rng: random.Random) -> str:
        title = rng.choice(self.titles)
        return f"{title} ({rng.choice(self.places)}, {rng.randrange(2015, 2027)})" if rng.random() < 0.5 else title

    def body(self, rng: random.Random) -> str:
        return " ".join(rng.choice(self.sentences) for _ in range(rng.randrange(3, 9)))


def _news(n: int, rng: random.Random, prose: _Prose | None = None):
    from cms.models import NewsPage

    day = datetime.date(2015 + rng.randrange(11), rng.randrange(1, 13), rng.randrange(1, 29))
    if prose is not None:
        return NewsPage(title=prose.title(rng), slug=f"tin-tuc-{n}", summary=rng.choice(prose.sentences),
                        body=[("rich_text", f"<p>{prose.body(rng)}</p>")], information_date=day)
    words = " ".join(rng.choice(WORDS) for _ in range(6))
    body = "<p>" + " ".join(rng.choice(WORDS) for _ in range(60)) + f" (tin số {n}).</p>"
    return NewsPage(title=_nfc(f"Tin tức số {n}: {words}"), slug=f"tin-tuc-{n}", summary=_nfc(f"Tóm tắt tin {n}: {words}."),
                    body=[("rich_text", _nfc(body))], information_date=day)


def _document(n: int, rng: random.Random, prose: _Prose | None = None):
    from cms.models import LegalDocumentPage

    day = datetime.date(2015 + rng.randrange(11), rng.randrange(1, 13), rng.randrange(1, 29))
    number = f"{n}/{rng.choice(['QĐ', 'NQ', 'CT', 'KH'])}-UBND"
    kind = rng.choice(DOCUMENT_TYPES)
    title, abstract = f"Văn bản {number}", f"Trích yếu văn bản số {number}"
    if prose is not None:
        abstract = rng.choice(prose.titles)
        title = f"{prose.type_names[kind]} {number} về {abstract[0].lower()}{abstract[1:]}"
    return LegalDocumentPage(
        title=_nfc(title), slug=f"van-ban-{n}", document_number=_nfc(number),
        document_type=kind, issuing_authority=_nfc(rng.choice(AUTHORITIES)),
        issue_date=day, status=rng.choice(STATUSES), abstract=_nfc(abstract),
        information_date=day,
    )


def _children_bulk_add(parent, pages: list, *, published_at: datetime.datetime) -> None:
    """Append ``pages`` (unsaved, same specific class) as live children of ``parent``.

    The first goes through ``add_child`` (the reference for the rest); the others get
    the same fields by the same code, and are inserted in bulk.
    """
    from django.db.models import F
    from wagtail.models import Page

    if not pages:
        return
    model = type(pages[0])
    first, rest = pages[0], pages[1:]
    first.live, first.first_published_at, first.last_published_at = True, published_at, published_at
    parent.add_child(instance=first)
    if not rest:
        return
    parent_page = Page.objects.get(pk=parent.pk)
    last_path = first.path
    step = Page.numconv_obj().str2int(last_path[-Page.steplen:])
    for offset, page in enumerate(rest, start=1):
        page.path = Page._get_path(parent_page.path, first.depth, step + offset)
        page.depth = first.depth
        page.numchild = 0
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = published_at
        page.locale_id = first.locale_id
        page.draft_title = page.title
        page.set_url_path(parent_page)
        page.unit_id = first.unit_id
    _fields_derived(rest)
    # Page.save(clean=True) validates each live page (fields, slug unique among its
    # siblings: one query). Here one page in 20 is, the others are built by the same
    # code, and their slugs are unique by construction (each has its running number).
    for page in rest[:: max(1, len(rest) // 20)]:
        page.full_clean(exclude=["path"], validate_unique=False)
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for start in range(0, len(rest), BATCH):
        chunk = rest[start:start + BATCH]
        rows = [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in chunk]
        Page.objects.bulk_create(rows)
        for page, row in zip(chunk, rows):
            page.id = page.page_ptr_id = row.id
            page._state.adding = False
        # The page type's own table (page_ptr_id + its fields), as Django's multi-table
        # save writes it; bulk_create refuses multi-table models, so its inner step.
        model._base_manager.all()._batched_insert(chunk, model._meta.local_concrete_fields, batch_size=BATCH)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(rest))


def _fields_derived(pages: list) -> None:
    """What the page types' own ``save`` computes (kept in step with cms.models)."""
    from cms.models.legal_documents import LegalDocumentPage, document_number_key

    for page in pages:
        if isinstance(page, LegalDocumentPage):
            page.document_number_key = document_number_key(page.document_number or "")


def _content_add(pages: int, text: str = "words") -> None:
    from django.db import transaction

    from cms.models import LegalDocumentIndexPage, NewsIndexPage
    from tenants.models import Unit

    news_sections = list(NewsIndexPage.objects.order_by("path"))
    documents_by_portal = {p.path[:12]: p for p in LegalDocumentIndexPage.objects.order_by("path")}
    pairs = [(n, documents_by_portal[n.path[:12]]) for n in news_sections if n.path[:12] in documents_by_portal]
    province = Unit.objects.get(hostname=MEASURED_HOST)
    pairs.sort(key=lambda pair: pair[0].unit_id != province.pk)  # the measured portal first
    half = pages // 2
    others = len(pairs) - 1
    quotas = [half] + [(pages - half) // others + (1 if i < (pages - half) % others else 0) for i in range(others)]
    rng = random.Random(96)
    prose = _Prose(places=sorted(Unit.objects.values_list("name", flat=True))) if text == "prose" else None
    published_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    started = time.perf_counter()
    n = 0
    with transaction.atomic():
        for (news_index, document_index), quota in zip(pairs, quotas):
            news, documents = [], []
            for _ in range(quota):
                (documents if n % 2 else news).append(_document(n, rng, prose) if n % 2 else _news(n, rng, prose))
                n += 1
            _children_bulk_add(news_index, news, published_at=published_at)
            _children_bulk_add(document_index, documents, published_at=published_at)
    print(f"  {n} content pages in {time.perf_counter() - started:.1f} s", flush=True)


def _search_index() -> None:
    from modelsearch.backends import get_search_backend

    from cms.models import LegalDocumentPage, NewsPage

    started = time.perf_counter()
    backend = get_search_backend()
    for model in (NewsPage, LegalDocumentPage):
        objects = list(model.objects.all())
        for start in range(0, len(objects), BATCH):
            backend.add_bulk(model, objects[start:start + BATCH])
    print(f"  search index in {time.perf_counter() - started:.0f} s", flush=True)


TREEBEARD_CHECK_MAX_PAGES = 20_000


def tree_check() -> list[str]:
    """Consistency check of the page tree; empty when sound. Treebeard's own check
    (``find_problems``) up to TREEBEARD_CHECK_MAX_PAGES pages: it loads every page and
    counts each one's children in a query of its own, which at 100 000 pages ran for
    over 20 minutes on a loaded machine; above that, the same checks in four SQL queries."""
    from wagtail.models import Page

    if Page.objects.count() <= TREEBEARD_CHECK_MAX_PAGES:
        names = ("bad alphabet", "bad path", "orphans", "wrong depth", "wrong numchild")
        return [f"{name}: {ids}" for name, ids in zip(names, Page.find_problems()) if ids]
    return tree_check_sql()


def tree_check_sql() -> list[str]:
    """Treebeard's checks as set queries: path alphabet and length, depth, orphans, numchild."""
    from django.db import connection
    from wagtail.models import Page

    step, alphabet = Page.steplen, Page.alphabet
    table = Page._meta.db_table
    checks = {
        "wrong depth": f"SELECT id FROM {table} WHERE length(path) != depth * {step}",
        "orphans": f"SELECT c.id FROM {table} c LEFT JOIN {table} p ON p.path = substr(c.path, 1, length(c.path) - {step}) "
                   f"WHERE c.depth > 1 AND p.id IS NULL",
        "wrong numchild": f"SELECT p.id FROM {table} p LEFT JOIN (SELECT substr(path, 1, length(path) - {step}) AS parent, "
                          f"count(*) AS n FROM {table} WHERE depth > 1 GROUP BY parent) c ON c.parent = p.path "
                          f"WHERE p.numchild != coalesce(c.n, 0)",
    }
    problems = []
    with connection.cursor() as cursor:
        for name, sql in checks.items():
            cursor.execute(sql + " LIMIT 20")
            ids = [row[0] for row in cursor.fetchall()]
            if ids:
                problems.append(f"{name}: {ids}")
        cursor.execute(f"SELECT id, path FROM {table}")
        bad = [pk for pk, path in cursor.fetchall() if set(path) - set(alphabet)]
    if bad:
        problems.append(f"bad alphabet: {bad[:20]}")
    return problems


def api_check(sample: int = 30) -> str:
    """Fetch pages of the measured portal through the API: detail of a sample (by id and
    url_path), a filtered listing; raise AssertionError on a wrong answer."""
    from django.test import Client
    from django.test.utils import override_settings

    from cms.models import LegalDocumentPage, NewsPage
    from tenants.models import Unit

    unit = Unit.objects.get(hostname=MEASURED_HOST)
    client = Client()
    checked = 0
    with override_settings(PORTAL_CACHE_ENABLED=False):
        for model in (NewsPage, LegalDocumentPage):
            rows = list(model.objects.filter(unit=unit).order_by("?")[:sample // 2])
            for page in rows:
                answer = client.get(f"/api/v2/pages/{page.pk}/", HTTP_HOST=unit.hostname)
                assert answer.status_code == 200, (page.pk, answer.status_code, answer.content[:300])
                data = answer.json()
                assert data["title"] == page.title and data["meta"]["type"] == model._meta.label, data
                assert data["meta"]["html_url"].endswith(page.url_path.split("/", 3)[-1]), data["meta"]
                html = client.get("/" + page.url_path.split("/", 3)[-1], HTTP_HOST=unit.hostname)
                assert html.status_code == 200 and page.title.encode() in html.content, (page.url_path, html.status_code)
                checked += 1
        total = model.objects.filter(unit=unit, live=True).count()
        listing = client.get("/api/v2/pages/?type=cms.LegalDocumentPage&limit=20", HTTP_HOST=unit.hostname).json()
        assert listing["meta"]["total_count"] == total, (listing["meta"], total)
    return f"API check: {checked} pages served (detail + HTML), listing total_count {total} legal documents"


def _build(path: Path, *, pages: int, base: str, search_index: bool, text: str = "words") -> None:
    _setup(path)
    _migrated(path)
    from django.conf import settings

    # Provisioning saves a few hundred pages the normal way: keep it off the search index
    # too (its entries are built at the end with --search-index).
    settings.WAGTAILSEARCH_BACKENDS = {k: {**v, "AUTO_UPDATE": False} for k, v in settings.WAGTAILSEARCH_BACKENDS.items()}
    _provision(base)
    _content_add(pages, text)
    if search_index:
        _search_index()
    problems = tree_check()
    assert not problems, problems
    print("  tree check: no problems", flush=True)
    print("  " + api_check(), flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=int(os.environ.get("BENCH_PAGES", DEFAULT_PAGES)))
    parser.add_argument("--base", choices=("small", "demo"), default=os.environ.get("BENCH_BASE", "small"))
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--text", choices=TEXTS, default=os.environ.get("BENCH_TEXT", "words"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--search-index", action="store_true")
    parser.add_argument("--check", action="store_true", help="check the tree and the API on the built database")
    parser.add_argument("--build-into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_into:
        _build(args.build_into, pages=args.pages, base=args.base, search_index=args.search_index, text=args.text)
        return
    url = database_ensure(url=args.url, pages=args.pages, base=args.base, search_index=args.search_index,
                          rebuild=args.rebuild, text=args.text)
    print(url)
    if args.check:
        _setup(_path_of(url))
        print(tree_check() or "tree check: no problems")
        print(api_check())


if __name__ == "__main__":
    main()
