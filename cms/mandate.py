"""Moved to ``mandate.items`` (issue #24); kept so parallel branches keep importing.
Remove after merge."""

from mandate.items import *  # noqa: F401,F403
from mandate.items import LEGAL_DOCUMENT_GOVERNED_AGENCY_DEADLINE, LEGAL_DOCUMENT_GOVERNED_UNIT_DEADLINE, MANDATE_ITEMS, MandateItem, mandate_items_for  # noqa: F401
