"""Writing survey responses: the one place the rules of ``surveys.rules`` are enforced.

The portal form and the API both hand the answers here, so a survey that is not open,
a session that already answered or an invalid answer are refused the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from cms.models.base import portal_unit_id_for
from surveys.models import SurveyAnswer, SurveyPage, SurveyResponse
from surveys.rules import (
    CHOICE_KINDS,
    MESSAGE_ALREADY_ANSWERED,
    MESSAGE_CLIENT_LIMIT,
    QuestionKind,
    SurveyState,
    answers_errors,
    state_message,
    survey_state,
)
from surveys.selectors import survey_responses
from tenants.archive import unit_id_archived_refusal

HASH_SALT = "surveys.respondent"


class SurveyRefused(Exception):
    """The survey takes no response from this respondent now; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


class SurveyNotOpen(SurveyRefused):
    """Before the opening or after the closing time."""


class SurveyAlreadyAnswered(SurveyRefused):
    """This session has already answered the survey."""


class SurveyClientLimitReached(SurveyRefused):
    """This client address has sent SURVEY_RESPONSES_PER_CLIENT responses to the survey."""


def survey_salt(page: SurveyPage) -> str:
    """What a survey's respondent hashes are salted with: its translation key.

    Not the page id, which ``transfer`` changes when it imports a portal (a restore
    gives every page a new id): the hashes stored before would no longer match, and
    whoever had answered could answer again. The translation key is kept by a restore
    and a move (``transfer.services._translation_keys``); a copy into another unit gets
    new keys and takes none of the responses, and a page copied in the admin gets a new
    key too: it is another survey.

    The English version of a survey (wagtail-localize) shares the key on purpose: it is
    the same questionnaire, so one person answers it once, in either language
    (``survey_already_answered`` looks at every language version).
    """
    return str(page.translation_key)


def respondent_hash(*, salt: str, value: str) -> str:
    """A keyed hash of a session key or an address, different for every survey
    (``salt``: ``survey_salt(page)``)."""
    return salted_hmac(HASH_SALT, f"{salt}:{value}", algorithm="sha256").hexdigest()


def _legacy_respondent_hash(*, page_id: int, value: str) -> str:
    # Responses stored before the salt was the translation key were salted with the
    # page id: still recognised on that page, so that the change lets no one answer a
    # running survey twice. They stop matching once a restore changes the page's id.
    return salted_hmac(HASH_SALT, f"{page_id}:{value}", algorithm="sha256").hexdigest()


def _session_hashes(page: SurveyPage, session_key: str) -> set[str]:
    return {
        respondent_hash(salt=survey_salt(page), value=session_key),
        _legacy_respondent_hash(page_id=page.pk, value=session_key),
    }


def _answered(page: SurveyPage, session_key: str) -> bool:
    """Whether this session answered the survey in any of its language versions."""
    return survey_responses(page).filter(session_key_hash__in=_session_hashes(page, session_key)).exists()


def survey_already_answered(*, page: SurveyPage, session_key: str | None) -> bool:
    if not session_key or page.pk is None:  # page.pk: a new survey in the admin's preview
        return False
    return _answered(page, session_key)


def survey_open_check(*, page: SurveyPage, now=None) -> None:
    """Raise :class:`SurveyNotOpen` unless ``page`` takes answers at ``now``."""
    now = now or timezone.now()
    # Issue #21: an archived portal takes no new answers.
    if refusal := unit_id_archived_refusal(portal_unit_id_for(page)):
        raise SurveyNotOpen(refusal)
    state = survey_state(opens_at=page.opens_at, closes_at=page.closes_at, now=now)
    if state != SurveyState.OPEN:
        raise SurveyNotOpen(state_message(state=state, opens_at=page.opens_at, closes_at=page.closes_at))


@transaction.atomic
def survey_response_submit(
    *, page: SurveyPage, answers: Mapping[int, object], session_key: str, client_ip: str = ""
) -> SurveyResponse:
    """Store one response to ``page``; ``answers`` maps question ids to raw values.

    Raises :class:`SurveyNotOpen`, :class:`SurveyAlreadyAnswered`, or a
    ``ValidationError`` whose message dict is keyed by question id (as a string).
    """
    if not session_key:
        raise ValueError("a response needs the respondent's session key")
    now = timezone.now()
    survey_open_check(page=page, now=now)
    salt = survey_salt(page)
    session_hash = respondent_hash(salt=salt, value=session_key)
    # The unique constraint stops two responses of one session to the same page; the
    # language versions of a survey are other pages: lock them so that the check below
    # and the insert are not interleaved with another response to the survey.
    list(
        SurveyPage.objects.select_for_update(of=("self",))
        .filter(translation_key=page.translation_key).order_by("pk").values_list("pk", flat=True)
    )
    if _answered(page, session_key):
        raise SurveyAlreadyAnswered(MESSAGE_ALREADY_ANSWERED)
    ip_hash = respondent_hash(salt=salt, value=client_ip) if client_ip else ""
    # One per session is one per cookie: a client that drops its cookies is held to
    # SURVEY_RESPONSES_PER_CLIENT responses to this survey, in all its languages
    # (counted under the lock above, so parallel posts cannot pass it together).
    if ip_hash and survey_responses(page).filter(ip_hash=ip_hash).count() >= settings.SURVEY_RESPONSES_PER_CLIENT:
        raise SurveyClientLimitReached(MESSAGE_CLIENT_LIMIT)
    questions = list(page.questions.all())
    cleaned, errors = answers_errors(questions, answers)
    if errors:
        raise ValidationError({str(question_id): messages for question_id, messages in errors.items()})
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                page=page,
                submitted_at=now,
                session_key_hash=session_hash,
                ip_hash=ip_hash,
            )
    except IntegrityError:  # the same session answered in a parallel request
        raise SurveyAlreadyAnswered(MESSAGE_ALREADY_ANSWERED) from None
    SurveyAnswer.objects.bulk_create(
        _answer(response, question, cleaned[question.pk]) for question in questions if question.pk in cleaned
    )
    return response


def _answer(response: SurveyResponse, question, value) -> SurveyAnswer:
    if question.kind in CHOICE_KINDS:
        return SurveyAnswer(response=response, question=question, choices=list(value))
    if question.kind == QuestionKind.SCALE:
        return SurveyAnswer(response=response, question=question, value=value)
    return SurveyAnswer(response=response, question=question, text=value)
