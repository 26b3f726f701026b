from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from polls.models import Choice, Poll

from .factories import make_poll

pytestmark = pytest.mark.django_db


def vote(client, poll, choice=None, **extra):
    data = {"phuong-an": choice.pk if choice else ""}
    return client.post(reverse("polls:vote", args=[poll.pk]), data, follow=True, **extra)


def test_vote_then_see_results_with_counts_and_percentages(client):
    poll = make_poll()
    response = vote(client, poll, poll.choices.first())
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("polls:results", args=[poll.pk])
    assert "phiếu bình chọn đã được ghi nhận" in page
    assert "1 phiếu (100,0%)" in page and "0 phiếu (0,0%)" in page
    assert "Tổng cộng 1 phiếu" in page


def test_voting_twice_is_refused_with_a_message(client):
    poll = make_poll()
    first, second = poll.choices.all()[:2]
    vote(client, poll, first)
    page = vote(client, poll, second).content.decode()
    assert "Bạn đã bình chọn trong cuộc thăm dò này" in page
    assert Choice.objects.get(pk=second.pk).votes == 0


def test_voting_twice_without_the_cookie_is_refused_by_the_visitor_key(client):
    poll = make_poll()
    first, second = poll.choices.all()[:2]
    vote(client, poll, first)
    client.cookies.clear()
    page = vote(client, poll, second).content.decode()
    assert "Bạn đã bình chọn trong cuộc thăm dò này" in page
    assert Poll.objects.get().total_votes == 1


def test_another_visitor_may_vote(client):
    poll = make_poll()
    vote(client, poll, poll.choices.first())
    client.cookies.clear()
    vote(client, poll, poll.choices.first(), REMOTE_ADDR="198.51.100.20")
    assert Poll.objects.get().total_votes == 2


def test_voting_on_a_closed_poll_shows_results_only(client):
    poll = make_poll(closes_at=timezone.now() - timedelta(hours=1))
    page = vote(client, poll, poll.choices.first()).content.decode()
    assert "Cuộc thăm dò này đã kết thúc" in page
    assert Poll.objects.get().total_votes == 0
    detail = client.get(poll.get_absolute_url()).content.decode()
    assert 'name="phuong-an"' not in detail and "Kết quả" in detail


def test_voting_without_a_choice_asks_for_one(client):
    poll = make_poll()
    page = vote(client, poll).content.decode()
    assert "Vui lòng chọn một phương án" in page
    assert 'name="phuong-an"' in page


def test_get_on_the_vote_address_is_refused(client):
    poll = make_poll()
    assert client.get(reverse("polls:vote", args=[poll.pk])).status_code == 405


def test_unpublished_poll_is_not_found(client):
    poll = make_poll(is_published=False)
    assert client.get(poll.get_absolute_url()).status_code == 404
    assert client.post(reverse("polls:vote", args=[poll.pk]), {"phuong-an": "1"}).status_code == 404


def test_open_poll_shows_a_ballot_until_voted(client):
    poll = make_poll()
    assert 'name="phuong-an"' in client.get(poll.get_absolute_url()).content.decode()
    vote(client, poll, poll.choices.first())
    assert 'name="phuong-an"' not in client.get(poll.get_absolute_url()).content.decode()


def test_sidebar_block_shows_the_open_poll_then_its_results(client):
    poll = make_poll()
    page = client.get("/").content.decode()
    assert "widget--poll" in page and 'name="phuong-an"' in page
    vote(client, poll, poll.choices.last())
    page = client.get("/").content.decode()
    assert "widget--poll" in page and "Tổng cộng 1 phiếu" in page


def test_no_sidebar_block_without_an_open_poll(client):
    make_poll(closes_at=timezone.now() - timedelta(days=1))
    assert "widget--poll" not in client.get("/").content.decode()


def test_the_sidebar_block_holds_the_newest_open_poll_and_its_choices_in_order():
    from polls.views import _read_current

    now = timezone.now()
    make_poll(question="Câu hỏi cũ hơn", opens_at=now - timedelta(days=5))
    poll = make_poll(choices=("Một", "Hai", "Ba"), opens_at=now - timedelta(days=1))
    make_poll(question="Câu hỏi đã đóng", opens_at=now - timedelta(hours=2), closes_at=now - timedelta(hours=1))
    make_poll(question="Câu hỏi chưa đăng", is_published=False)
    Choice.objects.filter(poll=poll, text="Một").update(order=9, votes=3)
    Choice.objects.filter(poll=poll, text="Ba").update(votes=1)
    current = _read_current(now)[1]
    assert (current["id"], current["question"], current["url"]) == (poll.pk, poll.question, poll.get_absolute_url())
    assert (current["results"], current["total"]) == poll.results()
    assert [(choice["text"], choice["percent"]) for choice in current["results"]] == [
        ("Hai", 0.0),
        ("Ba", 25.0),
        ("Một", 75.0),
    ]
    # A poll without choices yet is still the poll shown.
    empty = make_poll(question="Chưa có phương án", choices=(), opens_at=now - timedelta(minutes=1))
    assert _read_current(now)[1] == {
        "id": empty.pk,
        "question": "Chưa có phương án",
        "results": [],
        "total": 0,
        "url": empty.get_absolute_url(),
    }


