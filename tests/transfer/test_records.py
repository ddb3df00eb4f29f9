"""What is kept about a portal's pages outside them goes with the portal (archive format
5, ``transfer.records``): wagtail-localize's sources and translators' strings for the
English mirror, the mirroring tasks, the compliance records (republications, articles
sent up, archived items, report recommendations), Wagtail's history of the pages and
media, and the editors' review comments and page subscriptions, with every id remapped;
none of it duplicated by --replace; a copy takes only the localize work."""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import (
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    WorkflowState,
    WorkflowTask,
)
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    TranslatableObject,
    TranslationSource,
)
from wagtail_localize.models import Translation as LocalizeTranslation

from compliance.models import ArchivedItem, ReportRecommendation, Republication, Submission, SubmissionStatus
from tenants.models import Unit, UnitKind
from tests.cms.factories import ImageFactory, NewsPageFactory, page_publish
from tests.factories import UserFactory
from tests.transfer.archives import archive_rewrite
from transfer.services import _portal_remove, portal_import
from transfer.summary import ImportSummary
from translations.models import TranslationTask
from translations.operations import translation_task_open

ENGLISH = "Bac Ninh is the land of Kinh Bac."


def _at(days_ago: int) -> datetime.datetime:
    return (timezone.now() - datetime.timedelta(days=days_ago)).replace(microsecond=123456)


@pytest.fixture
def portal(portals, django_capture_on_commit_callbacks):
    """bacninh with an English mirror of its introduction (partly translated, its task
    open), compliance records in both directions, and history of pages and an image."""
    unit = portals.units["bacninh"]
    editor = UserFactory(username="bientap.bacninh")
    translator = UserFactory(username="dich.bacninh")

    intro = portals.section("bacninh", "gioi-thieu")
    chart = ImageFactory(collection=unit.collection, title="Sơ đồ tổ chức")
    with django_capture_on_commit_callbacks(execute=False):
        intro = page_publish(intro, history="<p>Bắc Ninh là vùng đất Kinh Bắc.</p>", organisation_chart=chart)
        task = translation_task_open(page_id=intro.pk, published_at=_at(3))
    segment = StringSegment.objects.select_related("string", "context").get(
        source=task.translation.source, string__data="Bắc Ninh là vùng đất Kinh Bắc."
    )
    StringTranslation.objects.create(
        translation_of=segment.string, locale=task.translation.target_locale, context=segment.context,
        data=ENGLISH, translation_type="manual", last_translated_by=translator,
    )
    # The English page shows its own chart: an override holding an image id.
    english_chart = ImageFactory(collection=unit.collection, title="Organisation chart")
    chart_segment = OverridableSegment.objects.get(source=task.translation.source, context__path="organisation_chart")
    SegmentOverride.objects.create(locale=task.translation.target_locale, context=chart_segment.context,
                                   data_json=json.dumps(english_chart.pk), last_translated_by=translator)

    news = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Tin gửi xuống sở")
    revision = news.save_revision(user=editor, log_action=True)
    revision.publish(user=editor, skip_permission_checks=True)
    # Published again from that revision (a revert): the log entry names it in its data.
    news.save_revision(user=editor).publish(user=editor, previous_revision=revision, skip_permission_checks=True)
    department_page = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), title="Tin đăng lại")
    Republication.objects.create(source_page=news, target_unit=portals.units["sotuphap"], target_page=department_page,
                                 marked_by=editor)
    sent = NewsPageFactory(parent=portals.section("sotuphap", "tin-tuc"), title="Tin sở gửi lên")
    received = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Tin sở gửi lên (tỉnh đăng)")
    Submission.objects.create(source_page=sent, source_unit=portals.units["sotuphap"], title="Tin sở gửi lên",
                              status=SubmissionStatus.ACCEPTED, decided_by=editor, decided_at=_at(1),
                              published_page=received)
    ArchivedItem.objects.create(page=news, page_title=news.title, unit=unit, revision=revision, archived_by=editor,
                                archived_at=_at(1))
    # Review comments: an open one on the first revision's title, answered; a resolved one
    # (publishing a page again drops its resolved comments: this page is not republished).
    comment = Comment.objects.create(page=news, user=editor, text="Tiêu đề cần ngắn hơn.", contentpath="title",
                                     revision_created=revision)
    CommentReply.objects.create(comment=comment, user=translator, text="Đã sửa.")
    Comment.objects.create(page=received, user=editor, text="Ghi rõ nguồn.", contentpath="body",
                           resolved_at=_at(1), resolved_by=translator)
    PageSubscription.objects.create(page=news, user=translator, comment_notifications=True)
    # A page in moderation: its first step approved with a comment, waiting for the head.
    pending = NewsPageFactory(parent=portals.section("bacninh", "tin-tuc"), title="Tin chờ duyệt", live=False)
    pending.save_revision(user=editor)
    state = pending.get_workflow().start(pending, editor)
    state.current_task_state.approve(user=translator, comment="Nội dung đúng.")
    ReportRecommendation.objects.create(unit=unit, period="2026-H1", text="Tăng biên chế ban biên tập.",
                                        created_by=editor)
    image = ImageFactory(collection=unit.collection, title="Ảnh có lịch sử")
    log(image, "wagtail.create", user=editor)
    return unit


