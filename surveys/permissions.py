"""Who sees survey results (Điều 11.3.h): the provincial board and superusers.

The provincial board compiles the results and sends them to the requesting agency;
nobody else, not even that agency's own board, reads them in the admin (the agency
gets the exported files). Contributors and translators help with pages, not with
results. The admin views and the exports ask :func:`survey_results_check`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from tenants.models import BoardGroup, BoardRole, UnitKind

RESULTS_ROLES = frozenset({BoardRole.HEAD, BoardRole.DEPUTY, BoardRole.MEMBER})


class SurveyResultsPermissionDenied(PermissionDenied):
    """The user may not see survey results."""


def user_can_view_results(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return BoardGroup.objects.filter(
        group__user=user, unit__kind=UnitKind.PROVINCE, role__in=RESULTS_ROLES
    ).exists()


def survey_results_check(*, user) -> None:
    """Raise :class:`SurveyResultsPermissionDenied` unless ``user`` may see results."""
    if not user_can_view_results(user):
        raise SurveyResultsPermissionDenied(f"{user} may not see survey results")
