import logging

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory

from dolisa_site.public_forms import handle_public_form
from dolisa_site.throttle import Throttle

SENDING = Throttle("test-public-form", limit=2, window=60)
logger = logging.getLogger("dolisa_site.tests.public_forms")


class NoteForm(forms.Form):
    body = forms.CharField()
    website = forms.CharField(required=False)  # the honeypot

    @property
    def is_spam(self):
        return bool(self.data.get("website"))


def post(data, address="203.0.113.9"):
    request = RequestFactory().post("/", data, REMOTE_ADDR=address)
    request._messages = CookieStorage(request)
    return request


def answer(request, saved):
    def render_form(form, throttled):
        return HttpResponse(f"throttled={throttled} errors={sorted(form.errors)}")

    return handle_public_form(
        request,
        NoteForm(request.POST),
        throttle=SENDING,
        render_form=render_form,
        save=lambda form: saved.append(form.cleaned_data["body"]),
        redirect_to="/done/#thong-bao",
        logger=logger,
        honeypot_warning="Note form: honeypot field filled in; dropped",
        success_message="Thanks",
    )


def test_a_valid_post_is_saved_counted_and_redirected():
    saved = []
    request = post({"body": "hello"})
    response = answer(request, saved)
    assert (response.status_code, response["Location"]) == (302, "/done/#thong-bao")
    assert saved == ["hello"]
    assert [m.message for m in get_messages(request)] == ["Thanks"]
    assert SENDING.record(post({})) == 2  # the post was counted for this address


def test_an_invalid_post_is_shown_again_with_400_and_not_counted():
    saved = []
    response = answer(post({"body": ""}), saved)
    assert response.status_code == 400
    assert response.content == b"throttled=False errors=['body']"
    assert saved == []
    assert SENDING.record(post({})) == 1  # not counted before


def test_over_the_limit_the_page_comes_back_with_429_and_nothing_is_saved():
    saved = []
    for _ in range(SENDING.limit):
        assert answer(post({"body": "hello"}), saved).status_code == 302
    response = answer(post({"body": "again"}), saved)
    assert response.status_code == 429
    assert response.content == b"throttled=True errors=[]"
    assert saved == ["hello", "hello"]
    assert answer(post({"body": "other"}, address="198.51.100.4"), saved).status_code == 302


def test_the_honeypot_answers_like_success_stores_nothing_and_logs(caplog):
    saved = []
    request = post({"body": "buy now", "website": "http://spam.example"})
    with caplog.at_level(logging.WARNING, logger=logger.name):
        response = answer(request, saved)
    assert (response.status_code, response["Location"]) == (302, "/done/#thong-bao")
    assert saved == []
    assert [m.message for m in get_messages(request)] == ["Thanks"]
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records if r.name == logger.name] == [
        (logger.name, logging.WARNING, "Note form: honeypot field filled in; dropped")
    ]
    assert SENDING.record(post({})) == 2  # a robot's post counts against its address too


def test_on_spam_runs_only_for_the_honeypot():
    calls = []

    def run(data):
        return handle_public_form(
            post(data),
            NoteForm(data),
            throttle=SENDING,
            render_form=lambda form, throttled: HttpResponse(),
            save=lambda form: calls.append("save"),
            redirect_to="/done/",
            logger=logger,
            honeypot_warning="dropped",
            on_spam=lambda: calls.append("spam"),
        )

    run({"body": "x", "website": "y"})
    run({"body": "x"})
    assert calls == ["spam", "save"]
