"""Provisioning the sections is slow (about 2 s per portal): each module provisions
once, inside a transaction rolled back at the module's end, as tests/cms does."""

import pytest
from django.db import transaction

from tests.cms.factories import portal_with_sections, portals_lookup


@pytest.fixture(scope="module")
def _two_portals(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        portal_with_sections(slugs={"bacninh", "sotuphap"})
        yield
        transaction.set_rollback(True)


@pytest.fixture
def portals(_two_portals, db):
    """The provincial portal ``bacninh`` and the department ``sotuphap`` with sections."""
    return portals_lookup()
