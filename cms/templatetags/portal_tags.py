"""Template tags of the reference front end: the portal's menu, breadcrumbs, latest news."""

from django import template
from django.utils import translation
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from cms.chrome import PortalChrome, portal_chrome
from cms.selectors import page_breadcrumbs, portal_latest_news

register = template.Library()


def _chrome(context) -> PortalChrome | None:
    """The portal's chrome (cms.chrome): kept per portal, read once per request."""
    page = context.get("page")
    return portal_chrome(page=page if isinstance(page, Page) else None, request=context.get("request"))


def _home(context):
    chrome = _chrome(context)
    return chrome.home if chrome is not None else None


@register.simple_tag(takes_context=True)
def portal_home(context):
    """The home page of the portal being shown."""
    return _home(context)


@register.inclusion_tag("cms/includes/portal_menu.html", takes_context=True)
def portal_menu(context):
    """The portal navigation: its home and live, public sections."""
    chrome = _chrome(context)
    home = chrome.home if chrome is not None else None
    page = context.get("page")
    sections = chrome.sections if chrome is not None else []
    current_path = getattr(page, "path", "")
    return {
        # An inclusion tag's template sees only this dict: without the request,
        # {% pageurl %} cannot tell the current portal and writes the portal's real
        # hostname instead of a link on the visitor's host (issue #17).
        "request": context.get("request"),
        "home": home,
        "sections": sections,
        "current_ids": {s.id for s in sections if current_path.startswith(s.path)},
        "is_home": home is not None and getattr(page, "id", None) == home.id,
    }


