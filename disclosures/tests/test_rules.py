"""The rules of the duty sections' items: schedule, closing time, kinds per section, stored text."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosures.models import SECTION_KINDS, Disclosure, DisclosureKind, DisclosureSection

from .factories import make_item

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone())
HOUR = timedelta(hours=1)


def test_an_item_is_shown_from_its_published_at_while_published():
    make_item(title="Đã đăng", published_at=NOW - HOUR)
    make_item(title="Hẹn giờ", published_at=NOW + HOUR)
    make_item(title="Bản nháp", published_at=NOW - HOUR, is_published=False)
    assert [item.title for item in Disclosure.objects.published(NOW)] == ["Đã đăng"]
    assert {item.title for item in Disclosure.objects.published(NOW + 2 * HOUR)} == {"Đã đăng", "Hẹn giờ"}


def test_the_next_change_by_the_clock_is_an_item_appearing_or_a_deadline_passing():
    make_item(published_at=NOW + 3 * HOUR)
    make_item(published_at=NOW - HOUR, closes_at=NOW + 2 * HOUR)
    make_item(published_at=NOW - HOUR, closes_at=NOW + HOUR, is_published=False)  # a draft changes nothing shown
    assert Disclosure.objects.due_changes_after(NOW) == NOW + 2 * HOUR
    assert Disclosure.objects.due_changes_after(NOW + 2 * HOUR) == NOW + 3 * HOUR
    assert Disclosure.objects.due_changes_after(NOW + 3 * HOUR) is None


def test_an_item_is_past_its_deadline_from_the_closing_time_on():
    item = make_item(closes_at=NOW)
    assert not item.is_closed(NOW - timedelta(seconds=1))
    assert item.is_closed(NOW)
    assert not make_item(closes_at=None).is_closed(NOW)


def test_the_deadline_is_shown_and_marked_past_once_it_has_passed(client, settings):
    """No save happens at the deadline: the kept pages (at most 60 s) must follow the clock."""
    settings.PAGE_CACHE = True
    cache.clear()
    with time_machine.travel(NOW, tick=False) as clock:
        item = make_item(section="tuyen-dung", kind="thong-bao-tuyen-dung", closes_at=NOW + timedelta(seconds=30))
        pages = (item.get_absolute_url(), item.section_url())
        for _ in range(2):  # built, then kept
            for address in pages:
                page = client.get(address).content.decode()
                assert "Hạn nộp hồ sơ" in page and "09:00 02/03/2026" in page and "Đã hết hạn" not in page
        clock.shift(29)
        assert all("Đã hết hạn" not in client.get(address).content.decode() for address in pages)
        clock.shift(2)
        assert all("Đã hết hạn" in client.get(address).content.decode() for address in pages)


def test_a_kind_of_another_section_is_refused_in_vietnamese():
    item = Disclosure(section="tuyen-dung", kind="du-toan", year=2026, title="Thông báo tuyển dụng")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    message = error.value.message_dict["kind"][0]
    assert "không thuộc chuyên mục" in message and "Thông báo tuyển dụng" in message


def test_every_section_has_kinds_and_every_kind_one_section():
    assert set(SECTION_KINDS) == set(DisclosureSection)
    kinds = [kind for section_kinds in SECTION_KINDS.values() for kind in section_kinds]
    assert sorted(kinds) == sorted(DisclosureKind)
    for section, section_kinds in SECTION_KINDS.items():
        for kind in section_kinds:
            Disclosure(section=section, kind=kind, year=2026, title="x", slug="x").full_clean()


def test_a_year_out_of_range_is_refused():
    with pytest.raises(ValidationError) as error:
        Disclosure(section="ngan-sach", kind="du-toan", year=99999, title="x", slug="x").full_clean()
    assert "year" in error.value.message_dict


def test_the_body_is_sanitised_and_the_search_text_folded_on_save():
    item = make_item(title="Kết quả LỰA CHỌN nhà thầu", body='<p onclick="x()">Kết quả</p><script>alert(1)</script>')
    assert item.body == "<p>Kết quả</p>"
    assert " ket qua lua chon nha thau " in item.search_text


def test_slugs_are_unique_per_title():
    first, second = make_item(title="Kế hoạch năm 2026"), make_item(title="Kế hoạch năm 2026")
    assert (first.slug, second.slug) == ("ke-hoach-nam-2026", "ke-hoach-nam-2026-2")
