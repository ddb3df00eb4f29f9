"""What a portal's open-data catalogue lists (issue #22 item 4).

A component portal's catalogue: its live, public statistics releases (Điều 8.2.c) and
the datasets its board marked open. The provincial catalogue lists every portal's: the
provincial data portal is a component of the provincial portal (Nghị định 42/2022/NĐ-CP)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from opendata.models import OpenDataCatalogue, OpenDataset
from opendata.rules import Licence, UpdateFrequency
from tenants.models import Unit, UnitKind

DESCRIPTION_WORDS = 60


@dataclass
class Table:
    document_id: int
    title: str
    document: object


@dataclass
class Entry:
    """One dataset of the catalogue, from a statistics release or an ``OpenDataset``."""

    key: str  # stable: "thong-ke-<page id>" or "bo-du-lieu-<dataset id>"
    title: str
    description: str
    unit: Unit
    issued: datetime.date
    modified: datetime.date
    frequency: str
    keywords: list[str]
    landing_url: str
    tables: list[Table] = field(default_factory=list)

    @property
    def frequency_label(self) -> str:
        return UpdateFrequency(self.frequency).label if self.frequency in UpdateFrequency.values else self.frequency


def catalogue_units(*, unit: Unit) -> list[Unit]:
    """The units whose data a portal's catalogue lists: every unit for the province."""
    if unit.kind == UnitKind.PROVINCE:
        return list(Unit.objects.filter(site__isnull=False).order_by("kind", "name"))
    return [unit]


def catalogue_of(*, unit: Unit) -> OpenDataCatalogue:
    """The unit's catalogue settings (unsaved defaults when the board never set them)."""
    return OpenDataCatalogue.objects.filter(unit=unit).first() or OpenDataCatalogue(unit=unit)


def _local(moment) -> datetime.date:
    return timezone.localtime(moment).date() if moment else timezone.localdate()


def _releases(units: dict[int, Unit], frequencies: dict[int, str]) -> list[Entry]:
    from cms.models import StatisticsReleasePage

    entries = []
    from caching.sites import public_pages

    # Restricted subtrees left out by the cached restricted paths (what .public() reads each time).
    pages = (public_pages(StatisticsReleasePage.objects.live()).filter(unit_id__in=list(units))
             .prefetch_related("data_files__document").order_by("-first_published_at"))
    for page in pages:
        tables = [Table(item.document_id, item.title or item.document.title, item.document)
                  for item in page.data_files.all() if item.document.file_extension.lower() in ("csv", "xlsx")]
        if not tables:
            continue
        text = page.search_description or strip_tags(page.analysis) or page.title
        entries.append(Entry(
            key=f"thong-ke-{page.pk}", title=page.title,
            description=Truncator(" ".join(text.split())).words(DESCRIPTION_WORDS),
            unit=units[page.unit_id], issued=_local(page.first_published_at), modified=_local(page.last_published_at),
            frequency=frequencies.get(page.unit_id, UpdateFrequency.ANNUAL), keywords=["thống kê"],
            landing_url=page.full_url or "", tables=tables))
    return entries


def _datasets(units: dict[int, Unit]) -> list[Entry]:
    datasets = (OpenDataset.objects.filter(unit_id__in=list(units), is_open=True)
                .prefetch_related("tables__document"))
    return [Entry(key=f"bo-du-lieu-{dataset.pk}", title=dataset.title, description=dataset.description,
                  unit=units[dataset.unit_id], issued=dataset.issued, modified=dataset.modified,
                  frequency=dataset.frequency, keywords=dataset.keyword_list, landing_url="",
                  tables=[Table(table.document_id, table.title or table.document.title, table.document)
                          for table in dataset.tables.all()
                          if table.document.file_extension.lower() in ("csv", "xlsx")])
            for dataset in datasets]


def catalogue_entries(*, unit: Unit) -> list[Entry]:
    """Every dataset of ``unit``'s catalogue, most recently updated first."""
    units = {member.pk: member for member in catalogue_units(unit=unit)}
    frequencies = dict(OpenDataCatalogue.objects.filter(unit_id__in=list(units))
                       .values_list("unit_id", "statistics_frequency"))
    entries = _releases(units, frequencies) + _datasets(units)
    return sorted(entries, key=lambda entry: (entry.modified, entry.key), reverse=True)


def catalogue_table(*, unit: Unit, document_id: int) -> Table | None:
    """The table with ``document_id`` if ``unit``'s catalogue publishes it, else None
    (a document that is in no open dataset is never served here)."""
    for entry in catalogue_entries(unit=unit):
        for table in entry.tables:
            if table.document_id == document_id:
                return table
    return None


def catalogue_licence_label(url: str) -> str:
    return Licence(url).label if url in Licence.values else url
