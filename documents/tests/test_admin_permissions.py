"""Crafted POSTs to the documents admin: only Người duyệt tin publish, edit or delete documents.

Each refusal is checked against the same POST from a reviewer, which does change the data,
so a refusal cannot pass merely because the request was malformed.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from documents.models import Document

from .factories import make_document

pytestmark = pytest.mark.django_db


def stored(document):
    return Document.objects.filter(pk=document.pk).values().get()


def change_form(document, **extra):
    """The change form as the admin page would send it back, with some fields changed."""
    data = {
        "number": document.number,
        "title": document.title,
        "document_type": document.document_type_id,
        "issuing_body": document.issuing_body_id,
        "subject": document.subject_id or "",
        "signer": document.signer,
        "issued_on": document.issued_on.strftime("%d/%m/%Y"),
        "effective_on": "",
        "summary": document.summary,
        "published_at_0": "15/03/2024",
        "published_at_1": "08:00:00",
        "slug": document.slug,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    if document.is_published:
        data["is_published"] = "on"
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}


def change_url(document):
    return reverse("admin:documents_document_change", args=[document.pk])


CHANGELIST = "admin:documents_document_changelist"


@pytest.fixture
def draft():
    return make_document(is_published=False)


@pytest.fixture
def viewer(make_staff):
    """Staff who may look at documents and nothing more."""
    user = make_staff(None, "chi-xem-van-ban")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="documents", codename="view_document"))
    return user


def test_the_reviewer_keeps_the_subjects_through_their_rename(client, reviewer):
    """Migration 0006 renames the permissions with the model, so the group's grants still hold."""
    client.force_login(reviewer)
    assert client.get(reverse("admin:documents_subject_add")).status_code == 200


def test_the_reviewer_may_publish_through_the_change_form(client, reviewer, draft):
    client.force_login(reviewer)
    response = client.post(change_url(draft), change_form(draft, is_published="on"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.get(pk=draft.pk).is_published


@pytest.mark.parametrize("user", ["editor", "viewer"])
def test_a_crafted_publish_through_the_change_form_is_refused(client, request, draft, user):
    before = stored(draft)
    client.force_login(request.getfixturevalue(user))
    response = client.post(change_url(draft), change_form(draft, is_published="on", title="Sửa lén"))
    assert response.status_code == 403
    assert stored(draft) == before


def test_view_only_staff_see_the_document_read_only(client, viewer, draft):
    client.force_login(viewer)
    page = client.get(change_url(draft))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_an_editors_crafted_new_document_is_refused(client, editor, draft):
    client.force_login(editor)
    response = client.post(reverse("admin:documents_document_add"), change_form(draft, number="99/2026/QĐ", slug=""))
    assert response.status_code == 403
    assert Document.objects.count() == 1


@pytest.mark.parametrize("action", ["publish", "delete_selected"])
def test_an_editors_crafted_admin_action_is_refused(client, editor, draft, action):
    before = stored(draft)
    client.force_login(editor)
    response = client.post(
        reverse(CHANGELIST), {"action": action, ACTION_CHECKBOX_NAME: [draft.pk], "index": 0, "post": "yes"}
    )
    assert response.status_code == 403
    assert stored(draft) == before


@pytest.mark.parametrize("action", ["publish", "delete_selected"])
def test_view_only_staff_have_no_admin_actions(client, viewer, draft, action):
    """With no action the user may run, the admin ignores the POST and shows the list again."""
    before = stored(draft)
    client.force_login(viewer)
    response = client.post(
        reverse(CHANGELIST), {"action": action, ACTION_CHECKBOX_NAME: [draft.pk], "index": 0, "post": "yes"}
    )
    assert response.status_code == 200
    assert 'name="action"' not in response.content.decode()
    assert stored(draft) == before


def test_the_reviewer_runs_the_publish_action(client, reviewer, draft):
    client.force_login(reviewer)
    response = client.post(reverse(CHANGELIST), {"action": "publish", ACTION_CHECKBOX_NAME: [draft.pk], "index": 0})
    assert (response.status_code, response.url) == (302, reverse(CHANGELIST))
    assert Document.objects.get(pk=draft.pk).is_published


@pytest.mark.parametrize("user", ["editor", "viewer"])
def test_a_crafted_delete_is_refused(client, request, draft, user):
    client.force_login(request.getfixturevalue(user))
    response = client.post(reverse("admin:documents_document_delete", args=[draft.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Document.objects.filter(pk=draft.pk).exists()
