"""The public Q&A page of a portal: the form, a tracking-code lookup and the answers."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.forms import PortalPageForm
from cms.models.slugs import FoldedSlugMixin


class QAIndexPage(FoldedSlugMixin, Page):
    """Hỏi - Đáp (Điều 13) of one portal; questions sent here go to the portal's unit."""

    introduction = models.TextField(_("introduction"), blank=True)

    # One Q&A section per portal, directly under its home page, so a question sent
    # from it always reaches the unit that owns the portal.
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    base_form_class = PortalPageForm

    class Meta:
        verbose_name = _("Q&A page")

    @property
    def unit(self):
        return self.get_parent().specific.unit

    def serve(self, request, *args, **kwargs):
        # The form, the lookup and the listing are ordinary view code in qa.public.
        from qa.public import qa_page_serve

        return qa_page_serve(page=self, request=request)
