"""The content policy built once per origin (content_policy.CSPMiddleware) is the policy django-csp builds."""

import pytest
from csp.constants import NONCE
from csp.decorators import csp_exempt, csp_update
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import path

from dolisa_site.content_policy import CSPMiddleware


def plain(request):
    return HttpResponse("<p>plain</p>")


@csp_update({"img-src": ["https://maps.example"]})
def with_maps(request):
    return HttpResponse("<p>maps</p>")


@csp_exempt()
def exempt(request):
    return HttpResponse("<p>exempt</p>")


def with_nonce(request):
    return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")


urlpatterns = [
    path("plain/", plain),
    path("maps/", with_maps),
    path("exempt/", exempt),
    path("nonce/", with_nonce),
]

pytestmark = pytest.mark.urls(__name__)


def directives(response):
    return dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))


@pytest.fixture
def hosts(settings):
    settings.ALLOWED_HOSTS = ["testserver", "portal.example"]


def test_each_origin_gets_its_own_static_source(client, hosts):
    assert directives(client.get("/plain/"))["script-src"].startswith("http://testserver/static/")
    other = client.get("/plain/", HTTP_HOST="portal.example", secure=True)
    assert directives(other)["script-src"].startswith("https://portal.example/static/")
    assert directives(client.get("/plain/"))["script-src"].startswith("http://testserver/static/")


def test_the_policy_kept_for_an_origin_is_the_one_built_for_each_response():
    middleware = CSPMiddleware(lambda request: HttpResponse("<p>plain</p>"))
    middleware(RequestFactory().get("/plain/"))  # builds the policy and keeps it
    request = RequestFactory().get("/plain/")
    kept = middleware(request)["Content-Security-Policy"]
    built = BaseCSPMiddleware.process_response(middleware, request, HttpResponse())["Content-Security-Policy"]
    assert kept == built and "http://testserver/static/" in kept


def test_a_view_that_changes_the_policy_gets_its_own_and_leaves_the_kept_one_alone(client, hosts):
    before = directives(client.get("/plain/"))
    changed = directives(client.get("/maps/"))
    assert "https://maps.example" in changed["img-src"]
    assert directives(client.get("/plain/")) == before
    assert "https://maps.example" not in before["img-src"]


def test_an_exempt_view_gets_no_policy_even_after_a_kept_one(client, hosts):
    client.get("/plain/")
    assert "Content-Security-Policy" not in client.get("/exempt/").headers


def test_a_nonce_is_in_the_header_of_the_page_that_used_it(client, hosts, settings):
    policy = settings.CONTENT_SECURITY_POLICY
    script = [*policy["DIRECTIVES"]["script-src"], NONCE]
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": {**policy["DIRECTIVES"], "script-src": script}}
    client.get("/plain/")
    response = client.get("/nonce/")
    nonce = response.content.decode().split("nonce='")[1].split("'")[0]
    assert f"'nonce-{nonce}'" in directives(response)["script-src"]
    assert "nonce-" not in directives(client.get("/plain/"))["script-src"]
