"""The service and admin helpers Q&A and information requests share (intake.services,
intake.serializers, intake.admin), on their own: the locked transition, the required
text, the tracking code drawn again after a collision, the serializer's rules mixin and
the board's action form."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from rest_framework import serializers

from intake import services as intake_services
from intake.admin import action_form_submit
from intake.serializers import IntakeRulesMixin, optional_text
from intake.services import InvalidTransition, required_text, transition_locked
from qa.models import Petition, PetitionStatus
from tests.factories import province_rows, provision
from tests.qa.factories import PetitionFactory


class PetitionInvalid(InvalidTransition):
    noun = "petition "


def test_required_text_cleans_or_refuses_on_the_field():
    assert required_text("  Trả lời.  ", field_name="answer", message="msg") == "Trả lời."
    with pytest.raises(ValidationError) as refused:
        required_text(" \n ", field_name="reason", message="Nêu lý do.")
    assert refused.value.message_dict == {"reason": ["Nêu lý do."]}
    with pytest.raises(ValidationError):
        required_text(None, field_name="reason", message="Nêu lý do.")


@pytest.fixture
def agency(db):
    provision(province_rows(communes_under_district=()))
    from tenants.models import Unit

    return Unit.objects.get(slug="sotuphap")


def test_a_collision_on_the_tracking_code_draws_again_and_transitions_are_locked(agency, monkeypatch):
    first = PetitionFactory(agency=agency)
    # Two submissions drew the same code at the same instant: the unique index refuses
    # the second save, which draws again (the check before saving could not see it).
    codes = iter([first.tracking_code, "ZZZZZZZZZ1"])
    monkeypatch.setattr(intake_services, "tracking_code_unique", lambda model: next(codes))
    second = PetitionFactory(agency=agency)
    assert second.tracking_code == "ZZZZZZZZZ1"
    assert Petition.objects.filter(pk__in=[first.pk, second.pk]).count() == 2

    allowed = {"publish": {PetitionStatus.ANSWERED}, "classify": {PetitionStatus.RECEIVED}}
    checked = []
    locked = transition_locked(Petition, first.pk, action="classify", allowed_from=allowed,
                               check=checked.append, invalid=PetitionInvalid)
    assert locked.pk == first.pk and checked == [locked]
    with pytest.raises(PetitionInvalid, match=f"cannot publish petition {first.tracking_code} in status received"):
        transition_locked(Petition, first.pk, action="publish", allowed_from=allowed,
                          check=lambda submission: None, invalid=PetitionInvalid)

    def deny(submission):
        raise PermissionDenied

    with pytest.raises(PermissionDenied):  # the right is checked before the status
        transition_locked(Petition, first.pk, action="publish", allowed_from=allowed, check=deny,
                          invalid=PetitionInvalid)


class RulesSerializer(IntakeRulesMixin, serializers.Serializer):
    intake_fields = ("name",)
    name = optional_text(50, "Who asks.")
    code = optional_text(10, "A code.")

    @staticmethod
    def intake_errors(*, name):
        return {} if name else {"name": ["Nhập họ tên."]}

    def intake_extra_errors(self, attrs):
        return {"code": ["Mã không đúng."]} if attrs.get("code") == "x" else {}


def test_the_rules_mixin_refuses_with_the_rules_and_the_extra_messages_at_once():
    refused = RulesSerializer(data={"code": "x"})
    assert not refused.is_valid()
    assert refused.errors == {"name": ["Nhập họ tên."], "code": ["Mã không đúng."]}
    accepted = RulesSerializer(data={"name": "An"})
    assert accepted.is_valid() and accepted.validated_data == {"name": "An", "code": ""}


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False)


def _request():
    request = RequestFactory().post("/admin/x/1/")
    request._messages = CookieStorage(request)
    return request


def test_the_action_form_runs_the_service_and_tells_what_happened():
    def service(data):
        if not data["reason"]:
            raise ValidationError({"reason": ["Nêu lý do."], "other": ["Không lưu được."]})
        if data["reason"] == "late":
            raise PetitionInvalid(Petition(tracking_code="ABC", status="answered"), "refuse")

    def submit(reason):
        request = _request()
        form = ReasonForm({"reason": reason})
        response = action_form_submit(request, form=form, call=service, changed_message="Đã thay đổi.",
                                      done_message="Đã cập nhật.", done_url="/admin/x/1/")
        return form, response, [str(m) for m in get_messages(request)]

    form, response, said = submit("")
    assert response is None and form.errors == {"reason": ["Nêu lý do."], "__all__": ["Không lưu được."]}
    assert said == []
    form, response, said = submit("late")
    assert response.status_code == 302 and response.url == "/admin/x/1/" and said == ["Đã thay đổi."]
    form, response, said = submit("ok")
    assert response.status_code == 302 and said == ["Đã cập nhật."]
