"""``manage.py working_days add|between`` prints what the calendar computes."""

import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("working_days", *args, stdout=out)
    return out.getvalue().strip()


def test_add_prints_the_date():
    assert run("add", "2026-02-13", "5") == "2026-02-27"


def test_between_prints_the_count():
    assert run("between", "2026-02-13", "2026-02-27") == "5"
    assert run("between", "2026-02-27", "2026-02-13") == "-5"


def test_bad_date_is_refused():
    with pytest.raises(CommandError):
        run("add", "13/02/2026", "5")


def test_load_official_adds_nothing_twice():
    assert run("load-official") == "0 official calendar exceptions added"
