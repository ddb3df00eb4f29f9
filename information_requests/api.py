"""Public API under /api/v2/information-requests/: send a request, read it back with
its tracking code and secret. The same rules as the portal's form; refusals are 400
with Vietnamese messages per field (English with Accept-Language: en); nothing is
stored on a refusal. Honeypot as in Q&A: a filled ``website`` gets a 201 that stored
nothing."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from wagtail.models import Site

from information_requests.models import RequestStatus
from information_requests.public import MESSAGE_LOOKUP_FAILED, MESSAGE_RATE_LIMITED, submission_rate_check
from information_requests.rules import INTAKE_FIELDS, DeliveryForm, RequesterKind, due_date_on_receipt
from information_requests.rules import information_request_intake_errors
from information_requests.selectors import information_request_for_requester
from information_requests.services import InformationRequestNotAccepted, information_request_submit, secret_new
from information_requests.shared import MESSAGE_AGENCY_MISSING, PublicAPIView, tracking_code_new
from intake.agency import agency_for_slug
from intake.api import IntakeCreateView, IntakeRefused
from intake.honeypot import honeypot_serializer_field
from intake.serializers import IntakeRulesMixin, agency_field, agency_unknown_errors, optional_text
from tenants.selectors import unit_for_site

MESSAGE_NOT_AN_OBJECT = _("Send the request as one JSON object with the fields named in the documentation.")


class InformationRequestSubmitSerializer(IntakeRulesMixin, serializers.Serializer):
    intake_fields = INTAKE_FIELDS
    intake_errors = staticmethod(information_request_intake_errors)

    requester_kind = serializers.CharField(required=False, allow_blank=True, default=RequesterKind.CITIZEN,
                                           help_text=f"One of {', '.join(RequesterKind.values)}.")
    requester_name = optional_text(200, "Full name (Điều 24).")
    organisation_name = optional_text(300, "The organisation, for requester_kind=organisation (Điều 36.2).")
    representative_name = optional_text(200, "Its representative, for requester_kind=organisation.")
    requester_address = optional_text(300, "Place of residence, address (Điều 24).")
    requester_id_number = optional_text(20, "Identity card, citizen identity card or passport number (Điều 24).")
    requester_phone = optional_text(20, "Phone; a phone or an e-mail is required.")
    requester_email = optional_text(254, "E-mail; required for delivery by e-mail.")
    information_requested = optional_text(20_000, "The information requested (Điều 24).")
    purpose = optional_text(5_000, "Purpose of the request (Điều 24).")
    delivery_form = serializers.CharField(required=False, allow_blank=True, default="",
                                          help_text=f"One of {', '.join(DeliveryForm.values)}.")
    concerns_own_rights = serializers.BooleanField(required=False, default=False,
                                                   help_text="Foreign residents: directly concerns their rights.")
    agency = agency_field("Slug of the requested unit; by default the portal's own.")
    website = honeypot_serializer_field()

    def intake_extra_errors(self, attrs) -> dict:
        # Beside the rules' errors, so the requester reads every field's problem at once.
        return agency_unknown_errors(attrs.get("agency"))


class ReceiptSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    secret = serializers.CharField(help_text="Shown once: needed with the code to read the answer.")
    status = serializers.CharField()
    received_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    agency = serializers.SlugField()


class LookupSerializer(serializers.Serializer):
    tracking_code = serializers.CharField(max_length=20)
    secret = serializers.CharField(max_length=40)


class RequestViewSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    agency = serializers.SlugField(source="agency.slug")
    received_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    answer = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()
    refusal_ground = serializers.CharField()
    refusal_ground_label = serializers.CharField(source="refusal_article")
    refusal_reason = serializers.CharField()

    def get_answer(self, item) -> str | None:
        return item.answer if item.status == RequestStatus.ANSWERED else None

    def get_files(self, item) -> list[str]:
        return [f.name for f in item.files.all()] if item.status == RequestStatus.ANSWERED else []


def _receipt(*, tracking_code, secret, status, received_at, due_date, agency_slug) -> dict:
    return ReceiptSerializer({
        "tracking_code": tracking_code, "secret": secret, "status": status,
        "received_at": received_at, "due_date": due_date, "agency": agency_slug,
    }).data


class InformationRequestCreateView(IntakeCreateView):
    """The intake pipeline (``intake.api``) with this app's rules, service and receipt."""

    parser_classes = [JSONParser]
    submit_serializer_class = InformationRequestSubmitSerializer
    rate_limited_message = MESSAGE_RATE_LIMITED
    not_an_object_message = MESSAGE_NOT_AN_OBJECT
    intake_name = "information request"

    @extend_schema(
        operation_id="information_requests_create",
        summary="Request information (Luật Tiếp cận thông tin 2016)",
        request=InformationRequestSubmitSerializer,
        responses={201: ReceiptSerializer, 400: OpenApiResponse(description="Refused: field → messages."),
                   429: OpenApiResponse(description="Too many submissions from this address.")},
        tags=["Information requests"],
    )
    def post(self, request):
        return self.intake_post(request)

    def intake_target(self, request, **kwargs):
        # The portal's own unit: the agency when the requester names none.
        return unit_for_site(site=Site.find_for_request(request))

    def intake_rate_check(self, request):
        return submission_rate_check(request)

    def intake_robot_receipt(self, request, site_unit) -> dict:
        now = timezone.now()
        delivery = request.data.get("delivery_form")
        due = due_date_on_receipt(received_at=now, delivery_form=delivery if delivery in DeliveryForm.values
                                  else DeliveryForm.POST)
        return _receipt(tracking_code=tracking_code_new(), secret=secret_new(), status=RequestStatus.RECEIVED,
                        received_at=now, due_date=due, agency_slug=site_unit.slug if site_unit else "")

    def intake_submit(self, request, site_unit, serializer):
        data = serializer.validated_data
        agency = agency_for_slug(data["agency"]) if data["agency"] else site_unit
        if agency is None:
            raise IntakeRefused({"agency": [str(MESSAGE_AGENCY_MISSING)]}, status=status.HTTP_400_BAD_REQUEST)
        try:
            return information_request_submit(agency=agency, **{name: data[name] for name in INTAKE_FIELDS})
        except InformationRequestNotAccepted as error:  # the portal is archived (issue #21), as for questions
            raise IntakeRefused({"detail": " ".join(error.messages)}, status=status.HTTP_403_FORBIDDEN) from error

    def intake_receipt(self, request, site_unit, receipt) -> dict:
        item = receipt.information_request
        return _receipt(tracking_code=item.tracking_code, secret=receipt.secret, status=item.status,
                        received_at=item.received_at, due_date=item.due_date, agency_slug=item.agency.slug)


class InformationRequestLookupView(PublicAPIView):
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="information_requests_lookup",
        summary="Read one's own request with its tracking code and secret",
        request=LookupSerializer,
        responses={200: RequestViewSerializer, 404: OpenApiResponse(description="No such code and secret.")},
        tags=["Information requests"],
    )
    def post(self, request):
        if not submission_rate_check(request, kind="lookups").allowed:
            return Response({"detail": str(MESSAGE_RATE_LIMITED)}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        serializer = LookupSerializer(data=request.data if hasattr(request.data, "get") else {})
        serializer.is_valid(raise_exception=True)
        item = information_request_for_requester(code=serializer.validated_data["tracking_code"],
                                                 secret=serializer.validated_data["secret"])
        if item is None:
            return Response({"detail": str(MESSAGE_LOOKUP_FAILED)}, status=status.HTTP_404_NOT_FOUND)
        return Response(RequestViewSerializer(item).data)
