"""A real Varnish (Debian's varnishd) with deploy/varnish/default.vcl in front of a live
Django server: a second GET is a hit, and publishing purges it.

Skips when varnishd is absent, unless CI=true (``./scripts/test`` installs it through
``scripts/services/varnish.sh ensure``); then the test fails instead.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from caching.varnish import vcl_for_backend
from settings.frontend_cache import frontend_cache_settings
from tests.caching.conftest import HOST
from tests.cms.factories import NewsPageFactory, portal_with_sections

# Real commits (the live server reads them); serialized_rollback restores the rows the
# migrations created (locales, the root page) that the flush after this test removes.
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _varnishd() -> str | None:
    return shutil.which("varnishd") or next(
        (path for path in ("/usr/sbin/varnishd",) if os.access(path, os.X_OK)), None
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": HOST})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.headers, response.read().decode()


@pytest.fixture
def varnish(live_server):
    """varnishd on a free loopback port whose backend is the live server."""
    binary = _varnishd()
    if binary is None:
        if os.environ.get("CI") in ("true", "1"):
            pytest.fail("varnishd is missing with CI=true: scripts/services/varnish.sh ensure installs it")
        pytest.skip("varnishd is not installed (apt-get install varnish, or scripts/services/varnish.sh ensure)")
    backend = live_server.url.rsplit(":", 1)
    port = _free_port()
    # Not under pytest's tmp_path: varnishd's worker runs as its own user and needs
    # to read its working directory, which pytest makes private to root.
    workdir = Path(tempfile.mkdtemp(prefix="portal-varnish-"))
    workdir.chmod(0o755)
    vcl = workdir / "default.vcl"
    vcl.write_text(vcl_for_backend(host=backend[0].removeprefix("http://"), port=int(backend[1])))
    vcl.chmod(0o644)
    process = subprocess.Popen(
        [binary, "-F", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-n", str(workdir / "n"), "-s", "malloc,32m"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode(errors="replace") if process.poll() is not None else ""
                    pytest.fail(f"varnishd did not start: {output}")
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def test_second_get_is_a_hit_and_publish_purges_it(varnish, settings):
    settings.PORTAL_CACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings(f"http://127.0.0.1:{varnish}")
    portals = portal_with_sections(slugs={"bacninh", "sotuphap"})
    news = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), title="Tin cũ", slug="tin-thu")

    for path in ("/tin-tuc/tin-thu/", "/api/v2/pages/?type=cms.NewsPage"):
        headers, _ = _get(varnish, path)
        assert headers["X-Cache"] == "MISS", path
        headers, body = _get(varnish, path)
        assert headers["X-Cache"] == "HIT", path
        assert "Tin cũ" in body

    news.title = "Tin mới"
    news.save_revision().publish()  # transactional_db: on_commit runs at once

    deadline = time.monotonic() + 1
    for path in ("/tin-tuc/tin-thu/", "/api/v2/pages/?type=cms.NewsPage"):
        while True:
            headers, body = _get(varnish, path)
            if "Tin mới" in body:
                break
            assert time.monotonic() < deadline, f"{path} still shows the old title after 1 s"
            time.sleep(0.05)


def test_backend_is_templated_and_the_loopback_may_purge(varnish):
    """Purges are accepted from 127.0.0.1 only (acl purgers); the tests run there."""
    vcl = vcl_for_backend(host="10.0.0.5", port=8001)
    assert '.host = "10.0.0.5";' in vcl and '.port = "8001";' in vcl
    assert 'acl purgers {\n    "127.0.0.1";\n}' in vcl
    request = urllib.request.Request(f"http://127.0.0.1:{varnish}/", method="PURGE", headers={"Host": HOST})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        assert response.status == 200
