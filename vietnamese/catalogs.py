"""The project's Vietnamese catalogs of Wagtail and wagtail-localize (issue #19 item 1).

Each installed package module ships an English template catalog
(``<module>/locale/en/LC_MESSAGES/<domain>.po``) listing every message it can show. Our
catalog for that module (``locale/<module>/vi/LC_MESSAGES/<domain>.po``) must translate
each of them: ``catalog_sync`` adds the messages a package upgrade brings (taking the
package's own Vietnamese translation when it has one) and ``catalog_missing`` lists those
still untranslated, so a test fails until someone translates them.
"""

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

from .package_locale import DOMAINS, PACKAGE_CATALOGS

LANGUAGE = "vi"
PLURAL_FORMS = "nplurals=1; plural=0;"

# %(name)s, %s, %d …; {name} / {0} / {}; the placeholders a translation must keep.
PLACEHOLDER_RE = re.compile(r"%\([^)]+\)[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%[sdif]|\{[A-Za-z_0-9]*\}")


@dataclass(frozen=True)
class Catalog:
    module: str
    domain: str

    @property
    def package_dir(self) -> Path:
        spec = importlib.util.find_spec(self.module)
        return Path(spec.origin).parent

    @property
    def template_path(self) -> Path:
        return self.package_dir / "locale" / "en" / "LC_MESSAGES" / f"{self.domain}.po"

    @property
    def upstream_path(self) -> Path:
        return self.package_dir / "locale" / LANGUAGE / "LC_MESSAGES" / f"{self.domain}.po"

    @property
    def path(self) -> Path:
        locale_root = Path(settings.BASE_DIR) / "locale"
        return locale_root / self.module / LANGUAGE / "LC_MESSAGES" / f"{self.domain}.po"


def package_catalogs() -> list[Catalog]:
    """Every (module, domain) whose installed package ships a template catalog."""
    found = []
    for module in PACKAGE_CATALOGS:
        for domain in DOMAINS:
            catalog = Catalog(module, domain)
            if catalog.template_path.exists():
                found.append(catalog)
    return found


def entry_key(entry: polib.POEntry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def entry_translation(entry: polib.POEntry) -> str:
    """The one Vietnamese form (nplurals=1), or '' when untranslated or fuzzy."""
    if entry.obsolete or "fuzzy" in entry.flags:
        return ""
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, "") if entry.msgstr_plural else ""
    return entry.msgstr


def template_entries(catalog: Catalog) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(catalog.template_path)) if not e.obsolete and e.msgid]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER_RE.findall(text))


def catalog_missing(catalog: Catalog) -> list[polib.POEntry]:
    """Template messages our catalog does not translate (absent, empty or fuzzy)."""
    ours = {}
    if catalog.path.exists():
        ours = {entry_key(e): e for e in polib.pofile(str(catalog.path))}
    return [
        e
        for e in template_entries(catalog)
        if not (entry_key(e) in ours and entry_translation(ours[entry_key(e)]))
    ]


def catalog_sync(catalog: Catalog) -> int:
    """Add the template's new messages to our catalog; return how many were added.

    Our translations are kept; a new message takes the package's own Vietnamese
    translation when there is one (marked fuzzy, for review), else stays empty.
    """
    if catalog.path.exists():
        po = polib.pofile(str(catalog.path), wrapwidth=0)
    else:
        catalog.path.parent.mkdir(parents=True, exist_ok=True)
        po = polib.POFile(wrapwidth=0)
        po.metadata = {
            "Project-Id-Version": catalog.module,
            "PO-Revision-Date": "2026-12-05 00:00+0700",
            "Last-Translator": "Bac Ninh portal platform",
            "Language-Team": "Vietnamese",
            "Language": LANGUAGE,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS,
        }
    upstream = {}
    if catalog.upstream_path.exists():
        upstream = {entry_key(e): e for e in polib.pofile(str(catalog.upstream_path))}
    ours = {entry_key(e): e for e in po}
    added = 0
    for template in template_entries(catalog):
        key = entry_key(template)
        entry = ours.get(key)
        if entry is None:
            entry = polib.POEntry(
                msgctxt=template.msgctxt,
                msgid=template.msgid,
                msgid_plural=template.msgid_plural,
            )
            known = entry_translation(upstream[key]) if key in upstream else ""
            if template.msgid_plural:
                entry.msgstr_plural = {0: known}
            else:
                entry.msgstr = known
            if known:
                entry.flags.append("fuzzy")
            po.append(entry)
            added += 1
        entry.occurrences = template.occurrences
        entry.flags = [f for f in template.flags if f != "fuzzy"] + (
            ["fuzzy"] if "fuzzy" in entry.flags else []
        )
    po.save(str(catalog.path))
    return added
