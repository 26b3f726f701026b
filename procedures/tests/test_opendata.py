"""The open datasets (/du-lieu-mo/…): the results per period, field and channel are the dashboard's
figures for the same query; wrong queries are a 400 in Vietnamese; any site may read them."""

import csv
import io
import random
import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from procedures.models import PENDING_STATUSES, Channel, DossierStatus, Level

from .factories import make_dossier, make_procedure, make_sector

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"
RESULTS_JSON = "/du-lieu-mo/ket-qua-thu-tuc.json"
RESULTS_CSV = "/du-lieu-mo/ket-qua-thu-tuc.csv"
PROCEDURES_JSON = "/du-lieu-mo/thu-tuc-hanh-chinh.json"
PROCEDURES_CSV = "/du-lieu-mo/thu-tuc-hanh-chinh.csv"
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=LOCAL)
PERIODS = [
    {},  # this year, pending as of now
    {"ky": "quy", "nam": 2026, "quy": 1},  # under way
    {"ky": "thang", "nam": 2026, "thang": 1},  # closed: pending as of 31/01 23:59:59
    {"ky": "khoang", "tu-ngay": "2025-12-15", "den-ngay": "2026-02-14"},  # ragged ends, across a year
]
FIGURE_NAMES = (
    "received",
    "resolved",
    "early",
    "on_time",
    "late",
    "returned",
    "withdrawn",
    "pending_within",
    "pending_overdue",
    "early_percent",
    "on_time_percent",
    "late_percent",
    "average_processing_days",
)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def catalogue():
    work, merit, social = make_sector("Việc làm", 1), make_sector("Người có công", 2), make_sector("Bảo trợ xã hội", 3)
    return [
        make_procedure("1.000001", "Trợ cấp thất nghiệp", work, 5, fees="Không"),
        make_procedure("1.000002", "Hỗ trợ học nghề", work, 8, level=Level.DISTRICT),
        make_procedure("1.000011", "Giấy giới thiệu thăm viếng mộ liệt sĩ", merit, 1, fees="=1+2"),
        make_procedure("1.000021", "Trợ cấp xã hội hằng tháng", social, 10, level=Level.COMMUNE),
    ]


@pytest.fixture
def dossiers(catalogue):
    """120 dossiers received from November 2025 to just before now, of every channel and status."""
    rng = random.Random(14)
    start = datetime(2025, 11, 1, 7, 0, tzinfo=LOCAL)
    span = (NOW - timedelta(hours=1) - start).total_seconds()
    for number in range(120):
        received = start + timedelta(seconds=int(rng.random() * span))
        due = received + timedelta(hours=rng.randint(4, 24 * 20))
        status = rng.choice(list(DossierStatus))
        result = received + timedelta(hours=rng.randint(1, 24 * 25)) if status not in PENDING_STATUSES else None
        if result is not None and result > NOW:
            status, result = DossierStatus.PROCESSING, None
        make_dossier(
            f"HS-{number:03d}",
            rng.choice(catalogue),
            received=f"{received:%d/%m/%Y %H:%M}",
            due=f"{due:%d/%m/%Y %H:%M}",
            result=f"{result:%d/%m/%Y %H:%M}" if result else None,
            status=status,
            channel=rng.choice(list(Channel)),
        )
    return catalogue


def dashboard_row(view):
    """The dashboard's figures, as the dataset names them."""
    figures, pending = view.figures, view.pending
    return {
        "received": figures.received,
        "resolved": figures.resolved,
        "early": figures.early,
        "on_time": figures.on_time,
        "late": figures.late,
        "returned": figures.returned,
        "withdrawn": figures.withdrawn,
        "pending_within": pending.within,
        "pending_overdue": pending.overdue,
        "early_percent": figures.early_percent,
        "on_time_percent": figures.on_time_percent,
        "late_percent": figures.late_percent,
        "average_processing_days": figures.average_processing_days,
    }


def figures_of(entry):
    return {name: entry[name] for name in FIGURE_NAMES}


