"""The per-item rule both counts tables use (Q&A's table 2, the information requests'):
an answer counts on time up to its due date, late after it, and not at all before it is
given (a report made on ``as_of`` does not see later answers)."""

import datetime
import zoneinfo

from intake.tables import answer_timing

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DUE = datetime.date(2026, 3, 11)


def at(day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=VN)


def test_answer_timing_on_time_late_and_not_yet_seen():
    as_of = datetime.date(2026, 3, 31)
    assert answer_timing(due_date=DUE, answered_at=at(11, 23), as_of=as_of) == "on_time"  # the due date itself
    assert answer_timing(due_date=DUE, answered_at=at(12, 0), as_of=as_of) == "late"
    assert answer_timing(due_date=DUE, answered_at=None, as_of=as_of) is None
    # Given after the report's day: not yet an answer on that day.
    assert answer_timing(due_date=DUE, answered_at=at(20), as_of=datetime.date(2026, 3, 19)) is None
    # 23:30 in Hà Nội on the 11th is 16:30 UTC: local days count.
    utc = at(11, 23).astimezone(datetime.timezone.utc)
    assert answer_timing(due_date=DUE, answered_at=utc, as_of=as_of) == "on_time"
