"""compliance.updates: what is an update of the information (Điều 8.1, issue #20)."""

import datetime

import pytest

from compliance.updates import information_fingerprint, update_is_new

D1, D2 = datetime.date(2026, 3, 2), datetime.date(2026, 3, 9)


@pytest.mark.parametrize("last, fingerprint, information_date, correction, expected", [
    (None, "a", D1, False, True),  # the first publication always is
    (None, "a", D1, True, True),  # even ticked as a correction: nothing was posted before
    (("a", D1), "a", D1, False, False),  # published again unchanged
    (("a", D1), "b", D1, False, True),  # new content, same information date
    (("a", D1), "a", D2, False, True),  # a new information date
    (("a", D1), "b", D2, True, False),  # marked as a correction: never an update
])
def test_update_is_new(last, fingerprint, information_date, correction, expected):
    assert update_is_new(
        last_fingerprint=last[0] if last else None, last_information_date=last[1] if last else None,
        fingerprint=fingerprint, information_date=information_date, correction=correction,
    ) is expected


def test_the_fingerprint_ignores_bookkeeping_and_key_order():
    body_a = '[{"type": "rich_text", "value": "<p>Tin.</p>", "id": "x"}]'
    body_b = '[{"id": "x", "type": "rich_text", "value": "<p>Tin.</p>"}]'
    first = {"title": "Tin", "body": body_a, "live": False, "latest_revision": 1, "correction_only": False}
    again = {"title": "Tin", "body": body_b, "live": True, "latest_revision": 2, "correction_only": True}
    assert information_fingerprint(first) == information_fingerprint(again)
    assert information_fingerprint(first) != information_fingerprint({**first, "title": "Tin mới"})
