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

from django.core.files.base import ContentFile
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.models import Page

from tenants.portal_data import portal_model
from transfer.errors import PortalTransferError
from transfer.remap import child_kind, kind_of
from transfer.rows import Swap, as_datetime, page_identities, pages_match, record_of, row_create
from transfer.summary import SubmissionsSummary, Tally

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

# The models are the apps' (each registers its own: tenants.portal_data), by role.
PETITION, FORWARDING, ATTACHMENT, DELIVERY, ANSWER_TRANSLATION = (
    "petition", "petition_forwarding", "petition_attachment", "dms_delivery", "answer_translation",
)
COMMENT, RESPONSE, ANSWER, QUESTION = "consultation_comment", "survey_response", "survey_answer", "survey_question"


def empty() -> dict:
    return {kind: [] for kind in KINDS}


# --- records ---------------------------------------------------------------------------


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


def _petition_record(petition) -> dict:
    delivery, translation = _one(petition, "dms_delivery"), _one(petition, "answer_translation")
    return {
        **record_of(petition),
        "forwardings": [record_of(item) for item in petition.forwardings.all()],
        "attachments": [record_of(item) for item in petition.attachments.all()],
        "dms_delivery": record_of(delivery) if delivery else None,
        "answer_translation": record_of(translation) if translation else None,
    }


def _response_record(response) -> dict:
    return {**record_of(response), "answers": [record_of(answer) for answer in response.answers.all()]}


def page_submissions(page_ids) -> dict:
    """Comments and survey responses made on these pages."""
    comments = portal_model(COMMENT).objects.filter(consultation_id__in=page_ids).order_by("created_at", "pk")
    responses = (
        portal_model(RESPONSE).objects.filter(page_id__in=page_ids).order_by("submitted_at", "pk")
        .prefetch_related(Prefetch("answers", portal_model(ANSWER).objects.order_by("pk")))
    )
    return {
        "petitions": [],
        "comments": [record_of(comment) for comment in comments],
        "responses": [_response_record(response) for response in responses],
    }


def collect(unit, page_ids) -> dict:
    """Everything the public submitted to ``unit`` and its pages ``page_ids``."""
    petitions = (
        portal_model(PETITION).objects.filter(agency=unit).order_by("received_at", "pk")
        .select_related("dms_delivery", "answer_translation")
        .prefetch_related(
            Prefetch("forwardings", portal_model(FORWARDING).objects.order_by("pk")),
            Prefetch("attachments", portal_model(ATTACHMENT).objects.order_by("pk")),
        )
    )
    return {**page_submissions(page_ids), "petitions": [_petition_record(p) for p in petitions]}


def count(submissions: dict) -> int:
    return sum(len(submissions.get(kind) or []) for kind in KINDS)


def _each(submissions: dict):
    """(model, record, parent field) of every record, nested ones included."""
    for petition in submissions["petitions"]:
        yield portal_model(PETITION), petition, None
        for item in petition["forwardings"]:
            yield portal_model(FORWARDING), item, "petition"
        for item in petition["attachments"]:
            yield portal_model(ATTACHMENT), item, "petition"
        if petition["dms_delivery"]:
            yield portal_model(DELIVERY), petition["dms_delivery"], "petition"
        if petition["answer_translation"]:
            yield portal_model(ANSWER_TRANSLATION), petition["answer_translation"], "petition"
    for comment in submissions["comments"]:
        yield portal_model(COMMENT), comment, None
    for response in submissions["responses"]:
        yield portal_model(RESPONSE), response, None
        for answer in response["answers"]:
            yield portal_model(ANSWER), answer, "response"


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
                with portal_model(ATTACHMENT)._meta.get_field("file").storage.open(name, "rb") as handle:
                    content = handle.read()
            except OSError:
                item["missing"] = True
                continue
            archive.writestr(PRIVATE_PREFIX + name, content)
            item["sha1"] = hashlib.sha1(content).hexdigest()


# --- import ------------------------------------------------------------------------------


def _child_create(model, item: dict, parent_name: str, parent, swap: Swap):
    return row_create(model, {**_fields_rewrite(model, item["fields"], swap, parent=parent_name), parent_name: parent.pk})


def _attachment_create(archive: zipfile.ZipFile, item: dict, petition, swap: Swap):
    model = portal_model(ATTACHMENT)
    fields = _fields_rewrite(model, item["fields"], swap, parent="petition")
    if not item.get("missing"):
        storage = model._meta.get_field("file").storage
        content = archive.read(PRIVATE_PREFIX + item["fields"]["file"])
        fields["file"] = storage.save(item["fields"]["file"], ContentFile(content))
    return row_create(model, {**fields, "petition": petition.pk})


def _refuse(message) -> None:
    raise PortalTransferError(message)


