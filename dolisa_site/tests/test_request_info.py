import pytest
from django.test import RequestFactory

from dolisa_site.request_info import client_ip


@pytest.mark.parametrize(
    "proxies, forwarded, remote, expected",
    [
        (0, "1.1.1.1", "10.0.0.1", "10.0.0.1"),  # no proxy: the header is the visitor's own words
        (1, "203.0.113.5", "127.0.0.1", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "127.0.0.1", "203.0.113.5"),  # forged entry on the left is ignored
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "127.0.0.1", "203.0.113.5"),
        (1, "", "127.0.0.1", "127.0.0.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected
