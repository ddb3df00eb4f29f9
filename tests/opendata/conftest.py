"""The cms tests' provisioned portals (``portals``: the province and sotuphap)."""

from tests.cms.conftest import _two_portals, portals  # noqa: F401
