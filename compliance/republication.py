"""Linking and exchange between the portals (Điều 9.4, report row 14).

Downward: the provincial board marks a provincial news or direction article for
republication; every component portal chosen (by default all) receives a
``Republication`` and a published ``cms.RepublishedPage`` in its matching section,
attributed "Theo Cổng TTĐT tỉnh Bắc Ninh" with a link to the source (Điều 12).

Upward: a component portal's board or contributors send an article to the provincial
portal (a ``Submission``); the provincial board accepts it (published on the
provincial portal as "Theo Cổng TTĐT <unit>") or declines it with a reason.

Each change is an action with ``check()`` and ``execute()`` raising a named
``PermissionDenied`` subclass, so the admin views, tests and any command behave the
same; the ``<entity>_<verb>`` services run them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from compliance.models import Republication, Submission, SubmissionStatus
from compliance.permissions import user_on_board_of, user_on_provincial_board
from tenants.models import Unit, UnitKind

MESSAGE_NOT_PROVINCIAL_BOARD = _("Only the provincial editorial board may do this.")
MESSAGE_NOT_SENDER_BOARD = _("Only the board of the article's portal may send it to the provincial portal.")
MESSAGE_NOT_PROVINCIAL_ARTICLE = _("Only published news and direction articles of the provincial portal can be "
                                   "marked for republication.")
MESSAGE_NOT_COMPONENT_ARTICLE = _("Only news and direction articles of a component portal can be sent to the "
                                  "provincial portal.")
MESSAGE_ALREADY_DECIDED = _("This article has already been decided on.")
MESSAGE_ALREADY_SENT = _("This article is already waiting for the provincial board.")
MESSAGE_REASON_REQUIRED = _("Please give the reason for declining.")
MESSAGE_NO_SECTION = _("The provincial portal has no matching section for this article.")


class RepublicationPermissionError(PermissionDenied):
    """The user may not mark articles for republication (only the provincial board may)."""


class SubmissionPermissionError(PermissionDenied):
    """The user may not send this article up, or may not accept or decline it."""


def _article_models():
    from cms.models import DirectionPage, NewsPage

    return (NewsPage, DirectionPage)


def matching_section_model(page):
    """The section index a republished copy of ``page`` goes in (news → news, direction → direction)."""
    from cms.models import DirectionIndexPage, DirectionPage, NewsIndexPage, NewsPage

    return {NewsPage: NewsIndexPage, DirectionPage: DirectionIndexPage}.get(type(page))


def public_url(page) -> str:
    """The page's address on its own portal's hostname (as the report's drill-down gives it)."""
    unit = page.unit
    home = unit.home_page if unit is not None else None
    if home is None or not page.url_path.startswith(home.url_path):
        return ""
    return f"https://{unit.hostname}/{page.url_path[len(home.url_path):]}"


def _unique_slug(section, slug: str, suffix) -> str:
    if not section.get_children().filter(slug=slug).exists():
        return slug
    return f"{slug}-{suffix}"[:255]


def republished_page_create(*, source, content, source_unit, section, user=None, source_url: str = ""):
    """Publish a ``RepublishedPage`` under ``section`` carrying ``content`` (a version of ``source``)."""
    from cms.models import RepublishedPage

    page = RepublishedPage(
        title=content.title,
        slug=_unique_slug(section, content.slug, source.pk),
        summary=content.summary,
        main_image_id=content.main_image_id,
        body=content.body.get_prep_value() if content.body else [],
        source_page=source,
        source_unit=source_unit,
        source_url=source_url,
        information_date=timezone.localdate(),
        owner=user,
        live=False,
    )
    section.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=False, clean=False)
    revision.publish(user=user, skip_permission_checks=True)  # checked by the action
    page.refresh_from_db()
    return page


# --- downward: provincial → component portals --------------------------------------


class MarkForRepublicationAction:
    """Send a provincial article to component portals: one ``Republication`` and one page each."""

    def __init__(self, page, *, user, targets=None):
        self.page = page.specific
        self.user = user
        self.targets = targets

    def check(self, skip_permission_checks: bool = False) -> None:
        if not skip_permission_checks and not user_on_provincial_board(self.user):
            raise RepublicationPermissionError(MESSAGE_NOT_PROVINCIAL_BOARD)
        unit = getattr(self.page, "unit", None)
        if (not isinstance(self.page, _article_models()) or unit is None or unit.kind != UnitKind.PROVINCE
                or not self.page.live):
            raise ValidationError(MESSAGE_NOT_PROVINCIAL_ARTICLE)

    def _targets(self) -> list[Unit]:
        units = Unit.objects.filter(site__isnull=False).exclude(kind=UnitKind.PROVINCE)
        if self.targets is not None:
            units = units.filter(pk__in=[getattr(unit, "pk", unit) for unit in self.targets])
        return list(units.select_related("site__root_page"))

    @transaction.atomic
    def execute(self, skip_permission_checks: bool = False) -> list[Republication]:
        """Returns the new republications (portals that already have this article are skipped)."""
        self.check(skip_permission_checks=skip_permission_checks)
        targets = self._targets()
        done = set(Republication.objects.filter(source_page=self.page, target_unit__in=targets)
                   .values_list("target_unit_id", flat=True))
        section_model = matching_section_model(self.page)
        sections = {section.unit_id: section for section in section_model.objects.filter(
            unit__in=[unit for unit in targets if unit.pk not in done])}
        source_url = public_url(self.page)
        created = []
        for unit in targets:
            section = sections.get(unit.pk)
            if unit.pk in done or section is None:
                continue
            target = republished_page_create(source=self.page, content=self.page, source_unit=self.page.unit,
                                             section=section, user=self.user, source_url=source_url)
            created.append(Republication.objects.create(
                source_page=self.page, target_unit=unit, target_page=target, marked_by=self.user))
        return created


