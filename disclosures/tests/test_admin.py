"""The admin of the duty sections: the office edits, only a reviewer publishes; files are checked by content.

Each refusal is set against the same request from a reviewer, which does change the data, so a
refusal cannot pass merely because the request was malformed.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosures.models import Disclosure
from dolisa_site import roles
from dolisa_site.tests.admin_forms import resubmit
from dolisa_site.tests.upload_samples import PDF_BYTES

from .factories import make_item

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:disclosures_disclosure_changelist")
ADD = reverse("admin:disclosures_disclosure_add")
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture
def office(make_staff):
    return make_staff(roles.OFFICE, "van-phong")


def new_item(**extra):
    data = {
        "section": "tuyen-dung",
        "kind": "thong-bao-tuyen-dung",
        "year": "2026",
        "title": "Thông báo tuyển dụng viên chức năm 2026",
        "summary": "Tuyển 12 viên chức.",
        "body": "<p>Nộp hồ sơ tại Văn phòng Sở.</p>",
        "closes_at_0": "22/12/2026",
        "closes_at_1": "17:00:00",
        "published_at_0": "23/11/2026",
        "published_at_1": "08:00:00",
        "slug": "",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-title": "",
        "attachments-0-order": "0",
        "_save": "1",
    }
    data.update(extra)
    return data


def publish(client, item):
    return client.post(CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: [item.pk]})


def test_the_office_adds_an_item_with_a_file_as_a_draft(client, office):
    client.force_login(office)
    upload = SimpleUploadedFile("Thông báo tuyển dụng.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(ADD, new_item(**{"attachments-0-file": upload, "is_published": "on"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Disclosure.objects.get()
    assert not item.is_published, "the office cannot publish, not even in the add form"
    attachment = item.attachments.get()
    assert attachment.file_name == "Thông báo tuyển dụng.pdf"
    assert attachment.file.name.startswith("disclosures/") and attachment.file.name.endswith(".pdf")
    assert (attachment.title, attachment.kind, attachment.size) == ("Thông báo tuyển dụng.pdf", "pdf", len(PDF_BYTES))


def test_the_office_edits_and_deletes(client, office):
    item = make_item(is_published=False)
    client.force_login(office)
    url = reverse("admin:disclosures_disclosure_change", args=[item.pk])
    response = resubmit(client, url, {"title": "Dự toán đã sửa"}, form_id="disclosure_form")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Disclosure.objects.get().title == "Dự toán đã sửa"
    response = client.post(reverse("admin:disclosures_disclosure_delete", args=[item.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Disclosure.objects.exists()


def test_the_office_cannot_publish_a_reviewer_can(client, office, reviewer):
    item = make_item(is_published=False)
    client.force_login(office)
    offered = [name for name, _label in client.get(CHANGELIST).context["action_form"].fields["action"].choices]
    assert "delete_selected" in offered and "publish" not in offered and "withdraw" not in offered
    publish(client, item)
    url = reverse("admin:disclosures_disclosure_change", args=[item.pk])
    resubmit(client, url, {"is_published": "on"}, form_id="disclosure_form")
    assert not Disclosure.objects.get().is_published

    client.force_login(reviewer)
    response = publish(client, item)
    assert response.status_code == 302
    assert Disclosure.objects.get().is_published
    client.post(CHANGELIST, {"action": "withdraw", ACTION_CHECKBOX_NAME: [item.pk]})
    assert not Disclosure.objects.get().is_published
    resubmit(client, url, {"is_published": "on"}, form_id="disclosure_form")
    assert Disclosure.objects.get().is_published


def test_the_office_editing_a_published_item_keeps_it_published(client, office):
    item = make_item(is_published=True)
    client.force_login(office)
    url = reverse("admin:disclosures_disclosure_change", args=[item.pk])
    assert resubmit(client, url, {"summary": "Đã đính chính."}, form_id="disclosure_form").status_code == 302
    assert Disclosure.objects.values_list("is_published", "summary").get() == (True, "Đã đính chính.")


def test_a_kind_of_another_section_is_refused_in_the_admin(client, office):
    client.force_login(office)
    response = client.post(ADD, new_item(kind="du-toan"))
    assert response.status_code == 200
    assert "không thuộc chuyên mục" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_an_executable_renamed_pdf_is_refused(client, office, reviewer):
    for user in (office, reviewer):
        client.force_login(user)
        upload = SimpleUploadedFile("du-toan.pdf", EXE_BYTES, content_type="application/pdf")
        response = client.post(ADD, new_item(**{"attachments-0-file": upload}))
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_the_admin_search_ignores_diacritics(client, office):
    make_item(title="Kết quả tuyển dụng viên chức", section="tuyen-dung", kind="ket-qua-tuyen-dung")
    make_item(title="Công khai số liệu chi năm 2026")
    client.force_login(office)
    page = client.get(CHANGELIST, {"q": "tuyen dung"}).content.decode()
    assert "Kết quả tuyển dụng viên chức" in page and "Công khai số liệu chi năm 2026" not in page


def test_an_editor_has_no_access(client, editor):
    client.force_login(editor)
    assert client.get(CHANGELIST).status_code == 403


def test_the_kinds_are_offered_under_their_sections(client, office):
    client.force_login(office)
    page = client.get(ADD).content.decode()
    recruitment = page.split('<optgroup label="Tuyển dụng">')[1].split("</optgroup>")[0]
    assert 'value="thong-bao-tuyen-dung"' in recruitment and 'value="du-toan"' not in recruitment
