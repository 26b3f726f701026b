from django.urls import reverse

from dolisa_site.models import SiteProfile

from .factories import make_profile


def test_load_gives_the_defaults_without_writing_until_the_admin_opens_it(db, admin_client):
    profile = SiteProfile.load()
    assert profile.pk == 1
    assert profile.name == "Sở Lao động - Thương binh và Xã hội"
    assert SiteProfile.objects.count() == 0  # a page view writes nothing
    admin_client.get(reverse("admin:dolisa_site_siteprofile_changelist"))
    assert SiteProfile.objects.get().name == "Sở Lao động - Thương binh và Xã hội"


def test_saving_another_profile_replaces_the_one_row(db):
    make_profile()
    make_profile(name="Sở Nội vụ tỉnh Thử Nghiệm")
    assert SiteProfile.objects.count() == 1
    assert SiteProfile.load().name == "Sở Nội vụ tỉnh Thử Nghiệm"


def test_load_is_served_from_the_cache(db, django_assert_num_queries):
    make_profile()
    SiteProfile.load()
    with django_assert_num_queries(0):
        assert SiteProfile.load().short_name == "Sở LĐTBXH Thử Nghiệm"


def test_editing_the_profile_updates_every_page(db, client):
    profile = make_profile()
    assert "tỉnh Thử Nghiệm" in client.get("/").content.decode()
    profile.name = "Sở Nội vụ tỉnh Hợp Nhất"
    profile.save()
    assert "Sở Nội vụ tỉnh Hợp Nhất" in client.get("/").content.decode()


def test_admin_list_goes_straight_to_the_form(admin_client):
    response = admin_client.get(reverse("admin:dolisa_site_siteprofile_changelist"))
    assert response.status_code == 302
    assert response.url == reverse("admin:dolisa_site_siteprofile_change", args=[1])


def test_admin_edits_the_profile(admin_client):
    make_profile()
    url = reverse("admin:dolisa_site_siteprofile_change", args=[1])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"name": "Sở Lao động - Thương binh và Xã hội tỉnh Mới", "logo": "", "banner": ""})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert SiteProfile.load().name == "Sở Lao động - Thương binh và Xã hội tỉnh Mới"


def test_admin_rejects_a_logo_that_is_not_an_image(admin_client, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_profile()
    url = reverse("admin:dolisa_site_siteprofile_change", args=[1])
    fake = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = admin_client.post(url, {"name": "Sở", "logo": fake})
    assert response.status_code == 200
    assert "logo" in response.context["adminform"].form.errors


def test_profile_cannot_be_added_twice_or_deleted(admin_client):
    make_profile()
    assert admin_client.get(reverse("admin:dolisa_site_siteprofile_add")).status_code == 403
    assert admin_client.get(reverse("admin:dolisa_site_siteprofile_delete", args=[1])).status_code == 403


def test_an_uploaded_logo_is_verified_and_stored_under_a_generated_name(admin_client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    make_profile()
    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), "red").save(buffer, format="PNG")
    logo = SimpleUploadedFile("Logo So Nguyen Van A.png", buffer.getvalue(), content_type="image/png")
    url = reverse("admin:dolisa_site_siteprofile_change", args=[1])
    response = admin_client.post(url, {"name": "Sở Lao động - Thương binh và Xã hội tỉnh Mới", "logo": logo})
    assert response.status_code == 302, response.context["adminform"].form.errors
    name = SiteProfile.load().logo.name
    assert name.startswith("site/") and name.endswith(".png") and "Nguyen" not in name
