"""Provision units and their portals from a YAML or CSV file (issue #2).

``unit_rows_read`` parses the file keeping each row's line number, ``unit_rows_validate``
checks every row against the file and the database, and ``portals_provision`` writes
units, home pages, sites, media collections and editorial boards in one transaction:
either the whole file lands or nothing of that run does. Running it twice with the
same file changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Collection, Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from mandate.units import KIND_ORDER  # noqa: F401  (parents are written before their children; re-exported)
from tenants.boards import board_sync
from tenants.models import ALLOWED_PARENT_KINDS, HOSTNAME_PATTERN, SLUG_PATTERN, Unit, UnitKind
from tenants.registry import page_types
from tenants.sections import sections_ensure
from vietnamese.text import clean_vietnamese_text

FIELDS = ("slug", "kind", "name", "short_name", "hostname", "parent")
PROVINCIAL_ROOT_TITLE = "Cổng Thông tin điện tử tỉnh Bắc Ninh và các cổng thành phần"
PROVINCIAL_ROOT_SLUG = "portals"


@dataclass(frozen=True)
class UnitRow:
    line: int
    slug: str
    kind: str
    name: str
    short_name: str
    hostname: str
    parent: str | None


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("line %(line)s, %(field)s: %(message)s") % {
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


class ProvisioningError(Exception):
    """The file was refused; ``errors`` lists every bad row with its line number."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class ProvisioningResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


# --- reading ---------------------------------------------------------------------


