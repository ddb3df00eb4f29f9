"""Writing compliance data: the boards' recommendations, and report files."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from compliance.exports import FORMATS, report_filename, report_render
from compliance.models import ReportRecommendation
from compliance.periods import period_parse
from compliance.selectors import report_build, units_reporting

MESSAGE_PORTAL_UNKNOWN = _("There is no portal '%(slug)s'. Use a unit slug or 'all'.")
MESSAGE_FORMAT_UNKNOWN = _("Unknown format '%(format)s': use one of %(formats)s.")
MESSAGE_RECOMMENDATION_EMPTY = _("Please write the recommendation.")


def report_recommendation_create(*, unit, period: str, text: str, user=None) -> ReportRecommendation:
    period_parse(period)
    if not (text or "").strip():
        raise ValidationError(MESSAGE_RECOMMENDATION_EMPTY)
    return ReportRecommendation.objects.create(unit=unit, period=period_parse(period).code, text=text.strip(),
                                               created_by=user)


def report_files_write(*, portal: str, period: str, fmt: str, output: str | None, progress=None) -> list[Path]:
    """Write the report of ``portal`` (a slug, or ``all``: one file per portal) for ``period``.

    ``output`` is the file (one portal) or the directory (``all``); by default the
    current directory with ``bao-cao-<slug>-<period>.<format>``. Raises ValidationError
    with a message for the user on a bad portal, period or format.
    """
    parsed = period_parse(period)
    if fmt not in FORMATS:
        raise ValidationError(MESSAGE_FORMAT_UNKNOWN, params={"format": fmt, "formats": ", ".join(FORMATS)})
    units = units_reporting(slug=portal)
    if not units:
        raise ValidationError(MESSAGE_PORTAL_UNKNOWN, params={"slug": portal})
    written = []
    many = portal == "all"
    directory = Path(output) if (many and output) else Path(".")
    if many:
        directory.mkdir(parents=True, exist_ok=True)
    for unit in (progress(units) if progress else units):
        report = report_build(unit=unit, period=parsed)
        path = Path(output) if (output and not many) else directory / report_filename(report, fmt)
        path.write_bytes(report_render(report, fmt))
        written.append(path)
    return written
