from datetime import timedelta

from django.utils import timezone

from dolisa_site import dashboards

from . import clock

DEFAULT_DAYS = 30


def last_days():
    today = timezone.localdate(clock.now())
    return today - timedelta(days=DEFAULT_DAYS - 1), today


class PeriodForm(dashboards.PeriodForm):
    """The period for the dashboard's rankings and the CSV export: a range of days, the last 30 by default."""

    default = staticmethod(last_days)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        if not self.is_bound:
            self.initial = {**dict(zip(("tu-ngay", "den-ngay"), self.default())), **self.initial}
