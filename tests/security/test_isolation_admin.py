"""Issue #9 item 2: every board role of one portal, every admin door to another portal.

The department's board (``sotuphap``: head, deputy, member, contributor, translator)
tries to read or change what the provincial portal holds (``victim`` in conftest):
pages and their drafts, revisions, previews and history; images and documents; the
Q&A petitions with their senders' personal data and attachments; compliance reports
and the archive. Each attempt must be refused (403, 404, or a redirect away from the
target) and must change nothing. The ids are the test's parameters so a failure names
the role and the door.
"""

from dataclasses import dataclass
from typing import Callable

import pytest
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from compliance.models import ArchivedItem, ReportRecommendation
from tenants.models import BoardRole
from tests.factories import board_member
from tests.security.conftest import OTHER, OWN, SECRET

pytestmark = pytest.mark.django_db

ROLES = [BoardRole.HEAD, BoardRole.DEPUTY, BoardRole.MEMBER, BoardRole.CONTRIBUTOR, BoardRole.TRANSLATOR]


@dataclass(frozen=True)
class Door:
    """One admin URL aimed at the victim's data: ``url(victim)`` and the method."""

    method: str
    url: Callable
    data: Callable = lambda v: {}


def _revision(page):
    return page.get_latest_revision().pk


def _page_form(page):
    return {"title": "Bị sửa bởi portal khác", "slug": page.slug, "summary": "x", "information_date": "2026-01-01",
            "body-count": "0", "action-publish": "publish"}


DOORS = {
    # pages, their drafts and revisions
    "page-edit-live": Door("get", lambda v: reverse("wagtailadmin_pages:edit", args=[v.live.pk])),
    "page-edit-draft": Door("get", lambda v: reverse("wagtailadmin_pages:edit", args=[v.draft.pk])),
    "page-edit-post": Door("post", lambda v: reverse("wagtailadmin_pages:edit", args=[v.live.pk]),
                           lambda v: _page_form(v.live)),
    "page-view-draft": Door("get", lambda v: reverse("wagtailadmin_pages:view_draft", args=[v.live.pk])),
    "page-preview-on-edit": Door("get", lambda v: reverse("wagtailadmin_pages:preview_on_edit", args=[v.draft.pk])),
    "page-preview-on-edit-post": Door("post", lambda v: reverse("wagtailadmin_pages:preview_on_edit",
                                                              args=[v.draft.pk]), lambda v: _page_form(v.draft)),
    "page-revisions-index": Door("get", lambda v: reverse("wagtailadmin_pages:revisions_index", args=[v.live.pk])),
    "page-revision-view": Door("get", lambda v: reverse("wagtailadmin_pages:revisions_view",
                                                        args=[v.live.pk, _revision(v.live)])),
    "page-revision-compare": Door("get", lambda v: reverse("wagtailadmin_pages:revisions_compare",
                                                           args=[v.live.pk, "live", _revision(v.live)])),
    "page-revision-revert": Door("get", lambda v: reverse("wagtailadmin_pages:revisions_revert",
                                                          args=[v.live.pk, _revision(v.live)])),
    "page-history": Door("get", lambda v: reverse("wagtailadmin_pages:history", args=[v.live.pk])),
    "page-workflow-history": Door("get", lambda v: reverse("wagtailadmin_pages:workflow_history", args=[v.live.pk])),
    "page-delete": Door("post", lambda v: reverse("wagtailadmin_pages:delete", args=[v.live.pk])),
    "page-unpublish": Door("post", lambda v: reverse("wagtailadmin_pages:unpublish", args=[v.live.pk])),
    "page-lock": Door("post", lambda v: reverse("wagtailadmin_pages:lock", args=[v.live.pk])),
    "page-set-privacy": Door("post", lambda v: reverse("wagtailadmin_pages:set_privacy", args=[v.private.pk]),
                             lambda v: {"restriction_type": "none"}),
    "page-copy": Door("get", lambda v: reverse("wagtailadmin_pages:copy", args=[v.live.pk])),
    "page-move": Door("get", lambda v: reverse("wagtailadmin_pages:move", args=[v.live.pk])),
    "page-add-subpage": Door("get", lambda v: reverse("wagtailadmin_pages:add_subpage", args=[v.live.get_parent().pk])),
    "page-explore": Door("get", lambda v: reverse("wagtailadmin_explore", args=[v.live.get_parent().pk])),
    "api-preview-token": Door("get", lambda v: reverse("cms_preview_token", args=[v.draft.pk])),
    # media
    "image-edit": Door("get", lambda v: reverse("wagtailimages:edit", args=[v.image.pk])),
    "image-edit-post": Door("post", lambda v: reverse("wagtailimages:edit", args=[v.image.pk]),
                            lambda v: {"title": "Bị sửa", "collection": v.image.collection_id}),
    "image-delete": Door("post", lambda v: reverse("wagtailimages:delete", args=[v.image.pk])),
    "image-url-generator": Door("get", lambda v: reverse("wagtailimages:url_generator", args=[v.image.pk])),
    "image-usage": Door("get", lambda v: reverse("wagtailimages:image_usage", args=[v.image.pk])),
    "document-edit": Door("get", lambda v: reverse("wagtaildocs:edit", args=[v.document.pk])),
    "document-edit-post": Door("post", lambda v: reverse("wagtaildocs:edit", args=[v.document.pk]),
                               lambda v: {"title": "Bị sửa", "collection": v.document.collection_id}),
    "document-delete": Door("post", lambda v: reverse("wagtaildocs:delete", args=[v.document.pk])),
    "document-usage": Door("get", lambda v: reverse("wagtaildocs:document_usage", args=[v.document.pk])),
    # Q&A: personal data and the sender's attachment
    "qa-detail": Door("get", lambda v: reverse("qa_admin:detail", args=[v.petition.pk])),
    "qa-answer": Door("post", lambda v: reverse("qa_admin:detail", args=[v.petition.pk]),
                      lambda v: {"action": "refuse", "refuse-reason": "Không thuộc thẩm quyền"}),
    "qa-attachment": Door("get", lambda v: reverse("qa_admin:attachment", args=[v.petition.pk, v.attachment.pk])),
    # compliance: the other portal's report, late items, drill-down, archive
    "report-json": Door("get", lambda v: reverse("compliance_admin:report") + f"?portal={OTHER}&format=json"),
    "report-xlsx": Door("get", lambda v: reverse("compliance_admin:report") + f"?portal={OTHER}&format=xlsx"),
    "report-recommendation": Door("post", lambda v: reverse("compliance_admin:report"),
                                  lambda v: {"portal": OTHER, "period": "2026-H1", "text": "Chen ngang"}),
    "late-items": Door("get", lambda v: reverse("compliance_admin:late_items") + f"?portal={OTHER}"),
    "drilldown": Door("get", lambda v: reverse("compliance_admin:drilldown") + f"?portal={OTHER}&line=1&column=count"),
    "archive-restore": Door("post", lambda v: reverse("compliance_exchange:archive"),
                            lambda v: {"item": ArchivedItem.objects.get(page=v.archived).pk, "operation": "restore"}),
    "archive-purge": Door("post", lambda v: reverse("compliance_exchange:archive"),
                          lambda v: {"item": ArchivedItem.objects.get(page=v.archived).pk, "operation": "purge"}),
}

