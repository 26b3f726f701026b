"""The one rendition helper (dolisa_site/pictures.py): which copies, the markup, made on save, asked once."""

import io
import re
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from PIL import Image

from dolisa_site import pictures
from dolisa_site.models import WebLink, WebLinkGroup

from .page_pictures import images, problems

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_memory():
    pictures.forget()
    yield
    pictures.forget()


def picture_bytes(size, image_format="JPEG", mode="RGB", **save):
    buffer = io.BytesIO()
    Image.new(mode, size, "#2266aa").save(buffer, image_format, **save)
    return buffer.getvalue()


def stored(size, image_format="JPEG", extension="jpg", **options):
    return default_storage.save(
        f"tests/pictures/anh.{extension}", ContentFile(picture_bytes(size, image_format, **options))
    )


def opened(url):
    with default_storage.open(url.removeprefix("/media/")) as handle, Image.open(handle) as image:
        return image.format, image.size


def test_webp_at_several_widths_up_to_the_picture_and_one_copy_in_its_own_format():
    name = stored((1000, 500))
    found = pictures.renditions(name, "wide")
    # 960 is within a tenth of the picture's own 1000 px: the full width replaces it; nothing is enlarged.
    assert [copy.width for copy in found.webp] == [240, 480, 720, 1000]
    for copy in found.webp:
        assert opened(copy.url) == ("WEBP", (copy.width, copy.height)) and copy.height == copy.width // 2
    assert opened(found.fallback.url) == ("JPEG", (720, 360)) and found.fallback_type == "image/jpeg"


def test_a_png_keeps_png_beside_the_webp_and_a_webp_needs_no_second_format():
    logo = pictures.renditions(stored((256, 256), "PNG", "png", mode="RGBA"), "logo")
    assert [copy.width for copy in logo.webp] == [80, 160] and opened(logo.fallback.url)[0] == "PNG"
    webp_name = stored((800, 400), "WEBP", "webp")
    webp = pictures.renditions(webp_name, "wide")
    assert webp.fallback is None and all(copy.url.endswith(".webp") for copy in webp.webp)
    markup = pictures.picture_html(webp_name, "wide")
    assert "<picture>" not in markup and problems(markup) == []


def test_gallery_photos_are_cropped_to_three_by_two():
    found = pictures.renditions(stored((1200, 1200)), "photo")
    assert [(copy.width, copy.height) for copy in found.webp] == [(240, 160), (360, 240), (480, 320), (720, 480)]


def test_the_markup_has_width_height_srcset_sizes_and_is_lazy_unless_told():
    name = stored((1000, 500))
    markup = pictures.picture_html(name, "wide", sizes="(min-width: 960px) 520px, 100vw", alt='Ảnh "hội chợ"')
    assert problems(markup) == []
    [image] = images(markup)
    assert image["loading"] == "lazy" and image["width"] == "1000" and image["height"] == "500"
    assert image["alt"] == 'Ảnh "hội chợ"' and image["sizes"] == "(min-width: 960px) 520px, 100vw"
    assert image["src"].endswith(".jpg") and re.fullmatch(r"\S+\.jpg 720w", image["srcset"])
    lead = images(pictures.picture_html(name, "wide", attrs={"loading": "eager", "fetchpriority": "high"}))[0]
    assert lead["fetchpriority"] == "high" and lead["loading"] == "eager"
    # A fixed kind names its 1x size; the larger copy is for sharper screens.
    logo = images(pictures.picture_html(stored((256, 256), "PNG", "png"), "logo"))[0]
    assert (logo["width"], logo["height"], logo["sizes"]) == ("80", "80", "80px")


def test_the_template_tag_and_a_media_address():
    name = stored((600, 300))
    page = Template('{% load pictures %}{% picture source "thumb" sizes="220px" alt="x" class="teaser__img" %}').render(
        Context({"source": default_storage.url(name)})
    )
    [image] = images(page)
    assert image["class"] == "teaser__img" and problems(page) == []
    assert Template("{% load pictures %}{% picture source %}").render(Context({"source": ""})) == ""


def test_what_has_no_renditions_is_shown_as_it_is():
    gif = stored((120, 60), "GIF", "gif")
    [image] = images(pictures.picture_html(gif, "wide", alt="Ảnh động"))
    assert (image["width"], image["height"]) == ("120", "60") and image["src"] == default_storage.url(gif)
    assert pictures.picture_html("tests/pictures/khong-co.jpg", "wide") == ""
    assert pictures.renditions("https://tracker.example/a.jpg") is None
    assert pictures.renditions("/media/../etc/passwd") is None


def test_a_picture_is_asked_of_the_store_once_per_process():
    name = stored((800, 400))
    first = pictures.renditions(name, "wide")
    with mock.patch("sorl.thumbnail.get_thumbnail", side_effect=AssertionError("asked again")):
        assert pictures.renditions(name, "wide") == first


def test_saving_a_picture_makes_its_renditions_before_any_page_shows_it():
    group = WebLinkGroup.objects.create(name="Bộ, ngành")
    upload = SimpleUploadedFile("logo.png", picture_bytes((300, 100), "PNG"), content_type="image/png")
    link = WebLink.objects.create(group=group, title="Cổng tỉnh", url="https://sonha.gov.vn", logo=upload)
    pictures.forget()
    # Had the save not made them, the page would have to make them now.
    with mock.patch("sorl.thumbnail.default.engine.create", side_effect=AssertionError("made on a page")):
        found = pictures.renditions(link.logo, "link-logo")
    assert found is not None and [copy.width for copy in found.webp] == [150, 300]


def test_prepare_pictures_makes_what_arrived_without_a_save():
    group = WebLinkGroup.objects.create(name="Bộ, ngành")
    name = stored((300, 100), "PNG", "png")
    WebLink.objects.bulk_create([WebLink(group=group, title="Cổng tỉnh", url="https://sonha.gov.vn", logo=name)])
    out = io.StringIO()
    call_command("prepare_pictures", verbosity=0, stdout=out)
    assert "Renditions ready for 1 picture(s); 0 without" in out.getvalue()
    pictures.forget()
    with mock.patch("sorl.thumbnail.default.engine.create", side_effect=AssertionError("made on a page")):
        assert pictures.renditions(name, "link-logo") is not None
