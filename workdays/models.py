"""Exceptions to the working-day calendar that the law cannot compute.

Public holidays follow from the Labour Code and are computed (``workdays.calendar``).
What the Government decides year by year (swapping a weekday off for a Saturday of
work, an extra day off) is entered here, one row per date. Rows shipped with the
platform from official decisions are marked ``source=official`` so an administrator
can tell them from their own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExceptionKind(models.TextChoices):
    MAKE_UP_WORKING_DAY = "make_up_working_day", _("Make-up working day")
    DAY_OFF = "day_off", _("Day off")


class ExceptionSource(models.TextChoices):
    ADMIN = "admin", _("Entered by an administrator")
    OFFICIAL = "official", _("Official decision shipped with the platform")


class CalendarException(models.Model):
    """One date whose status overrides the computed calendar.

    A make-up working day is a working day even on a weekend or a computed holiday
    (which also lets an administrator correct the holiday data); a day off is never a
    working day.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=ExceptionKind.choices)
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("The decision it comes from, e.g. its document number."),
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=ExceptionSource.choices,
        default=ExceptionSource.ADMIN,
        editable=False,
    )

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ExceptionKind.values),
                name="calendar_exception_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} – {self.get_kind_display()}"