@register.inclusion_tag("cms/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Links from the portal home down to the current page."""
    page = context.get("page")
    chrome = _chrome(context)
    ancestors = []
    if isinstance(page, Page) and chrome is not None:
        ancestors = _ancestors_from_chrome(page, chrome)
        if ancestors is None:
            ancestors = page_breadcrumbs(page=page, home=chrome.home)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


def _ancestors_from_chrome(page: Page, chrome: PortalChrome) -> list[Page] | None:
    """The breadcrumbs' ancestors when the chrome holds them all (the home and its
    sections: pages up to two levels below the home), else None (ask the database)."""
    home = chrome.home
    if not page.path.startswith(home.path) or page.depth <= home.depth:
        return None if page.depth > home.depth else []
    paths = [page.path[:end] for end in range(len(home.path), len(page.path), page.steplen)]
    found = [chrome.by_path.get(path) for path in paths]
    return None if None in found else found


@register.simple_tag(takes_context=True)
def portal_sections(context):
    """The portal's live, public sections in tree order (the menu's, from the chrome)."""
    chrome = _chrome(context)
    return chrome.sections if chrome is not None else []


@register.simple_tag(takes_context=True)
def portal_contact(context):
    """The portal's contact settings (Điều 8.1.l), from the chrome; None without any."""
    chrome = _chrome(context)
    return chrome.contact if chrome is not None else None


@register.simple_tag(takes_context=True)
def latest_news(context, limit=5):
    """The portal's newest news articles."""
    home = _home(context)
    return portal_latest_news(home=home, limit=limit) if home else []


@register.simple_tag(takes_context=True)
def portal_unit(context):
    """The unit whose portal is shown (its home page's unit), or None off any portal."""
    chrome = _chrome(context)
    unit = chrome.unit if chrome is not None else None
    page = context.get("page")
    # A portal page's own unit is the portal's: its source line (Điều 12) needs no query.
    if unit is not None and getattr(page, "unit_id", None) == unit.pk and "unit" not in page._state.fields_cache:
        page._state.fields_cache["unit"] = unit
    return unit


@register.simple_tag
def portal_name(unit, plain=False):
    """The unit's name as a proper name: marked ``lang="vi"`` on pages in another language,
    so screen readers pronounce it in Vietnamese (issue #17)."""
    return proper_name(unit.name, plain=plain)


@register.simple_tag
def proper_name(text, plain=False):
    """A Vietnamese proper name in the page's language: wrapped in ``<span lang="vi">``
    when the active language is not Vietnamese."""
    if plain or translation.get_language() == "vi" or not text:
        return text
    return format_html('<span lang="vi">{}</span>', text)


@register.simple_tag
def reuse_line(unit):
    """How to cite the portal when reusing its information (Điều 12.1): "Theo Cổng TTĐT
    tỉnh Bắc Ninh" for the provincial portal, "Theo Cổng TTĐT <unit>" for the others;
    the wording of the citation stays Vietnamese, as the decision gives it."""
    if unit is None:
        return ""
    citation = reuse_citation(unit)
    # The address is the text to cite, not a link: a link to the real hostname would leave
    # the host the visitor came by (an alias, 127.0.0.1), which issue #17 forbids.
    return format_html(
        "{} <q lang=\"vi\">{}</q> {} <q translate=\"no\">https://{}</q>.",
        _("When reusing information from this portal, cite the source:"), citation, _("or"),
        unit.hostname,
    )


def reuse_citation(unit) -> str:
    from tenants.models import UnitKind

    if unit.kind == UnitKind.PROVINCE:
        return "Theo Cổng TTĐT tỉnh Bắc Ninh"
    return f"Theo Cổng TTĐT {unit.name}"


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    """OpenGraph and Twitter card tags, so a link shared on Zalo or Facebook shows the page's
    title, summary and image (issue #17 item 5)."""
    from django.templatetags.static import static

    request = context.get("request")
    page = context.get("page")
    unit = portal_unit(context)
    title = ""
    description = ""
    image_url = ""
    if isinstance(page, Page):
        specific = page.specific if type(page) is Page else page
        title = specific.seo_title or specific.title
        description = page_summary(specific)
        image = getattr(specific, "main_image", None)
        if image is not None:
            image_url = image.get_rendition("fill-1200x630|format-jpeg").url
    if not image_url:
        image_url = static("img/og-default.jpg")
    absolute = request.build_absolute_uri if request is not None else (lambda url: url)
    # The page's own address, without query (pagination, tracking parameters), so search
    # engines keep one copy of each page. An archived portal's pages (issue #21) name
    # themselves too: they are the record of that unit, not duplicates of the successor's
    # (carried pages no longer answer there: they redirect with a 301).
    canonical = absolute(request.path) if request is not None and isinstance(page, Page) else ""
    if canonical and unit is not None and unit.hostname and request.get_host().split(":")[0].lower() != unit.hostname:
        # A renamed portal's old hostname keeps answering as a second site (issue #21):
        # search engines are sent to the current one. The development alias
        # (<slug>.localhost) is no Site and keeps the visitor's host (issue #17).
        host = request.get_host().split(":")[0].lower()
        if Site.objects.filter(hostname=host).exclude(pk=unit.site_id).exists():
            canonical = f"{request.scheme}://{unit.hostname}{request.path}"
    return {
        "canonical": canonical,
        "title": title,
        "description": description,
        "image_url": absolute(image_url),
        "url": absolute(request.path) if request is not None else "",
        "site_name": unit.name if unit else "",
        "type": "article" if hasattr(page, "main_image") else "website",
        "locale": "vi_VN" if translation.get_language() == "vi" else "en_GB",
    }


def page_summary(page) -> str:
    """The page's own short description: SEO description, summary, abstract or introduction."""
    for field in ("search_description", "summary", "abstract", "intro", "introduction"):
        value = getattr(page, field, "")
        if isinstance(value, str) and value.strip():
            return Truncator(" ".join(value.split())).words(40)
    return ""


@register.filter
def repeats_article_head(block, page) -> bool:
    """Whether a body block only repeats what the article's head already shows: the main
    image again, or a text block that is the summary word for word (issue #17: a news
    article repeated its lead and image)."""
    if block.block_type == "image":
        image = block.value.get("image")
        return image is not None and image.pk == getattr(page, "main_image_id", None)
    if block.block_type == "rich_text":
        summary = " ".join((getattr(page, "summary", "") or "").split())
        return bool(summary) and " ".join(strip_tags(block.value.source).split()) == summary
    return False


@register.simple_tag
def main_image_caption(page):
    """The caption block of the main image when the body repeated it (shown under the
    head's image instead)."""
    for block in getattr(page, "body", []) or []:
        if block.block_type == "image" and repeats_article_head(block, page):
            return block.value
    return None


@register.simple_tag
def choice_label(bound_block, name):
    """The label of a StructBlock's choice field (e.g. a service's level "Full online"), not
    its stored value ("4")."""
    value = bound_block.value.get(name)
    if not value:
        return ""
    field = bound_block.block.child_blocks[name].field
    return dict(field.choices).get(value, value)


@register.filter
def first_letters(name: str) -> str:
    """Initials of a leader with no photo ("Nguyễn Văn An" → "NA"): first and last name."""
    words = (name or "").split()
    if not words:
        return ""
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()
