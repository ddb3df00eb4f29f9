"""Issue #16 item 7: ``/api/v2/images/`` lists only images the portal has published.

The endpoint used to list every image of the portal's collection to anyone, so the title
of a photo uploaded for an unpublished article ("Ảnh … chưa công bố") leaked. Now it
lists, as ``/api/v2/documents/`` does, the images a live page of the portal without a
view restriction uses (a main image, a StreamField image block).
"""

import pytest
from wagtail.models import PageViewRestriction

from tests.cms import factories as f
from tests.security.conftest import OTHER_HOST, OWN, OWN_HOST

pytestmark = pytest.mark.django_db


def _image(portals, title):
    return f.ImageFactory(title=title, collection=portals.units[OWN].collection)


def _news(portals, **kwargs):
    return f.NewsPageFactory(parent=portals.section(OWN, "tin-tuc"), **kwargs)


def _listed(client, host=OWN_HOST):
    return {item["id"] for item in client.get("/api/v2/images/", HTTP_HOST=host).json()["items"]}


def test_the_images_api_lists_only_images_of_live_public_pages(client, portals):
    main = _image(portals, "Ảnh bài đã đăng")
    _news(portals, main_image=main)
    in_block = _image(portals, "Ảnh trong thân bài")
    _news(portals, body=[("image", _image_block(in_block))])
    draft_only = _image(portals, "Ảnh bài chưa công bố")
    _news(portals, main_image=draft_only, live=False, first_published_at=None, last_published_at=None)
    restricted = _image(portals, "Ảnh bài nội bộ")
    page = _news(portals, main_image=restricted)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    unused = _image(portals, "Ảnh vừa tải lên")

    assert _listed(client) == {main.pk, in_block.pk}
    for hidden in (draft_only, restricted, unused):
        response = client.get(f"/api/v2/images/{hidden.pk}/", HTTP_HOST=OWN_HOST)
        assert response.status_code == 404
        assert hidden.title.encode() not in response.content
    search = client.get("/api/v2/images/?search=chưa công bố", HTTP_HOST=OWN_HOST).json()["items"]
    assert draft_only.pk not in {item["id"] for item in search}
    assert _listed(client, OTHER_HOST) == set()


def test_an_image_leaves_the_api_when_its_page_is_unpublished(client, portals):
    image = _image(portals, "Ảnh sẽ gỡ")
    page = _news(portals, main_image=image)
    assert image.pk in _listed(client)
    page.unpublish()
    assert image.pk not in _listed(client)


def _image_block(image):
    from cms import models as cms

    block = cms.NewsPage._meta.get_field("body").stream_block.child_blocks["image"]
    return block.to_python({"image": image.pk, "caption": "", "source": ""})
