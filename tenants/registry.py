"""What a portal is made of beyond its unit, site and board, given by the apps that own it.

``tenants`` is the ground floor (issue #24, docs/ARCHITECTURE.md): it may not import
``cms``, ``moderation`` or the feature apps whose pages and workflows make a portal.
Each of them registers its part here in its ``AppConfig.ready()``, and provisioning
(``tenants.provisioning``, ``tenants.boards``, ``tenants.sections``) asks:

* ``page_types_register(root=..., home=...)``: the page types of the provincial root
  and of a portal's home page (``cms``);
* ``sections_register(*sections)``: the section pages created under every home whose
  unit kind they apply to (``cms``, ``qa``, ``surveys``: each its own), or under one of
  those sections (``information_requests``' request page under "Tiếp cận thông tin");
* ``board_workflow_register(function)``: the function that gives a portal its board's
  moderation workflows, its home page's and its foreign-language mirror's (``moderation``).

Registering the same thing twice (``ready()`` runs once per process, but tests may
call it again) changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from mandate.items import MANDATE_ITEMS


@dataclass(frozen=True)
class Section:
    """One section page every portal of the kinds its item applies to gets."""

    item: str  # key of mandate.items.MANDATE_ITEMS, or "" for sections outside Điều 8
    model: str  # app_label.ModelName
    slug: str
    title: str
    live: bool = True
    # The slug of the section this page is created under; "" for a child of the home.
    parent: str = ""


@dataclass(frozen=True)
class PortalPageTypes:
    root: str  # app_label.ModelName of the provincial root page
    home: str  # of a portal's home page


_page_types: PortalPageTypes | None = None
_sections: list[Section] = []
_board_workflow_sync: Callable | None = None


def page_types_register(*, root: str, home: str) -> None:
    global _page_types
    _page_types = PortalPageTypes(root=root, home=home)


def page_types() -> PortalPageTypes:
    if _page_types is None:
        raise ImproperlyConfigured("No app registered the portal page types (cms does, in its AppConfig.ready()).")
    return _page_types


def sections_register(*sections: Section) -> None:
    for section in sections:
        if section not in _sections:
            _sections.append(section)


def _decision_order(section: Section) -> int:
    # The decision's order (Điều 8.1.a … 8.2.đ), then the sections outside Điều 8.
    keys = list(MANDATE_ITEMS)
    return keys.index(section.item) if section.item in MANDATE_ITEMS else len(keys)


def sections_registered() -> list[Section]:
    """Every registered section, in the decision's order (the order of the home's menu)."""
    return sorted(_sections, key=_decision_order)


def board_workflow_register(function: Callable) -> None:
    """``function(*, unit, home, mirror_home_ids, groups) -> bool`` (True when it changed
    something); ``mirror_home_ids``: the homes of the portal's foreign-language mirror."""
    global _board_workflow_sync
    _board_workflow_sync = function


def board_workflow_sync(*, unit, home, mirror_home_ids, groups) -> bool:
    if _board_workflow_sync is None:
        return False
    return _board_workflow_sync(unit=unit, home=home, mirror_home_ids=mirror_home_ids, groups=groups)
