"""Every public page type of four portals, as citizens see them (issue #17): the demo's
province, department (sotuphap), district (tiendu) and commune (tiendu-lienbao), at
desktop (1366×900) and mobile (390×844) width.

On each page: no axe-core violation of the WCAG 2.1 A and AA rules, no horizontal
overflow at 390 px, the header's search box. Then the search box is used from a portal
page, the portal facet's type-ahead narrows "N more portals…" to the portal typed and
filters the results by it, the menu folds on mobile (also without JavaScript) and an
article offers "print".

One scenario for the module: seeding the four portals is the slow part (a minute or
two), so it runs once and every check reuses the live server and the seeded data.
Each page is loaded once: checked at desktop width, then resized to the phone's width
and checked again (the stylesheet's media queries and portal.js follow the resize as
on a rotated tablet). Each portal's home is visited, then one page of each page type
(on the first portal that has it: the four portals share the templates). Screenshots of the four home pages and a search result, desktop and
mobile, are kept in ``artifacts/screenshots/``; a page with a finding is kept there too.

axe-core comes from npm (package.json, installed by ./scripts/test through
scripts/lib/node.sh): without it the test skips on a laptop and FAILS under CI=true.
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page

from demo.cms import DEMO_PORTALS, cms_demo_seed
from demo.surveys import surveys_demo_seed
from demo.translations import translations_demo_seed
from settings.search import DATABASE_BACKEND
from tests.browser.conftest import TIMEOUT_MS, in_ci
from tests.factories import province_rows, provision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "mobile": {"width": 390, "height": 844}}
# WCAG 2.0 and 2.1, levels A and AA (axe's tags for them).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEARCH_QUERY = "hộ tịch"


def axe_source() -> str:
    if not AXE_JS.exists():
        message = f"axe-core is not installed ({AXE_JS}; npm ci, as ./scripts/test does)"
        if in_ci():
            pytest.fail(f"CI=true: {message}")
        pytest.skip(f"!!! AXE CHECKS SKIPPED: {message}")
    return AXE_JS.read_text()


@pytest.fixture
def demo_portals(settings):
    """The four demo portals, seeded as ``seed_demo`` does (English mirror and survey too).
    Search runs on the database backend: what is checked is the box and its page, not an
    engine (tests/search/ covers those)."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": dict(DATABASE_BACKEND)}
    settings.SEARCH_BACKEND = ""
    cache.clear()
    provision(province_rows(communes_under_district=("tiendu-lienbao",)), with_sections=True)
    cms_demo_seed()
    translations_demo_seed()
    surveys_demo_seed()
    yield
    cache.clear()


def pages_to_visit(slug: str, seen_types: set[int]) -> list[str]:
    """Paths of the portal's home and of one page of every page type not in
    ``seen_types`` (which it extends): the four portals share the templates, so a type
    another portal showed is not loaded again."""
    from tenants.models import Unit

    home = Unit.objects.get(slug=slug).site.root_page
    paths = ["/"]
    for page in home.get_descendants().live().public().order_by("path"):
        if page.content_type_id not in seen_types:
            seen_types.add(page.content_type_id)
            url = page.specific.get_url()
            if url and url not in paths:
                paths.append(re.sub(r"^https?://[^/]+", "", url))
    return paths


def english_pages() -> list[str]:
    urls = (page.get_url() for page in
            Page.objects.filter(locale__language_code="en", depth__gte=3).live().public().order_by("path"))
    return [re.sub(r"^https?://[^/]+", "", url) for url in urls if url]


