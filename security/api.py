"""API serializers that clean stored rich text before Wagtail serialises it (issue #9
item 3). ``cms.api.views.PortalPagesAPIViewSet`` uses ``CleanPageSerializer``.

The API serves rich text in the database format by default (``db_html``) and expanded
on ``?rich_text_format=html`` (or as Markdown); cleaning the stored HTML first gives
every format the same allow-list, and the expansion only adds Wagtail's own links
and embeds.
"""

from wagtail import fields
from wagtail.api.v2.serializers import PageSerializer, RichTextFieldSerializer, StreamField

from security.rich_text import clean_db_html, clean_stream_data, holds_rich_text


class CleanRichTextFieldSerializer(RichTextFieldSerializer):
    def to_representation(self, value):
        return super().to_representation(clean_db_html(value))


class CleanStreamField(StreamField):
    def to_representation(self, value):
        stream_block = value.stream_block
        if holds_rich_text(stream_block):
            # A new lazy StreamValue: choosers still load in bulk as the API asks.
            value = stream_block.to_python(clean_stream_data(stream_block, value.get_prep_value()))
        return super().to_representation(value)


class CleanPageSerializer(PageSerializer):
    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        fields.RichTextField: CleanRichTextFieldSerializer,
        fields.StreamField: CleanStreamField,
    }
