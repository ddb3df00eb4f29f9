"""A translator end to end: Vietnamese introduction published on the provincial portal →
English draft in the translator's list with its due date → translated through
wagtail-localize's strings → published → served at /en/… and by the API."""

import datetime

import polib
import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from cms.models import IntroductionPage, OfficialContactsPage
from tenants.models import BoardRole
from tests.cms.factories import LeaderProfileFactory, OfficialContactFactory, page_publish
from translations.models import TranslationTask, TranslationTaskStatus

HOST = "bacninh.gov.vn"


def _publish_intro(portals, capture):
    intro = portals.section("bacninh", "gioi-thieu")
    LeaderProfileFactory(page=intro, name="Nguyễn Văn An", title="Chủ tịch UBND tỉnh", short_bio="Sinh năm 1970.")
    with capture(execute=True):
        return page_publish(intro, history="<p>Bắc Ninh là vùng đất Kinh Bắc.</p>")


def _translate_all(translation, english_for):
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=translation.target_locale, context=segment.context,
            defaults={"data": english_for.get(segment.string.data, "EN " + segment.string.data)},
        )


ENGLISH = {
    "Giới thiệu": "Introduction",
    "Bắc Ninh là vùng đất Kinh Bắc.": "Bac Ninh is the land of Kinh Bac.",
    "Chủ tịch UBND tỉnh": "Chairman of the Provincial People's Committee",
    "Nguyễn Văn An": "Nguyễn Văn An",
}


def test_translator_end_to_end(portals, people, friday_13_feb, client, django_capture_on_commit_callbacks, time_machine):
    intro = _publish_intro(portals, django_capture_on_commit_callbacks)
    translator = people[("bacninh", BoardRole.TRANSLATOR)]

    # The English draft is in the translator's list, due across Tết.
    client.force_login(translator)
    listing = client.get("/api/v2/translations/", {"portal": "bacninh", "status": "due"}).json()
    assert listing["count"] == 1
    row = listing["results"][0]
    assert (row["page_id"], row["due_date"], row["status"]) == (intro.pk, "2026-02-24", "due")
    dashboard = client.get(reverse("translations_admin:index"))
    assert dashboard.status_code == 200 and "Giới thiệu" in dashboard.content.decode()

    english = IntroductionPage.objects.get(translation_key=intro.translation_key, locale__language_code="en")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).status_code == 200
    assert client.get(f"/en/{english.slug}/", HTTP_HOST=HOST).status_code == 404  # a draft is not served

    # The translator fills every string on Monday 23 Feb and publishes.
    time_machine.move_to(datetime.datetime(2026, 2, 23, 10, 0, tzinfo=datetime.UTC), tick=False)
    task = TranslationTask.objects.get()
    _translate_all(task.translation, ENGLISH)
    with django_capture_on_commit_callbacks(execute=True):
        task.translation.save_target(user=translator, publish=True)

    task.refresh_from_db()
    assert task.status() == TranslationTaskStatus.DONE and task.on_time
    english.refresh_from_db()
    assert english.live and english.title == "Introduction"

    # Served in English under /en/ on the portal's host; Vietnamese stays unprefixed.
    served = client.get(f"/en/{english.slug}/", HTTP_HOST=HOST)
    assert served.status_code == 200
    assert "Bac Ninh is the land of Kinh Bac." in served.content.decode()
    vietnamese = client.get(f"/{intro.slug}/", HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="en")
    assert vietnamese.status_code == 200 and "vùng đất Kinh Bắc" in vietnamese.content.decode()
    assert 'hreflang="en"' in vietnamese.content.decode()

    # And by the pages API with locale=en.
    api = client.get("/api/v2/pages/", {"locale": "en", "type": "cms.IntroductionPage", "fields": "history,leaders"},
                     HTTP_HOST=HOST).json()
    assert [item["id"] for item in api["items"]] == [english.pk]
    assert api["items"][0]["leaders"][0]["title"] == "Chairman of the Provincial People's Committee"