# --- an id-free picture of the records -----------------------------------------------------------


def _path(page_id):
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    return page.url_path if page else page_id


def _username(user_id):
    return get_user_model().objects.filter(pk=user_id).values_list("username", flat=True).first()


def _revision(revision_id):
    revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
    return (_path(int(revision.object_id)), revision.created_at) if revision else revision_id


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    return value


def _portal_page_ids(unit) -> list[int]:
    home = unit.site.root_page
    ids = list(home.get_descendants(inclusive=True).values_list("pk", flat=True))
    for translation in home.get_translations():
        ids += list(translation.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


def _localize(keys) -> dict:
    sources = []
    for source in TranslationSource.objects.filter(object_id__in=keys).select_related("locale"):
        content = json.loads(source.content_json)
        sources.append((
            _path(content["pk"]), source.locale.language_code, source.object_repr, source.created_at,
            source.last_updated_at, source.stringsegment_set.count(),
            sorted((t.target_locale.language_code, t.enabled, t.created_at, t.get_progress())
                   for t in source.translations.all()),
        ))
    strings = sorted(
        (s.context.path, s.translation_of.data, s.locale.language_code, s.data, _username(s.last_translated_by_id))
        for s in StringTranslation.objects.filter(context__object_id__in=keys)
    )
    images = get_image_model().objects
    overrides = sorted(
        (o.context.path, o.locale.language_code, images.get(pk=json.loads(o.data_json)).title,
         _username(o.last_translated_by_id))
        for o in SegmentOverride.objects.filter(context__object_id__in=keys)
    )
    return {"sources": sorted(sources), "strings": strings, "overrides": overrides}


def _picture(unit) -> dict:
    page_ids = _portal_page_ids(unit)
    keys = {str(k) for k in Page.objects.filter(pk__in=page_ids).values_list("translation_key", flat=True)}
    image_ct = ContentType.objects.get_for_model(get_image_model())
    images = dict(get_image_model().objects.filter(collection=unit.collection).values_list("pk", "title"))
    return {
        "localize": _localize(keys),
        "tasks": sorted(
            (_path(t.source_page_id), t.locale.language_code, t.published_at, t.due_date, t.completed_at,
             t.translation is not None and str(t.translation.source.object_id) == str(t.source_page.translation_key))
            for t in TranslationTask.objects.filter(unit=unit)
        ),
        "republications": sorted(
            (_path(r.source_page_id), r.target_unit.slug, _path(r.target_page_id), _username(r.marked_by_id), r.marked_at)
            for r in Republication.objects.all()
        ),
        "submissions": sorted(
            (_path(s.source_page_id), s.source_unit.slug, s.title, s.status, _username(s.decided_by_id), s.submitted_at,
             _path(s.published_page_id))
            for s in Submission.objects.all()
        ),
        "archived": sorted(
            (_path(a.page_id), a.page_title, a.unit.slug, _revision(a.revision_id), _username(a.archived_by_id),
             a.archived_at)
            for a in ArchivedItem.objects.all()
        ),
        "recommendations": sorted(
            (r.unit.slug, r.period, r.text, _username(r.created_by_id), r.created_at)
            for r in ReportRecommendation.objects.all()
        ),
        "page_log": sorted(
            (_path(e.page_id), e.action, e.timestamp, _username(e.user_id), _revision(e.revision_id),
             json.dumps(_without_ids(e.data), sort_keys=True, default=str))
            for e in PageLogEntry.objects.filter(page__in=page_ids)
        ),
        "media_log": sorted(
            (images.get(int(e.object_id)), e.action, e.timestamp, _username(e.user_id))
            for e in ModelLogEntry.objects.filter(content_type=image_ct, object_id__in=[str(i) for i in images])
        ),
        "comments": sorted(
            (_path(c.page_id), _username(c.user_id), c.text, c.contentpath, c.created_at, c.updated_at,
             _revision(c.revision_created_id), c.resolved_at, _username(c.resolved_by_id),
             tuple((_username(r.user_id), r.text, r.created_at) for r in c.replies.order_by("pk")))
            for c in Comment.objects.filter(page__in=page_ids)
        ),
        "subscriptions": sorted(
            (_path(s.page_id), _username(s.user_id), s.comment_notifications)
            for s in PageSubscription.objects.filter(page__in=page_ids)
        ),
        "workflow_states": sorted(_workflow_state(state) for state in WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page), object_id__in=[str(pk) for pk in page_ids]
        )),
    }


