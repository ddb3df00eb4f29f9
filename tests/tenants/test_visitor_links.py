"""Every link of the four demo portals' home pages, and of one page of each type below
them, answers 200 through the alias route and stays on the host the visitor came by
(issue #17: links left the site for http://sotuphap.bacninh.gov.vn/… without DNS)."""

import html
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import TestCase

from demo.cms import cms_demo_seed
from demo.translations import translations_demo_seed
from tests.factories import province_rows, provision

PORT = "8000"
HOME_HOSTS = [f"{slug}.localhost:{PORT}" for slug in ("bacninh", "sotuphap", "tiendu", "tiendu-lienbao")]
# The provincial portal as the main address serves it, and its English site.
START_URLS = [f"http://{host}/" for host in HOME_HOSTS] + [f"http://127.0.0.1:{PORT}/", f"http://127.0.0.1:{PORT}/en/"]
HREF = re.compile(r'href="([^"]+)"')
REAL_HOSTNAME = re.compile(r"(^|\.)bacninh\.gov\.vn$")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The four demo portals with their content and the English mirror, seeded once."""
    with django_db_blocker.unblock(), transaction.atomic():
        provision(province_rows(communes_under_district=("tiendu-lienbao",)), with_sections=True)
        # wagtail-localize publishes translations once the transaction commits.
        with TestCase.captureOnCommitCallbacks(execute=True):
            cms_demo_seed()
            translations_demo_seed()
        yield
        transaction.set_rollback(True)


def is_internal(url: str) -> bool:
    host = urlsplit(url).netloc
    return host.endswith(f".localhost:{PORT}") or host == f"127.0.0.1:{PORT}"


def fetch(client, url: str):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path, HTTP_HOST=parts.netloc)


def page_links(url: str, body: str) -> list[str]:
    links = []
    for href in HREF.findall(body):
        href = html.unescape(href)
        if href.startswith(("mailto:", "tel:", "#")):
            continue
        links.append(urljoin(url, href).split("#")[0])
    return links


def test_links_of_the_home_pages_and_one_page_per_type_answer_on_the_alias_route(client, demo, db):
    checked: dict[str, int] = {}
    leaving: list[tuple[str, str]] = []

    def visit(url: str) -> list[str]:
        """Check every link on ``url``; return them."""
        response = fetch(client, url)
        assert response.status_code == 200, url
        links = page_links(url, response.content.decode())
        for link in links:
            if not is_internal(link):
                if REAL_HOSTNAME.search(urlsplit(link).hostname or ""):
                    leaving.append((url, link))
                continue
            if "/static/" in link or link in checked:
                continue  # static files are the web server's, not Django's, outside DEBUG
            checked[link] = fetch(client, link).status_code
        return links

    one_per_type = []
    for start in START_URLS:
        for section in visit(start):
            if not is_internal(section) or urlsplit(section).path.count("/") != 2:
                continue  # sections sit one level below the home: /tin-tuc/
            response = fetch(client, section)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            child = next((link for link in page_links(section, response.content.decode())
                          if link.startswith(section) and link != section and is_internal(link)
                          and not link.endswith("/feed/") and "?" not in link), None)
            if child:
                one_per_type.append(child)
    for url in dict.fromkeys(one_per_type):
        visit(url)

    assert not leaving, f"links leaving for the real hostnames: {leaving[:10]}"
    broken = {link: status for link, status in checked.items() if status != 200}
    assert not broken, f"links not answering 200 on the alias route: {broken}"
    # The walk really covered the four portals and pages of many types.
    assert {urlsplit(link).netloc for link in checked} >= set(HOME_HOSTS)
    assert len(set(one_per_type)) >= 20 and len(checked) >= 100
