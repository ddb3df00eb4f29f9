"""Online surveys (Điều 8.2.đ): the section, the questionnaires and their responses.

Only the provincial portal carries surveys; a provincial agency requests one, the
provincial board publishes it and, when it closes, compiles the results and sends
them to that agency (Điều 11.3.h; see ``surveys.selectors`` and ``surveys.exports``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms.models.base import PortalPage, ProvincialOnlyMixin, SectionIndexPage
from surveys.rules import (
    CHOICE_KINDS,
    CHOICES_MIN,
    MESSAGE_AGENCY_MISSING,
    MESSAGE_CHOICES_TOO_FEW,
    MESSAGE_CLOSES_BEFORE_OPENING,
    SCALE_MAX,
    SCALE_MIN,
    QuestionKind,
    SurveyState,
    choice_lines,
    survey_state,
)


class SurveyIndexPage(ProvincialOnlyMixin, SectionIndexPage):
    mandate_item = "8.2.đ"
    subpage_types = ["surveys.SurveyPage"]

    class Meta:
        verbose_name = _("surveys section")


class SurveyPage(PortalPage):
    """One questionnaire, open to the public between its opening and closing times."""

    mandate_item = "8.2.đ"
    requesting_agency = models.ForeignKey(
        "tenants.Unit",
        verbose_name=_("requesting agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requested_surveys",
        help_text=_("The provincial agency that asked for the survey and receives its results."),
    )
    # Agencies without a portal of their own (a steering committee, a state company)
    # request surveys too.
    requesting_agency_name = models.CharField(
        _("requesting agency (name)"),
        max_length=255,
        blank=True,
        help_text=_("Only when the agency is not in the list."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("requesting_agency"), FieldPanel("requesting_agency_name")], heading=_("Requesting agency")
        ),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Open for answers")),
        InlinePanel("questions", label=_("question"), min_num=1),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("intro"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    api_fields = PortalPage.api_fields + [
        APIField("requesting_agency_label"),
        APIField("intro"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("state"),
        APIField("questions"),
    ]
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("survey")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="survey_closes_after_opening"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = MESSAGE_CLOSES_BEFORE_OPENING
        if self.requesting_agency_id is None and not self.requesting_agency_name.strip():
            errors["requesting_agency"] = MESSAGE_AGENCY_MISSING
        if errors:
            raise ValidationError(errors)

    @property
    def requesting_agency_label(self) -> str:
        if self.requesting_agency_id:
            return self.requesting_agency.name
        return self.requesting_agency_name

    @property
    def state(self) -> str:
        return survey_state(opens_at=self.opens_at, closes_at=self.closes_at, now=timezone.now())

    @property
    def state_label(self) -> str:
        return str(SurveyState(self.state).label)

    def serve(self, request, *args, **kwargs):
        # The form, its refusals and the one-response rule are view code in surveys.public.
        from surveys.public import survey_page_serve

        return survey_page_serve(page=self, request=request)


class SurveyQuestion(TranslatableMixin, Orderable):
    """One question of a questionnaire.

    Translatable, as leader profiles are: wagtail-localize then offers the question, its
    options and labels to the translator, and keeps each translated question's row (and
    id) when it syncs the translation again, instead of replacing the rows: the answers
    given to the English version keep their question. A question and its translation
    share a ``translation_key``; that is how the results of all language versions are
    compiled together (``surveys.selectors``).
    """

    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE_CHOICE)
    choices = models.TextField(_("options"), blank=True, help_text=_("Choice questions: one option per line."))
    scale_min_label = models.CharField(
        _("label of the lowest level"),
        max_length=100,
        blank=True,
        help_text=_("Scale questions, e.g. 'Very dissatisfied'."),
    )
    scale_max_label = models.CharField(
        _("label of the highest level"),
        max_length=100,
        blank=True,
        help_text=_("Scale questions, e.g. 'Very satisfied'."),
    )
    required = models.BooleanField(_("answer required"), default=True)

    panels = [
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
        FieldRowPanel([FieldPanel("scale_min_label"), FieldPanel("scale_max_label")]),
    ]
    api_fields = [
        APIField("text"), APIField("help_text"), APIField("kind"), APIField("choice_list"), APIField("required"),
        APIField("scale_min_label"), APIField("scale_max_label"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("survey question")

    def __str__(self) -> str:
        return self.text

    def clean(self):
        super().clean()
        if self.kind in CHOICE_KINDS and len(self.choice_list) < CHOICES_MIN:
            raise ValidationError({"choices": MESSAGE_CHOICES_TOO_FEW % {"count": CHOICES_MIN}})

    @property
    def choice_list(self) -> list[str]:
        return choice_lines(self.choices) if self.kind in CHOICE_KINDS else []

    @property
    def scale_levels(self) -> list[int]:
        return list(range(SCALE_MIN, SCALE_MAX + 1)) if self.kind == QuestionKind.SCALE else []


class SurveyResponse(models.Model):
    """One respondent's answers to one survey.

    Who answered is never stored: only keyed hashes of the browser session and of the
    address, salted per survey, so the same person cannot be followed from one survey
    to the next, while a second response from the same session is refused. The salt is
    the survey's translation key, not its page id, so that it survives a restore by
    ``transfer`` and is shared by the survey's language versions (``surveys.services``).
    """

    page = models.ForeignKey(SurveyPage, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses")
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    session_key_hash = models.CharField(_("session hash"), max_length=64)
    ip_hash = models.CharField(_("address hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["submitted_at", "pk"]
        constraints = [
            # One response per session and survey, even when two arrive at once.
            models.UniqueConstraint(fields=["page", "session_key_hash"], name="survey_one_response_per_session"),
        ]


class SurveyAnswer(models.Model):
    """The answer to one question: options chosen, a scale level or a text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    # An editor may delete a question after answers came in; the other answers stay.
    question = models.ForeignKey(SurveyQuestion, null=True, on_delete=models.SET_NULL, related_name="answers")
    choices = models.JSONField(_("options chosen"), default=list, blank=True)
    value = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=SCALE_MIN, value__lte=SCALE_MAX),
                name="survey_answer_level_in_scale",
            ),
        ]
