"""Crafted POSTs to the polls admin: only Người duyệt tin run polls, and nobody edits the votes.

Each refusal is checked against the same POST from a reviewer, which does change the poll.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from polls.models import Choice, Poll

from .factories import make_poll

pytestmark = pytest.mark.django_db


def stored(poll):
    return (Poll.objects.filter(pk=poll.pk).values().get(), list(poll.choices.order_by("pk").values()))


def change_form(poll, **extra):
    choices = list(poll.choices.order_by("order", "pk"))
    data = {
        "question": poll.question,
        "description": poll.description,
        "opens_at_0": "01/03/2026",
        "opens_at_1": "08:00:00",
        "closes_at_0": "",
        "closes_at_1": "",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": str(len(choices)),
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    if poll.is_published:
        data["is_published"] = "on"
    for number, choice in enumerate(choices):
        data.update(
            {
                f"choices-{number}-id": choice.pk,
                f"choices-{number}-poll": poll.pk,
                f"choices-{number}-text": choice.text,
                f"choices-{number}-order": choice.order,
            }
        )
    data.update(extra)
    return data


def change_url(poll):
    return reverse("admin:polls_poll_change", args=[poll.pk])


@pytest.fixture
def hidden_poll():
    return make_poll(is_published=False)


def test_the_reviewer_may_publish_a_poll(client, reviewer, hidden_poll):
    client.force_login(reviewer)
    response = client.post(change_url(hidden_poll), change_form(hidden_poll, is_published="on"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Poll.objects.get(pk=hidden_poll.pk).is_published


def test_an_editors_crafted_publish_is_refused(client, editor, hidden_poll):
    before = stored(hidden_poll)
    client.force_login(editor)
    response = client.post(change_url(hidden_poll), change_form(hidden_poll, is_published="on", question="Sửa lén?"))
    assert response.status_code == 403
    assert stored(hidden_poll) == before


def test_an_editors_crafted_new_poll_and_delete_are_refused(client, editor, hidden_poll):
    client.force_login(editor)
    response = client.post(reverse("admin:polls_poll_add"), change_form(hidden_poll, question="Câu hỏi mới?"))
    assert response.status_code == 403
    response = client.post(reverse("admin:polls_poll_delete", args=[hidden_poll.pk]), {"post": "yes"})
    assert response.status_code == 403
    response = client.post(
        reverse("admin:polls_poll_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [hidden_poll.pk], "index": 0, "post": "yes"},
    )
    assert response.status_code == 403
    assert list(Poll.objects.values_list("pk", flat=True)) == [hidden_poll.pk]


def test_votes_sent_in_the_admin_form_are_ignored(client, reviewer):
    poll = make_poll()
    Choice.objects.filter(poll=poll).update(votes=4)
    Poll.objects.filter(pk=poll.pk).update(total_votes=12)
    client.force_login(reviewer)
    data = change_form(poll, **{"choices-0-votes": "999", "total_votes": "999", "description": "Đã sửa"})
    response = client.post(change_url(poll), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    poll.refresh_from_db()
    assert poll.description == "Đã sửa"  # the edit itself was saved
    assert poll.total_votes == 12 and list(poll.choices.values_list("votes", flat=True)) == [4, 4, 4]


def test_no_one_edits_votes_in_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/polls/vote/").status_code == 404