def test_publishing_with_strings_untranslated_keeps_the_task_open(
    portals, people, friday_13_feb, django_capture_on_commit_callbacks
):
    _publish_intro(portals, django_capture_on_commit_callbacks)
    task = TranslationTask.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        task.translation.save_target(publish=True)
    task.refresh_from_db()
    assert task.completed_at is None


def test_republished_source_keeps_open_task_and_reopens_after_done(
    portals, people, friday_13_feb, django_capture_on_commit_callbacks, time_machine
):
    intro = _publish_intro(portals, django_capture_on_commit_callbacks)
    time_machine.move_to(datetime.datetime(2026, 2, 23, 3, 0, tzinfo=datetime.UTC), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        page_publish(intro, culture="<p>Quan họ Bắc Ninh.</p>")
    task = TranslationTask.objects.get()
    assert task.due_date == datetime.date(2026, 2, 24)  # the earlier deadline stands

    _translate_all(task.translation, ENGLISH)
    with django_capture_on_commit_callbacks(execute=True):
        task.translation.save_target(publish=True)
    time_machine.move_to(datetime.datetime(2026, 3, 5, 3, 0, tzinfo=datetime.UTC), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        page_publish(intro, culture="<p>Quan họ và ca trù.</p>")

    new = TranslationTask.objects.open().get()
    assert new.pk != task.pk and new.due_date == datetime.date(2026, 3, 9)  # Thursday → Monday
    english = IntroductionPage.objects.get(translation_key=intro.translation_key, locale__language_code="en")
    assert english.live  # the earlier English version stays online while the change is translated
    assert new.translation.get_progress()[0] > new.translation.get_progress()[1]  # marked out of date


def test_component_portal_mirrors_nothing_by_default(portals, people, friday_13_feb, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page_publish(portals.section("sotuphap", "gioi-thieu"))
    assert not TranslationTask.objects.exists()
    assert not Page.objects.filter(locale__language_code="en").exists()


def test_mirror_settings_choose_page_types(portals, friday_13_feb, django_capture_on_commit_callbacks):
    from translations.models import MirrorSettings

    MirrorSettings.objects.create(site=portals.units["sotuphap"].site, page_types=["cms.officialcontactspage"])
    contacts = portals.section("sotuphap", "lien-he-can-bo")
    OfficialContactFactory(page=contacts)
    with django_capture_on_commit_callbacks(execute=True):
        page_publish(contacts)
        page_publish(portals.section("sotuphap", "gioi-thieu"))
    assert [t.source_page_id for t in TranslationTask.objects.all()] == [contacts.pk]
    english = OfficialContactsPage.objects.get(locale__language_code="en")
    assert english.contacts.get().locale.language_code == "en"


def test_po_export_import_round_trip(portals, people, friday_13_feb, django_capture_on_commit_callbacks, client):
    _publish_intro(portals, django_capture_on_commit_callbacks)
    translation = TranslationTask.objects.get().translation

    po = translation.export_po()
    assert "Bắc Ninh là vùng đất Kinh Bắc." in [entry.msgid for entry in po]
    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgid, "EN " + entry.msgid)
    warnings = translation.import_po(polib.pofile(str(po)))
    assert warnings == []
    assert translation.get_progress()[0] == translation.get_progress()[1]

    # wagtail-localize's own per-page download view, for the portal's translator.
    client.force_login(people[("bacninh", BoardRole.TRANSLATOR)])
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert response.status_code == 200
    assert "Bac Ninh is the land of Kinh Bac." in response.content.decode()


@pytest.mark.parametrize("slug", ["sotuphap"])
def test_translator_of_another_portal_cannot_see_or_edit(
    portals, people, friday_13_feb, django_capture_on_commit_callbacks, client, slug
):
    intro = _publish_intro(portals, django_capture_on_commit_callbacks)
    english = Page.objects.get(translation_key=intro.translation_key, locale__language_code="en")
    other = people[(slug, BoardRole.TRANSLATOR)]

    assert not english.permissions_for_user(other).can_edit()
    # Issue #16 item 3: the portal's translator edits the English page but no longer publishes it.
    assert english.permissions_for_user(people[("bacninh", BoardRole.TRANSLATOR)]).can_edit()
    assert not english.permissions_for_user(people[("bacninh", BoardRole.TRANSLATOR)]).can_publish()
    client.force_login(other)
    assert client.get("/api/v2/translations/").json()["count"] == 0
    assert client.get("/api/v2/translations/", {"portal": "bacninh"}).json()["count"] == 0
    assert "Giới thiệu" not in client.get(reverse("translations_admin:index")).content.decode()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).status_code in (302, 403, 404)
    translation = TranslationTask.objects.get().translation
    assert client.get(reverse("wagtail_localize:download_pofile", args=[translation.id])).status_code in (302, 403, 404)

    # Contributors have no dashboard; the provincial head sees every portal's tasks.
    client.force_login(people[("bacninh", BoardRole.CONTRIBUTOR)])
    assert client.get(reverse("translations_admin:index")).status_code in (302, 403, 404)
    client.force_login(people[("bacninh", BoardRole.HEAD)])
    assert client.get("/api/v2/translations/").json()["count"] == 1


def test_api_needs_login_validates_and_is_in_schema(portals, people, client):
    assert client.get("/api/v2/translations/").status_code == 403
    client.force_login(people[("bacninh", BoardRole.TRANSLATOR)])
    assert client.get("/api/v2/translations/", {"status": "late"}).status_code == 400
    assert client.get("/api/v2/translations/", {"portal": "nowhere"}).status_code == 400
    schema = client.get("/api/v2/schema/", HTTP_ACCEPT="application/json")
    assert "/api/v2/translations/" in schema.content.decode()


def test_overdue_status(portals, people, friday_13_feb, django_capture_on_commit_callbacks, time_machine, client):
    _publish_intro(portals, django_capture_on_commit_callbacks)
    time_machine.move_to(datetime.datetime(2026, 2, 25, 3, 0, tzinfo=datetime.UTC), tick=False)
    client.force_login(people[("bacninh", BoardRole.HEAD)])
    assert client.get("/api/v2/translations/", {"status": "overdue"}).json()["count"] == 1
    assert client.get("/api/v2/translations/", {"status": "due"}).json()["count"] == 0


def test_dashboard_lists_each_page_once_with_working_days(
    portals, people, friday_13_feb, django_capture_on_commit_callbacks, time_machine, client
):
    """Issue #19 item 4: a page republished after its translation was done shows once
    (its new, open task), not once "done" and once "overdue"; due dates in working days."""
    intro = _publish_intro(portals, django_capture_on_commit_callbacks)
    task = TranslationTask.objects.get()
    _translate_all(task.translation, ENGLISH)
    with django_capture_on_commit_callbacks(execute=True):
        task.translation.save_target(publish=True)
    time_machine.move_to(datetime.datetime(2026, 3, 5, 3, 0, tzinfo=datetime.UTC), tick=False)  # Thursday
    with django_capture_on_commit_callbacks(execute=True):
        page_publish(intro, culture="<p>Quan họ và ca trù.</p>")
    assert TranslationTask.objects.count() == 2

    client.force_login(people[("bacninh", BoardRole.TRANSLATOR)])
    response = client.get(reverse("translations_admin:index"))
    rows = response.context["rows"]
    assert [row["task"].source_page_id for row in rows] == [intro.pk]
    html = response.content.decode()
    # The Vietnamese page links to the live page, which a translator may open; its edit
    # view (counted here before) is a 404 for translators (issue #24 item 4).
    assert html.count(f'href="{intro.get_full_url()}"') == 1
    assert f"/admin/pages/{intro.pk}/edit/" not in html
    assert "Đã xong" not in html.split("<tbody>")[1].split("</tbody>")[0]
    assert "còn 2 ngày làm việc" in html  # due Monday 9 March: Friday and Monday left
    assert client.get("/api/v2/translations/", {"portal": "bacninh"}).json()["count"] == 1

    time_machine.move_to(datetime.datetime(2026, 3, 11, 3, 0, tzinfo=datetime.UTC), tick=False)  # Wednesday
    assert "quá hạn 2 ngày làm việc" in client.get(reverse("translations_admin:index")).content.decode()
