"""Named periods follow the local calendar, whatever the day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from procedures import periods

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    "moment, first, last",
    [
        (datetime(2027, 1, 2, 8, 0, tzinfo=LOCAL), date(2026, 1, 3), date(2027, 1, 2)),
        # 00:30 in Hà Nội is still the previous day in UTC: the local day counts.
        (datetime(2028, 1, 1, 0, 30, tzinfo=LOCAL), date(2027, 1, 2), date(2028, 1, 1)),
        (datetime(2028, 2, 29, 12, 0, tzinfo=LOCAL), date(2027, 3, 1), date(2028, 2, 29)),
        (datetime(2029, 2, 28, 12, 0, tzinfo=LOCAL), date(2028, 2, 29), date(2029, 2, 28)),
        (datetime(2035, 6, 15, 10, 0, tzinfo=LOCAL), date(2034, 6, 16), date(2035, 6, 15)),
    ],
)
def test_the_last_12_months_end_today_and_hold_a_year_of_days(moment, first, last):
    with time_machine.travel(moment, tick=False):
        period = periods.last_12_months()
    assert (period.first, period.last) == (first, last)
    assert str(period.label) == "12 tháng gần nhất"


@pytest.mark.parametrize(
    "moment, year, quarter, month",
    [
        (datetime(2027, 12, 31, 23, 59, tzinfo=LOCAL), 2027, 4, 12),
        (datetime(2028, 1, 1, 0, 1, tzinfo=LOCAL), 2028, 1, 1),
    ],
)
def test_this_year_quarter_and_month_turn_at_local_midnight(moment, year, quarter, month):
    with time_machine.travel(moment, tick=False):
        assert periods.this_year().first == date(year, 1, 1)
        assert periods.this_quarter().first == date(year, 3 * quarter - 2, 1)
        assert periods.this_month().first == date(year, month, 1)