def audit(page, axe: str) -> list[dict]:
    """axe-core's violations of the WCAG 2.1 A/AA rules on the loaded page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe)
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
        AXE_TAGS,
    )
    return result


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def shot(page, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def page_problems(page, axe: str, width_name: str) -> list[str]:
    """What is wrong with the loaded page at the current width."""
    problems = []
    if not page.locator("header form[role=search] input[name=q]").is_visible():
        problems.append("no search box in the header")
    if width_name == "mobile" and (extra := overflow(page)) > 0:
        problems.append(f"{extra} px wider than the screen")
    problems += [f"axe {v['id']} ({v['impact']}): {v['nodes']}" for v in audit(page, axe)]
    return problems


def test_public_pages_accessible_fitting_and_searchable_on_four_portals(demo_portals, browser, portal_url,
                                                                         monkeypatch):
    axe = axe_source()
    findings: list[str] = []
    server_errors: list[str] = []
    seen_types: set[int] = set()
    visits = {slug: pages_to_visit(slug, seen_types) for slug in DEMO_PORTALS}
    visits["bacninh"] += english_pages() + ["/tim-kiem/van-ban/", "/khong-co-trang-nay/"]
    # Every page type of the demo, on the portals that have it, and the four homes.
    assert len(seen_types) > 25 and len(visits["bacninh"]) > 20, visits

    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    context.on("response", lambda r: r.status >= 500 and server_errors.append(f"{r.status} {r.url}"))
    page = context.new_page()
    for slug, paths in visits.items():
        for path in paths:
            url = portal_url(slug, path)
            page.set_viewport_size(VIEWPORTS["desktop"])
            response = page.goto(url)
            expected = 404 if path == "/khong-co-trang-nay/" else 200
            if response.status != expected:
                findings.append(f"{url}: HTTP {response.status}")
            for width_name, viewport in VIEWPORTS.items():
                if width_name != "desktop":
                    page.set_viewport_size(viewport)
                if problems := page_problems(page, axe, width_name):
                    findings.append(f"{width_name} {url}: " + "; ".join(problems))
                    shot(page, f"finding-{slug}-{width_name}-{len(findings):02d}")
                if path == "/":
                    shot(page, f"home-{slug}-{width_name}")

    # The header's search box, used from a portal page: this portal only.
    for width_name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.goto(portal_url("sotuphap", "/"))
        page.fill("#site-search-q", SEARCH_QUERY)
        page.select_option("#site-search-scope", "portal")
        with page.expect_navigation():
            page.locator("header form[role=search] button[type=submit]").click()
        assert "/tim-kiem/" in page.url and "scope=portal" in page.url
        assert page.locator("#site-search-q").input_value() == SEARCH_QUERY  # the query stays in the box
        results = page.locator(".search-result")
        assert results.count() > 0, "the search from the header found nothing"
        assert "hộ tịch" in results.first.inner_text().lower()
        violations = audit(page, axe)
        assert not violations, f"{width_name} search results: {violations}"
        if width_name == "mobile":
            assert overflow(page) <= 0
        shot(page, f"search-sotuphap-{width_name}")

    portal_facet_type_ahead_filters_the_results(page, portal_url, monkeypatch)
    context.close()

    assert not server_errors, server_errors
    assert not findings, "\n".join(findings)


def portal_facet_type_ahead_filters_the_results(page, portal_url, monkeypatch):
    """"N more portals…" holds the portals past the top ones; typing part of a name
    (without diacritics) leaves the matching portal, whose link filters the results."""
    from search import views

    # The demo has four portals: the top one stands in for the top ten.
    monkeypatch.setattr(views, "PORTAL_FACET_TOP", 1)
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(portal_url("bacninh", "/tim-kiem/?q=" + SEARCH_QUERY))
    more = page.locator(".facet-more")
    more_items = more.locator("li")
    labels = [text.strip() for text in more_items.locator("a").all_text_contents()]  # folded: not rendered
    assert len(labels) >= 2, f"the demo should put portals behind 'more…': {labels}"
    more.locator("summary").click()
    assert re.fullmatch(rf"{len(labels)} cổng khác…", more.locator("summary").inner_text().strip())
    # The district "Tiên Du" typed as "tien du": diacritics folded as the server does;
    # the commune "Liên Bão" and the others are hidden.
    assert "Tiên Du" in labels
    page.fill("#portal-facet-filter", "tien du")
    shown = [item.inner_text() for item in more_items.all() if item.is_visible()]
    assert len(shown) == 1 and shown[0].startswith("Tiên Du"), shown
    count = int(re.search(r"\((\d+)\)", shown[0]).group(1))
    with page.expect_navigation():
        more_items.get_by_role("link", name="Tiên Du", exact=True).click()
    assert "portal=tiendu" in page.url
    metas = page.locator(".search-result .search-meta").all_inner_texts()
    assert len(metas) == count and all(meta.startswith("Tiên Du") for meta in metas), metas
    shot(page, "search-portal-facet-type-ahead")


def test_menu_folds_on_mobile_even_without_javascript_and_articles_print(browser, portal_url):
    from tests.cms import factories as f
    from tests.cms.factories import portal_with_sections

    portals = portal_with_sections(slugs={"bacninh"})
    article = f.NewsPageFactory(parent=portals.sections["bacninh"]["tin-tuc"], summary="Tóm tắt")
    for javascript in (True, False):
        context = browser.new_context(viewport=VIEWPORTS["mobile"], java_script_enabled=javascript)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.goto(portal_url("bacninh", article.url))
        menu_link = page.locator(".menu-list a").first
        assert not menu_link.is_visible(), "the menu should start folded on a phone"
        page.locator(".menu-toggle").click()
        assert menu_link.is_visible(), "the Menu button should unfold the menu"
        print_button = page.locator("[data-print]")
        # The print action needs the script; without it the browser's own print remains.
        assert print_button.is_visible() is javascript
        context.close()
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(portal_url("bacninh", article.url))
    assert page.locator(".menu-list a").first.is_visible()
    assert not page.locator(".menu-toggle").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header form[role=search]").is_visible()
    assert page.locator("article h1").is_visible()
    context.close()


def test_axe_finds_a_real_violation(browser):
    """The audit is not blind: a page with an unlabelled input and an image without alt
    text is reported."""
    axe = axe_source()
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="vi"><body><main><h1>x</h1><input type="text"><img src="data:,"></main></body></html>')
    ids = {v["id"] for v in audit(page, axe)}
    context.close()
    assert {"label", "image-alt"} <= ids, json.dumps(sorted(ids))
