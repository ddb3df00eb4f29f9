"""Fixtures of the cms tests: portals provisioned with their section skeleton."""

import pytest

from tests.cms.factories import portal_with_sections


@pytest.fixture
def portals(db):
    """The provincial portal ``bacninh`` and the department ``sotuphap``, each with its
    sections (see ``tests.cms.factories.Portals``). Two portals keep the suite quick."""
    return portal_with_sections(slugs={"bacninh", "sotuphap"})


@pytest.fixture
def province(db):
    """Every portal of ``province_rows()`` with its sections (slow: about 10 s)."""
    return portal_with_sections()