def _workflow_state(state) -> tuple:
    def step(task_state):
        return WorkflowTask.objects.get(workflow=state.workflow, task=task_state.task).sort_order

    task_states = tuple(
        (step(t), t.status, t.started_at, t.finished_at, _username(t.finished_by_id), t.comment, _revision(t.revision_id))
        for t in TaskState.objects.filter(workflow_state=state).order_by("pk")
    )
    current = step(state.current_task_state) if state.current_task_state else None
    return (_path(int(state.object_id)), state.status, state.created_at, _username(state.requested_by_id), task_states,
            current, state.workflow.workflow_pages.get().page.url_path)


def _counts() -> dict:
    models = (TranslationSource, LocalizeTranslation, StringTranslation, TranslationTask, Republication, Submission,
              ArchivedItem, ReportRecommendation, PageLogEntry, ModelLogEntry, Comment, CommentReply, PageSubscription,
              WorkflowState, TaskState)
    return {model.__name__: model.objects.count() for model in models}


def _forget(unit, keys) -> None:
    """What another database would not have: the records, localize work and users."""
    # Republications stay, as deleting the portal leaves them: without their page.
    for model in (TranslationTask, Submission, ArchivedItem, ReportRecommendation, PageLogEntry):
        model.objects.all().delete()
    ModelLogEntry.objects.all().delete()
    StringTranslation.objects.filter(context__object_id__in=keys).delete()
    TranslatableObject.objects.filter(translation_key__in=keys).delete()
    for username in ("bientap.bacninh", "dich.bacninh"):
        get_user_model().objects.get(username=username).delete()
        UserFactory(username=username)  # the same person, under another id


# --- restore and move ---------------------------------------------------------------------


def test_a_move_brings_every_record_with_its_ids_remapped(portal, tmp_path):
    archive = tmp_path / "bacninh.zip"
    before = _picture(portal)
    assert all(before[kind] for kind in before), before
    old_pages = set(_portal_page_ids(portal))
    keys = {str(k) for k in Page.objects.filter(pk__in=old_pages).values_list("translation_key", flat=True)}
    old_revisions = set(Revision.objects.values_list("pk", flat=True))
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    _portal_remove(portal)
    _forget(portal, keys)

    assert Republication.objects.get().source_page is None

    call_command("import_portal", archive, verbosity=0)
    unit = Unit.objects.get(slug="bacninh")
    assert _picture(unit) == before
    assert Republication.objects.count() == 1  # the database's, its links filled again

    # Every id is a new one, and the references resolve to the imported objects.
    intro = Page.objects.descendant_of(unit.site.root_page).get(url_path__endswith="/gioi-thieu/")
    assert intro.pk not in old_pages
    task = TranslationTask.objects.get()
    assert task.source_page_id == intro.pk and task.translation.source.get_source_instance().pk == intro.pk
    assert task.translation.get_target_instance().pk not in old_pages
    assert json.loads(task.translation.source.content_json)["pk"] == intro.pk
    assert task.translation.get_progress()[1] == 1
    archived = ArchivedItem.objects.get()
    assert archived.page_id not in old_pages and archived.revision_id not in old_revisions
    assert archived.revision.object_id == str(archived.page_id)
    first, again = PageLogEntry.objects.filter(page=archived.page_id, action="wagtail.publish").order_by("timestamp")
    assert first.revision_id == archived.revision_id and again.data["revision"]["id"] == archived.revision_id
    assert again.revision.object_id == str(archived.page_id) and again.revision_id != archived.revision_id
    assert first.user.username == "bientap.bacninh"
    image = get_image_model().objects.get(title="Ảnh có lịch sử")
    assert ModelLogEntry.objects.get().object_id == str(image.pk)


def test_replace_keeps_every_record_once(portal, tmp_path):
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    # After the archive: another publication and another recommendation.
    news = Page.objects.get(title="Tin gửi xuống sở").specific
    news.save_revision().publish()
    ReportRecommendation.objects.create(unit=portal, period="2026-H2", text="Sau bản sao lưu.")
    before, counts = _picture(portal), _counts()

    call_command("import_portal", archive, replace=True, verbosity=0)
    after = _picture(Unit.objects.get(slug="bacninh"))
    # The publication made after the archive keeps its log entry, on the imported page,
    # though its revision is not in the archive.
    late = [entry for entry in before["page_log"] if entry[1] == "wagtail.publish" and entry[0] == news.url_path][-1]
    assert (late[:4] + late[5:]) in [entry[:4] + entry[5:] for entry in after["page_log"]]
    before["page_log"] = [entry for entry in before["page_log"] if entry != late]
    after["page_log"] = [entry for entry in after["page_log"] if entry[:4] + entry[5:] != late[:4] + late[5:]]
    assert after == before
    assert _counts() == counts


