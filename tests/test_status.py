"""Call status (drīzumā / atvērts / noslēgts) against a "now" that builds can fix."""

import datetime as dt

import pytest

from konkursi.site.clock import ClockError, resolve_now
from konkursi.site.derive import Status, derive, status_at
from konkursi.project import Project, validate
from konkursi.records.values import RIGA

OPENS = dt.datetime(2020, 3, 2, 9, 0, tzinfo=RIGA)
CLOSES = dt.datetime(2020, 4, 15, 17, 0, tzinfo=RIGA)


@pytest.mark.parametrize("now, status", [
    (dt.datetime(2020, 3, 2, 8, 59, tzinfo=RIGA), Status.UPCOMING),
    (OPENS, Status.OPEN),
    (dt.datetime(2020, 4, 15, 16, 59, tzinfo=RIGA), Status.OPEN),
    (CLOSES, Status.CLOSED),
    # 14:00 UTC is 17:00 in Riga (summer time): the call closes exactly then.
    (dt.datetime(2020, 4, 15, 14, 0, tzinfo=dt.timezone.utc), Status.CLOSED),
    (dt.datetime(2020, 4, 15, 13, 59, tzinfo=dt.timezone.utc), Status.OPEN),
])
def test_status_at_the_edges(now, status):
    assert status_at(OPENS, CLOSES, now) is status


def test_closing_soon_is_the_last_seven_days(mini):
    records, _ = validate(Project.at(mini.root))
    [early] = derive(records, dt.datetime(2020, 4, 8, 16, 0, tzinfo=RIGA)).calls
    [late] = derive(records, dt.datetime(2020, 4, 8, 17, 0, tzinfo=RIGA)).calls
    assert (early.status, early.closing_soon) == (Status.OPEN, False)
    assert (late.status, late.closing_soon) == (Status.OPEN, True)


def test_now_precedence():
    env = {"SOURCE_DATE_EPOCH": "1587373200"}  # 2020-04-20 09:00 UTC
    assert resolve_now(None, env) == dt.datetime(2020, 4, 20, 12, 0, tzinfo=RIGA)
    assert resolve_now("2020-03-01 10:00", env) == dt.datetime(2020, 3, 1, 10, 0, tzinfo=RIGA)
    env["KONKURSI_NOW"] = "2020-05-01T08:00+00:00"
    assert resolve_now("2020-03-01 10:00", env) == dt.datetime(2020, 5, 1, 11, 0, tzinfo=RIGA)


def test_now_defaults_to_the_clock_in_riga():
    now = resolve_now(None, {})
    assert now.tzinfo is RIGA
    assert abs(now - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)


def test_bad_now_is_a_latvian_error():
    with pytest.raises(ClockError, match='iestatījumā now: datums 2020-02-30 neeksistē'):
        resolve_now("2020-02-30 12:00", {})
    with pytest.raises(ClockError, match="vides mainīgajā SOURCE_DATE_EPOCH jābūt sekunžu skaitam"):
        resolve_now(None, {"SOURCE_DATE_EPOCH": "vakar"})