def test_the_open_data_json_for_a_period_equals_the_dashboards_figures(leader, dossiers):
    staff = Client()
    staff.force_login(leader)

    def dashboard(query):
        return staff.get(DASHBOARD, query).context["view"]

    field = dossiers[0].sector
    seen = set()
    for period in PERIODS:
        for query in ({}, {"linh-vuc": field.pk}):
            where = (period, query)
            response = Client().get(RESULTS_JSON, {**period, **query})
            assert response.status_code == 200, where
            data = response.json()
            view = dashboard({**period, **query})

            assert figures_of(data["total"]) == dashboard_row(view), where
            assert (data["period"]["first"], data["period"]["last"]) == (
                view.period.first.isoformat(),
                view.period.last.isoformat(),
            ), where
            assert data["period"]["label"] == view.period.label
            assert datetime.fromisoformat(data["pending_at"]) == view.pending_at, where
            assert datetime.fromisoformat(data["generated_at"]) == NOW

            # Each field's row is the dashboard filtered by that field, and its line in the dashboard's table.
            by_field = dict(view.by_field)
            sectors = [entry["id"] for entry in data["by_sector"]]
            assert sectors == ([field.pk] if query else [sector.pk for sector in {p.sector: 0 for p in dossiers}])
            for entry in data["by_sector"]:
                shown = dashboard({**period, "linh-vuc": entry["id"]})
                assert figures_of(entry) == dashboard_row(shown), (where, entry["name"])
                assert entry["received"] == by_field[entry["name"]].received if entry["name"] in by_field else True
                assert entry["pending_overdue"] == view.overdue_by_field.get(entry["name"], 0), (where, entry["name"])
            # Each channel's row is the dashboard filtered by that channel (and the field).
            assert [entry["code"] for entry in data["by_channel"]] == list(Channel.values)
            for entry in data["by_channel"]:
                shown = dashboard({**period, **query, "kenh": entry["code"]})
                assert figures_of(entry) == dashboard_row(shown), (where, entry["code"])
            seen.add((view.pending_is_now, data["total"]["pending_overdue"] > 0, data["total"]["resolved"] > 0))
    # Pending counted as of now and as of a period's end, with figures to compare in both.
    assert {(True, True, True), (False, True, True)} <= seen


def test_the_csv_holds_the_json_figures(dossiers):
    query = {"ky": "quy", "nam": 2026, "quy": 1}
    data = Client().get(RESULTS_JSON, query).json()
    response = Client().get(RESULTS_CSV, query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "ket-qua-thu-tuc-20260101-20260331.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["scope"], row["id"]) for row in rows] == [
        ("total", ""),
        *(("sector", str(entry["id"])) for entry in data["by_sector"]),
        *(("channel", entry["code"]) for entry in data["by_channel"]),
    ]
    expected = [data["total"], *data["by_sector"], *data["by_channel"]]
    for row, entry in zip(rows, expected, strict=True):
        assert (row["first"], row["last"]) == ("2026-01-01", "2026-03-31")
        assert {name: row[name] for name in FIGURE_NAMES} == {
            name: "" if entry[name] is None else str(entry[name]) for name in FIGURE_NAMES
        }


def test_the_json_states_its_period_rules_and_licence(dossiers):
    query = {"ky": "thang", "nam": 2026, "thang": 2, "linh-vuc": dossiers[2].sector_id}
    data = Client().get(RESULTS_JSON, query).json()
    assert data["dataset"] == "ket-qua-thu-tuc"
    assert data["period"] == {"kind": "thang", "label": "Tháng 02/2026", "first": "2026-02-01", "last": "2026-02-28"}
    assert data["filters"] == {"linh-vuc": {"id": dossiers[2].sector_id, "name": "Người có công"}}
    assert "trễ hạn" in data["counting_rules"].lower() or "late" in data["counting_rules"]
    assert data["documentation"] == "http://testserver/du-lieu-mo/#ket-qua-thu-tuc"
    assert data["license"]["name"] == "CC BY 4.0"
    assert datetime.fromisoformat(data["pending_at"]) == datetime(2026, 2, 28, 23, 59, 59, 999999, tzinfo=LOCAL)


