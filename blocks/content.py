"""Content blocks: each has an icon, a description and a preview value (bakerydemo style)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr", "blockquote"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    source = blocks.CharBlock(label=_("source"), required=False, help_text=_("Photographer or origin (Điều 12)."))

    class Meta:
        icon = "image"
        label = _("Image with caption")
        description = _("An image with its caption and source.")
        template = "blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        description = _("A downloadable file.")
        template = "blocks/document_block.html"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"))
    title = blocks.CharBlock(label=_("title"), required=False)
    unit = blocks.CharBlock(label=_("unit"), required=False)
    phone = blocks.CharBlock(label=_("phone"), required=False)
    fax = blocks.CharBlock(label=_("fax"), required=False)
    email = blocks.EmailBlock(label=_("e-mail"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact card")
        description = _("Name, title, unit, phone, fax and e-mail of an official.")
        template = "blocks/contact_card_block.html"
        preview_value = {"name": "Nguyễn Văn A", "title": "Chánh Văn phòng", "phone": "0222 3822 xxx"}


class QuotationBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    source = blocks.CharBlock(label=_("source"), help_text=_("Who said or wrote it, and where (Điều 12)."))

    class Meta:
        icon = "openquote"
        label = _("Quotation with source")
        description = _("A quotation with its source.")
        template = "blocks/quotation_block.html"
        preview_value = {"text": "Chính quyền phục vụ nhân dân.", "source": "Cổng TTĐT tỉnh Bắc Ninh"}


class ContentStreamBlock(blocks.StreamBlock):
    """The body of every content page."""

    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Rich text"), icon="pilcrow",
        description=_("Paragraphs, headings, lists and links."),
        preview_value="<p>Ủy ban nhân dân tỉnh Bắc Ninh thông báo…</p>",
    )
    image = ImageBlock()
    document = DocumentBlock()
    table = TableBlock(label=_("Data table"), icon="table", description=_("A table of figures."))
    embed = EmbedBlock(label=_("Embed"), icon="media", description=_("A video or other embedded media."))
    contact = ContactCardBlock()
    quotation = QuotationBlock()

    class Meta:
        block_counts = {}
