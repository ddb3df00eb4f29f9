"""What every content page of a portal shares.

``PortalPage`` records the date the information arose (issue #7 measures Điều 8's
update deadlines from it), the portal (unit) the page belongs to as a real column so
one query can filter every portal's pages by unit, and the source attribution that
Điều 12 requires of anyone reusing the page.
"""

import datetime
import functools

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from cms.forms import PortalPageForm
from cms.models.slugs import FoldedSlugMixin
from cms.panels import DeadlinePanel

# Hook through which the search app gives the folded copy of a page's text.
FOLDED_TEXT_HOOK = "portal_page_folded_text"


def today() -> datetime.date:
    return timezone.localdate()


class PortalPage(FoldedSlugMixin, Page):
    """Abstract base of every page inside a portal (below its home page)."""

    # The mandated item (mandate.items.MANDATE_ITEMS key) this page type serves.
    mandate_item: str = ""

    information_date = models.DateField(
        _("date the information arose"),
        default=today,
        help_text=_("Event, issue, approval or change date: update deadlines count from it (Điều 8)."),
    )
    # Issue #20: a publication marked as a correction (a typo fixed, nothing new) is
    # not an update of the information (Điều 8.1); the edit form resets it each time.
    correction_only = models.BooleanField(
        _("correction only, no new information"),
        default=False,
        help_text=_("Tick when this version only corrects mistakes: it is not counted as an update (Điều 8)."),
    )
    unit = models.ForeignKey(
        "tenants.Unit",
        verbose_name=_("portal"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Issue #21: the portal an item was first published on, when a reorganisation carried
    # it to a successor's portal. ``unit`` follows the tree (the successor's board edits
    # it); this one never changes after the carry, so Điều 12's attribution keeps naming
    # the portal that published the item.
    original_unit = models.ForeignKey(
        "tenants.Unit",
        verbose_name=_("original portal"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    base_form_class = PortalPageForm
    # Issue #7: the deadline panel shows the item's due date and the working days left.
    # Issue #19 item 3: both sit on the first tab, right under the title, where the
    # editor sees them (every subclass's content panels get them, see __init_subclass__).
    settings_panels = Page.settings_panels

    search_fields = Page.search_fields + [
        index.FilterField("unit"),
        index.FilterField("information_date"),
        # Issue #4: a folded copy ("thông báo" -> "thong bao") so the database backend
        # finds Vietnamese text typed without diacritics; the engines fold in their analyzer.
        index.SearchField("search_folded_text"),
        # Issue 18: a citizen names the place with the topic ("rác thải Liên Bão"); a
        # commune's page says "xã", not its own name. A token, not the name: see
        # tenants.models.unit_search_token.
        index.SearchField("portal_name"),
    ]
    api_fields = [APIField("information_date"), APIField("source_attribution")]

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.content_panels = information_date_beside_title(cls.content_panels)

    def save(self, *args, **kwargs):
        # Denormalised from the tree so filters need no path arithmetic; a page moved
        # or copied to another portal picks up its new unit on the next save.
        self.unit_id = portal_unit_id_for(self)
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A version saved before the page was carried (a draft, or the revision an editor
        # publishes again) knows nothing of the carry: the origin is the page's, not the
        # version's.
        page = super().with_content_json(content)
        page.original_unit_id = self.original_unit_id
        return page

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("unit")  # portal_name, one join

    def portal_name(self) -> str:
        """The search token of the unit whose portal holds the page (``unit_search_token``)."""
        from tenants.models import unit_search_token

        return unit_search_token(self.unit.slug) if self.unit_id else ""

    def search_folded_text(self) -> str:
        # The folding rules are the search app's (search.text), an app above cms: it
        # registers them under this hook (search.apps), as cms may not import it.
        folders = hooks.get_hooks(FOLDED_TEXT_HOOK)
        return folders[-1](self) if folders else ""

    @property
    def source_attribution(self) -> str:
        """Điều 12: 'Theo Cổng TTĐT <unit>' (the province's own wording for itself); a
        carried item names the portal it came from (issue #21)."""
        return source_attribution_for(self.original_unit if self.original_unit_id else self.unit)


def information_date_beside_title(panels: list) -> list:
    """``panels`` with the information date and the deadline panel right after the title
    (moved there if a parent class's panels already had them elsewhere)."""
    rest = [
        panel for panel in panels
        if not isinstance(panel, DeadlinePanel)
        and getattr(panel, "field_name", None) not in ("information_date", "correction_only")
    ]
    # Issue #20: "correction only" belongs to the same publication as the information date.
    return rest[:1] + [FieldPanel("information_date"), DeadlinePanel(), FieldPanel("correction_only")] + rest[1:]


def source_attribution_for(unit) -> str:
    """Điều 12's wording for content taken from ``unit``'s portal (republication reuses it)."""
    from tenants.models import UnitKind

    if unit is None:
        return ""
    if unit.kind == UnitKind.PROVINCE:
        return "Theo Cổng TTĐT tỉnh Bắc Ninh"
    return f"Theo Cổng TTĐT {unit.short_name}"


def portal_unit_id_for(page: Page) -> int | None:
    """The unit of the portal home page above ``page`` (depth 3 of the tree)."""
    from cms.models.portal import PortalHomePage

    home_path = page.path[: PortalHomePage.steplen * 3] if page.path else None
    if not home_path or len(home_path) < PortalHomePage.steplen * 3:
        return None
    return PortalHomePage.objects.filter(path=home_path).values_list("unit_id", flat=True).first()


class SectionIndexPage(PortalPage):
    """Abstract index of one mandated section: lists its live children, newest first."""

    intro = models.TextField(_("introduction"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    # Issue 18: a section with an introduction of its own is found by it (search hides
    # the sections without one, search.services.empty_sections_q).
    search_fields = PortalPage.search_fields + [index.SearchField("intro")]
    api_fields = PortalPage.api_fields + [APIField("intro")]
    parent_page_types = ["cms.PortalHomePage"]
    max_count_per_parent = 1
    items_per_page = 20

    class Meta:
        abstract = True

    def get_items(self):
        # Private pages (view restrictions) never show in public listings.
        from caching.sites import public_pages

        return public_pages(self.get_children().live()).specific().order_by("-first_published_at")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.get_items(), self.items_per_page)
        context["items"] = paginator.get_page(request.GET.get("page"))
        main_images_prefetch(context["items"].object_list)
        return context


def main_images_prefetch(pages) -> None:
    """Load the main images of ``pages`` (a listing of mixed page types) and their
    renditions in two queries, instead of two per item in the listing's thumbnails."""
    from wagtail.images import get_image_model

    pages = [page for page in pages if getattr(page, "main_image_id", None)]
    if not pages:
        return
    images = get_image_model().objects.filter(pk__in={page.main_image_id for page in pages}).prefetch_renditions()
    by_id = {image.pk: image for image in images}
    for page in pages:
        image = by_id.get(page.main_image_id)
        if image is not None:
            type(page)._meta.get_field("main_image").set_cached_value(page, image)


class ProvincialOnlyMixin:
    """Section indexes that only the provincial portal carries (Điều 8.2)."""

    @classmethod
    def can_create_at(cls, parent):
        from tenants.models import UnitKind

        unit = getattr(parent.specific, "unit", None)
        return super().can_create_at(parent) and unit is not None and unit.kind == UnitKind.PROVINCE


@functools.cache
def portal_page_models() -> tuple[type[PortalPage], ...]:
    """Every concrete page type of a portal (all carry ``information_date``). Fixed once
    the apps are loaded, and asked on every search and API listing."""
    return tuple(model for model in apps.get_models() if issubclass(model, PortalPage))
