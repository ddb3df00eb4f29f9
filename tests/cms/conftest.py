"""Fixtures of the cms tests: portals provisioned with their section skeleton.

Provisioning sections is slow (about 2 s per portal), so each module provisions once,
inside a transaction rolled back at the module's end; each test's own writes are
rolled back after it by ``db``, and each test gets fresh model instances so no
in-memory state (such as a page's child count) leaks from one test to the next.
"""

import pytest
from django.db import transaction

from tests.cms.factories import portal_with_sections, portals_lookup


def _provisioned_once(django_db_blocker, slugs):
    with django_db_blocker.unblock(), transaction.atomic():
        portal_with_sections(slugs=slugs)
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def _two_portals(django_db_setup, django_db_blocker):
    yield from _provisioned_once(django_db_blocker, {"bacninh", "sotuphap"})


@pytest.fixture(scope="module")
def _whole_province(django_db_setup, django_db_blocker):
    yield from _provisioned_once(django_db_blocker, None)


@pytest.fixture
def portals(_two_portals, db):
    """The provincial portal ``bacninh`` and the department ``sotuphap``, each with its
    sections (see ``tests.cms.factories.Portals``)."""
    return portals_lookup()


@pytest.fixture
def province(_whole_province, db):
    """Every portal of ``province_rows()`` with its sections."""
    return portals_lookup()
