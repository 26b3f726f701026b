"""The Decree 42 pages (weekly schedule, drafts for comment, duty sections, open data) run the same number of
queries whatever they list: page cache off, every cache cold, few rows against many."""

from datetime import timedelta
from itertools import count as numbers

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import Attachment as DraftAttachment
from consultations.tests.factories import make_comment, make_draft
from consultations.tests.factories import pdf_upload as draft_pdf
from disclosures.models import Attachment as ItemAttachment
from disclosures.tests.factories import make_item as make_disclosure
from disclosures.tests.factories import pdf_upload as item_pdf
from procedures.tests.factories import make_procedure
from schedule.models import Week
from schedule.tests.factories import make_item, make_week

pytestmark = pytest.mark.django_db
# A Wednesday: the week runs from Monday 30/11/2026.
NOW = "2026-12-02 09:00 +07:00"
SERIAL = numbers(1)


def add_rows(count):
    """`count` more of everything the pages list, each with what it shows beside it (files, comments, items)."""
    monday = Week.for_date(timezone.localdate()).starts_on
    week = Week.objects.filter(starts_on=monday).first() or make_week(monday)
    for _row in range(count):
        number = next(SERIAL)
        day = monday + timedelta(days=number % 5)
        make_item(week, day, f"{8 + number % 8:02d}:00", f"Họp số {number}")
        draft = make_draft(title=f"Dự thảo số {number}")
        DraftAttachment.objects.create(draft=draft, file=draft_pdf())
        make_comment(draft)
        item = make_disclosure(title=f"Công khai số {number}")
        ItemAttachment.objects.create(item=item, file=item_pdf())
        make_procedure(code=f"9.{number:06d}", name=f"Thủ tục {number}")


def pages():
    from consultations.models import Draft
    from disclosures.models import Disclosure

    return {
        "schedule": "/lich-cong-tac/",
        "drafts": "/lay-y-kien-du-thao/",
        "a draft": Draft.objects.order_by("pk").first().get_absolute_url(),
        "a section": "/cong-khai/ngan-sach/",
        "an item": Disclosure.objects.order_by("pk").first().get_absolute_url(),
        "procedures open data": "/du-lieu-mo/thu-tuc-hanh-chinh.json",
    }


def cold_counts(client):
    counts = {}
    for name, url in pages().items():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[name] = len(captured)
    return counts


@time_machine.travel(NOW, tick=False)
def test_the_duty_pages_run_as_many_queries_for_many_rows_as_for_few(client, settings):
    settings.PAGE_CACHE = False
    add_rows(2)
    few = cold_counts(client)
    add_rows(8)
    assert cold_counts(client) == few
