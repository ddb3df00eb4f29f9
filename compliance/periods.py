"""Moved to ``mandate.periods`` (issue #24); kept so parallel branches keep importing.

``validate_period`` stays defined here: the migrations of ``compliance`` name it by
this path, and a function moved elsewhere would make Django write a new migration.
"""

from mandate.periods import *  # noqa: F401,F403
from mandate.periods import MESSAGE_PERIOD_INVALID, PERIOD_LABELS, PERIOD_PATTERN, Period, period_current, period_parse  # noqa: F401


def validate_period(value: str) -> None:
    period_parse(value)