def format_3(manifest):
    """Before the records (and revision ids): the archived item's revision is then found
    by its time."""
    manifest["format"] = 3
    del manifest["records"]
    for page in manifest["pages"]:
        for revision in page["revisions"]:
            del revision["id"]


def format_4(manifest):
    """Before review comments, page subscriptions and moderation states."""
    manifest["format"] = 4
    for kind in ("comments", "subscriptions", "workflow_states"):
        del manifest["records"][kind]


def test_the_summary_of_a_replace_counts_what_came_back(portal, tmp_path):
    """The typed summary (issue #24): over a --replace the held task, page history and
    moderation states come back as kept, the archive duplicates none of them, and the
    compliance records (registered by the compliance app) are all already here."""
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    before = _picture(portal)
    summary = ImportSummary()
    portal_import(path=archive, replace=True, summary=summary)
    records = summary.records
    assert (records.tasks.kept, records.tasks.created) == (len(before["tasks"]), 0) == (1, 0)
    assert (records.page_log.kept, records.page_log.created) == (len(before["page_log"]), 0)
    assert (records.workflow_states.kept, records.workflow_states.created) == (len(before["workflow_states"]), 0)
    assert set(records.owned) == {"republications", "exchange_submissions", "archived_items", "recommendations"}
    assert all(tally.created == 0 for tally in records.owned.values())
    assert (records.skipped, records.not_copied, summary.submissions.not_copied) == (0, 0, 0)
    assert records.kept >= records.tasks.kept + records.page_log.kept + records.workflow_states.kept > 0


@pytest.mark.parametrize("older_format", [format_3, format_4])
def test_an_older_archive_keeps_the_databases_records(portal, tmp_path, older_format):
    """An archive made before some records were exported brings none of them: --replace
    keeps the database's, re-attached to the imported pages and revisions (deleting the
    pages deletes wagtail-localize's work, comments and moderation states with them)."""
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    old = tmp_path / "bacninh-old.zip"
    archive_rewrite(archive, old, manifest_edit=older_format)
    before, counts = _picture(portal), _counts()
    call_command("import_portal", old, replace=True, verbosity=0)
    after = _picture(Unit.objects.get(slug="bacninh"))
    assert after["comments"] and after["workflow_states"] and after == before
    assert _counts() == counts


def test_a_copy_takes_the_translators_work_but_no_records(portal, portals, tmp_path):
    archive = tmp_path / "bacninh.zip"
    call_command("export_portal", "bacninh", output=archive, verbosity=0)
    before, counts = _picture(portal), _counts()
    Unit.objects.create(slug="bacninh-thu", kind=UnitKind.DEPARTMENT, name="Cổng tỉnh (bản thử)", short_name="Bản thử",
                        hostname="thu.bacninh.gov.vn", parent=portal)

    out = io.StringIO()
    with translation.override("en"):
        call_command("import_portal", archive, into="bacninh-thu", verbosity=0, stdout=out)
    not_copied = sum(len(before[kind]) for kind in ("tasks", "republications", "submissions", "archived",
                                                     "recommendations", "page_log", "media_log", "comments",
                                                     "subscriptions", "workflow_states"))
    assert (f"{not_copied} translation tasks, compliance records, history entries, review comments and moderation "
            "states of the archive were not copied") in out.getvalue()
    copy = Unit.objects.get(slug="bacninh-thu")
    assert _picture(Unit.objects.get(slug="bacninh")) == before
    picture = _picture(copy)
    assert {kind: value for kind, value in picture.items() if kind != "localize"} == {
        "tasks": [], "republications": before["republications"], "submissions": before["submissions"],
        "archived": before["archived"], "recommendations": before["recommendations"], "page_log": [], "media_log": [],
        "comments": [], "subscriptions": [], "workflow_states": [],
    }  # the original's records, untouched, and nothing of the copy's own
    # The copy's English introduction can go on being translated: its own source, with
    # the translator's string, but not who made it.
    intro = Page.objects.descendant_of(copy.site.root_page).get(url_path__endswith="/gioi-thieu/")
    source = TranslationSource.objects.get(object_id=intro.translation_key)
    assert json.loads(source.content_json)["pk"] == intro.pk
    (localized,) = source.translations.all()
    assert localized.get_progress()[1] == 1
    assert [s[3:] for s in picture["localize"]["strings"]] == [(ENGLISH, None)]
    override = SegmentOverride.objects.get(context__object_id=intro.translation_key)
    assert get_image_model().objects.get(pk=json.loads(override.data_json)).collection == copy.collection
    assert _counts()["TranslationTask"] == counts["TranslationTask"]
    assert _counts()["PageLogEntry"] == counts["PageLogEntry"]
