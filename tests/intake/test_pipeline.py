"""The intake pipeline on its own: a fourth intake plugs in with a subclass and hooks.

No database: the "service" below keeps what it is given in a list, so these run in
milliseconds and show the order of the steps and what each refusal answers.
"""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from intake.api import IntakeCreateView, IntakeRefused
from intake.contact import (
    MESSAGE_EMAIL_INVALID,
    MESSAGE_PHONE_INVALID,
    MESSAGE_SENDER_CONTACT_MISSING,
    contact_errors,
    form_errors_add,
)
from intake.honeypot import HONEYPOT_FIELD, HoneypotFormMixin, honeypot_filled, honeypot_serializer_field
from intake.pages import IntakeFormState, IntakePageRefused, PageIntake
from intake.ratelimit import ALLOWED, RateDecision
from intake.serializers import optional_text

REFUSED = RateDecision(allowed=False, retry_after=42)


class RequestForm(HoneypotFormMixin, forms.Form):
    name = forms.CharField(required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name"):
            form_errors_add(self, {"name": ["A name, please."]})
        return cleaned


class RequestSerializer(serializers.Serializer):
    name = optional_text(50, "Who asks.")
    website = honeypot_serializer_field()


class Service:
    """Stands for an app's service: remembers what it stored."""

    def __init__(self, *, rate: RateDecision = ALLOWED, refuse_target: bool = False):
        self.rate, self.refuse_target, self.stored, self.steps = rate, refuse_target, [], []


def api_view(service: Service):
    class RequestCreateView(IntakeCreateView):
        submit_serializer_class = RequestSerializer
        rate_limited_message = "slow down"
        intake_name = "Information request"

        def intake_target(self, request, **kwargs):
            service.steps.append("target")
            if service.refuse_target:
                raise IntakeRefused.detail("no such thing", status=404)
            return "target"

        def intake_rate_check(self, request):
            service.steps.append("rate")
            return service.rate

        def intake_robot_receipt(self, request, target):
            return {"code": "fake"}

        def intake_submit(self, request, target, serializer):
            service.steps.append("submit")
            service.stored.append(serializer.validated_data["name"])
            return len(service.stored)

        def intake_receipt(self, request, target, submitted):
            return {"code": f"R{submitted}"}

        def post(self, request):
            return self.intake_post(request)

    return RequestCreateView.as_view()


def api_post(service: Service, data, *, fmt="json"):
    request = APIRequestFactory().post("/api/v2/requests/", data, format=fmt, HTTP_ACCEPT_LANGUAGE="en")
    return api_view(service)(request)


def test_api_pipeline_runs_the_hooks_in_order_and_answers_each_refusal():
    service = Service()
    response = api_post(service, {"name": "Nguyễn Văn A"})
    assert (response.status_code, response.data) == (201, {"code": "R1"})
    assert service.steps == ["target", "rate", "submit"] and service.stored == ["Nguyễn Văn A"]

    robot = Service()
    response = api_post(robot, {"name": "x", HONEYPOT_FIELD: "http://spam.example"})
    assert (response.status_code, response.data, robot.stored) == (201, {"code": "fake"}, [])

    slow = Service(rate=REFUSED)
    response = api_post(slow, {"name": "x"})
    assert (response.status_code, response.data, response["Retry-After"]) == (429, {"detail": "slow down"}, "42")
    assert slow.stored == []

    missing = Service(refuse_target=True)
    response = api_post(missing, {"name": "x"})
    assert (response.status_code, missing.steps) == (404, ["target"])  # refused before anything is counted

    assert api_post(Service(), ["not", "an", "object"]).status_code == 400
    invalid = api_post(Service(), {"name": "x" * 51})
    assert invalid.status_code == 400 and "name" in invalid.data


class RequestPageIntake(PageIntake):
    rate_limited_message = "slow down"

    def __init__(self, *, service: Service, **kwargs):
        super().__init__(**kwargs)
        self.service = service

    def form_new(self, data=None, files=None, initial=None):
        return RequestForm(data, files, initial=initial)

    def rate_check(self):
        return self.service.rate

    def sent_url(self):
        return "/requests/?sent=1"

    def submit(self, form):
        if form.cleaned_data["name"] == "closed":
            raise IntakePageRefused(status=409, refusal="closed")
        self.service.stored.append(form.cleaned_data["name"])
        return form.cleaned_data["name"]

    def taken(self, submitted):
        self.request.session["taken"] = submitted


def page_post(service: Service, data):
    request = RequestFactory().post("/requests/", data)
    SessionMiddleware(lambda r: None).process_request(request)
    return request, RequestPageIntake(service=service, page=None, request=request).handle()


def test_page_pipeline_redirects_when_taken_or_fooled_and_renders_refusals():
    service = Service()
    request, outcome = page_post(service, {"name": "Trần Thị B"})
    assert outcome.status_code == 302 and outcome["Location"] == "/requests/?sent=1"
    assert service.stored == ["Trần Thị B"] and request.session["taken"] == "Trần Thị B"

    _, outcome = page_post(service, {"name": "robot", HONEYPOT_FIELD: "spam"})
    assert outcome.status_code == 302 and service.stored == ["Trần Thị B"]  # looks the same, stores nothing

    _, outcome = page_post(service, {"name": ""})
    assert isinstance(outcome, IntakeFormState) and outcome.status == 200
    assert outcome.form.errors == {"name": ["A name, please."]}

    _, outcome = page_post(service, {"name": "closed"})
    assert (outcome.status, outcome.refusal) == (409, "closed")

    _, outcome = page_post(Service(rate=REFUSED), {"name": "typed"})
    assert (outcome.status, outcome.refusal, outcome.rate_limited) == (429, "slow down", True)
    assert not outcome.form.is_bound and outcome.form.initial["name"] == "typed"
    assert list(outcome.form.fields)[-1] == HONEYPOT_FIELD  # the honeypot stays the last field


@pytest.mark.parametrize(
    ("phone", "email", "expected"),
    [
        ("", "", {"phone": [MESSAGE_SENDER_CONTACT_MISSING], "email": [MESSAGE_SENDER_CONTACT_MISSING]}),
        ("0912 345 678", "", {}),
        ("", "a@example.vn", {}),
        ("12", "a@example.vn", {"phone": [MESSAGE_PHONE_INVALID]}),
        ("0912345678", "not-an-address", {"email": [MESSAGE_EMAIL_INVALID]}),
    ],
)
def test_contact_errors(phone, email, expected):
    expected = {field: [str(message) for message in messages] for field, messages in expected.items()}
    assert contact_errors(phone=phone, email=email) == expected


def test_honeypot_filled_reads_forms_and_payloads():
    assert honeypot_filled({HONEYPOT_FIELD: " x "}) and not honeypot_filled({HONEYPOT_FIELD: "  "})
    assert not honeypot_filled({}) and not honeypot_filled({HONEYPOT_FIELD: None})
