"""A request for information (yêu cầu cung cấp thông tin), its answer files, and the
public page that takes requests (under the portal's "Tiếp cận thông tin" section).

The requester's details are personal data, and the answer is the requester's: the
public reaches a request only with its tracking code and the secret shown once at
receipt (only its hash is stored); boards reach the requests of their own agency
(``information_requests.permissions``).
"""

from __future__ import annotations

import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.forms import PortalPageForm
from cms.models.slugs import FoldedSlugMixin
from information_requests.rules import Availability, DeliveryForm, RefusalGround, RequesterKind
from information_requests.shared import TrackedSubmission
from uploads.storage import private_storage


def secret_hash(secret: str) -> str:
    return hashlib.sha256((secret or "").strip().encode()).hexdigest()


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLASSIFIED = "classified", _("Classified")
    EXTENDED = "extended", _("Extended")
    ANSWERED = "answered", _("Information provided")
    REFUSED = "refused", _("Refused")


OPEN_STATUSES = (RequestStatus.RECEIVED, RequestStatus.CLASSIFIED, RequestStatus.EXTENDED)


class InformationRequest(TrackedSubmission):
    # tracking_code, received_at, due_date, answered_at: intake.tracking.TrackedSubmission
    OPEN_STATUSES = OPEN_STATUSES

    secret_hash = models.CharField(max_length=64, editable=False)
    agency = models.ForeignKey(
        "tenants.Unit", verbose_name=_("requested agency"), on_delete=models.PROTECT,
        related_name="information_requests",
    )
    requester_kind = models.CharField(_("requester"), max_length=20, choices=RequesterKind.choices)
    requester_name = models.CharField(_("requester's full name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    representative_name = models.CharField(_("representative"), max_length=200, blank=True)
    requester_address = models.CharField(_("place of residence, address"), max_length=300)
    requester_id_number = models.CharField(_("identity card or passport number"), max_length=20)
    requester_phone = models.CharField(_("phone"), max_length=20, blank=True)
    requester_email = models.EmailField(_("e-mail"), blank=True)
    concerns_own_rights = models.BooleanField(_("concerns the requester's own rights and obligations"), default=False)
    information_requested = models.TextField(_("information requested"))
    purpose = models.TextField(_("purpose of the request"))
    delivery_form = models.CharField(_("form of delivery"), max_length=20, choices=DeliveryForm.choices)
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE, editable=False)

    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED, db_index=True
    )
    availability = models.CharField(_("classification"), max_length=20, choices=Availability.choices, blank=True)
    notice_due_date = models.DateField(_("notice of the deadline due"), null=True, blank=True)
    classified_at = models.DateTimeField(_("classified at"), null=True, blank=True)
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refusal_ground = models.CharField(_("ground for refusal"), max_length=20, choices=RefusalGround.choices, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    refused_at = models.DateTimeField(_("refused at"), null=True, blank=True)

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester_phone="", requester_email=""), name="information_request_reachable"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="answered") | models.Q(answered_at__isnull=False),
                name="information_request_answered_has_date",
            ),
            # Điều 28 khoản 2: a refusal is in writing and gives its reasons.
            models.CheckConstraint(
                condition=~models.Q(status="refused") | (~models.Q(refusal_ground="") & ~models.Q(refusal_reason="")),
                name="information_request_refusal_has_ground",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    def secret_matches(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, secret_hash(secret))

    @property
    def refusal_article(self) -> str:
        return self.get_refusal_ground_display() if self.refusal_ground else ""


def answer_file_path(instance: InformationRequestFile, filename: str) -> str:
    # A random folder: the answer is the requester's, its URL must not be guessable.
    return f"information_requests/{uuid.uuid4().hex}/{filename}"


class InformationRequestFile(models.Model):
    """A file of the answer; private storage, served to the requester and the board only."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=answer_file_path, storage=private_storage, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("answer file")
        verbose_name_plural = _("answer files")

    def __str__(self) -> str:
        return self.name


class InformationRequestPage(FoldedSlugMixin, Page):
    """Yêu cầu cung cấp thông tin: the online request address Điều 8.1.m asks for, under
    the portal's "Tiếp cận thông tin" page; requests sent here go to the portal's unit."""

    introduction = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["cms.AccessToInformationPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    base_form_class = PortalPageForm

    class Meta:
        verbose_name = _("information request page")

    @property
    def unit(self):
        return self.get_parent().get_parent().specific.unit

    def serve(self, request, *args, **kwargs):
        from information_requests.public import information_request_page_serve

        return information_request_page_serve(page=self, request=request)


class InformationRequestHandOver(models.Model):
    """Issue #21: the requested agency merged or ended and a request in flight went to the
    unit that took over its tasks. Kept so the old portal still answers the requester's
    lookup, and so the history is never rewritten."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="hand_overs")
    from_agency = models.ForeignKey("tenants.Unit", verbose_name=_("from"), on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey("tenants.Unit", verbose_name=_("to"), on_delete=models.PROTECT, related_name="+")
    handed_over_at = models.DateTimeField(_("handed over at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        ordering = ["handed_over_at", "pk"]
