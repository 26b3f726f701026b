"""Every header and parameter costs bounded time, whatever its size (issue 10, finding 1).

Nothing here is timed: the tests prove the bound itself. Parsers are handed
at most USER_AGENT_MAX_LENGTH characters of the User-Agent (what crawlerdetect
and user-agents receive is checked in stats/tests/test_user_agent_bound.py),
and a request whose header, address or query string is absurdly long is
answered 400 before any view reads it.
"""

import pytest
from django.test import RequestFactory

from dolisa_site import request_info

from .factories import make_menu, make_profile

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
LONG_AGENT = BROWSER + " " + "a" * 7000


@pytest.fixture
def site(db):
    make_menu()
    return make_profile()


def test_the_user_agent_as_parsers_see_it_is_cut():
    request = RequestFactory().get("/", HTTP_USER_AGENT=LONG_AGENT)
    assert request_info.user_agent(request) == LONG_AGENT[: request_info.USER_AGENT_MAX_LENGTH]
    assert request_info.USER_AGENT_MAX_LENGTH <= 512
    assert request_info.user_agent(RequestFactory().get("/")) == ""


def test_visitor_hashes_read_the_same_cut_agent():
    """Two agents that differ only past the cut are one browser to every rule."""
    first = RequestFactory().get("/", HTTP_USER_AGENT=LONG_AGENT + "x")
    second = RequestFactory().get("/", HTTP_USER_AGENT=LONG_AGENT + "y")
    assert request_info.visitor_hash(first, "k") == request_info.visitor_hash(second, "k")


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_USER_AGENT": "Mozilla/5.0 " + "a" * 65536},
        {"HTTP_X_ANYTHING": "b" * 65536},
        {"HTTP_COOKIE": "c=" + "d" * 65536},
        {"QUERY_STRING": "q=" + "e" * 65536},
    ],
    ids=["user-agent", "any-header", "cookie", "query-string"],
)
def test_a_64_kb_header_or_query_gets_the_vietnamese_400(client, site, extra, caplog, monkeypatch):
    read = []
    monkeypatch.setattr(request_info, "client_ip", lambda request: read.append(request) or "")
    response = client.get("/", **extra)
    assert response.status_code == 400
    assert "Không thể xử lý yêu cầu" in response.content.decode()
    assert read == []  # refused before any rule looked at the visitor
    assert "over the 8192-byte limit" in caplog.text


def test_a_64_kb_path_gets_the_400(client, site):
    assert client.get("/" + "a" * 65536 + "/").status_code == 400


def test_headers_up_to_the_limit_are_served(client, site, settings):
    assert settings.MAX_REQUEST_FIELD_BYTES == 8192
    name = "HTTP_X_ANYTHING"
    assert client.get("/", **{name: "b" * (8192 - len(name))}).status_code == 200
    assert client.get("/", **{name: "b" * (8193 - len(name))}).status_code == 400
    assert client.get("/", **{"HTTP_X_" + "N" * 65536: "1"}).status_code == 400  # a 64 KB header name


def test_many_headers_each_under_the_limit_are_refused_together(client, site, caplog):
    headers = {f"HTTP_X_PART_{number}": "c" * 4000 for number in range(10)}
    assert client.get("/", **headers).status_code == 400
    assert "the headers together is 40" in caplog.text
    assert client.get("/", **dict(list(headers.items())[:5])).status_code == 200


@pytest.mark.parametrize(
    "value, expected",
    [("12", 12), ("0", 0), ("", None), ("²", None), ("١٢", None), ("1" * 19, None), ("-3", None), (" 4", None)],
)
def test_ids_from_parameters_are_ascii_digits_of_bounded_length(value, expected):
    assert request_info.parse_id(value) == expected


@pytest.mark.parametrize(
    "path, status",
    [
        ("/lien-ket-website/chuyen/?lien-ket=%C2%B2", 404),
        ("/lien-ket-website/chuyen/?lien-ket=" + "9" * 4000, 404),
        ("/lien-ket-website/chuyen/?lien-ket=99999999999999999999", 404),
        # A topic that cannot exist is no filter: the list is shown.
        ("/hoi-dap/?chu-de=%C2%B2", 200),
        ("/hoi-dap/?chu-de=" + "9" * 4000, 200),
    ],
    ids=["link-superscript", "link-4000-digits", "link-too-big", "topic-superscript", "topic-4000-digits"],
)
def test_odd_digits_in_id_parameters_are_not_a_500(client, site, path, status):
    assert client.get(path).status_code == status