def unit_rows_read(path: str | Path) -> list[UnitRow]:
    """Read a YAML (``units:`` list or bare list of mappings) or CSV file."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        return _rows_from_csv(text)
    if path.suffix.lower() in (".yaml", ".yml"):
        return _rows_from_yaml(text)
    raise ProvisioningError([RowError(0, "file", _("unsupported file type %s (use .yaml, .yml or .csv)") % path.suffix)])


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _row(line: int, data: dict) -> UnitRow:
    values = {name: _text(data.get(name)) for name in FIELDS}
    return UnitRow(
        line=line,
        slug=values["slug"],
        kind=values["kind"].lower(),
        name=values["name"],
        short_name=values["short_name"] or values["name"],
        hostname=values["hostname"].lower().rstrip("."),
        parent=values["parent"] or None,
    )


def _rows_from_csv(text: str) -> list[UnitRow]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in FIELDS if name not in (reader.fieldnames or []) and name != "short_name"]
    if missing:
        raise ProvisioningError([RowError(1, "header", _("missing columns: %s") % ", ".join(missing))])
    rows = []
    for data in reader:
        rows.append(_row(reader.line_num, data))
    return rows


def _rows_from_yaml(text: str) -> list[UnitRow]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise ProvisioningError([RowError(line, "file", _("invalid YAML: %s") % getattr(exc, "problem", exc))]) from exc
    finally:
        loader.dispose()

    items, item_nodes = data, node
    if isinstance(data, dict):
        items = data.get("units")
        item_nodes = next((v for k, v in node.value if k.value == "units"), None)
    if not isinstance(items, list) or item_nodes is None:
        raise ProvisioningError([RowError(1, "file", _("expected a list of units (under the key 'units')"))])

    rows = []
    for item, item_node in zip(items, item_nodes.value, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            raise ProvisioningError([RowError(line, "row", _("each unit must be a mapping of fields"))])
        rows.append(_row(line, item))
    return rows


# --- validation ------------------------------------------------------------------


def unit_rows_validate(rows: Iterable[UnitRow]) -> list[RowError]:
    """Every problem of every row, checked against the file and the database."""
    rows = list(rows)
    errors: list[RowError] = []
    existing = {u.slug: u for u in Unit.objects.all()}
    first_slug: dict[str, int] = {}
    first_host: dict[str, int] = {}
    file_kinds: dict[str, str] = {}

    for row in rows:
        def err(field_name: str, message: str, row=row) -> None:
            errors.append(RowError(row.line, field_name, message))

        if row.kind not in UnitKind.values:
            err("kind", _("unknown kind '%(kind)s' (expected one of: %(kinds)s)") % {"kind": row.kind, "kinds": ", ".join(UnitKind.values)})
        if not row.name:
            err("name", _("name is empty"))
        for field_name in ("name", "short_name"):
            try:
                clean_vietnamese_text(getattr(row, field_name))
            except ValidationError as exc:
                err(field_name, " ".join(exc.messages))
        if not re.match(SLUG_PATTERN, row.slug) or len(row.slug) > 50:
            err("slug", _("'%s' is not a valid slug (lowercase letters, digits and hyphens, at most 50)") % row.slug)
        elif row.slug in first_slug:
            err("slug", _("duplicate slug '%(slug)s' (first on line %(line)s)") % {"slug": row.slug, "line": first_slug[row.slug]})
        else:
            first_slug[row.slug] = row.line
            file_kinds[row.slug] = row.kind
        if not re.match(HOSTNAME_PATTERN, row.hostname):
            err("hostname", _("'%s' is not a valid hostname") % row.hostname)
        elif row.hostname in first_host:
            err("hostname", _("duplicate hostname '%(host)s' (first on line %(line)s)") % {"host": row.hostname, "line": first_host[row.hostname]})
        else:
            first_host[row.hostname] = row.line
            owner = _hostname_owner(row.hostname)
            if owner is not None and owner != row.slug:
                err("hostname", _("hostname '%(host)s' already belongs to %(owner)s") % {"host": row.hostname, "owner": owner})

    provinces = {r.slug for r in rows if r.kind == UnitKind.PROVINCE}
    provinces |= {u.slug for u in existing.values() if u.kind == UnitKind.PROVINCE and u.slug not in file_kinds}
    for row in rows:
        if row.kind not in UnitKind.values:
            continue
        if row.kind == UnitKind.PROVINCE:
            if row.parent:
                errors.append(RowError(row.line, "parent", _("the province has no parent unit")))
            if len(provinces) > 1:
                errors.append(RowError(row.line, "kind", _("there can be only one province (found: %s)") % ", ".join(sorted(provinces))))
            continue
        if not row.parent:
            errors.append(RowError(row.line, "parent", _("a %s needs a parent unit") % UnitKind(row.kind).label))
            continue
        parent_kind = file_kinds.get(row.parent) or (existing[row.parent].kind if row.parent in existing else None)
        if parent_kind is None:
            errors.append(RowError(row.line, "parent", _("unknown parent '%s'") % row.parent))
        elif parent_kind not in ALLOWED_PARENT_KINDS[row.kind]:
            errors.append(
                RowError(
                    row.line,
                    "parent",
                    _("a %(kind)s cannot sit under a %(parent_kind)s ('%(parent)s')")
                    % {"kind": UnitKind(row.kind).label, "parent_kind": UnitKind(parent_kind).label, "parent": row.parent},
                )
            )
    return sorted(errors, key=lambda e: e.line)


def _hostname_owner(hostname: str) -> str | None:
    """Slug of the unit (or name of the non-portal site) already using ``hostname``."""
    unit = Unit.objects.filter(hostname=hostname).only("slug").first()
    if unit is not None:
        return unit.slug
    site = Site.objects.filter(hostname=hostname).first()
    if site is not None:
        owner = Unit.objects.filter(site=site).only("slug").first()
        return owner.slug if owner else _("site '%s'") % (site.site_name or site.hostname)
    return None


# --- writing ---------------------------------------------------------------------


def portals_provision(
    rows: list[UnitRow], *, progress: Callable[[str], None] | None = None, with_sections: bool = True
) -> ProvisioningResult:
    """Create or update every unit of ``rows`` with its portal, atomically.

    ``with_sections=False`` leaves out the section skeleton (tenants.sections): tests that
    only need portals use it to stay fast.
    """
    rows = [_cleaned(row) for row in rows]
    errors = unit_rows_validate(rows)
    if errors:
        raise ProvisioningError(errors)

    result = ProvisioningResult()
    perm_cache: dict = {}
    # New home and section pages are empty, so they reference nothing: skipping the
    # reference index's per-save update saves a fifth of the time on a full province.
    with transaction.atomic(), disable_reference_index_auto_update():
        root = provincial_root_get_or_create()
        collections = _collections_ensure(rows)
        for row in sorted(rows, key=lambda r: (KIND_ORDER[r.kind], r.line)):
            outcome = _portal_provision(
                row, root=root, collection=collections[row.slug], perm_cache=perm_cache, with_sections=with_sections
            )
            getattr(result, outcome).append(row.slug)
            if progress:
                progress(row.slug)
    return result


def _cleaned(row: UnitRow) -> UnitRow:
    def clean(value: str) -> str:
        try:
            return clean_vietnamese_text(value)
        except ValidationError:
            return value  # reported by validation with its line

    return UnitRow(
        line=row.line,
        slug=row.slug,
        kind=row.kind,
        name=clean(row.name),
        short_name=clean(row.short_name),
        hostname=row.hostname,
        parent=row.parent,
    )


def provincial_root_get_or_create() -> Page:
    # The page types are cms's, registered in tenants.registry (issue #24).
    root_model = apps.get_model(page_types().root)
    # The English mirror (#5) adds a translated root; portals hang under the default one.
    root = root_model.objects.filter(locale=Locale.get_default()).first()
    if root is not None:
        return root
    tree_root = Page.get_first_root_node()
    root = root_model(title=PROVINCIAL_ROOT_TITLE, slug=PROVINCIAL_ROOT_SLUG)
    tree_root.add_child(instance=root)
    return root


def collection_name(row: UnitRow) -> str:
    return f"{row.name} [{row.slug}]"


def _collections_ensure(rows: list[UnitRow]) -> dict[str, Collection]:
    """Each unit's media collection, created or renamed, keyed by unit slug.

    Collections keep their siblings sorted by name, so each insertion out of order
    rewrites the paths of every later sibling; creating them in name order makes
    provisioning the whole province linear instead of quadratic.
    """
    existing = {
        unit.slug: unit.collection
        for unit in Unit.objects.filter(slug__in=[r.slug for r in rows]).select_related("collection")
        if unit.collection
    }
    parent = Collection.get_first_root_node()
    collections = {}
    for row in sorted(rows, key=collection_name):
        collection = existing.get(row.slug)
        if collection is None:
            collection = parent.add_child(name=collection_name(row))
        elif collection.name != collection_name(row):
            collection.name = collection_name(row)
            collection.save(update_fields=["name"])
        collections[row.slug] = collection
    return collections


def _portal_provision(
    row: UnitRow, *, root: Page, collection: Collection, perm_cache: dict, with_sections: bool
) -> str:
    parent = Unit.objects.get(slug=row.parent) if row.parent else None
    wanted = {
        "kind": row.kind,
        "name": row.name,
        "short_name": row.short_name,
        "hostname": row.hostname,
        "parent": parent,
    }
    unit = Unit.objects.filter(slug=row.slug).first()
    if unit is None:
        unit = Unit.objects.create(slug=row.slug, **wanted)
        outcome = "created"
    else:
        dirty = [name for name, value in wanted.items() if getattr(unit, name) != value]
        if dirty:
            for name in dirty:
                setattr(unit, name, wanted[name])
            unit.save()
        outcome = "updated" if dirty else "unchanged"

    changed = False
    if unit.collection_id != collection.pk:
        unit.collection = collection
        changed = True

    home = unit.home_page.specific if unit.site_id else None
    if home is None:
        home = apps.get_model(page_types().home)(title=unit.name, slug=unit.slug, unit=unit, live=True)
        root.add_child(instance=home)
        changed = True
    elif home.title != unit.name:
        home.title = unit.name
        home.save_revision(log_action=True).publish()
        changed = True

    is_province = unit.kind == UnitKind.PROVINCE
    site = unit.site
    if site is None:
        if is_province:
            # The provincial portal answers for any host no other portal claims.
            Site.objects.filter(is_default_site=True).update(is_default_site=False)
        site = Site.objects.create(
            hostname=unit.hostname, port=80, root_page=home, site_name=unit.name, is_default_site=is_province
        )
        unit.site = site
        changed = True
    elif (site.hostname, site.site_name, site.is_default_site) != (unit.hostname, unit.name, is_province):
        site.hostname, site.site_name, site.is_default_site = unit.hostname, unit.name, is_province
        site.save()
        changed = True

    if changed:
        unit.save(update_fields=["collection", "site", "updated_at"])
    changed |= board_sync(unit=unit, home=home, collection=collection, perm_cache=perm_cache)
    if with_sections:
        changed |= bool(sections_ensure(home=home, kind=unit.kind))
    if outcome == "unchanged" and changed:
        outcome = "updated"
    return outcome
