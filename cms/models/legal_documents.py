"""Legal and administrative documents (Điều 8.1.e) and the gazette (Điều 8.2.a)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.models.base import PortalPage, ProvincialOnlyMixin, SectionIndexPage


class DocumentType(models.TextChoices):
    DECISION = "decision", _("Decision (Quyết định)")
    RESOLUTION = "resolution", _("Resolution (Nghị quyết)")
    DIRECTIVE = "directive", _("Directive (Chỉ thị)")
    CIRCULAR = "circular", _("Circular (Thông tư)")
    DECREE = "decree", _("Decree (Nghị định)")
    PLAN = "plan", _("Plan (Kế hoạch)")
    NOTICE = "notice", _("Notice (Thông báo)")
    OFFICIAL_LETTER = "official_letter", _("Official letter (Công văn)")
    REPORT = "report", _("Report (Báo cáo)")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
    PARTLY_EXPIRED = "partly_expired", _("Partly expired")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced")


def document_number_key(number: str) -> str:
    """A comparable form of a document number: '96/QĐ-UBND', '96/qd-ubnd' and
    '96 / QD - UBND' all become '96/qd-ubnd' (đ does not decompose in Unicode)."""
    text = unicodedata.normalize("NFD", number.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"\s+", "", text)


# The same function under a name ``LegalDocumentPage``'s body does not shadow with its field.
_number_key = document_number_key


class LegalDocumentIndexPage(RoutablePageMixin, SectionIndexPage):
    mandate_item = "8.1.e"
    subpage_types = ["cms.LegalDocumentPage"]

    @path("feed/", name="feed")
    def feed(self, request):
        """RSS feed of the section, each item with its document number (cms.feeds)."""
        from cms.feeds import LegalDocumentFeed

        return LegalDocumentFeed()(request, section=self)

    class Meta:
        verbose_name = _("legal documents section")

    def get_items(self):
        from caching.sites import public_pages

        return public_pages(self.get_children().live()).specific().order_by("-legaldocumentpage__issue_date")

    def get_context(self, request, *args, **kwargs):
        # The list filters, sorts and counts its documents (issue #17 item 3): skip the
        # plain listing of SectionIndexPage and build it in cms.legal_document_list.
        from caching.sites import public_pages
        from cms.legal_document_list import legal_document_list_context

        context = super(SectionIndexPage, self).get_context(request, *args, **kwargs)
        context.update(legal_document_list_context(
            section=self, request=request, documents=public_pages(LegalDocumentPage.objects.child_of(self).live()),
        ))
        return context


class LegalDocumentPage(PortalPage):
    mandate_item = "8.1.e"

    document_type = models.CharField(_("document type"), max_length=30, choices=DocumentType.choices)
    document_number = models.CharField(_("document number"), max_length=100, help_text=_("e.g. 96/QĐ-UBND"))
    document_number_key = models.CharField(max_length=100, editable=False, db_index=True)
    issuing_authority = models.CharField(_("issuing authority"), max_length=255)
    signer = models.CharField(_("signer"), max_length=255, blank=True)
    issue_date = models.DateField(_("issue date"))
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE)
    replaced_by = models.ForeignKey(
        "self", verbose_name=_("replaced by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )
    abstract = models.TextField(_("abstract"))
    field = models.CharField(_("field"), max_length=255, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("document_type"), FieldPanel("document_number"), FieldPanel("issuing_authority"),
             FieldPanel("signer"), FieldPanel("issue_date"), FieldPanel("effective_date")],
            heading=pgettext_lazy("legal document", "Document"),
        ),
        MultiFieldPanel([FieldPanel("status"), PageChooserPanel("replaced_by", "cms.LegalDocumentPage")], heading=_("Status")),
        FieldPanel("abstract"),
        FieldPanel("field"),
        InlinePanel("files", label=_("file"), min_num=0),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("abstract"),
        index.SearchField("document_number", boost=5),
        index.AutocompleteField("document_number"),
        index.SearchField("issuing_authority"),
        index.SearchField("signer"),
        index.FilterField("document_type"),
        # ``exact_key``: a query holding a document number is matched exactly on this
        # key and ranked above everything else (the search backend reads it from here).
        index.FilterField("document_number_key", exact_key=_number_key),
        index.FilterField("issuing_authority"),
        index.FilterField("issue_date"),
        index.FilterField("status"),
        index.FilterField("field"),
    ]
    api_fields = PortalPage.api_fields + [
        APIField("document_type"), APIField("document_number"), APIField("issuing_authority"), APIField("signer"),
        APIField("issue_date"), APIField("effective_date"), APIField("status"), APIField("replaced_by"),
        APIField("abstract"), APIField("field"), APIField("files"),
    ]
    parent_page_types = ["cms.LegalDocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal document")

    def save(self, *args, **kwargs):
        self.document_number_key = document_number_key(self.document_number or "")
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        # The admin validates before save(): derive the key first so it is never blank.
        self.document_number_key = document_number_key(self.document_number or "")
        return super().full_clean(*args, **kwargs)


class LegalDocumentFile(Orderable):
    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("title"), APIField("document")]


# --- 8.2.a Official Gazette ----------------------------------------------------------


class GazetteIndexPage(ProvincialOnlyMixin, SectionIndexPage):
    mandate_item = "8.2.a"
    subpage_types = ["cms.GazetteIssuePage"]

    class Meta:
        verbose_name = _("official gazette section")


class GazetteIssuePage(PortalPage):
    """Published the same day as the printed gazette, from the same documents."""

    mandate_item = "8.2.a"
    issue_number = models.CharField(_("gazette number"), max_length=50)
    issue_date = models.DateField(_("issue date"))

    content_panels = Page.content_panels + [
        FieldPanel("issue_number"), FieldPanel("issue_date"),
        InlinePanel("entries", label=_("document in this issue")),
    ]
    search_fields = PortalPage.search_fields + [index.SearchField("issue_number"), index.FilterField("issue_date")]
    api_fields = PortalPage.api_fields + [APIField("issue_number"), APIField("issue_date"), APIField("entries")]
    parent_page_types = ["cms.GazetteIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("gazette issue")

    def save(self, *args, **kwargs):
        # The entries modelcluster is about to save (on publish, or from the admin's
        # form) each read their document (GazetteEntry.save): one query for them all.
        held = getattr(self, "_cluster_related_objects", {}).get("entries")
        if held:
            gazette_entries_documents_load(held)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["gazette_entries"] = gazette_entries_documents_load(self.entries.all())
        return context


MESSAGE_GAZETTE_DOCUMENT_REQUIRED = _("Choose the legal document published in this issue.")


class GazetteEntry(Orderable):
    """A legal document in a gazette issue; its number, title and abstract come from the
    document itself while it exists.

    Deleting the document (or the portal holding it, which may be another portal than
    the province's gazette) must work, and must not lose the gazette's record, which is
    a legal record (Điều 8.2.a): the link is set to null (not PROTECT, which made the
    admin fail with an error) and the entry keeps its own copy of the document's number,
    title and abstract, refreshed whenever the entry is saved and once more just before
    the document is deleted (``_gazette_entries_record``). The issue page then still
    lists the document, without a link. Deleting the gazette issue (or the province's
    portal) deletes its entries with it, as any inline child.
    """

    page = ParentalKey(GazetteIssuePage, on_delete=models.CASCADE, related_name="entries")
    legal_document = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("legal document"),
        null=True,
        # Blank only for an entry whose document was deleted (see clean()).
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gazette_entries",
    )
    recorded_number = models.CharField(_("document number (as recorded)"), max_length=100, blank=True, editable=False)
    recorded_title = models.CharField(_("document title (as recorded)"), max_length=255, blank=True, editable=False)
    recorded_abstract = models.TextField(_("abstract (as recorded)"), blank=True, editable=False)

    panels = [PageChooserPanel("legal_document", "cms.LegalDocumentPage")]
    api_fields = [
        APIField("legal_document"), APIField("document_number"), APIField("document_title"), APIField("abstract"),
    ]

    def clean(self):
        super().clean()
        # An entry whose document was deleted keeps its record and may stay as it is;
        # a new entry needs its document.
        if self.legal_document_id is None and not self.recorded_number:
            raise ValidationError({"legal_document": MESSAGE_GAZETTE_DOCUMENT_REQUIRED})

    def save(self, *args, **kwargs):
        if self.legal_document_id is not None:
            self.record_from(self.legal_document)
        return super().save(*args, **kwargs)

    def record_from(self, document: "LegalDocumentPage") -> None:
        self.recorded_number = document.document_number
        self.recorded_title = document.title
        self.recorded_abstract = document.abstract

    @property
    def document_number(self) -> str:
        return self.legal_document.document_number if self.legal_document_id else self.recorded_number

    @property
    def document_title(self) -> str:
        return self.legal_document.title if self.legal_document_id else self.recorded_title

    @property
    def abstract(self) -> str:
        return self.legal_document.abstract if self.legal_document_id else self.recorded_abstract


def gazette_entries_documents_load(entries) -> list[GazetteEntry]:
    """``entries`` (saved or held in memory) with their documents read in one query;
    otherwise each entry reads its own when it is saved or shown."""
    entries = list(entries)
    wanted = {
        entry.legal_document_id for entry in entries
        if entry.legal_document_id is not None and not GazetteEntry.legal_document.is_cached(entry)
    }
    documents = LegalDocumentPage.objects.in_bulk(wanted) if wanted else {}
    for entry in entries:
        if entry.legal_document_id in documents:
            entry.legal_document = documents[entry.legal_document_id]
    return entries


@receiver(pre_delete, sender=LegalDocumentPage)
def _gazette_entries_record(sender, instance, **kwargs):
    """Before the link is emptied: the entries keep the document's number, title and
    abstract as they are in the database (the instance the deletion holds may carry
    only some fields, or a draft's)."""
    values = LegalDocumentPage.objects.filter(pk=instance.pk).values("document_number", "title", "abstract").first()
    if values:
        GazetteEntry.objects.filter(legal_document_id=instance.pk).update(
            recorded_number=values["document_number"], recorded_title=values["title"],
            recorded_abstract=values["abstract"],
        )
