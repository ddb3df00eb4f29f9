"""Reading consultation comments: the public list, each board's consultations, exports."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from wagtail.models import Site

from cms.models import ConsultationPage
from consultations.models import CommentStatus, ConsultationComment
from consultations.permissions import user_moderated_unit_ids, user_moderates_every_portal
from tenants.selectors import unit_for_site


def comments_published(*, consultation) -> QuerySet[ConsultationComment]:
    return ConsultationComment.objects.filter(consultation=consultation, status=CommentStatus.PUBLISHED).order_by(
        "created_at", "pk"
    )


def consultation_for_request(*, request, page_id: int) -> ConsultationPage | None:
    """A live, public consultation of the portal the request is sent to (by Host)."""
    unit = unit_for_site(site=Site.find_for_request(request))
    if unit is None:
        return None
    consultation = ConsultationPage.objects.live().public().filter(pk=page_id, unit=unit).first()
    return consultation


def _count(status: str) -> Count:
    return Count("consultation_comments", filter=Q(consultation_comments__status=status))


def consultations_for_user(*, user) -> QuerySet[ConsultationPage]:
    """The consultations whose comments ``user`` moderates, with counts per status,
    those with comments awaiting moderation first, then the latest deadline first."""
    consultations = ConsultationPage.objects.select_related("unit")
    if not user_moderates_every_portal(user):
        consultations = consultations.filter(unit__in=user_moderated_unit_ids(user))
    return consultations.annotate(
        **{f"{status}_count": _count(status) for status in CommentStatus.values}
    ).order_by("-pending_count", "-comment_deadline", "pk")


def comments_for_export(*, consultation) -> QuerySet[ConsultationComment]:
    """Every comment the drafting agency receives: all of them, in the order received."""
    return ConsultationComment.objects.filter(consultation=consultation).order_by("created_at", "pk")
