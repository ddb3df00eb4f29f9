"""The Vietnamese catalogs of Wagtail and wagtail-localize (issue #19 item 1).

A Wagtail or wagtail-localize upgrade that brings new admin messages makes
``test_every_package_message_is_translated`` fail, naming them; ``manage.py
package_catalogs --sync`` adds them to our catalogs for translation.
"""

import json
import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vietnamese.catalogs import (
    PLURAL_FORMS,
    catalog_missing,
    entry_translation,
    package_catalogs,
    placeholders,
    template_entries,
)
from vietnamese.package_locale import PACKAGE_CATALOGS

CATALOGS = package_catalogs()
TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")


def ids(catalog):
    return f"{catalog.module}-{catalog.domain}"


def our_entries(catalog):
    return [e for e in polib.pofile(str(catalog.path)) if e.msgid and not e.obsolete]


def test_both_domains_of_wagtail_admin_and_localize_are_covered():
    covered = {(c.module, c.domain) for c in CATALOGS}
    assert {("wagtail.admin", "djangojs"), ("wagtail_localize", "djangojs")} <= covered
    assert len(CATALOGS) >= 18


def test_every_installed_wagtail_app_with_a_catalog_is_covered():
    """A contrib app added to INSTALLED_APPS later must get its catalog too."""
    uncovered = [
        app.name
        for app in apps.get_app_configs()
        if app.name.startswith("wagtail")
        and (app.path and (Path(app.path) / "locale" / "en").exists())
        and app.name not in PACKAGE_CATALOGS
    ]
    assert uncovered == []


def test_package_catalogs_come_after_the_projects_own():
    """Django lets the first LOCALE_PATHS entry win: project strings before packages'."""
    paths = [str(p) for p in settings.LOCALE_PATHS]
    assert paths[0] == str(settings.BASE_DIR / "locale")
    for catalog in CATALOGS:
        assert str(catalog.path.parents[2]) in paths[1:]


@pytest.mark.parametrize("catalog", CATALOGS, ids=ids)
def test_every_package_message_is_translated(catalog):
    missing = [(e.msgctxt, e.msgid) for e in catalog_missing(catalog)]
    assert missing == [], (
        f"{len(missing)} message(s) of {catalog.module} ({catalog.domain}) have no Vietnamese "
        f"translation in {catalog.path}; run manage.py package_catalogs --sync and translate them: "
        f"{missing[:20]}"
    )


@pytest.mark.parametrize("catalog", CATALOGS, ids=ids)
def test_translations_keep_placeholders_tags_and_edge_spaces(catalog):
    wrong = []
    for entry in our_entries(catalog):
        text = entry_translation(entry)
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        if not any(placeholders(text) == placeholders(s) for s in sources):
            wrong.append(("placeholders", entry.msgid))
        if not any(sorted(TAG_RE.findall(text)) == sorted(TAG_RE.findall(s)) for s in sources):
            wrong.append(("tags", entry.msgid))
        if text[-1:] == " " != entry.msgid[-1:] or entry.msgid[-1:] == " " != text[-1:]:
            wrong.append(("trailing space", entry.msgid))
    assert wrong == []


@pytest.mark.parametrize("catalog", CATALOGS, ids=ids)
def test_one_plural_form_and_no_fuzzy_entries(catalog):
    po = polib.pofile(str(catalog.path))
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS
    assert po.metadata["Language"] == "vi"
    assert [e.msgid for e in po if "fuzzy" in e.flags] == []
    for entry in po:
        if entry.msgid_plural:
            assert list(entry.msgstr_plural) == [0], entry.msgid


@pytest.mark.parametrize("catalog", CATALOGS, ids=ids)
def test_compiled_catalog_matches_the_po(catalog):
    """Django reads the .mo: a PO edited without compilemessages would not be seen."""
    compiled = polib.mofile(str(catalog.path.with_suffix(".mo")))
    in_mo = {(e.msgctxt, e.msgid): e.msgstr_plural.get(0) if e.msgid_plural else e.msgstr for e in compiled}
    stale = [e.msgid for e in our_entries(catalog) if in_mo.get((e.msgctxt, e.msgid)) != entry_translation(e)]
    assert stale == []
    assert len(template_entries(catalog)) == len(our_entries(catalog))


def test_admin_words_follow_the_glossary():
    """Terms of docs/GLOSSARY.md's admin list, as Django serves them."""
    with translation.override("vi"):
        assert translation.gettext("Pages") == "Trang"
        assert translation.gettext("Draft") == "Bản nháp"
        assert translation.gettext("Publish") == "Xuất bản"
        assert translation.gettext("Submit for moderation") == "Gửi kiểm duyệt"
        assert translation.gettext("Collection") == "Bộ sưu tập"
        assert translation.gettext("Focal point") == "Điểm trọng tâm"
        assert translation.gettext("%(label)s and Publish") % {"label": "Phê duyệt"} == (
            "Phê duyệt và xuất bản"
        )
        awaiting = translation.gettext(
            "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow."
        )
        assert "trang" in awaiting.format(model_name="trang", task_name="Duyệt", workflow_name="Tin")
        assert "awaiting" not in awaiting
        # Project strings keep their own meaning through a context.
        assert translation.pgettext("consultation", "Draft") == "Dự thảo"
        assert translation.pgettext("pagination", "Pages") == "Phân trang"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "catalog_module", "msgid"),
    [
        ("wagtailadmin_javascript_catalog", "wagtail.admin", "Page explorer"),
        ("wagtail_localize:javascript_catalog", "wagtail_localize", "Translate with "),
    ],
)
def test_javascript_catalogs_serve_our_translations(url_name, catalog_module, msgid):
    """The admin's scripts take their strings from Django's JavaScriptCatalog views."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("catalog-admin", "a@bacninh.gov.vn", "pw")
    client = Client()
    client.force_login(admin)
    catalog = next(c for c in CATALOGS if c.module == catalog_module and c.domain == "djangojs")
    expected = next(entry_translation(e) for e in our_entries(catalog) if e.msgid == msgid)
    body = client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    # JavaScriptCatalog writes the catalog with json.dumps (non-ASCII escaped).
    assert f"{json.dumps(msgid)}: {json.dumps(expected)}" in body


def test_a_message_shared_by_packages_has_one_translation():
    """Django keeps one translation per msgid: two packages' catalogs must agree on it."""
    seen = {}
    differing = set()
    for catalog in CATALOGS:
        if catalog.domain != "django":
            continue
        for entry in our_entries(catalog):
            key = (entry.msgctxt, entry.msgid)
            text = entry_translation(entry)
            if seen.setdefault(key, text) != text:
                differing.add(key)
    assert differing == set()
