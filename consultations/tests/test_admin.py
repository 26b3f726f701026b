"""The admin: the office drafts, reviewers publish and moderate, staff export the comments."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consultations.models import CommentStatus, Draft
from dolisa_site import roles

from .factories import make_comment, make_draft, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_staff):
    return make_staff(roles.OFFICE, "van-phong")


def draft_form(**extra):
    start = timezone.localtime(timezone.now())
    end = start + timedelta(days=30)
    data = {
        "title": "Dự thảo Kế hoạch hỗ trợ người lao động mất việc làm",
        "drafting_unit": "Phòng Lao động - Việc làm",
        "summary": "Hỗ trợ người lao động mất việc làm do doanh nghiệp thu hẹp sản xuất.",
        "open_from_0": f"{start:%d/%m/%Y}",
        "open_from_1": f"{start:%H:%M:%S}",
        "open_until_0": f"{end:%d/%m/%Y}",
        "open_until_1": f"{end:%H:%M:%S}",
        "is_published": "on",
        "comments_summary": "",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-order": "0",
    }
    data.update(extra)
    return data


def test_the_office_adds_a_draft_with_a_pdf_but_cannot_publish_it(client, office):
    client.force_login(office)
    response = client.post(
        reverse("admin:consultations_draft_add"), draft_form(**{"attachments-0-file": pdf_upload("Dự thảo KH.pdf")})
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = Draft.objects.get()
    assert not draft.is_published  # a reviewer publishes
    attachment = draft.attachments.get()
    assert (attachment.kind, attachment.file_name) == ("pdf", "Dự thảo KH.pdf")
    assert attachment.file.name.startswith("consultations/") and attachment.file.name.endswith(".pdf")


def test_an_exe_renamed_pdf_is_refused(client, office):
    client.force_login(office)
    fake = SimpleUploadedFile(
        "du-thao.pdf", b"MZ\x90\x00\x03\x00\x00\x00 an executable", content_type="application/pdf"
    )
    response = client.post(reverse("admin:consultations_draft_add"), draft_form(**{"attachments-0-file": fake}))
    assert response.status_code == 200
    assert "Tệp này không phải là văn bản được chấp nhận (PDF, DOC, DOCX, XLS, XLSX, ODT, ODS)" in (
        response.content.decode()
    )
    assert not Draft.objects.exists()


def test_an_exe_renamed_pdf_is_refused_as_the_summary_file_too(client, reviewer, office):
    draft = make_draft(opened_days_ago=40, closes_in_days=-10)
    client.force_login(office)
    fake = SimpleUploadedFile("tong-hop.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    data = draft_form(comments_summary="Tổng hợp", comments_summary_file=fake)
    response = client.post(reverse("admin:consultations_draft_change", args=[draft.pk]), data)
    assert response.status_code == 200 and "Tệp này không phải là văn bản được chấp nhận" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.comments_summary_file


def test_the_period_order_is_checked_in_the_admin(client, office):
    client.force_login(office)
    start = timezone.localtime(timezone.now())
    response = client.post(
        reverse("admin:consultations_draft_add"),
        draft_form(open_until_0=f"{start - timedelta(days=1):%d/%m/%Y}"),
    )
    assert response.status_code == 200
    assert "Thời hạn góp ý phải kết thúc sau khi bắt đầu." in response.content.decode()


def test_the_office_writes_the_summary_after_the_deadline(client, office):
    draft = make_draft(opened_days_ago=40, closes_in_days=-10)
    client.force_login(office)
    data = draft_form(
        title=draft.title,
        comments_summary="Đã nhận 5 ý kiến, tiếp thu 4.",
        comments_summary_file=pdf_upload("Báo cáo tổng hợp.pdf"),
    )
    data.update(
        {
            "open_from_0": f"{timezone.localtime(draft.open_from):%d/%m/%Y}",
            "open_until_0": f"{timezone.localtime(draft.open_until):%d/%m/%Y}",
        }
    )
    response = client.post(reverse("admin:consultations_draft_change", args=[draft.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.is_published  # unchanged: the office cannot change it
    assert draft.comments_summary_file_name == "Báo cáo tổng hợp.pdf"
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Đã nhận 5 ý kiến, tiếp thu 4." in page and "Tải bản tổng hợp ý kiến" in page


def test_a_reviewer_publishes_and_withdraws_drafts(client, reviewer):
    draft = make_draft(is_published=False)
    client.force_login(reviewer)
    url = reverse("admin:consultations_draft_changelist")
    client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published
    client.post(url, {"action": "withdraw", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert not draft.is_published


def test_the_office_has_no_publish_action(client, office):
    draft = make_draft(is_published=False)
    client.force_login(office)
    url = reverse("admin:consultations_draft_changelist")
    assert 'value="publish"' not in client.get(url).content.decode()
    client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert not draft.is_published


def test_an_editor_cannot_reach_the_drafts_or_the_comments(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:consultations_draft_changelist")).status_code == 403
    assert client.get(reverse("admin:consultations_comment_changelist")).status_code == 403


@pytest.mark.parametrize(("action", "status"), [("publish", CommentStatus.PUBLISHED), ("hide", CommentStatus.HIDDEN)])
def test_a_reviewer_moderates_comments(client, reviewer, action, status):
    comment = make_comment(make_draft(), status=CommentStatus.PENDING)
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:consultations_comment_changelist"), {"action": action, "_selected_action": [comment.pk]}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (status, reviewer)


def test_a_reviewer_moderates_one_comment_from_its_page(client, reviewer):
    comment = make_comment(make_draft(), status=CommentStatus.PENDING)
    client.force_login(reviewer)
    url = reverse("admin:consultations_comment_change", args=[comment.pk])
    assert "an.nguyen@example.vn" in client.get(url).content.decode()  # staff see the contact to answer
    assert client.post(url, {"status": CommentStatus.PUBLISHED}).status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (CommentStatus.PUBLISHED, reviewer)
    assert comment.body == "Đề nghị nâng mức hỗ trợ tiền ăn lên 50.000 đồng/ngày."


@pytest.mark.parametrize("action", ["publish", "hide"])
def test_the_office_reads_comments_but_does_not_moderate(client, office, action):
    comment = make_comment(make_draft(), status=CommentStatus.PENDING)
    client.force_login(office)
    url = reverse("admin:consultations_comment_changelist")
    assert client.get(url).status_code == 200
    client.post(url, {"action": action, "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_nobody_adds_a_comment_in_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:consultations_comment_add")).status_code == 403


def export(client, *drafts):
    return client.post(
        reverse("admin:consultations_draft_changelist"),
        {"action": "export_comments", "_selected_action": [draft.pk for draft in drafts]},
    )


def test_staff_export_a_drafts_comments_with_formulas_kept_as_text(client, office):
    draft = make_draft()
    other = make_draft(title="Dự thảo khác")
    make_comment(draft, name="Hoàng Văn Em", organisation="Công ty TNHH Minh Phát", body='=HYPERLINK("http://x","bấm")')
    make_comment(draft, name="Đỗ Thị Phương", email="", phone="0912 345 678", status=CommentStatus.PENDING)
    make_comment(other, name="Không xuất")
    client.force_login(office)
    response = export(client, draft)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Dự thảo",
        "Ngày gửi",
        "Họ và tên",
        "Cơ quan, tổ chức",
        "Email",
        "Điện thoại",
        "Ý kiến",
        "Trạng thái",
    )
    assert [row[2] for row in rows[1:]] == ["Hoàng Văn Em", "Đỗ Thị Phương"]
    formula = sheet.cell(row=2, column=7)
    assert formula.value == '=HYPERLINK("http://x","bấm")' and formula.data_type == "s" and formula.quotePrefix
    assert rows[2][5] == "0912 345 678" and rows[2][7] == "Chờ duyệt"


def test_the_export_needs_the_right_to_read_comments(client, make_staff):
    from django.contrib.auth.models import Permission

    clerk = make_staff()
    clerk.user_permissions.add(Permission.objects.get(codename="view_draft"))
    make_comment(make_draft())
    client.force_login(clerk)
    response = export(client, Draft.objects.get())
    assert "spreadsheetml" not in response.get("Content-Type", "")


@pytest.mark.parametrize("who", ["office", "reviewer"])
def test_the_admin_pages_open_for_the_two_groups(client, request, who):
    user = request.getfixturevalue(who)
    draft = make_draft()
    comment = make_comment(draft)
    client.force_login(user)
    pages = [
        reverse("admin:consultations_draft_changelist"),
        reverse("admin:consultations_draft_changelist") + "?q=dao+tao",
        reverse("admin:consultations_draft_change", args=[draft.pk]),
        reverse("admin:consultations_comment_changelist"),
        reverse("admin:consultations_comment_changelist") + f"?draft__id__exact={draft.pk}&q=an",
        reverse("admin:consultations_comment_change", args=[comment.pk]),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("admin:consultations_draft_add")).status_code == (200 if who == "office" else 403)
