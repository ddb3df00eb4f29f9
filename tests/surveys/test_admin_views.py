"""Results in the admin: the provincial board and superusers only, with charts and files."""

import pytest
from django.urls import reverse

from surveys.exports import CONTENT_TYPES
from tenants.models import BoardRole
from tests.factories import UserFactory
from tests.surveys.helpers import responses_known_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(survey):
    responses_known_set(survey)
    return survey


def results_url(page):
    return reverse("surveys_admin:results", args=[page.pk])


def test_provincial_board_sees_results_with_charts(client, boards, answered):
    client.force_login(boards[("bacninh", BoardRole.MEMBER)])
    listing = client.get(reverse("surveys_admin:index"))
    assert listing.status_code == 200
    assert answered.title in listing.content.decode()

    response = client.get(results_url(answered))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<dd class="survey-responses">4</dd>' in html
    assert 'class="bar" x="0" y="0" width="75.0"' in html  # "Điện thoại", 3 of 4
    assert "Cần hướng dẫn rõ hơn." in html


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_provincial_head_downloads_the_files(client, boards, answered, fmt):
    client.force_login(boards[("bacninh", BoardRole.HEAD)])
    response = client.get(reverse("surveys_admin:export", args=[answered.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    assert len(response.content) > 1000


def test_superuser_sees_results(client, answered):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(results_url(answered)).status_code == 200


@pytest.mark.parametrize(
    "who",
    [("bacninh", BoardRole.CONTRIBUTOR), ("bacninh", BoardRole.TRANSLATOR), ("sotuphap", BoardRole.HEAD),
     ("sotuphap", BoardRole.MEMBER)],
)
def test_others_are_refused(client, boards, answered, who):
    client.force_login(boards[who])
    for url in (reverse("surveys_admin:index"), results_url(answered),
                reverse("surveys_admin:export", args=[answered.pk, "xlsx"])):
        response = client.get(url)
        # Wagtail's admin turns PermissionDenied into a redirect to its dashboard.
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url


def test_anonymous_visitors_are_sent_to_the_login(client, answered):
    response = client.get(results_url(answered))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_menu_item_only_for_those_who_may_see_results(client, boards, answered):
    index = reverse("surveys_admin:index")
    client.force_login(boards[("bacninh", BoardRole.DEPUTY)])
    assert index in client.get("/admin/").content.decode()
    client.force_login(boards[("sotuphap", BoardRole.HEAD)])
    assert index not in client.get("/admin/").content.decode()


def test_survey_edit_page_links_to_its_results(client, answered):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[answered.pk]))
    assert edit.status_code == 200
    assert results_url(answered) in edit.content.decode()
    listing = client.get(reverse("wagtailadmin_explore", args=[answered.get_parent().pk]))
    assert results_url(answered) in listing.content.decode()
