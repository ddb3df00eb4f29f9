"""Recording updates of mandated items (issue #20, Điều 8.1: each change is an update).

Điều 8.1 counts its deadlines "kể từ thời điểm nhận được thông tin mới hoặc thay đổi":
every change of a page's information is an update with its own information date and
its own deadline. ``compliance.models.InformationUpdate`` keeps one row per update;
this module decides what is one (:func:`update_is_new`, a pure rule) and writes it:

* a page: when a revision is published (Wagtail's ``page_published`` signal, so
  the admin, a workflow approval, a scheduled publication and the API all count):
  the first publication always; later ones when the content differs from the last
  update's and the editor did not mark the version as a correction
  (``PortalPage.correction_only``);
* the portal's contact details (8.1.l, row 1.4): when the site setting is saved with
  different address, phone, fax or e-mail, unless marked as a correction.
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.db import transaction
from django.utils import timezone

# Revision keys that are Wagtail's bookkeeping, not the information a visitor reads:
# publishing again, moving or locking a page changes them and is not an update.
BOOKKEEPING_KEYS = frozenset({
    "pk", "id", "page_ptr", "path", "depth", "numchild", "url_path", "live", "has_unpublished_changes",
    "first_published_at", "last_published_at", "latest_revision_created_at", "live_revision", "latest_revision",
    "draft_title", "locked", "locked_at", "locked_by", "expired", "go_live_at", "expire_at", "owner",
    "content_type", "locale", "translation_key", "alias_of", "unit", "correction_only", "slug", "seo_title",
    "search_description", "show_in_menus", "comments", "wagtail_admin_comments", "information_date",
})


def _normalised(value):
    # A StreamField is stored as JSON text whose key order changes from one save to the
    # next: compare what it says, not how it was written.
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def information_fingerprint(content: dict) -> str:
    """A digest of what a version says (``content`` without the bookkeeping keys)."""
    data = {key: _normalised(value) for key, value in content.items() if key not in BOOKKEEPING_KEYS}
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def update_is_new(*, last_fingerprint: str | None, last_information_date: datetime.date | None,
                  fingerprint: str, information_date: datetime.date, correction: bool) -> bool:
    """Whether a publication is an update of the information (Điều 8.1).

    The first publication always is. After it, a version marked as a correction is
    not; any other is when its content or its information date differs from the last
    update's (publishing the same thing again is not new information).
    """
    if last_fingerprint is None:
        return True
    if correction:
        return False
    return fingerprint != last_fingerprint or information_date != last_information_date


def _is_new(last, *, fingerprint: str, information_date: datetime.date, correction: bool) -> bool:
    """:func:`update_is_new` against the ``last`` update; a correction becomes what the
    last update reads like, so publishing it again unchanged is no update either."""
    new = update_is_new(
        last_fingerprint=last.fingerprint if last else None, last_information_date=last.information_date if last else None,
        fingerprint=fingerprint, information_date=information_date, correction=correction,
    )
    if not new and correction and last.fingerprint != fingerprint:
        last.fingerprint = fingerprint
        last.save(update_fields=["fingerprint"])
    return new


@transaction.atomic
def page_update_record(*, page_id: int, revision_id: int | None = None):
    """Record the publication of ``page_id`` (its live revision) as an update if it is one."""
    from wagtail.models import Page, Revision

    from compliance.models import InformationUpdate
    from compliance.rules import item_page_class

    page = Page.objects.filter(pk=page_id).first()
    if page is None or item_page_class(page) is None:
        return None
    page = page.specific
    if page.unit_id is None or page.last_published_at is None:
        return None
    revision = Revision.objects.filter(pk=revision_id or page.live_revision_id).first()
    content = revision.content if revision is not None else page.serializable_data()
    fingerprint = information_fingerprint(content)
    last = InformationUpdate.objects.filter(page_id=page.pk).order_by("-published_at", "-pk").first()
    if not _is_new(last, fingerprint=fingerprint, information_date=page.information_date,
                   correction=bool(content.get("correction_only"))):
        return None
    return InformationUpdate.objects.create(
        unit_id=page.unit_id, page_id=page.pk, revision=revision, information_date=page.information_date,
        published_at=page.last_published_at, fingerprint=fingerprint,
    )


@transaction.atomic
def contact_settings_update_record(*, settings_id: int, now: datetime.datetime | None = None):
    """Record a change of a portal's contact details (8.1.l) as an update if it is one."""
    from cms.models import PortalContactSettings
    from compliance.models import InformationUpdate

    contact = PortalContactSettings.objects.select_related("site__unit").filter(pk=settings_id).first()
    unit = getattr(contact.site, "unit", None) if contact is not None else None
    if unit is None:
        return None
    values = {name: getattr(contact, name) for name in contact.information_fields}
    if not any(values.values()):
        return None
    now = now or timezone.now()
    information_date = contact.information_date or timezone.localdate(now)
    fingerprint = information_fingerprint(values)
    last = InformationUpdate.objects.filter(site_id=contact.site_id).order_by("-published_at", "-pk").first()
    if not _is_new(last, fingerprint=fingerprint, information_date=information_date,
                   correction=contact.correction_only):
        return None
    return InformationUpdate.objects.create(
        unit=unit, site_id=contact.site_id, information_date=information_date, published_at=now, fingerprint=fingerprint,
    )