def _missing_units(record: dict, swap: Swap, unit_slugs: dict) -> list[str]:
    """Slugs of the agencies a petition and its forwardings name that are not here."""
    olds = [record["fields"]["agency"]] + [
        item["fields"][name] for item in record["forwardings"] for name in ("from_agency", "to_agency")
    ]
    return sorted({unit_slugs.get(str(old), str(old)) for old in olds if swap("unit", old) is None})


def petitions_import(archive: zipfile.ZipFile, records: list, swap: Swap, unit_slugs: dict, tally: Tally) -> None:
    """Create the archive's petitions whose tracking code is not in this database (one
    that is stays as it is: ``tally.kept``)."""
    Petition = portal_model(PETITION)  # noqa: N806 - a model class
    taken = set(
        Petition.objects.filter(tracking_code__in=[r["fields"]["tracking_code"] for r in records])
        .values_list("tracking_code", flat=True)
    )
    for record in records:
        code = record["fields"]["tracking_code"]
        if code in taken:
            tally.kept += 1
            continue
        # Forwardings are history: rather refuse than point them at the wrong agency.
        if missing := _missing_units(record, swap, unit_slugs):
            _refuse(IMPORT_SUBMISSION_NO_UNIT % {"code": code, "slugs": ", ".join(missing)})
        petition = row_create(Petition, _fields_rewrite(Petition, record["fields"], swap))
        for item in record["forwardings"]:
            _child_create(portal_model(FORWARDING), item, "petition", petition, swap)
        for item in record["attachments"]:
            _attachment_create(archive, item, petition, swap)
        for key, role in (("dms_delivery", DELIVERY), ("answer_translation", ANSWER_TRANSLATION)):
            if record[key]:
                _child_create(portal_model(role), record[key], "petition", petition, swap)
        tally.created += 1


def _comment_key(fields: dict) -> tuple:
    # Aware datetimes compare (and hash) by instant, whatever offset they were written with.
    return ("comment", fields["consultation"], fields["created_at"], fields["commenter_name"])


def _response_key(fields: dict) -> tuple:
    return ("response", fields["page"], fields["session_key_hash"])


def page_submissions_import(submissions: dict, swap: Swap, taken: set, summary: SubmissionsSummary, *,
                            held: bool = False) -> int:
    """Create comments and responses whose page is found and that are not in ``taken``
    (keys of those already created), counted in ``summary`` (as kept when ``held``);
    returns how many had no page."""
    Comment, Response = portal_model(COMMENT), portal_model(RESPONSE)  # noqa: N806 - model classes
    orphaned = 0
    for record in submissions["comments"]:
        fields = _fields_rewrite(Comment, record["fields"], swap)
        if fields["consultation"] is None:
            orphaned += 1
            continue
        fields["created_at"] = as_datetime(Comment, "created_at", fields["created_at"])
        if _comment_key(fields) not in taken:
            taken.add(_comment_key(fields))
            row_create(Comment, fields)
            _count(summary.comments, held)
    for record in submissions["responses"]:
        fields = _fields_rewrite(Response, record["fields"], swap)
        if fields["page"] is None:
            orphaned += 1
            continue
        if _response_key(fields) not in taken:
            taken.add(_response_key(fields))
            response = row_create(Response, fields)
            for answer in record["answers"]:
                _child_create(portal_model(ANSWER), answer, "response", response, swap)
            _count(summary.responses, held)
    return orphaned


def _count(tally: Tally, held: bool) -> None:
    if held:
        tally.kept += 1
    else:
        tally.created += 1


# --- held over a --replace ----------------------------------------------------------------


def hold(page_ids) -> dict:
    """The comments and responses that deleting these pages would delete, with what is
    needed to find their pages and questions again among the imported ones."""
    held = page_submissions(page_ids)
    pages = {portal_model(COMMENT): "consultation", portal_model(RESPONSE): "page"}
    targets = {r["fields"][pages[m]] for m, r, _p in _each(held) if m in pages}
    # The page type too: a comment can only hang off a consultation, a response off a survey.
    held["pages"] = page_identities(Page.objects.filter(pk__in=targets))
    question_ids = {a["fields"]["question"] for r in held["responses"] for a in r["answers"]} - {None}
    questions = portal_model(QUESTION).objects.filter(pk__in=question_ids).values_list("pk", "page_id", "text")
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
            found = portal_model(QUESTION).objects.filter(page_id=page_map.get(page), text=text).order_by("sort_order", "pk")
            new_questions[old] = found.values_list("pk", flat=True).first()
        return new_questions[old]

    def swap(kind, old):
        if kind == "page":
            return page_map.get(old)
        if kind == child_kind(portal_model(QUESTION)):
            return question(old)
        return old

    return swap

