"""What the public submitted to a portal, carried with it (archive format 3).

Petitions (``qa``: with their forwardings, private attachments, DMS delivery record and
English answer), consultation comments and survey responses (with their answers) are
stored in the manifest's ``submissions`` as Django's "python" serialisation, and the
attachments' bytes under ``private/<storage name>``.

Import creates them as they were (tracking codes, times, statuses, deadlines) with
their links remapped, through ``bulk_create`` so that no signal runs: no e-mail, no
DMS webhook, no English-answer obligation opened a second time. A DMS delivery still
pending stays pending, and is retried by ``dms_deliver`` as it would have been.

Nothing already in the database is lost or duplicated:

* A petition hangs off the unit, which outlives ``--replace``: one whose tracking code
  exists here is kept as it is (it can only be further along than the archive's).
* Comments and responses hang off pages, which ``--replace`` deletes: they are held in
  memory first and re-attached to the imported page of the same translation key (else
  URL path). If one has no such page, the import is refused, rolling everything back.
  The held ones win over the archive's copies of the same submissions.
* A copy (``--into``) takes none of the archive's submissions: they are personal data
  addressed to the original agency, and their tracking codes are the original's.
"""

import hashlib
import zipfile
from collections import Counter
from collections.abc import Callable

from django.core import serializers
from django.core.files.base import ContentFile
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.models import Page

from consultations.models import ConsultationComment
from qa.models import DmsDelivery, Petition, PetitionAttachment, PetitionForwarding
from surveys.models import SurveyAnswer, SurveyQuestion, SurveyResponse
from transfer.remap import child_kind, kind_of
from translations.models import AnswerTranslation

PRIVATE_PREFIX = "private/"
KINDS = ("petitions", "comments", "responses")

IMPORT_SUBMISSION_NO_UNIT = _(
    "Petition %(code)s names agencies that do not exist here (%(slugs)s); create them first (provision_portals)."
)
IMPORT_SUBMISSIONS_ORPHANED = ngettext_lazy(
    "Portal %(slug)s cannot be replaced: %(count)s comment or survey response was made on a page that is not in "
    "the archive and would be lost. Export the portal again to include that page.",
    "Portal %(slug)s cannot be replaced: %(count)s comments and survey responses were made on pages that are not "
    "in the archive and would be lost. Export the portal again to include those pages.",
    "count",
)

Swap = Callable[[str, object], object]


def empty() -> dict:
    return {kind: [] for kind in KINDS}


# --- records ---------------------------------------------------------------------------


def _record(obj) -> dict:
    (record,) = serializers.serialize("python", [obj])
    return record


def _fields_rewrite(model, fields: dict, swap: Swap, *, parent: str | None = None) -> dict:
    """``fields`` with every link but the one to ``parent`` swapped (``transfer.remap`` kinds;
    a survey question is an inline child of its page: ``child:surveys.surveyquestion``)."""
    rewritten = dict(fields)
    for field in model._meta.concrete_fields:
        value = fields.get(field.name)
        if field.is_relation and field.name != parent and value is not None:
            rewritten[field.name] = swap(kind_of(field.related_model) or child_kind(field.related_model), value)
    return rewritten


def _one(obj, name: str):
    # A reverse one-to-one raises (a subclass of AttributeError) when there is none.
    return getattr(obj, name, None)


def _petition_record(petition: Petition) -> dict:
    delivery, translation = _one(petition, "dms_delivery"), _one(petition, "answer_translation")
    return {
        **_record(petition),
        "forwardings": [_record(item) for item in petition.forwardings.all()],
        "attachments": [_record(item) for item in petition.attachments.all()],
        "dms_delivery": _record(delivery) if delivery else None,
        "answer_translation": _record(translation) if translation else None,
    }


def _response_record(response: SurveyResponse) -> dict:
    return {**_record(response), "answers": [_record(answer) for answer in response.answers.all()]}


def page_submissions(page_ids) -> dict:
    """Comments and survey responses made on these pages."""
    comments = ConsultationComment.objects.filter(consultation_id__in=page_ids).order_by("created_at", "pk")
    responses = (
        SurveyResponse.objects.filter(page_id__in=page_ids).order_by("submitted_at", "pk")
        .prefetch_related(Prefetch("answers", SurveyAnswer.objects.order_by("pk")))
    )
    return {
        "petitions": [],
        "comments": [_record(comment) for comment in comments],
        "responses": [_response_record(response) for response in responses],
    }


def collect(unit, page_ids) -> dict:
    """Everything the public submitted to ``unit`` and its pages ``page_ids``."""
    petitions = (
        Petition.objects.filter(agency=unit).order_by("received_at", "pk")
        .select_related("dms_delivery", "answer_translation")
        .prefetch_related(
            Prefetch("forwardings", PetitionForwarding.objects.order_by("pk")),
            Prefetch("attachments", PetitionAttachment.objects.order_by("pk")),
        )
    )
    return {**page_submissions(page_ids), "petitions": [_petition_record(p) for p in petitions]}


