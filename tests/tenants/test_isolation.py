"""An editor of one commune can neither see nor edit another commune's pages or media."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tenants.models import BoardRole, Unit
from tests.factories import board_member, province_rows, provision

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    provision(province_rows())
    return Unit.objects.get(slug="xa-a"), Unit.objects.get(slug="xa-b")


def image_in(unit, title):
    return Image.objects.create(title=title, file=get_test_image_file(), collection=unit.collection)


@pytest.mark.parametrize("role", [BoardRole.HEAD, BoardRole.MEMBER, BoardRole.CONTRIBUTOR])
def test_editor_cannot_open_or_change_another_communes_page(client, communes, role):
    own, other = communes
    client.force_login(board_member(own, role))
    other_home = other.site.root_page

    if role != BoardRole.CONTRIBUTOR:  # contributors edit only pages they created
        assert client.get(reverse("wagtailadmin_pages:edit", args=[own.site.root_page_id])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other_home.pk]))
    assert response.status_code in (302, 403, 404)

    client.post(reverse("wagtailadmin_pages:edit", args=[other_home.pk]), {"title": "Bị sửa", "slug": other_home.slug})
    other_home.refresh_from_db()
    assert other_home.title != "Bị sửa"


def test_explorer_shows_only_the_editors_own_portal(client, communes):
    own, other = communes
    client.force_login(board_member(own, BoardRole.HEAD))

    # The explorer opens on the editor's own portal, not the provincial tree.
    response = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert response.context["parent_page"].pk == own.site.root_page_id
    listed = {page.pk for page in response.context["object_list"]}
    assert other.site.root_page_id not in listed

    response = client.get(reverse("wagtailadmin_explore", args=[other.site.root_page_id]))
    assert response.status_code in (302, 403, 404)


def test_media_of_another_commune_is_neither_listed_nor_editable(client, communes):
    own, other = communes
    mine = image_in(own, "Ảnh của xã A")
    theirs = image_in(other, "Ảnh của xã B")
    client.force_login(board_member(own, BoardRole.MEMBER))

    listing = client.get(reverse("wagtailimages:index")).content.decode()
    assert mine.title in listing
    assert theirs.title not in listing

    assert client.get(reverse("wagtailimages:edit", args=[mine.pk])).status_code == 200
    assert client.get(reverse("wagtailimages:edit", args=[theirs.pk])).status_code in (302, 403, 404)
    client.post(reverse("wagtailimages:delete", args=[theirs.pk]))
    assert Image.objects.filter(pk=theirs.pk).exists()


def test_upload_lands_only_in_own_collection(client, communes):
    own, other = communes
    client.force_login(board_member(own, BoardRole.MEMBER))
    upload = SimpleUploadedFile("anh.png", get_test_image_file().file.getvalue(), content_type="image/png")

    client.post(reverse("wagtailimages:add"), {"title": "Ảnh lén", "file": upload, "collection": other.collection_id})

    assert not Image.objects.filter(title="Ảnh lén", collection=other.collection).exists()


def test_contributor_may_submit_but_not_publish(client, communes):
    own, _ = communes
    from wagtail.permission_policies.pages import PagePermissionPolicy

    policy = PagePermissionPolicy()
    home = own.site.root_page
    contributor = board_member(own, BoardRole.CONTRIBUTOR)
    head = board_member(own, BoardRole.HEAD)
    assert policy.user_has_permission_for_instance(contributor, "add", home)
    assert not policy.user_has_permission_for_instance(contributor, "publish", home)
    assert policy.user_has_permission_for_instance(head, "publish", home)
    assert not policy.user_has_permission_for_instance(head, "publish", Unit.objects.get(slug="xa-b").site.root_page)
