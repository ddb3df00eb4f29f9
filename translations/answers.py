"""Q&A answers to senders who wrote in English (Điều 8.2.d: "Q&A answers to foreigners").

A petition remembers the language its sender used (``Petition.language``: the
language of the form or API request). When the agency publishes the Vietnamese
answer to a petition written in English, an ``AnswerTranslation`` is opened, due 2
working days later on the working-day calendar, and the agency portal's translators
are told. The translator's English answer is what the sender and the English Q&A
page then show.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from translations.models import AnswerTranslation
from translations.permissions import user_sees_all_translation_tasks, user_translation_unit_ids
from translations.rules import MIRROR_LANGUAGE, mirror_due_date

MESSAGE_ANSWER_MISSING = _("Write the answer in English.")


def answer_translation_needed(petition) -> bool:
    return petition.language == MIRROR_LANGUAGE and petition.published_at is not None


def answer_translation_open(*, petition) -> AnswerTranslation | None:
    """Open the English answer's obligation once the Vietnamese answer is published.

    Idempotent: a republished answer keeps its first obligation and deadline.
    """
    if not answer_translation_needed(petition):
        return None
    locale = Locale.objects.filter(language_code=MIRROR_LANGUAGE).first()
    if locale is None:
        return None
    translation, created = AnswerTranslation.objects.get_or_create(
        petition=petition,
        defaults={
            "unit_id": petition.agency_id,
            "locale": locale,
            "published_at": petition.published_at,
            "due_date": mirror_due_date(timezone.localdate(petition.published_at)),
        },
    )
    if created:
        from translations.notifications import answer_translators_notify

        # A lambda, not a partial: Django logs a failing robust callback by its __qualname__.
        transaction.on_commit(lambda: answer_translators_notify(answer_translation_id=translation.pk), robust=True)
    return translation


def user_may_translate_answer(user, translation: AnswerTranslation) -> bool:
    return user_sees_all_translation_tasks(user) or translation.unit_id in user_translation_unit_ids(user)


@transaction.atomic
def answer_translation_complete(
    *, answer_translation_id: int, subject: str, answer: str, by, signature: str = ""
) -> AnswerTranslation:
    """Record (or correct) the English answer; the first completion date is kept."""
    translation = AnswerTranslation.objects.select_for_update().get(pk=answer_translation_id)
    if not user_may_translate_answer(by, translation):
        raise PermissionDenied
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": MESSAGE_ANSWER_MISSING})
    first_completion = translation.completed_at is None
    translation.subject = subject.strip()
    translation.answer = answer
    translation.signature = signature.strip()
    translation.translated_by = by
    translation.completed_at = translation.completed_at or timezone.now()
    translation.save(update_fields=["subject", "answer", "signature", "translated_by", "completed_at"])
    if first_completion:
        from translations.notifications import answer_sender_notify

        transaction.on_commit(lambda: answer_sender_notify(answer_translation_id=translation.pk), robust=True)
    return translation