def count(submissions: dict) -> int:
    return sum(len(submissions.get(kind) or []) for kind in KINDS)


def _each(submissions: dict):
    """(model, record, parent field) of every record, nested ones included."""
    for petition in submissions["petitions"]:
        yield Petition, petition, None
        for item in petition["forwardings"]:
            yield PetitionForwarding, item, "petition"
        for item in petition["attachments"]:
            yield PetitionAttachment, item, "petition"
        if petition["dms_delivery"]:
            yield DmsDelivery, petition["dms_delivery"], "petition"
        if petition["answer_translation"]:
            yield AnswerTranslation, petition["answer_translation"], "petition"
    for comment in submissions["comments"]:
        yield ConsultationComment, comment, None
    for response in submissions["responses"]:
        yield SurveyResponse, response, None
        for answer in response["answers"]:
            yield SurveyAnswer, answer, "response"


def referenced_ids(submissions: dict) -> dict[str, set]:
    """Users, units and locales the submissions name, for the archive's natural keys."""
    found: dict[str, set] = {"user": set(), "unit": set(), "locale": set()}

    def record(kind, value):
        if kind in found:
            found[kind].add(value)
        return value

    for model, item, parent in _each(submissions):
        _fields_rewrite(model, item["fields"], record, parent=parent)
    return found


def attachments_write(archive: zipfile.ZipFile, submissions: dict) -> None:
    """Copy each attachment's bytes into the archive, as documents' are; a file already
    missing from the storage is noted rather than stopping the export."""
    for petition in submissions["petitions"]:
        for item in petition["attachments"]:
            name = item["fields"]["file"]
            try:
                with PetitionAttachment._meta.get_field("file").storage.open(name, "rb") as handle:
                    content = handle.read()
            except OSError:
                item["missing"] = True
                continue
            archive.writestr(PRIVATE_PREFIX + name, content)
            item["sha1"] = hashlib.sha1(content).hexdigest()


# --- import ------------------------------------------------------------------------------


def _create(model, fields: dict):
    """Insert one row as archived. ``bulk_create`` sends no ``post_save``: no receiver
    (the English answer's obligation, its translators' e-mail) runs again."""
    data = {"model": model._meta.label_lower, "pk": None, "fields": fields}
    (item,) = serializers.deserialize("python", [data], ignorenonexistent=True)
    # bulk_create stamps auto_now(_add) fields with the time of the import: give back the original.
    stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    kept = {f.attname: getattr(item.object, f.attname) for f in stamped}
    (obj,) = model.objects.bulk_create([item.object])
    if kept:
        model.objects.filter(pk=obj.pk).update(**kept)
    return obj


def _child_create(model, item: dict, parent_name: str, parent, swap: Swap):
    return _create(model, {**_fields_rewrite(model, item["fields"], swap, parent=parent_name), parent_name: parent.pk})


def _attachment_create(archive: zipfile.ZipFile, item: dict, petition, swap: Swap):
    fields = _fields_rewrite(PetitionAttachment, item["fields"], swap, parent="petition")
    if not item.get("missing"):
        storage = PetitionAttachment._meta.get_field("file").storage
        content = archive.read(PRIVATE_PREFIX + item["fields"]["file"])
        fields["file"] = storage.save(item["fields"]["file"], ContentFile(content))
    return _create(PetitionAttachment, {**fields, "petition": petition.pk})


def _refuse(message) -> None:
    from transfer.services import PortalTransferError  # services imports this module

    raise PortalTransferError(message)


def _missing_units(record: dict, swap: Swap, unit_slugs: dict) -> list[str]:
    """Slugs of the agencies a petition and its forwardings name that are not here."""
    olds = [record["fields"]["agency"]] + [
        item["fields"][name] for item in record["forwardings"] for name in ("from_agency", "to_agency")
    ]
    return sorted({unit_slugs.get(str(old), str(old)) for old in olds if swap("unit", old) is None})


def petitions_import(archive: zipfile.ZipFile, records: list, swap: Swap, unit_slugs: dict) -> Counter:
    """Create the archive's petitions whose tracking code is not in this database."""
    done = Counter()
    taken = set(
        Petition.objects.filter(tracking_code__in=[r["fields"]["tracking_code"] for r in records])
        .values_list("tracking_code", flat=True)
    )
    for record in records:
        code = record["fields"]["tracking_code"]
        if code in taken:
            done["petitions_kept"] += 1
            continue
        # Forwardings are history: rather refuse than point them at the wrong agency.
        if missing := _missing_units(record, swap, unit_slugs):
            _refuse(IMPORT_SUBMISSION_NO_UNIT % {"code": code, "slugs": ", ".join(missing)})
        petition = _create(Petition, _fields_rewrite(Petition, record["fields"], swap))
        for item in record["forwardings"]:
            _child_create(PetitionForwarding, item, "petition", petition, swap)
        for item in record["attachments"]:
            _attachment_create(archive, item, petition, swap)
        for key, model in (("dms_delivery", DmsDelivery), ("answer_translation", AnswerTranslation)):
            if record[key]:
                _child_create(model, record[key], "petition", petition, swap)
        done["petitions"] += 1
    return done


