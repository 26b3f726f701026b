"""Dates and numbers are written the way department sites write them."""

from datetime import datetime, timezone

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template
from django.utils import translation


def render(source, **context):
    return Template(source).render(Context(context))


def test_datetime_format_names_the_weekday_in_words():
    moment = datetime(2021, 3, 26, 8, 13, tzinfo=timezone.utc)  # 15:13 in Hà Nội
    assert render('{{ t|date:"DATETIME_FORMAT" }}', t=moment) == "Thứ sáu, 26/03/2021, 15:13"


@pytest.mark.parametrize(
    "day, name",
    [
        (22, "Thứ hai"),
        (23, "Thứ ba"),
        (24, "Thứ tư"),
        (25, "Thứ năm"),
        (26, "Thứ sáu"),
        (27, "Thứ bảy"),
        (28, "Chủ nhật"),
    ],
)
def test_every_weekday_is_written_out(day, name):
    moment = datetime(2021, 3, day, 3, 0, tzinfo=timezone.utc)
    assert render('{{ t|date:"l" }}', t=moment) == name


def test_short_date_is_day_month_year():
    assert (
        render('{{ t|date:"SHORT_DATE_FORMAT" }}', t=datetime(2020, 7, 24, 1, 23, tzinfo=timezone.utc)) == "24/07/2020"
    )


def test_times_are_shown_in_vietnam_time_across_midnight():
    late_utc = datetime(2024, 12, 31, 17, 30, tzinfo=timezone.utc)  # already 1 January in Vietnam
    assert render('{{ t|date:"DATETIME_FORMAT" }}', t=late_utc) == "Thứ tư, 01/01/2025, 00:30"


@pytest.mark.parametrize("value, text", [(902522, "902.522"), (1000, "1.000"), (999, "999"), (1234567, "1.234.567")])
def test_numbers_are_grouped_with_dots(value, text):
    assert intcomma(value) == text


def test_language_is_vietnamese():
    assert translation.get_language() == "vi"
