"""Every admin dashboard answers wrong input the same way (dolisa_site.dashboards): a 400 page with
the Vietnamese errors over the default period's figures; no export of another period than the one asked for."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROCEDURES, TRAFFIC, TRAFFIC_CSV = "admin:procedures_dashboard", "admin:stats_traffic", "admin:stats_traffic_csv"
BACKWARDS = "Ngày bắt đầu không được sau ngày kết thúc."
NOT_A_DATE = "Nhập một ngày hợp lệ."


@pytest.fixture(autouse=True)
def _one_day():
    with time_machine.travel(datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        yield


def procedures_range(start, end, **more):
    return {"ky": "khoang", "tu-ngay": start, "den-ngay": end, **more}


WRONG = {
    "procedures, backwards": (PROCEDURES, procedures_range("2026-03-10", "2026-03-01"), BACKWARDS),
    "procedures, over five years": (
        PROCEDURES,
        procedures_range("2020-01-01", "2026-03-01"),
        "Hãy chọn khoảng thời gian không quá năm năm.",
    ),
    "procedures, not a date": (PROCEDURES, procedures_range("hôm qua", "2026-03-01"), NOT_A_DATE),
    "procedures, a year out of range": (
        PROCEDURES,
        {"ky": "nam", "nam": "1999"},
        "Hãy chọn năm từ 2000 đến 2100.",
    ),
    "procedures, an unknown field": (PROCEDURES, {"linh-vuc": "999999"}, "Hãy chọn một trong các mục có sẵn."),
    "procedures, a right period and an unknown channel": (
        PROCEDURES,
        {"ky": "thang", "nam": "2026", "thang": "2", "kenh": "bo-cau"},
        "Hãy chọn một trong các mục có sẵn.",
    ),
    "procedures, Excel of a wrong period": (
        PROCEDURES,
        procedures_range("2026-03-10", "2026-03-01", xuat="xlsx"),
        BACKWARDS,
    ),
    "procedures, CSV of a wrong period": (
        PROCEDURES,
        procedures_range("2026-03-10", "2026-03-01", xuat="csv"),
        BACKWARDS,
    ),
    "procedures, report of a wrong period": (
        PROCEDURES,
        procedures_range("2026-03-10", "2026-03-01", **{"xuat": "bao-cao", "ky-bao-cao": "15/12/2025-14/03/2026"}),
        BACKWARDS,
    ),
    "procedures, report of no reporting period": (
        PROCEDURES,
        {"xuat": "bao-cao", "ky-bao-cao": "14/03/2026-15/12/2025"},
        "Hãy chọn một trong các kỳ báo cáo có sẵn.",
    ),
    "traffic, backwards": (TRAFFIC, {"tu-ngay": "2026-03-10", "den-ngay": "2026-03-01"}, BACKWARDS),
    "traffic, over a year": (
        TRAFFIC,
        {"tu-ngay": "2024-01-01", "den-ngay": "2026-03-01"},
        "Vui lòng chọn khoảng thời gian không quá một năm.",
    ),
    "traffic, not a date": (TRAFFIC, {"tu-ngay": "hôm qua", "den-ngay": "2026-03-01"}, NOT_A_DATE),
    "traffic, one end only": (TRAFFIC, {"tu-ngay": "2026-03-01"}, "Hãy chọn cả ngày bắt đầu và ngày kết thúc."),
    "traffic CSV, backwards": (TRAFFIC_CSV, {"tu-ngay": "2026-03-10", "den-ngay": "2026-03-01"}, BACKWARDS),
    "traffic CSV, over a year": (
        TRAFFIC_CSV,
        {"tu-ngay": "2024-01-01", "den-ngay": "2026-03-01"},
        "Vui lòng chọn khoảng thời gian không quá một năm.",
    ),
}


@pytest.mark.parametrize(("name", "query", "message"), WRONG.values(), ids=WRONG.keys())
def test_wrong_input_is_a_400_with_its_message_over_the_default_period(client, leader, name, query, message):
    client.force_login(leader)
    response = client.get(reverse(name), query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html"), "the page, never a file"
    html = response.content.decode()
    assert message in html
    assert "Một số lựa chọn không dùng được; số liệu dưới đây là của kỳ mặc định." in html
    form = response.context["period_form"]
    assert response.context["period"] == type(form).default()


@pytest.mark.parametrize(
    ("name", "query"),
    [
        (PROCEDURES, {}),
        (PROCEDURES, procedures_range("2026-03-01", "2026-03-10")),
        (TRAFFIC, {}),
        (TRAFFIC, {"tu-ngay": "2026-03-01", "den-ngay": "2026-03-10"}),
    ],
)
def test_right_or_no_input_is_a_200(client, leader, name, query):
    client.force_login(leader)
    response = client.get(reverse(name), query)
    assert response.status_code == 200
    assert "Một số lựa chọn không dùng được" not in response.content.decode()
    if query:
        assert response.context["period"] != type(response.context["period_form"]).default()


@pytest.mark.parametrize("name", [PROCEDURES, TRAFFIC, TRAFFIC_CSV])
def test_only_holders_of_the_permission_open_a_dashboard(client, editor, name):
    client.force_login(editor)
    assert client.get(reverse(name)).status_code == 403
