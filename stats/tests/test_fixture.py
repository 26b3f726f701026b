from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import F, Sum

from stats import totals
from stats.models import Baseline, DailyStat

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "40_stats.json"


@pytest.mark.django_db
def test_the_demo_continues_the_old_portals_counter_with_a_year_of_history():
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert Baseline.objects.get().page_views == 902_522
    assert DailyStat.objects.count() > 365
    history = DailyStat.objects.aggregate(total=Sum("page_views"))["total"]
    assert totals.counter()["all"] == 902_522 + history
    assert not DailyStat.objects.filter(visitors__gt=F("page_views")).exists()
    assert not DailyStat.objects.filter(mobile_visitors__gt=F("visitors")).exists()
