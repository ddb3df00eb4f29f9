"""Backfill the update history (issue #20) for pages published before it existed.

Each published page gets its updates from its publication log ("wagtail.publish"
entries and their revisions): the first publication, then every publication whose
revision carries a different information date. Past revisions carry no "correction"
mark, so a publication with the same information date is taken as a correction (it
refreshes the update's fingerprint only): existing figures stay as they were, apart
from the earlier updates they used to hide. A page without a publication log (data
imported straight into the tables) gets one update from its own dates, as the report
judged it before. Filled-in portal contact details get one update, dated their last
change.
"""

import datetime

from django.db import migrations
from django.utils import timezone

# The page types the report reads (compliance.report_form.REPORTED_MODELS when this ran).
PAGE_MODELS = (
    "IntroductionPage", "OfficialContactsPage", "NewsPage", "DirectionPage", "WorkSchedulePage",
    "LegalDisseminationPage", "PlanPage", "LegalDocumentPage", "ProjectPage", "ConsultationPage",
    "GazetteIssuePage", "ScienceProgrammePage", "StatisticsReleasePage", "OnlinePublicServicesPage",
)
BATCH = 2000


def _fingerprint(content):
    # The live rule's digest, so the next publication compares with the same value.
    from compliance.updates import information_fingerprint

    return information_fingerprint(content or {})


def _own_dates(page):
    """The publication that carried the page's information, from its own dates."""
    first, last = page["first_published_at"], page["last_published_at"]
    if last is not None and page["information_date"] > timezone.localdate(first):
        return last
    return first


def backfill(apps, schema_editor):
    InformationUpdate = apps.get_model("compliance", "InformationUpdate")
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    Revision = apps.get_model("wagtailcore", "Revision")
    for name in PAGE_MODELS:
        model = apps.get_model("cms", name)
        pages = list(model.objects.filter(first_published_at__isnull=False, unit__isnull=False, alias_of__isnull=True)
                     .order_by("pk").values("pk", "unit_id", "information_date", "first_published_at",
                                            "last_published_at", "live_revision_id"))
        for start in range(0, len(pages), BATCH):
            batch = pages[start:start + BATCH]
            ids = [page["pk"] for page in batch]
            entries: dict[int, list] = {}
            for page_id, revision_id, timestamp in PageLogEntry.objects.filter(
                page_id__in=ids, action="wagtail.publish", revision__isnull=False,
            ).order_by("timestamp", "pk").values_list("page_id", "revision_id", "timestamp"):
                entries.setdefault(page_id, []).append((revision_id, timestamp))
            revision_ids = {rid for found in entries.values() for rid, _ in found}
            revision_ids |= {page["live_revision_id"] for page in batch if page["live_revision_id"]}
            contents = dict(Revision.objects.filter(pk__in=revision_ids).values_list("pk", "content"))
            rows = []
            for page in batch:
                found = entries.get(page["pk"])
                if not found:
                    rows.append(InformationUpdate(
                        unit_id=page["unit_id"], page_id=page["pk"], revision_id=page["live_revision_id"],
                        information_date=page["information_date"], published_at=_own_dates(page),
                        fingerprint=_fingerprint(contents.get(page["live_revision_id"])) if page["live_revision_id"] else "",
                    ))
                    continue
                current = None
                for revision_id, timestamp in found:
                    content = contents.get(revision_id) or {}
                    info_text = content.get("information_date")
                    info = datetime.date.fromisoformat(info_text) if info_text else page["information_date"]
                    if current is None or info != current.information_date:
                        current = InformationUpdate(
                            unit_id=page["unit_id"], page_id=page["pk"], revision_id=revision_id,
                            information_date=info, published_at=timestamp, fingerprint=_fingerprint(content),
                        )
                        rows.append(current)
                    else:  # same information: a correction, the update now reads like this
                        current.fingerprint = _fingerprint(content)
            InformationUpdate.objects.bulk_create(rows, batch_size=BATCH)

    PortalContactSettings = apps.get_model("cms", "PortalContactSettings")
    Unit = apps.get_model("tenants", "Unit")
    units = dict(Unit.objects.filter(site__isnull=False).values_list("site_id", "pk"))
    rows = []
    for contact in PortalContactSettings.objects.all():
        values = {name: getattr(contact, name) for name in ("address", "phone", "fax", "email")}
        if contact.site_id not in units or not any(values.values()):
            continue
        rows.append(InformationUpdate(
            unit_id=units[contact.site_id], site_id=contact.site_id,
            information_date=contact.information_date or timezone.localdate(contact.updated_at),
            published_at=contact.updated_at, fingerprint=_fingerprint(values),
        ))
    InformationUpdate.objects.bulk_create(rows)


def forget(apps, schema_editor):
    apps.get_model("compliance", "InformationUpdate").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("compliance", "0003_information_update_frozen_report"),
        ("cms", "0008_correction_only_contact_information_date"),
        ("tenants", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(backfill, forget)]