def page_updates_judged(*, page_id: int, days_allowed: int | None) -> list[tuple]:
    """A page's update history for its edit form, oldest first: (information date,
    publication time, verdict) per update, each judged against ``days_allowed``."""
    from compliance.models import InformationUpdate
    from compliance.rules import timeliness_of
    from workdays.calendar import working_calendar

    rows = list(InformationUpdate.objects.filter(page_id=page_id).values_list("information_date", "published_at"))
    if not rows:
        return []
    calendar = working_calendar(after=min(info for info, _ in rows) - datetime.timedelta(days=1))
    today = timezone.localdate()
    return [
        (info, published, timeliness_of(information_date=info, published_on=timezone.localdate(published),
                                         days_allowed=days_allowed, today=today, calendar=calendar))
        for info, published in rows
    ]


@transaction.atomic
def page_history_backdate(*, page_id: int, information_date: datetime.date, published_at: datetime.datetime) -> None:
    """Make one update, ``information_date`` published at ``published_at``, a page's whole
    history: for demo data dated "as if the board had published it then"."""
    from compliance.models import InformationUpdate

    last = InformationUpdate.objects.filter(page_id=page_id).order_by("-published_at", "-pk").first()
    if last is None:
        return
    InformationUpdate.objects.filter(page_id=page_id).exclude(pk=last.pk).delete()
    InformationUpdate.objects.filter(pk=last.pk).update(information_date=information_date, published_at=published_at)


@transaction.atomic
def pages_history_start(*, pages, unit_id: int) -> int:
    """Give each published mandated page of ``pages`` without an update history one
    update, from its own dates, posted by ``unit_id``; returns how many were written.

    Issue #21: a reorganisation carries items to a successor's portal. Their first
    publication was the predecessor's: written down before the successor publishes a
    new version, it stays the predecessor's item in the reports for its days (the
    report counts a page with a history by its updates, each for the unit that posted
    it). Pages that have a history keep it as it is.
    """
    from wagtail.models import Revision

    from compliance.models import InformationUpdate
    from compliance.rules import item_page_class

    pages = [page for page in pages if page.first_published_at is not None and item_page_class(page) is not None]
    if not pages:
        return 0
    known = set(InformationUpdate.objects.filter(page_id__in=[page.pk for page in pages])
                .values_list("page_id", flat=True))
    pages = [page for page in pages if page.pk not in known]
    contents = dict(Revision.objects.filter(pk__in=[page.live_revision_id for page in pages if page.live_revision_id])
                    .values_list("pk", "content"))
    written = [
        InformationUpdate(
            unit_id=unit_id, page_id=page.pk, revision_id=page.live_revision_id,
            information_date=page.information_date,
            published_at=_own_publication(page),
            fingerprint=information_fingerprint(contents.get(page.live_revision_id) or page.serializable_data()),
        )
        for page in pages
    ]
    InformationUpdate.objects.bulk_create(written)
    return len(written)


def _own_publication(page) -> datetime.datetime:
    """The publication that carried the page's information, from its own dates (the
    report's reading of a page without a history, ``mandate.deadlines.published_on_from``)."""
    first, last = page.first_published_at, page.last_published_at
    if last is not None and page.information_date > timezone.localdate(first):
        return last
    return first
