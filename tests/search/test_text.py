"""Folding, snippets and backend settings (issue #4): plain functions, no database."""

import pytest

from search.config import search_backends
from search.snippets import snippet_html
from search.text import fold


@pytest.mark.parametrize(("text", "folded"), [
    ("Thông báo", "thong bao"), ("Đầu tư", "dau tu"), ("ĐẦU TƯ", "dau tu"), ("96/QĐ-UBND", "96/qd-ubnd"),
])
def test_fold(text, folded):
    assert fold(text) == folded


def test_snippet_marks_folded_matches_and_escapes_the_rest():
    html = snippet_html("<p>Xúc tiến <b>đầu tư</b> & thương mại</p>", "dau tu")
    assert html == "Xúc tiến <mark>đầu</mark> <mark>tư</mark> &amp; thương mại"


def test_backends_by_environment():
    assert search_backends(engine="", urls=[], index_prefix="x_") == {
        "default": {"BACKEND": "search.backends.database.SearchBackend"}}
    conf = search_backends(engine="opensearch2", urls=["https://os:9200"], index_prefix="portal_staging_",
                           username="u", password="p")
    assert conf["default"]["INDEX_PREFIX"] == "portal_staging_" and conf["default"]["OPTIONS"] == {"http_auth": ("u", "p")}
    assert conf["database"]["BACKEND"] == "search.backends.database.SearchBackend"
    es = search_backends(engine="elasticsearch9", urls=["http://es:9200"], index_prefix="p_", username="u", password="p")
    assert es["default"]["OPTIONS"] == {"basic_auth": ("u", "p")}
    with pytest.raises(ValueError):
        search_backends(engine="solr", urls=[], index_prefix="")