def republication_mark(*, page, user, targets=None, skip_permission_checks: bool = False) -> list[Republication]:
    return MarkForRepublicationAction(page, user=user, targets=targets).execute(
        skip_permission_checks=skip_permission_checks)


def republication_can_mark(*, page, user) -> bool:
    try:
        MarkForRepublicationAction(page, user=user).check()
    except (PermissionDenied, ValidationError):
        return False
    return True


# --- upward: component portal → provincial portal ----------------------------------


class SendSubmissionAction:
    """A component board (contributors included) sends one of its articles up."""

    def __init__(self, page, *, user):
        self.page = page.specific
        self.user = user

    def check(self, skip_permission_checks: bool = False) -> None:
        unit = getattr(self.page, "unit", None)
        if not isinstance(self.page, _article_models()) or unit is None or unit.kind == UnitKind.PROVINCE:
            raise ValidationError(MESSAGE_NOT_COMPONENT_ARTICLE)
        if not skip_permission_checks and not (
            getattr(self.user, "is_superuser", False) or user_on_board_of(self.user, unit)
        ):
            raise SubmissionPermissionError(MESSAGE_NOT_SENDER_BOARD)
        if Submission.objects.filter(source_page=self.page, status=SubmissionStatus.PENDING).exists():
            raise ValidationError(MESSAGE_ALREADY_SENT)

    @transaction.atomic
    def execute(self, skip_permission_checks: bool = False) -> Submission:
        self.check(skip_permission_checks=skip_permission_checks)
        return Submission.objects.create(source_page=self.page, source_unit=self.page.unit, title=self.page.title,
                                         submitted_by=self.user)


class _DecideSubmissionAction:
    def __init__(self, submission: Submission, *, user):
        self.submission = submission
        self.user = user

    def check(self, skip_permission_checks: bool = False) -> None:
        if not skip_permission_checks and not user_on_provincial_board(self.user):
            raise SubmissionPermissionError(MESSAGE_NOT_PROVINCIAL_BOARD)
        if self.submission.status != SubmissionStatus.PENDING:
            raise ValidationError(MESSAGE_ALREADY_DECIDED)


class AcceptSubmissionAction(_DecideSubmissionAction):
    """Publish the article on the provincial portal, attributed to the sending portal."""

    @transaction.atomic
    def execute(self, skip_permission_checks: bool = False) -> Submission:
        self.check(skip_permission_checks=skip_permission_checks)
        source = self.submission.source_page.specific if self.submission.source_page_id else None
        section_model = matching_section_model(source) if source is not None else None
        province = Unit.objects.filter(kind=UnitKind.PROVINCE, site__isnull=False).first()
        section = section_model.objects.filter(unit=province).first() if section_model and province else None
        if section is None:
            raise ValidationError(MESSAGE_NO_SECTION)
        # The version the component board last saved: a contributor's draft is the
        # provincial board's to judge.
        content = source.get_latest_revision_as_object() if source.latest_revision_id else source
        page = republished_page_create(source=source, content=content, source_unit=self.submission.source_unit,
                                       section=section, user=self.user,
                                       source_url=public_url(source) if source.live else "")
        submission = self.submission
        submission.status = SubmissionStatus.ACCEPTED
        submission.decided_by, submission.decided_at, submission.published_page = self.user, timezone.now(), page
        submission.save()
        return submission


class DeclineSubmissionAction(_DecideSubmissionAction):
    def __init__(self, submission: Submission, *, user, reason: str):
        super().__init__(submission, user=user)
        self.reason = (reason or "").strip()

    def check(self, skip_permission_checks: bool = False) -> None:
        super().check(skip_permission_checks=skip_permission_checks)
        if not self.reason:
            raise ValidationError(MESSAGE_REASON_REQUIRED)

    @transaction.atomic
    def execute(self, skip_permission_checks: bool = False) -> Submission:
        self.check(skip_permission_checks=skip_permission_checks)
        submission = self.submission
        submission.status = SubmissionStatus.DECLINED
        submission.decided_by, submission.decided_at, submission.reason = self.user, timezone.now(), self.reason
        submission.save()
        return submission


def submission_send(*, page, user) -> Submission:
    return SendSubmissionAction(page, user=user).execute()


def submission_can_send(*, page, user) -> bool:
    try:
        SendSubmissionAction(page, user=user).check()
    except (PermissionDenied, ValidationError):
        return False
    return True


def submission_accept(*, submission: Submission, user) -> Submission:
    return AcceptSubmissionAction(submission, user=user).execute()


def submission_decline(*, submission: Submission, user, reason: str) -> Submission:
    return DeclineSubmissionAction(submission, user=user, reason=reason).execute()
