"""What the reorganisation report tests share (D8 of the December 2026 review): a
province with communes, each a module-scoped scenario built once and rolled back, news
items published on their information date, and a reorganisation plan applied by the
command as an operator runs it."""

import datetime
import io
import zoneinfo
from contextlib import contextmanager

from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page

from tenants.models import Unit
from tests.cms.factories import NewsPageFactory
from tests.factories import province_rows, provision

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@contextmanager
def scenario_atomic(django_db_blocker):
    """The body of a module-scoped scenario fixture: its data is written once for the
    module's tests and rolled back after the last of them."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def province_with_communes(*communes, with_sections=()):
    """``province_rows`` with ``communes`` under the district tiendu, all provisioned; the
    section skeleton (slow) only for the units named in ``with_sections``."""
    rows = province_rows(communes_under_district=communes)
    provision(rows)
    provision([r for r in rows if r.slug in with_sections], with_sections=True)
    return rows


def news(unit_slug, day: datetime.date, title: str):
    """A news item (Điều 15 table 1, row 2) in the unit's "tin-tuc" section, whose
    information arose on ``day`` and was published that morning."""
    unit = Unit.objects.get(slug=unit_slug)
    index = Page.objects.child_of(unit.home_page).get(slug="tin-tuc")
    published = datetime.datetime.combine(day, datetime.time(9), tzinfo=VN)
    return NewsPageFactory(parent=index, title=title, first_published_at=published,
                           last_published_at=published, information_date=day)


def plan_apply(tmp_path_factory, plan: str) -> str:
    """Write ``plan`` (YAML) to a file and apply it with ``reorganise_units``; its output."""
    path = tmp_path_factory.mktemp("plan") / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    out = io.StringIO()
    call_command("reorganise_units", str(path), "--no-progress", stdout=out)
    return out.getvalue()