def test_the_sidebar_block_answers_the_next_opening_or_closing_as_the_due_function_does():
    """The cache takes polls' next scheduled moment from the sidebar block's own query
    (dolisa_site.scheduled) and keeps it for the polls' pages too: it must be the very one."""
    from polls.views import _read_current

    now, hour = timezone.now(), timedelta(hours=1)

    def moment():
        found = _read_current(now)[0]
        assert found == Poll.objects.due_changes_after(now)
        return found

    assert moment() is None
    make_poll(question="Đang mở")
    assert moment() is None
    closing = make_poll(question="Sắp đóng", closes_at=now + 5 * hour)
    assert moment() == now + 5 * hour
    make_poll(question="Sắp mở", opens_at=now + 3 * hour)
    make_poll(question="Chưa đăng", opens_at=now + hour, is_published=False)
    assert moment() == now + 3 * hour
    Poll.objects.filter(pk=closing.pk).update(closes_at=now + 2 * hour)
    assert moment() == now + 2 * hour
    assert _read_current(now)[1]["question"] == "Sắp đóng"


@pytest.mark.parametrize("change", ["opens_at", "closes_at"])
def test_a_poll_opens_and_closes_in_the_sidebar_at_its_time(client, change):
    """No save happens at the scheduled moment: the cached block and page must follow the clock."""
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone()), tick=False) as clock:
        moment = timezone.now() + timedelta(seconds=30)
        make_poll(question="Câu hỏi theo lịch", **{change: moment})
        shown_before = change == "closes_at"
        for _ in range(2):  # built, then served from the cache
            assert ("Câu hỏi theo lịch" in client.get("/").content.decode()) is shown_before
        clock.shift(29)
        assert ("Câu hỏi theo lịch" in client.get("/").content.decode()) is shown_before
        clock.shift(2)
        assert ("Câu hỏi theo lịch" in client.get("/").content.decode()) is not shown_before


def test_list_separates_open_and_closed_polls(client):
    make_poll(question="Câu hỏi đang mở")
    make_poll(question="Câu hỏi đã đóng", closes_at=timezone.now() - timedelta(days=1))
    page = client.get(reverse("polls:list")).content.decode()
    assert (
        page.index("Đang thăm dò")
        < page.index("Câu hỏi đang mở")
        < page.index("Đã kết thúc")
        < page.index("Câu hỏi đã đóng")
    )


def test_reviewer_creates_a_poll_in_the_admin(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:polls_poll_add"),
        {
            "question": "Bạn biết đến Cổng thông tin qua kênh nào?",
            "description": "",
            "opens_at_0": "01/11/2026",
            "opens_at_1": "08:00:00",
            "closes_at_0": "",
            "closes_at_1": "",
            "is_published": "on",
            "choices-TOTAL_FORMS": "2",
            "choices-INITIAL_FORMS": "0",
            "choices-MIN_NUM_FORMS": "0",
            "choices-MAX_NUM_FORMS": "1000",
            "choices-0-text": "Báo chí",
            "choices-0-order": "0",
            "choices-1-text": "Mạng xã hội",
            "choices-1-order": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Poll.objects.get().choices.count() == 2


def test_admin_refuses_a_poll_closing_before_it_opens(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:polls_poll_add"),
        {
            "question": "Câu hỏi",
            "opens_at_0": "10/11/2026",
            "opens_at_1": "08:00:00",
            "closes_at_0": "01/11/2026",
            "closes_at_1": "08:00:00",
            "is_published": "on",
            "choices-TOTAL_FORMS": "0",
            "choices-INITIAL_FORMS": "0",
            "choices-MIN_NUM_FORMS": "0",
            "choices-MAX_NUM_FORMS": "1000",
        },
    )
    assert "Ngày đóng phải sau ngày mở" in response.content.decode()


def test_editor_cannot_manage_polls(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:polls_poll_add")).status_code == 403


def test_sidebar_block_is_left_out_on_the_polls_own_pages(client):
    poll = make_poll()
    assert "widget--poll" not in client.get(poll.get_absolute_url()).content.decode()
    assert "widget--poll" not in client.get(reverse("polls:results", args=[poll.pk])).content.decode()


@pytest.mark.parametrize("choice", ["²", "9" * 30, "-1"])
def test_an_odd_choice_number_asks_for_a_choice_instead_of_failing(client, choice):
    poll = make_poll()
    response = client.post(reverse("polls:vote", args=[poll.pk]), {"phuong-an": choice}, follow=True)
    assert response.status_code == 200
    assert "Vui lòng chọn một phương án" in response.content.decode()


def test_the_vote_messages_are_shown_once_by_the_layout(client):
    poll = make_poll()
    first, second = poll.choices.all()[:2]
    page = vote(client, poll, first).content.decode()
    assert page.count("phiếu bình chọn đã được ghi nhận") == 1
    region = page[page.index('<div class="messages" id="thong-bao">') :].split("</div>")[0]
    assert 'class="notice notice--success" role="status">Cảm ơn bạn' in region
    refused = vote(client, poll, second).content.decode()
    region = refused[refused.index('<div class="messages" id="thong-bao">') :].split("</div>")[0]
    assert 'class="notice notice--error" role="alert">' in region and refused.count("Bạn đã bình chọn") == 1
