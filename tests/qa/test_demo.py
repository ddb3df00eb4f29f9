"""``qa_demo_seed`` fills three portals with petitions in every status, once."""

import pytest
from django.core import mail

from demo.qa import qa_demo_seed
from qa.models import Petition, PetitionStatus
from qa.selectors import petitions_overdue
from tests.factories import province_rows, provision

pytestmark = pytest.mark.django_db


def test_demo_petitions_cover_every_status_and_the_seed_is_idempotent(now):
    provision(province_rows(communes_under_district=("tiendu-lienbao", "tiendu-canhhung")))

    created = qa_demo_seed()

    assert created == Petition.objects.count() > 0
    assert set(Petition.objects.values_list("status", flat=True)) == set(PetitionStatus.values)
    assert set(Petition.objects.values_list("agency__slug", flat=True)) >= {"bacninh", "sotuphap", "tiendu-lienbao"}
    assert petitions_overdue().exists()
    assert Petition.objects.filter(anonymous=True, status=PetitionStatus.PUBLISHED).exists()
    assert mail.outbox == []  # the demo's notifications are discarded
    assert qa_demo_seed() == 0