@pytest.mark.parametrize("address", [RESULTS_JSON, RESULTS_CSV])
@pytest.mark.parametrize(
    "query",
    [
        {"ky": "x"},
        {"nam": "99999999999"},
        {"ky": "quy", "nam": 2026, "quy": "5"},
        {"ky": "thang", "nam": 2026},
        {"linh-vuc": "abc"},
        {"linh-vuc": "99999999999999999999999"},
        {"ky": "khoang", "tu-ngay": "2026-13-45", "den-ngay": "2026-01-31"},
        {"ky": "khoang", "tu-ngay": "2026-02-01", "den-ngay": "2026-01-31"},
        {"ky": "khoang", "tu-ngay": "2000-01-01", "den-ngay": "2026-01-31"},
        {"ky": "khoang", "tu-ngay": "2026-01-01"},
        {"nam": "<script>"},
    ],
)
def test_a_wrong_query_is_a_400_in_vietnamese(catalogue, address, query):
    response = Client().get(address, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["errors"] and body["error"].startswith("Không trả lời được truy vấn")
    assert "private" in response["Cache-Control"]  # never kept by the page cache or a proxy


def test_any_site_may_read_them_and_they_are_cached_publicly(dossiers):
    for address in (RESULTS_JSON, RESULTS_CSV, PROCEDURES_JSON, PROCEDURES_CSV):
        first = Client().get(address, {"ky": "quy", "nam": 2026, "quy": 1})
        assert first.status_code == 200, address
        assert first["Access-Control-Allow-Origin"] == "*", address
        assert first["Cache-Control"] == "public, max-age=0, must-revalidate", address
        again = Client().get(address, {"ky": "quy", "nam": 2026, "quy": 1})
        assert again["X-Page-Cache"] == "hit", address
        assert again["Access-Control-Allow-Origin"] == "*", address
        assert Client().post(address).status_code == 405, address


def test_a_new_dossier_shows_in_the_next_answer(dossiers):
    query = {"ky": "quy", "nam": 2026, "quy": 1}
    before = Client().get(RESULTS_JSON, query).json()["total"]["received"]
    make_dossier("HS-NEW", dossiers[0], received="09/03/2026 09:00", due="16/03/2026 17:00")
    assert Client().get(RESULTS_JSON, query).json()["total"]["received"] == before + 1


def test_the_procedures_in_force(catalogue):
    catalogue[1].is_active = False
    catalogue[1].save()
    data = Client().get(PROCEDURES_JSON).json()
    assert data["count"] == 3
    assert [row["code"] for row in data["procedures"]] == ["1.000001", "1.000011", "1.000021"]
    assert data["procedures"][0] == {
        "code": "1.000001",
        "name": "Trợ cấp thất nghiệp",
        "sector_id": catalogue[0].sector_id,
        "sector": "Việc làm",
        "level": "tinh",
        "level_name": "Cấp tỉnh",
        "processing_days": 5,
        "online_level": "toan-trinh",
        "online_level_name": "Toàn trình",
        "fees": "Không",
        "url": "http://testserver/thu-tuc-hanh-chinh/1.000001/",
    }
    assert datetime.fromisoformat(data["modified"]) == NOW
    response = Client().get(PROCEDURES_CSV)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == list(data["procedures"][0])
    assert [row[0] for row in rows[1:]] == ["1.000001", "1.000011", "1.000021"]
    assert rows[2][9] == "'=1+2"  # never a formula in a spreadsheet


def test_the_statistics_page_links_to_its_figures_as_open_data(dossiers):
    query = {"ky": "thang", "nam": 2026, "thang": 2, "linh-vuc": dossiers[0].sector_id}
    html = Client().get("/thu-tuc-hanh-chinh/thong-ke/", query).content.decode()
    links = re.findall(r'href="(/du-lieu-mo/ket-qua-thu-tuc\.(?:json|csv)[^"]*)"', html)
    assert len(links) == 2
    data = Client().get(unescape(links[0])).json()
    assert (data["period"]["label"], data["filters"]["linh-vuc"]["id"]) == ("Tháng 02/2026", dossiers[0].sector_id)
    assert Client().get(unescape(links[1])).status_code == 200
    refused = Client().get("/thu-tuc-hanh-chinh/thong-ke/", {"ky": "x"})
    assert refused.status_code == 400 and b"/du-lieu-mo/ket-qua-thu-tuc" not in refused.content
