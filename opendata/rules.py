"""The rules of the open-data catalogue (issue #22 item 4), each next to its text.

Nghị định 47/2020/NĐ-CP (quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước):
* Điều 20 khoản 3: the open-data catalogue (danh mục dữ liệu mở) is reviewed and amended
  periodically, at least once every 6 months; published open data is updated within
  3 months of publication. ``REVIEW_MONTHS`` and ``review_due_on``.
* Điều 17: open data is free to use, in an open format, accessible without declaring
  who one is; Điều 18: anyone may copy, share, use and combine it, citing the source.
  Hence the default licence, CC BY 4.0 (use freely, cite the source), which a board may
  change per catalogue.
(Articles checked against the decree's text as quoted article by article by LawNet; the
full copies stored for this project stop after Điều 2.)
The 2024 Data Law's Nghị định 194/2025/NĐ-CP (data for electronic transactions) replaces
parts of 47/2020 for national databases; its open-data articles were not found in the
stored copies, so this catalogue follows 47/2020.
"""

from __future__ import annotations

import calendar
import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# Nghị định 47/2020/NĐ-CP, Điều 20 khoản 3: "tối thiểu 6 tháng một lần".
REVIEW_MONTHS = 6

EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"


class UpdateFrequency(models.TextChoices):
    """Values of the EU frequency vocabulary DCAT-AP recommends for dct:accrualPeriodicity."""

    MONTHLY = "MONTHLY", _("Monthly")
    QUARTERLY = "QUARTERLY", _("Quarterly")
    BIANNUAL = "ANNUAL_2", _("Twice a year")
    ANNUAL = "ANNUAL", _("Yearly")
    IRREGULAR = "IRREG", _("Irregular")


class Licence(models.TextChoices):
    CC_BY = "https://creativecommons.org/licenses/by/4.0/", _("Creative Commons Attribution 4.0 (cite the source)")
    CC0 = "https://creativecommons.org/publicdomain/zero/1.0/", _("Creative Commons CC0 1.0 (no conditions)")


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due_on(last_reviewed_on: datetime.date | None) -> datetime.date | None:
    """The day the catalogue is due for review (Điều 20.3): six months after the last
    one; ``None`` when it has never been reviewed (then it is due at once)."""
    return months_after(last_reviewed_on, REVIEW_MONTHS) if last_reviewed_on else None


def review_is_due(last_reviewed_on: datetime.date | None, *, today: datetime.date) -> bool:
    due = review_due_on(last_reviewed_on)
    return due is None or today >= due
