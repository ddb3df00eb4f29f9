"""Archiving instead of deleting (Điều 10.4: portal information is kept by archival law).

A published legal document or financial report is never destroyed by an editor:
deleting it in the admin archives it (``before_delete_page`` hook in
``compliance.exchange_hooks``): the page is unpublished and locked, its revisions and
files stay, and an ``ArchivedItem`` records who archived it and when. Archived pages
are unpublished, so no public listing, feed, sitemap, search or API shows them. The
board head of the page's portal or the provincial board may restore it (its last
live revision is published again); only a superuser may purge it, and the purge is
logged on the ``ArchivedItem``.

Q&A answers (``qa.Petition``) have no delete path in the admin at all, so they need
no archive of their own.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page

from compliance.models import ArchivedItem
from compliance.permissions import user_on_board_of, user_on_provincial_board
from tenants.models import BoardRole

# The page types Điều 10.4 keeps once published (app_label.ModelName).
ARCHIVED_PAGE_TYPES = ("cms.LegalDocumentPage", "cms.FinancialReportPage")

MESSAGE_ARCHIVED = _("'%(title)s' was archived, not deleted: published documents are kept (Điều 10.4). "
                     "The board head or the provincial board can restore it.")
MESSAGE_WILL_ARCHIVE = _("This page will be archived, not deleted (Điều 10.4).")
MESSAGE_ALREADY_ARCHIVED = _("'%(title)s' is archived. Only a superuser can purge it, from the archive.")
MESSAGE_HOLDS_ARCHIVED = _("'%(title)s' holds %(count)s published documents that must be kept (Điều 10.4). "
                           "Delete those one by one to archive them first.")
MESSAGE_NOT_ALLOWED_TO_ARCHIVE = _("You may not delete or archive this page.")
MESSAGE_NOT_ALLOWED_TO_RESTORE = _("Only the board head of this portal or the provincial board may restore it.")
MESSAGE_NOT_ALLOWED_TO_PURGE = _("Only a superuser may purge an archived page.")
MESSAGE_NOT_ARCHIVED = _("This page is not in the archive.")


class ArchivePermissionError(PermissionDenied):
    """The user may not archive, restore or purge this page."""


def _protected_content_types():
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    models = [apps.get_model(label) for label in ARCHIVED_PAGE_TYPES]
    return list(ContentType.objects.get_for_models(*models).values())


def page_must_be_kept(page: Page) -> bool:
    """A page of an archived type that was ever published (it has been public information)."""
    label = f"{page.specific_class._meta.app_label}.{page.specific_class.__name__}" if page.specific_class else ""
    return label in ARCHIVED_PAGE_TYPES and page.first_published_at is not None


def kept_descendants(page: Page):
    """Published pages of archived types under ``page`` (deleting ``page`` would destroy them)."""
    return Page.objects.descendant_of(page).filter(
        content_type__in=_protected_content_types(), first_published_at__isnull=False
    )


def archived_item_for(page: Page) -> ArchivedItem | None:
    return ArchivedItem.objects.filter(page=page, restored_at__isnull=True, purged_at__isnull=True).first()


class ArchivePageAction:
    """What deleting a kept page does instead: unpublish, lock, record."""

    def __init__(self, page: Page, *, user):
        self.page = page.specific
        self.user = user

    def check(self, skip_permission_checks: bool = False) -> None:
        if not skip_permission_checks and not self.page.permissions_for_user(self.user).can_delete():
            raise ArchivePermissionError(MESSAGE_NOT_ALLOWED_TO_ARCHIVE)
        if archived_item_for(self.page) is not None:
            raise ValidationError(MESSAGE_ALREADY_ARCHIVED, params={"title": self.page.title})

    @transaction.atomic
    def execute(self, skip_permission_checks: bool = False) -> ArchivedItem:
        self.check(skip_permission_checks=skip_permission_checks)
        page = self.page
        revision = page.live_revision or page.get_latest_revision()
        if page.live:
            UnpublishPageAction(page, user=self.user).execute(skip_permission_checks=True)
        # Locked so nobody republishes it by hand: restoring goes through the archive.
        Page.objects.filter(pk=page.pk).update(locked=True, locked_at=timezone.now(), locked_by=self.user)
        return ArchivedItem.objects.create(page=page, page_title=page.title, unit_id=getattr(page, "unit_id", None),
                                           revision=revision, archived_by=self.user, archived_at=timezone.now())


class RestoreArchivedItemAction:
    def __init__(self, item: ArchivedItem, *, user):
        self.item = item
        self.user = user

    def check(self, skip_permission_checks: bool = False) -> None:
        if not skip_permission_checks and not (
            user_on_provincial_board(self.user)
            or user_on_board_of(self.user, self.item.unit, roles=(BoardRole.HEAD,))
        ):
            raise ArchivePermissionError(MESSAGE_NOT_ALLOWED_TO_RESTORE)
        if not self.item.is_archived or self.item.page_id is None:
            raise ValidationError(MESSAGE_NOT_ARCHIVED)

    @transaction.atomic
    def execute(self, skip_permission_checks: bool = False) -> ArchivedItem:
        self.check(skip_permission_checks=skip_permission_checks)
        page = self.item.page.specific
        revision = self.item.revision or page.get_latest_revision()
        if revision is None:
            revision = page.save_revision(user=self.user, log_action=False, clean=False)
        revision.publish(user=self.user, skip_permission_checks=True)  # checked above
        Page.objects.filter(pk=page.pk).update(locked=False, locked_at=None, locked_by=None)
        self.item.restored_by, self.item.restored_at = self.user, timezone.now()
        self.item.save(update_fields=["restored_by", "restored_at"])
        return self.item


class PurgeArchivedItemAction:
    def __init__(self, item: ArchivedItem, *, user):
        self.item = item
        self.user = user

    def check(self, skip_permission_checks: bool = False) -> None:
        if not skip_permission_checks and not getattr(self.user, "is_superuser", False):
            raise ArchivePermissionError(MESSAGE_NOT_ALLOWED_TO_PURGE)
        if not self.item.is_archived or self.item.page_id is None:
            raise ValidationError(MESSAGE_NOT_ARCHIVED)

    @transaction.atomic
    def execute(self, skip_permission_checks: bool = False) -> ArchivedItem:
        self.check(skip_permission_checks=skip_permission_checks)
        page = self.item.page
        self.item.purged_by, self.item.purged_at = self.user, timezone.now()
        self.item.save(update_fields=["purged_by", "purged_at"])
        # Wagtail's own action writes the "wagtail.delete" log entry as well.
        DeletePageAction(page, user=self.user).execute(skip_permission_checks=True)
        return self.item


def page_archive(*, page: Page, user, skip_permission_checks: bool = False) -> ArchivedItem:
    return ArchivePageAction(page, user=user).execute(skip_permission_checks=skip_permission_checks)


def archived_item_restore(*, item: ArchivedItem, user) -> ArchivedItem:
    return RestoreArchivedItemAction(item, user=user).execute()


def archived_item_purge(*, item: ArchivedItem, user) -> ArchivedItem:
    return PurgeArchivedItemAction(item, user=user).execute()


def archived_item_can_restore(*, item: ArchivedItem, user) -> bool:
    try:
        RestoreArchivedItemAction(item, user=user).check()
    except (PermissionDenied, ValidationError):
        return False
    return True
