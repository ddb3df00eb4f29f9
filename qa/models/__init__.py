"""Models of the Q&A app: petitions and their history, and the portal's Q&A page."""

from qa.models.deliveries import DmsDelivery
from qa.models.pages import QAIndexPage
from qa.models.petitions import (
    OPEN_STATUSES,
    Petition,
    PetitionAttachment,
    PetitionForwarding,
    PetitionStatus,
)

__all__ = [
    "DmsDelivery",
    "OPEN_STATUSES",
    "Petition",
    "PetitionAttachment",
    "PetitionForwarding",
    "PetitionStatus",
    "QAIndexPage",
]
