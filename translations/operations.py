"""Operations of the foreign-language mirror (Điều 8.2.d), in wagtail-localize's style:
``@transaction.atomic`` functions taking ids, so a worker could run them.

A Vietnamese page of a type its portal mirrors is published → ``translation_task_open``
submits it to wagtail-localize (TranslationSource + Translation into English), creates
the English draft the first time (its parents as aliases, so the portal's English tree
exists), refreshes the source strings on later publications (the English page then
shows as out of date in the translation editor; its live version stays until a
translator publishes), records the obligation with its due date and tells the
portal's translators. The English page is published with every string translated →
``translation_task_complete`` closes the obligation.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from tenants.boards import board_sync
from tenants.models import Unit
from translations.models import TranslationTask
from translations.rules import MIRROR_LANGUAGE, mirror_due_date
from translations.selectors import mirror_page_types_for_site

logger = logging.getLogger(__name__)


def mirror_locale() -> Locale:
    return Locale.objects.get_or_create(language_code=MIRROR_LANGUAGE)[0]


def _unit_of(page: Page) -> Unit | None:
    unit_id = getattr(page, "unit_id", None)
    if unit_id is None and hasattr(page, "unit"):
        # Pages outside cms.PortalPage (the Q&A page) know their unit through the tree.
        unit_id = getattr(page.unit, "pk", None)
    if unit_id is None:
        return None
    return Unit.objects.select_related("site__root_page", "collection").filter(pk=unit_id).first()


@transaction.atomic
def page_published_handle(*, page_id: int, published_at: datetime.datetime | None = None) -> TranslationTask | None:
    """Entry point of the ``page_published`` signal: open or close an obligation."""
    page = Page.objects.select_related("locale").get(pk=page_id)
    if page.locale_id == Locale.get_default().pk:
        return translation_task_open(page_id=page_id, published_at=published_at)
    return translation_task_complete(page_id=page_id, completed_at=published_at)


@transaction.atomic
def translation_task_open(
    *, page_id: int, published_at: datetime.datetime | None = None, user=None
) -> TranslationTask | None:
    """Record (or refresh) the obligation to mirror a just-published Vietnamese page.

    Returns None when the page's portal does not mirror this page type.
    """
    page = Page.objects.get(pk=page_id).specific
    unit = _unit_of(page)
    if unit is None or unit.site is None:
        return None
    if page._meta.label_lower not in mirror_page_types_for_site(site=unit.site):
        return None
    published_at = published_at or page.last_published_at or timezone.now()
    locale = mirror_locale()
    translation = page_mirror(page_id=page.pk, locale_id=locale.pk, user=user)

    task = TranslationTask.objects.open().select_for_update().filter(source_page_id=page.pk, locale=locale).first()
    created = task is None
    if created:
        task = TranslationTask.objects.create(
            unit=unit,
            source_page_id=page.pk,
            locale=locale,
            translation=translation,
            published_at=published_at,
            source_updated_at=published_at,
            due_date=mirror_due_date(timezone.localdate(published_at)),
        )
    else:
        # Still owed from an earlier version: the earlier deadline stands.
        task.source_updated_at = published_at
        task.translation = translation
        task.save(update_fields=["source_updated_at", "translation"])

    from translations.notifications import translators_notify

    task_id = task.pk
    transaction.on_commit(lambda: translators_notify(task_id=task_id, created=created))
    return task


@transaction.atomic
def page_mirror(*, page_id: int, locale_id: int, user=None) -> Translation:
    """Submit a page to wagtail-localize for ``locale``; create the draft if none exists."""
    page = Page.objects.get(pk=page_id).specific
    locale = Locale.objects.get(pk=locale_id)
    source, _ = TranslationSource.update_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    if not Page.objects.filter(translation_key=page.translation_key, locale=locale).exists():
        # First time: an English draft from the Vietnamese text, under English copies
        # (aliases) of the portal's home and the provincial root.
        translation.save_target(user=user, publish=False)
        unit = _unit_of(page)
        if unit is not None:
            mirror_permissions_sync(unit_id=unit.pk)
    return translation


@transaction.atomic
def mirror_permissions_sync(*, unit_id: int) -> None:
    """Give the portal's board groups their grants on its English home page too."""
    unit = Unit.objects.select_related("site__root_page", "collection").get(pk=unit_id)
    if unit.site is None or unit.collection is None:
        return
    board_sync(unit=unit, home=unit.site.root_page, collection=unit.collection, perm_cache={})


@transaction.atomic
def translation_task_complete(
    *, page_id: int, completed_at: datetime.datetime | None = None
) -> TranslationTask | None:
    """Close the open obligation of the page an English ``page_id`` translates.

    A translation published with strings still untranslated (shown in Vietnamese) does
    not meet the obligation: the task stays open.
    """
    page = Page.objects.get(pk=page_id)
    task = (
        TranslationTask.objects.open()
        # PostgreSQL cannot lock the nullable side of the outer join to "translation".
        .select_for_update(of=("self",))
        .filter(source_page__translation_key=page.translation_key, locale_id=page.locale_id)
        .select_related("translation")
        .first()
    )
    if task is None:
        return None
    if task.translation is not None and task.translation.enabled:
        total, translated = task.translation.get_progress()
        if translated < total:
            logger.info("English page %s published with %s of %s strings translated", page_id, translated, total)
            return None
    task.completed_at = max(completed_at or timezone.now(), task.published_at)
    task.save(update_fields=["completed_at"])
    return task


class MirrorSubmitDenied(PermissionDenied):
    """The user may not submit this page of the mirror for review."""


@transaction.atomic
def mirror_page_submit(*, page_id: int, user):
    """Submit the latest revision of a page of the foreign-language mirror to its
    portal's review (issue #16 item 3): translators edit the mirror but do not publish
    it; the board proper approves in Wagtail's moderation, which then publishes.

    wagtail-localize's editor offers "publish" only to those who may publish, and no
    "submit": this is the translator's way in. Returns the workflow state.
    """
    page = Page.objects.select_for_update().get(pk=page_id).specific
    if page.locale.language_code != MIRROR_LANGUAGE or not page.permissions_for_user(user).can_edit():
        raise MirrorSubmitDenied(f"{user} may not submit page {page_id} for review")
    state = page.current_workflow_state
    if state is not None:
        return state
    workflow = page.get_workflow()
    if workflow is None:
        raise MirrorSubmitDenied(f"page {page_id} has no review workflow")
    # The strings saved one by one in wagtail-localize's editor become a revision here,
    # so what the board reviews is the translation as it stands.
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is not None:
        translation.save_target(user=user, publish=False)
        page = Page.objects.get(pk=page_id).specific
    elif page.latest_revision_id is None:
        page.save_revision(user=user)
    return workflow.start(page, user)
