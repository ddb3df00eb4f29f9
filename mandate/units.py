"""The kinds of unit that run a portal under the decision, and their order in lists.

``tenants.models.Unit.kind`` takes its choices from here; the mandate's items say
which kinds they apply to by the same values.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    DEPARTMENT = "department", _("Department")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


# Lists, reports and provisioning go from the province down to the communes.
KIND_ORDER = {UnitKind.PROVINCE: 0, UnitKind.DEPARTMENT: 1, UnitKind.DISTRICT: 2, UnitKind.COMMUNE: 3}
