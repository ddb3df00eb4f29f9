"""Rich text that reaches the public is cleaned against an allow-list (issue #9 item 3).

Wagtail's editor cleans rich text when an editor saves it, but HTML that reached the
database another way (an import, a script, a fixture) is rendered by ``|richtext``
and the API as it is. Two allow-lists, both what Wagtail itself can produce for the
features the project enables (the editor's defaults for ``RichTextField``,
``blocks.content.RICH_TEXT_FEATURES`` for the StreamField):

``clean_html``
    Front-end HTML, after Wagtail has expanded links and embeds: page and document
    links, ``richtext-image`` images and oEmbed iframes. Used by the override of
    ``wagtailcore/shared/richtext.html`` (``cms/templates``), through which both
    ``|richtext`` and ``RichText.__html__`` (``include_block``) render.
``clean_db_html``
    Database HTML, before expansion: ``<a linktype id>`` and ``<embed embedtype …/>``
    placeholders. Used for the API, which serves the stored format by default and
    expands it on ``?rich_text_format=html``.
``clean_stream_data``
    ``clean_db_html`` applied to every rich text value in a StreamField's raw data.
``clean_rich_text_on_save``
    A ``pre_save`` receiver (connected in ``cms.apps``) storing the ``clean_db_html``
    of every rich text, so the database holds clean HTML too; what the editor writes
    comes out unchanged. Rendering still cleans: ``update()`` and raw SQL skip it.

nh3 (ammonia) parses as a browser does, so a tag split oddly, an entity-encoded
``javascript:`` or a control character inside a scheme is judged as the browser
would run it; anything not allowed is dropped, text stays as escaped text.
"""

import re

import nh3
from wagtail import blocks

# Schemes an editor's link may have; relative URLs (page and document links, #anchors)
# pass as they are.
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_TEXT_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em",
    "ul", "ol", "li", "blockquote", "a",
}
# Wagtail marks each block with data-block-key (comments and translations anchor on it).
_BLOCK_KEY = {"data-block-key"}
_TEXT_ATTRIBUTES = {
    "a": {"href"},
    **{tag: _BLOCK_KEY for tag in ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")},
}

FRONTEND_TAGS = _TEXT_TAGS | {"img", "figure", "figcaption", "div", "iframe"}
FRONTEND_ATTRIBUTES = {
    **_TEXT_ATTRIBUTES,
    # An image format's rendition tag (wagtail.images.formats.Format.image_to_html).
    "img": {"src", "alt", "width", "height"},
    # wagtailembeds/embed_frontend.html wraps a responsive embed in this div.
    "div": {"style"},
    # What YouTube and similar oEmbed providers return; the public CSP's frame-src
    # limits which hosts may actually be framed.
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "frameborder", "referrerpolicy"},
}
# Only Wagtail's own classes: stored HTML must not borrow the site's (an alert box, a
# login form's look). The image classes are those of Wagtail's default image formats.
FRONTEND_CLASSES = {"img": {"richtext-image", "full-width", "left", "right"}, "div": {"responsive-object"}}
# The responsive wrapper's only inline style.
FRONTEND_STYLE_PROPERTIES = {"padding-bottom"}

