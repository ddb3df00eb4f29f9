"""Which unit a public submission is for: the ``agency`` a sender names by its slug, or
the unit owning the portal it was sent to. The messages are shared by every intake that
lets the sender choose (Q&A, information requests)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tenants.models import Unit

MESSAGE_AGENCY_UNKNOWN = _("There is no agency with this code.")
MESSAGE_AGENCY_MISSING = _("Please choose the agency your question is for.")


def agency_for_slug(slug: str) -> Unit | None:
    """The unit with this slug, or None (also for an empty slug: the portal's unit applies)."""
    return Unit.objects.filter(slug=slug).first() if slug else None