# Only these may answer 200: they are the attacker's own screens, and must then not
# show the victim's data (checked below).
REPORT_SCREENS = {"report-json", "report-xlsx", "report-recommendation"}


def _snapshot(victim) -> dict:
    live = Page.objects.get(pk=victim.live.pk)
    victim.petition.refresh_from_db()
    return {
        "live": (live.title, live.live, live.locked, live.latest_revision_id),
        "draft": Page.objects.filter(pk=victim.draft.pk).values_list("title", "live").first(),
        "private": victim.private.view_restrictions.count(),
        "image": Image.objects.filter(pk=victim.image.pk).values_list("title", flat=True).first(),
        "document": Document.objects.filter(pk=victim.document.pk).values_list("title", flat=True).first(),
        "petition": (victim.petition.status, victim.petition.answer, victim.petition.refusal_reason),
        "archived": (Page.objects.get(pk=victim.archived.pk).live,
                     ArchivedItem.objects.filter(page=victim.archived, restored_at__isnull=True,
                                                 purged_at__isnull=True).count()),
        "recommendations": ReportRecommendation.objects.filter(unit=victim.petition.agency).count(),
    }


def _refused(response, target_url: str) -> bool:
    if response.status_code in (403, 404):
        return True
    if response.status_code in (301, 302):
        return response["Location"].split("?")[0] != target_url.split("?")[0]
    return False


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize("role", ROLES)
def test_a_board_role_cannot_reach_another_portal_through_the_admin(client, portals, victim, role, door):
    spec = DOORS[door]
    client.force_login(board_member(portals.units[OWN], role))
    url = spec.url(victim)
    before = _snapshot(victim)

    response = getattr(client, spec.method)(url, spec.data(victim))

    body = response.content if not getattr(response, "streaming", False) else b"".join(response.streaming_content)
    if door in REPORT_SCREENS and response.status_code == 200:
        # The report screen exists for the attacker's own portal; the other one is not offered.
        assert "attachment" not in response.get("Content-Disposition", "")
        assert response.context["report"] is None
        assert OTHER not in {unit.slug for unit in response.context["units"]}
    else:
        assert _refused(response, url), (response.status_code, response.get("Location"))
    assert SECRET.encode() not in body
    assert "Riêngtư".encode() not in body and "0911 222 333".encode() not in body
    assert _snapshot(victim) == before


@pytest.mark.parametrize("role", ROLES)
def test_listings_of_the_admin_show_nothing_of_another_portal(client, portals, victim, role):
    client.force_login(board_member(portals.units[OWN], role))
    listings = [
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtailadmin_pages:search") + f"?q={SECRET}",
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_home"),
        reverse("wagtailimages:index") + f"?q={SECRET}",
        reverse("wagtaildocs:index") + f"?q={SECRET}",
        reverse("wagtailadmin_choose_page") + f"?q={SECRET}",
        reverse("wagtailimages_chooser:choose") + f"?q={SECRET}",
        reverse("wagtaildocs_chooser:choose") + f"?q={SECRET}",
        reverse("qa_admin:index"),
        reverse("compliance_exchange:archive"),
        reverse("compliance_admin:late_items"),
    ]
    # The query is echoed in the search box, so look for whole titles, not the word.
    secrets = {page.title for page in victim.hidden_pages.values()} | {
        victim.live.title, victim.image.title, victim.document.title, victim.petition.subject}
    for url in listings:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 403), url
        body = response.content.decode()
        shown = {title for title in secrets if title in body}
        assert not shown, (url, shown)
        assert "Riêngtư" not in body and "rieng.tu@example.vn" not in body, url
