"""Contacts of officials (Điều 8.1.k) and the portal's own contact details (8.1.l)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms.forms import PortalContactSettingsForm
from cms.models.base import PortalPage


class OfficialContactsPage(PortalPage):
    mandate_item = "8.1.k"
    content_panels = Page.content_panels + [InlinePanel("contacts", label=_("official"))]
    search_fields = PortalPage.search_fields + [index.RelatedFields("contacts", [index.SearchField("name"), index.SearchField("title")])]
    api_fields = PortalPage.api_fields + [APIField("contacts")]
    search_uses_child_relations = True  # search.indexing.page_reindex_with_relations
    parent_page_types = ["cms.PortalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("official contacts")


class OfficialContact(TranslatableMixin, Orderable):
    """Translatable with its page: officials' contacts have an English mirror (Điều 8.2.d)."""

    page = ParentalKey(OfficialContactsPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=255)
    title = models.CharField(_("title"), max_length=255)
    unit = models.CharField(_("unit"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Official address …@bacninh.gov.vn"))

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("unit"), FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")]
    api_fields = [APIField("name"), APIField("title"), APIField("unit"), APIField("phone"), APIField("fax"), APIField("email")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("official contact")


@register_setting(icon="mail")
class PortalContactSettings(BaseSiteSetting):
    """Thông tin giao dịch: each portal's own address, phone, fax and e-mail."""

    mandate_item = "8.1.l"
    address = models.CharField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Shown in every page's footer (issue #17): the head of the editorial board answers
    # for what the portal publishes (Điều 5, 11.2.a).
    responsible_person = models.CharField(
        _("person responsible for the content"), max_length=255, blank=True,
        help_text=_("Usually the head of the editorial board, e.g. \"Nguyễn Văn A\"."),
    )
    responsible_title = models.CharField(
        _("title of the person responsible"), max_length=255, blank=True,
        help_text=_("E.g. \"Chánh Văn phòng UBND tỉnh, Trưởng Ban Biên tập\"."),
    )
    # Issue #20: a change of these details is an update of item 8.1.l (row 1.4), due 2
    # working days after the date it arose; a correction (typo) is not.
    information_date = models.DateField(
        _("date the information arose"), null=True, blank=True,
        help_text=_("Date the contact details changed: the 2 working days of Điều 8.1.l count from it."),
    )
    correction_only = models.BooleanField(
        _("correction only, no new information"), default=False,
        help_text=_("Tick when this change only corrects mistakes: it is not counted as an update (Điều 8)."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("address"), FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email"),
        FieldPanel("responsible_person"), FieldPanel("responsible_title"),
        FieldPanel("information_date"), FieldPanel("correction_only"),
    ]

    # The fields whose change is new information (compliance.updates fingerprints them).
    information_fields = ("address", "phone", "fax", "email")

    base_form_class = PortalContactSettingsForm

    class Meta:
        verbose_name = _("portal contact details")

    @property
    def is_filled(self) -> bool:
        return bool(self.address and (self.phone or self.email))
