"""E-mail to a portal's translators about a mirroring obligation.

Sent after the transaction commits; a failing mail server is logged, never raised:
the obligation is recorded whatever happens to the mail. The in-admin list is the
dashboard (translations.admin_views).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tenants.membership import board_emails
from tenants.models import BoardRole
from translations.models import TranslationTask

logger = logging.getLogger(__name__)


def translator_emails(*, unit_id: int) -> list[str]:
    return board_emails(unit_id=unit_id, roles={BoardRole.TRANSLATOR})


def translators_notify(*, task_id: int, created: bool = True) -> bool:
    task = TranslationTask.objects.select_related("unit", "source_page").get(pk=task_id)
    to = translator_emails(unit_id=task.unit_id)
    if not to:
        return False
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("translations_admin:index")
    with translation.override(settings.LANGUAGE_CODE):
        if created:
            subject = _("English translation due %(due)s: %(title)s")
        else:
            subject = _("Vietnamese page changed, English translation due %(due)s: %(title)s")
        subject = subject % {"due": task.due_date.strftime("%d/%m/%Y"), "title": task.source_page.title}
        body = _("Portal: %(portal)s\nPage: %(title)s\nDue: %(due)s (Điều 8.2.d)\n%(url)s") % {
            "portal": task.unit,
            "title": task.source_page.title,
            "due": task.due_date.strftime("%d/%m/%Y"),
            "url": url,
        }
    try:
        send_mail(subject, body, None, to)
    except Exception:  # any transport error: the task is already recorded
        logger.exception("Translation mail failed for task %s", task_id)
        return False
    return True


def answer_translators_notify(*, answer_translation_id: int) -> bool:
    from translations.models import AnswerTranslation

    task = AnswerTranslation.objects.select_related("unit", "petition").get(pk=answer_translation_id)
    to = translator_emails(unit_id=task.unit_id)
    if not to:
        return False
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("translations_admin:answer", args=[task.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("English answer due %(due)s: question %(code)s") % {
            "due": task.due_date.strftime("%d/%m/%Y"), "code": task.petition.tracking_code}
        body = _("Portal: %(portal)s\nQuestion: %(title)s\nDue: %(due)s (Điều 8.2.d)\n%(url)s") % {
            "portal": task.unit, "title": task.petition.subject, "due": task.due_date.strftime("%d/%m/%Y"), "url": url}
    try:
        send_mail(subject, body, None, to)
    except Exception:  # any transport error: the obligation is already recorded
        logger.exception("Translation mail failed for answer translation %s", answer_translation_id)
        return False
    return True


def answer_sender_notify(*, answer_translation_id: int) -> None:
    """Send the sender who wrote in English the English answer, in English."""
    from qa.notifications import mail_send_safely
    from translations.models import AnswerTranslation

    task = AnswerTranslation.objects.select_related("petition").get(pk=answer_translation_id)
    petition = task.petition
    if not petition.sender_email:
        return
    with translation.override(task.locale.language_code):
        subject = _("Your question %(code)s has been answered") % {"code": petition.tracking_code}
        mail_send_safely(subject=subject, body="\n\n".join(filter(None, [task.answer, task.signature])), to=[petition.sender_email],
                         context=f"english answer {petition.tracking_code}")
