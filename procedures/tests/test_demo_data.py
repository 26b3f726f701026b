"""The demo data makes the results widget show exactly the department's example."""

import pytest
from django.core.management import call_command
from django.test import Client

from procedures import counting, rollups
from procedures.models import DailyRollup, Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("setup_demo", verbosity=0)


def test_widget_shows_the_example_figures_on_first_run(demo):
    html = Client().get("/").content.decode()
    widget = html[html.index("widget--results") :]
    for figure, text in [
        ("received", "298"),
        ("resolved", "283"),
        ("early", '270 <span class="results-widget__percent">(95%)</span>'),
        ("on_time", '283 <span class="results-widget__percent">(100%)</span>'),
        ("late", '0 <span class="results-widget__percent">(0%)</span>'),
    ]:
        assert f'data-figure="{figure}">{text}</dd>' in widget
    assert "Tự động cập nhật lúc" in widget


def test_demo_rollups_agree_with_a_rebuild_and_raw_counts(demo):
    from procedures import periods

    year = periods.this_year()
    before = rollups.figures(DailyRollup.objects.all(), year.first, year.last)[0]
    rollups.rebuild()
    assert rollups.figures(DailyRollup.objects.all(), year.first, year.last)[0] == before
    assert counting.tally(Dossier.objects.all(), year.first, year.last) == before