DB_TAGS = _TEXT_TAGS | {"embed"}
DB_ATTRIBUTES = {
    **_TEXT_ATTRIBUTES,
    # Wagtail's link and embed placeholders; handlers expand them on render.
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
# nh3 writes void elements as <embed …>; Wagtail writes <embed …/>, its rewriter only
# finds that form, and its search text only spaces out <br/> and <hr/>.
_VOID_TAG = re.compile(r"<(embed|br|hr)\b([^>]*?)\s*/?>")


def clean_html(html: str) -> str:
    """Front-end HTML (links and embeds expanded) reduced to the allow-list."""
    if not html:
        return ""
    return nh3.clean(
        html, tags=FRONTEND_TAGS, attributes=FRONTEND_ATTRIBUTES, url_schemes=URL_SCHEMES,
        allowed_classes=FRONTEND_CLASSES, filter_style_properties=FRONTEND_STYLE_PROPERTIES,
        # Wagtail's own links carry no rel; adding one would change every page link.
        link_rel=None,
    )


def clean_db_html(html: str) -> str:
    """Database HTML (link and embed placeholders) reduced to the allow-list."""
    if not html:
        return html or ""
    cleaned = nh3.clean(html, tags=DB_TAGS, attributes=DB_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)
    return _VOID_TAG.sub(r"<\1\2/>", cleaned)


def holds_rich_text(block: blocks.Block) -> bool:
    """Whether ``block`` is or contains a RichTextBlock (so other streams are left alone)."""
    # Remembered on the block: definitions live as long as their model, and blocks
    # compare by value, so they cannot key a cache.
    known = block.__dict__.get("_holds_rich_text")
    if known is None:
        if isinstance(block, blocks.ListBlock):
            known = holds_rich_text(block.child_block)
        else:
            children = getattr(block, "child_blocks", None) or {}
            known = isinstance(block, blocks.RichTextBlock) or any(map(holds_rich_text, children.values()))
        block._holds_rich_text = known
    return known


def clean_stream_data(block: blocks.Block, data):
    """``data`` (a block's raw JSON value) with every rich text string in it cleaned."""
    if not holds_rich_text(block):
        return data
    if isinstance(block, blocks.RichTextBlock):
        return clean_db_html(data) if isinstance(data, str) else data
    if isinstance(block, blocks.StreamBlock):
        return [_clean_child(block.child_blocks.get(child.get("type")), child) for child in data or []]
    if isinstance(block, blocks.ListBlock):
        # Items are {"type": "item", "value": …, "id": …}, or bare values in old data.
        return [_clean_child(block.child_block, item) if isinstance(item, dict) and "value" in item
                else clean_stream_data(block.child_block, item) for item in data or []]
    if isinstance(block, blocks.StructBlock) and isinstance(data, dict):
        return {name: clean_stream_data(block.child_blocks[name], value) if name in block.child_blocks else value
                for name, value in data.items()}
    return data


def _clean_child(block, child: dict) -> dict:
    if block is None:
        return child
    return {**child, "value": clean_stream_data(block, child.get("value"))}


# --- on save -------------------------------------------------------------------------------

_RICH_TEXT_FIELDS: dict[type, list] = {}


def rich_text_fields(model) -> list:
    """The model's RichTextFields and StreamFields holding rich text (looked up once)."""
    from wagtail.fields import RichTextField, StreamField

    if model not in _RICH_TEXT_FIELDS:
        _RICH_TEXT_FIELDS[model] = [
            field for field in model._meta.concrete_fields
            if isinstance(field, RichTextField) or (isinstance(field, StreamField) and holds_rich_text(field.stream_block))
        ]
    return _RICH_TEXT_FIELDS[model]


def _cleaned_value(field, value):
    """``value`` cleaned, or None when cleaning changes nothing (so nothing is rewritten)."""
    stream_block = getattr(field, "stream_block", None)
    if stream_block is None:
        cleaned = clean_db_html(value) if isinstance(value, str) else value
        return cleaned if cleaned != value else None
    data = stream_block.get_prep_value(field.to_python(value))
    cleaned = clean_stream_data(stream_block, data)
    return cleaned if cleaned != data else None


def clean_rich_text_on_save(sender, instance, update_fields=None, **kwargs) -> None:
    """``pre_save`` receiver: stored rich text is cleaned whoever writes it (imports,
    scripts, fixtures); the editor's own output passes unchanged. Not covered (no
    signal): ``QuerySet.update()``, bulk writes and raw SQL, which the render-time
    cleaning still catches; nor revisions until they are published."""
    for field in rich_text_fields(sender):
        if update_fields is not None and not {field.name, field.attname} & set(update_fields):
            continue
        if field.attname not in instance.__dict__:  # deferred: not loaded, not written
            continue
        cleaned = _cleaned_value(field, instance.__dict__[field.attname])
        if cleaned is not None:
            setattr(instance, field.attname, cleaned)
