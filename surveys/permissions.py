"""Who sees survey results (Điều 11.3.h): the provincial board and superusers.

The provincial board compiles the results and sends them to the requesting agency;
nobody else, not even that agency's own board, reads them in the admin (the agency
gets the exported files). Contributors and translators help with pages, not with
results. The admin views and the exports ask :func:`survey_results_check`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from tenants.membership import BOARD_ROLES, reaches_every_portal

RESULTS_ROLES = BOARD_ROLES  # tenants.membership holds the rule


class SurveyResultsPermissionDenied(PermissionDenied):
    """The user may not see survey results."""


def user_can_view_results(user) -> bool:
    return reaches_every_portal(user, roles=RESULTS_ROLES)


def survey_results_check(*, user) -> None:
    """Raise :class:`SurveyResultsPermissionDenied` unless ``user`` may see results."""
    if not user_can_view_results(user):
        raise SurveyResultsPermissionDenied(f"{user} may not see survey results")

