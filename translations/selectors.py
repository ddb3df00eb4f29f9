"""Read-side queries of the mirror: tasks a user may see, a portal's mirror settings."""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from wagtail.models import Page, Site

from translations.models import AnswerTranslation, MirrorSettings, TranslationTask
from translations.permissions import user_sees_all_translation_tasks, user_translation_unit_ids


def translation_tasks_for_user(
    *, user, unit_slug: str | None = None, status: str | None = None, today: datetime.date | None = None
) -> QuerySet[TranslationTask]:
    """Tasks ``user`` may see, with ``current_status``, optionally of one portal/status.

    One row per page and language (issue #19 item 4): a page republished after its
    translation was done has a new task, which stands for it; the older, finished one
    stays on record (the compliance report counts it) but is not listed again.
    """
    newer = TranslationTask.objects.filter(
        source_page=OuterRef("source_page"), locale=OuterRef("locale"), pk__gt=OuterRef("pk")
    )
    tasks = (
        TranslationTask.objects.with_status(today)
        .filter(~Exists(newer))
        .select_related("unit", "source_page", "locale")
    )
    return _tasks_listed(tasks, user=user, unit_slug=unit_slug, status=status)


def _tasks_listed(tasks: QuerySet, *, user, unit_slug: str | None, status: str | None) -> QuerySet:
    """``tasks`` (page tasks or answer translations, with ``current_status``) narrowed to
    the portals ``user`` translates for, then to one portal and status if asked."""
    if not user_sees_all_translation_tasks(user):
        tasks = tasks.filter(unit_id__in=user_translation_unit_ids(user))
    if unit_slug:
        tasks = tasks.filter(unit__slug=unit_slug)
    if status:
        tasks = tasks.filter(current_status=status)
    # Open tasks first, soonest due first; then the most recently done.
    return tasks.order_by(F("completed_at").desc(nulls_first=True), "due_date", "pk")


def mirror_page_types_for_site(*, site: Site) -> list[str]:
    """Model labels of the page types this portal mirrors (its settings, else the law's default)."""
    # Wagtail's accessor for a site setting (a portal that never saved its settings gets
    # a row with the default, page_types null: the law's list).
    settings_row = MirrorSettings.for_site(site)
    settings_row.site = site  # already loaded: spares get_page_types a query
    return settings_row.get_page_types()


def answer_translations_for_user(
    *, user, unit_slug: str | None = None, status: str | None = None, today: datetime.date | None = None
) -> QuerySet[AnswerTranslation]:
    """English Q&A answers ``user`` may see, with ``current_status``, like the page tasks."""
    tasks = AnswerTranslation.objects.with_status(today).select_related("unit", "petition", "locale")
    return _tasks_listed(tasks, user=user, unit_slug=unit_slug, status=status)


def page_served_in_its_language(page) -> bool:
    """Whether ``page`` is served at its address (issue #17 item 4): a page of its own
    language, not wagtail-localize's untranslated copy (an alias of a page in another
    language), except the copy of a portal's home above English pages, which is that
    portal's English home (``english_home_pages``)."""
    if page.alias_of_id is None or Page.objects.filter(pk=page.alias_of_id, locale_id=page.locale_id).exists():
        return True
    return bool(english_home_pages(page))


def english_home_pages(home) -> list:
    """The pages a component portal has in English, for its English home: empty unless
    ``home`` is the untranslated copy of a portal's home (the provincial portal's English
    home is a translation of its own)."""
    from cms.models import PortalHomePage

    if not issubclass(home.specific_class, PortalHomePage) or home.alias_of_id is None:
        return []
    served = Q(alias_of__isnull=True) | Q(alias_of__locale=F("locale"))
    return list(Page.objects.descendant_of(home).live().public().filter(served, locale_id=home.locale_id)
                .order_by("path").specific())