def _comment_key(fields: dict) -> tuple:
    # Aware datetimes compare (and hash) by instant, whatever offset they were written with.
    return ("comment", fields["consultation"], fields["created_at"], fields["commenter_name"])


def _response_key(fields: dict) -> tuple:
    return ("response", fields["page"], fields["session_key_hash"])


def page_submissions_import(submissions: dict, swap: Swap, taken: set) -> tuple[Counter, int]:
    """Create comments and responses whose page is found and that are not in ``taken``
    (keys of those already created); returns what was created and how many had no page."""
    done, orphaned = Counter(), 0
    for record in submissions["comments"]:
        fields = _fields_rewrite(ConsultationComment, record["fields"], swap)
        if fields["consultation"] is None:
            orphaned += 1
            continue
        fields["created_at"] = _as_datetime(ConsultationComment, "created_at", fields["created_at"])
        if _comment_key(fields) not in taken:
            taken.add(_comment_key(fields))
            _create(ConsultationComment, fields)
            done["comments"] += 1
    for record in submissions["responses"]:
        fields = _fields_rewrite(SurveyResponse, record["fields"], swap)
        if fields["page"] is None:
            orphaned += 1
            continue
        if _response_key(fields) not in taken:
            taken.add(_response_key(fields))
            response = _create(SurveyResponse, fields)
            for answer in record["answers"]:
                _child_create(SurveyAnswer, answer, "response", response, swap)
            done["responses"] += 1
    return done, orphaned


def _as_datetime(model, name: str, value):
    # The archive holds ISO strings, the held records datetimes: compare them alike.
    return model._meta.get_field(name).to_python(value)


# --- held over a --replace ----------------------------------------------------------------


def page_identities(pages) -> dict[int, tuple]:
    """pk -> (translation key, locale, URL path, page type) of ``pages``: what finds a
    held row's page again among the imported ones (``pages_match``)."""
    rows = pages.values_list("pk", "translation_key", "locale_id", "url_path", "content_type_id")
    return {pk: (str(key), locale, path, kind) for pk, key, locale, path, kind in rows}


def pages_match(held_pages: dict, new_page_ids, *, same_type: bool) -> dict:
    """Old page id (``held_pages``: its ``page_identities``) -> the page among
    ``new_page_ids`` of the same translation key and locale (a restore keeps keys), else
    of the same URL path (a copy gets new keys); with ``same_type``, of the same page
    type too. None where there is none."""

    def typed(kind):
        return kind if same_type else None

    by_key, by_path = {}, {}
    for pk, (key, locale, path, kind) in page_identities(Page.objects.filter(pk__in=new_page_ids)).items():
        by_key[(key, locale, typed(kind))] = pk
        by_path[(path, typed(kind))] = pk
    return {
        old: by_key.get((key, locale, typed(kind))) or by_path.get((path, typed(kind)))
        for old, (key, locale, path, kind) in held_pages.items()
    }


def hold(page_ids) -> dict:
    """The comments and responses that deleting these pages would delete, with what is
    needed to find their pages and questions again among the imported ones."""
    held = page_submissions(page_ids)
    pages = {ConsultationComment: "consultation", SurveyResponse: "page"}
    targets = {r["fields"][pages[m]] for m, r, _p in _each(held) if m in pages}
    # The page type too: a comment can only hang off a consultation, a response off a survey.
    held["pages"] = page_identities(Page.objects.filter(pk__in=targets))
    question_ids = {a["fields"]["question"] for r in held["responses"] for a in r["answers"]} - {None}
    questions = SurveyQuestion.objects.filter(pk__in=question_ids).values_list("pk", "page_id", "text")
    held["questions"] = {pk: (page, text) for pk, page, text in questions}
    return held


def held_swap(held: dict, new_page_ids) -> Swap:
    """Where held submissions go: the imported page of the same translation key and
    locale (a restore keeps keys), else of the same URL path (a copy gets new keys);
    a question by its text on that page. Users, units and locales are this database's."""
    page_map = pages_match(held["pages"], new_page_ids, same_type=True)
    new_questions: dict = {}

    def question(old):
        if old not in held["questions"]:
            return None  # deleted by an editor after the answer came in
        page, text = held["questions"][old]
        if old not in new_questions:
            found = SurveyQuestion.objects.filter(page_id=page_map.get(page), text=text).order_by("sort_order", "pk")
            new_questions[old] = found.values_list("pk", flat=True).first()
        return new_questions[old]

    def swap(kind, old):
        if kind == "page":
            return page_map.get(old)
        if kind == child_kind(SurveyQuestion):
            return question(old)
        return old

    return swap

