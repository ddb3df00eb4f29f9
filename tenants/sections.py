"""Each portal's section skeleton: one page per registered section that applies to its kind.

Provisioning (``tenants.provisioning``) creates these under every portal home (and the
few registered with a ``parent`` under that section; re-running ``provision_portals``
adds a newly registered one to existing portals). The
apps that own the page types register the sections (``tenants.registry``; the list
of ``cms`` is ``cms.sections.SECTIONS``). Index pages are published at once so
editors can add content under them; pages that hold the content themselves
(introduction, contacts, access to information, online services) start as drafts, so
the coverage audit shows them missing until the board publishes.
"""

from django.apps import apps
from wagtail.models import Page

from mandate.items import MANDATE_ITEMS
from tenants.registry import Section, sections_registered


def sections_for(kind: str, *, nested: bool = False) -> list[Section]:
    """Sections of a portal of ``kind`` whose page type is installed: the home's own
    children, or with ``nested`` the pages registered under one of them."""
    installed = []
    for section in sections_registered():
        if bool(section.parent) != nested:
            continue
        if section.item and kind not in MANDATE_ITEMS[section.item].applies_to:
            continue
        try:
            apps.get_model(section.model)
        except LookupError:
            continue
        installed.append(section)
    return installed


def sections_ensure(*, home: Page, kind: str) -> int:
    """Create the sections missing under ``home``; returns how many were created.

    Existing sections are found by slug and never touched: editors own them.
    """
    existing = set(home.get_children().values_list("slug", flat=True))
    created = 0
    for section in sections_for(kind):
        if section.slug not in existing:
            _section_add(home, section)
            created += 1
    # Then the pages under a section (the request page under "Tiếp cận thông tin"): a
    # portal whose board removed or renamed that section gets none.
    for section in sections_for(kind, nested=True):
        parent = home.get_children().filter(slug=section.parent).first()
        if parent is None or parent.get_children().filter(slug=section.slug).exists():
            continue
        _section_add(parent, section)
        created += 1
    return created


def _section_add(parent: Page, section: Section) -> None:
    model = apps.get_model(section.model)
    page = model(title=section.title, slug=section.slug, live=section.live)
    # A page may start with content the law gives (the access-to-information list).
    if hasattr(page, "section_start"):
        page.section_start()
    parent.add_child(instance=page)
    if not section.live:
        page.save_revision(log_action=False, clean=False)
