"""The site's pictures (profile logo and banner, leaders' portraits, link logos) are saved through the admin,
unchanged and changed, by the group that edits them (issue 10, finding 5)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dolisa_site.models import Leader, SiteProfile, WebLink, WebLinkGroup

from .admin_forms import resubmit
from .factories import make_profile
from .upload_samples import HOSTILE_FILES, image_bytes


def picture(name="Logo Sở.png", size=(300, 100), image_format="PNG"):
    return SimpleUploadedFile(name, image_bytes(size, image_format), content_type="image/png")


@pytest.fixture
def profile(db):
    return make_profile(logo=picture(), banner=picture("banner.jpg", (1200, 160), "JPEG"))


def test_the_superuser_saves_the_profile_with_its_pictures_unchanged(client, superuser, profile):
    client.force_login(superuser)
    url = reverse("admin:dolisa_site_siteprofile_change", args=[profile.pk])
    response = resubmit(client, url, form_id="siteprofile_form")
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = SiteProfile.objects.get()
    assert (saved.logo.name, saved.banner.name) == (profile.logo.name, profile.banner.name)


def test_the_superuser_changes_the_name_and_the_banner(client, superuser, profile):
    client.force_login(superuser)
    url = reverse("admin:dolisa_site_siteprofile_change", args=[profile.pk])
    response = resubmit(
        client, url, {"short_name": "Sở LĐTBXH", "banner": picture("bang ron.webp", (1200, 160), "WEBP")}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = SiteProfile.objects.get()
    assert saved.short_name == "Sở LĐTBXH" and saved.logo.name == profile.logo.name
    assert saved.banner.name != profile.banner.name and saved.banner.name.endswith(".webp")


def test_a_reviewer_saves_a_leader_with_a_portrait_unchanged_and_changed(client, reviewer):
    leader = Leader.objects.create(
        name="Nguyễn Văn An", title="Giám đốc Sở", photo=picture("an.jpg", (320, 400), "JPEG")
    )
    client.force_login(reviewer)
    url = reverse("admin:dolisa_site_leader_change", args=[leader.pk])
    assert resubmit(client, url, form_id="leader_form").status_code == 302
    assert Leader.objects.get().photo.name == leader.photo.name
    response = resubmit(
        client, url, {"title": "Phó Giám đốc Sở", "photo": picture("moi.png", (320, 400))}, "leader_form"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Leader.objects.get()
    assert saved.title == "Phó Giám đốc Sở" and saved.photo.name != leader.photo.name


def test_a_reviewer_saves_web_links_with_logos_unchanged_and_changed(client, reviewer):
    group = WebLinkGroup.objects.create(name="Bộ, ngành Trung ương")
    link = WebLink.objects.create(group=group, title="Bộ Nội vụ", url="https://moha.gov.vn/", logo=picture())
    client.force_login(reviewer)
    url = reverse("admin:dolisa_site_weblinkgroup_change", args=[group.pk])
    assert resubmit(client, url, form_id="weblinkgroup_form").status_code == 302
    assert WebLink.objects.get().logo.name == link.logo.name
    response = resubmit(
        client,
        url,
        {"links-0-title": "Bộ Nội vụ (mới)", "links-0-logo": picture("b.gif", image_format="GIF")},
        "weblinkgroup_form",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = WebLink.objects.get()
    assert saved.title == "Bộ Nội vụ (mới)" and saved.logo.name.endswith(".gif")


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_scripts_are_refused_as_site_pictures(client, superuser, profile, name):
    client.force_login(superuser)
    url = reverse("admin:dolisa_site_siteprofile_change", args=[profile.pk])
    response = resubmit(client, url, {"logo": SimpleUploadedFile(name, HOSTILE_FILES[name])}, "siteprofile_form")
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert SiteProfile.objects.get().logo.name == profile.logo.name
