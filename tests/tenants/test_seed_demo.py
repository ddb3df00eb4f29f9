"""``seed_demo --if-empty``: what ``scripts/run`` calls on every start. It loads the demo
province into a database without portals only; a database that has some is left as it
is, whatever its content (an operator's own portals, a demo already edited)."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Page, Site

from tenants.models import Unit
from tests.factories import province_rows, provision

pytestmark = pytest.mark.django_db


def snapshot():
    return {model.__name__: model.objects.count() for model in (Unit, Page, Site)}


def test_a_database_with_portals_is_left_as_it_is():
    provision(province_rows())
    before = snapshot()
    out = io.StringIO()
    with translation.override("en"):
        call_command("seed_demo", "--if-empty", "--no-progress", stdout=out)
    assert snapshot() == before
    assert "already has portals" in out.getvalue()


def test_an_empty_database_is_seeded(monkeypatch):
    """The empty branch goes on to provision the demo file (stopped at its first unit
    here: the whole province takes minutes, and ``scripts/run`` does it for real)."""
    assert not Unit.objects.exists()
    provisioned = []

    def provision_file(path, **kwargs):
        provisioned.append(path.name)
        raise SystemExit("stop after the decision")

    monkeypatch.setattr("demo.management.commands.seed_demo.provision_file", provision_file)
    with pytest.raises(SystemExit):
        call_command("seed_demo", "--if-empty", "--no-progress", stdout=io.StringIO())
    assert provisioned == ["bacninh_2021.yaml"]
