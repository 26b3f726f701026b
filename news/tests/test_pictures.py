"""Pictures on the news pages: renditions everywhere, the lead image first, body pictures rewritten safely."""

from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from dolisa_site import pictures
from dolisa_site.tests.factories import make_menu, make_profile
from dolisa_site.tests.html_safety import XSS_PAYLOADS
from dolisa_site.tests.html_safety import problems as safety_problems
from dolisa_site.tests.page_pictures import images, problems, webp_candidates
from news.sanitize import clean_html

from .factories import image_bytes, make_article, make_category, uploaded_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_memory():
    pictures.forget()
    yield
    pictures.forget()


@pytest.fixture
def news():
    make_menu()
    make_profile()
    category = make_category("Lao động - Việc làm", order=1)
    lead = make_article(
        category,
        title="Hội chợ việc làm",
        is_featured=True,
        cover_image=uploaded_image(size=(1200, 675)),
        cover_alt="Hội chợ",
    )
    others = [
        make_article(category, title=f"Tin số {number}", cover_image=uploaded_image(size=(800, 450)), cover_alt="Ảnh")
        for number in range(3)
    ]
    return {"lead": lead, "others": others, "category": category}


def body_picture(size=(800, 450)):
    return default_storage.save("news/body/anh-trong-bai.jpg", ContentFile(image_bytes("JPEG", size)))


def test_the_lead_image_loads_first_and_everything_else_waits(client, news):
    page = client.get("/").content.decode()
    found = images(page)
    [lead] = [image for image in found if "lead-story__img" in (image.get("class") or "")]
    assert lead["fetchpriority"] == "high" and lead.get("loading") != "lazy"
    others = [image for image in found if image is not lead and "brand__logo" not in (image.get("class") or "")]
    assert len(others) >= 3
    assert all(image.get("loading") == "lazy" and "fetchpriority" not in image for image in others)


def test_every_picture_on_the_home_page_has_size_srcset_and_webp(client, news):
    page = client.get("/").content.decode()
    assert len(images(page)) >= 4 and problems(page) == []


def test_every_picture_on_an_article_page_has_size_srcset_and_webp(client, news):
    name = body_picture()
    article = make_article(
        news["category"],
        title="Bài có ảnh",
        cover_image=uploaded_image(size=(1200, 675)),
        cover_alt="Ảnh bìa",
        body=f'<p>Đoạn</p><figure class="image"><img src="/media/{name}" alt="Ảnh trong bài"></figure>',
    )
    page = client.get(article.get_absolute_url()).content.decode()
    found = images(page)
    [cover] = [image for image in found if "article__cover-img" in (image.get("class") or "")]
    [inside] = [image for image in found if image.get("alt") == "Ảnh trong bài"]
    assert cover["fetchpriority"] == "high" and inside["loading"] == "lazy"
    assert problems(page) == []


def test_a_body_picture_is_served_as_renditions_and_stays_within_the_sanitiser(client, news):
    name = body_picture()
    article = make_article(
        news["category"],
        body=f'<figure class="image"><img src="/media/{name}" alt="Ảnh &quot;trong&quot; bài"></figure>',
    )
    rewritten = pictures.rewrite_body_images(article.body, "(min-width: 960px) 800px, calc(100vw - 4rem)")
    [image] = images(rewritten)
    assert image["alt"] == 'Ảnh "trong" bài' and image["width"] == "800" and image["height"] == "450"
    # 720 is within a tenth of the picture's own 800 px: the full width stands in for it.
    assert [part.split()[1] for part in image["webp"].split(", ")] == ["240w", "480w", "800w"]
    assert all(url.endswith(".webp") for url in webp_candidates(image))
    assert image["src"].startswith("/media/cache/") and image["src"].endswith(".jpg")
    assert safety_problems(rewritten) == []
    # Sanitised again, nothing the rewrite wrote is taken away.
    again = clean_html(rewritten, image_size=lambda src: (800, 450))
    assert images(again) == images(rewritten) and again.count("<source") == 1
    # The article page shows exactly that, with the original file nowhere.
    page = client.get(article.get_absolute_url()).content.decode()
    assert rewritten in page and f'src="/media/{name}"' not in page


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_rewritten_bodies_stay_safe(payload):
    name = body_picture()
    cleaned = clean_html(f'<img src="/media/{name}">{payload}<picture><source srcset="/media/{name} 2x">{payload}')
    assert safety_problems(pictures.rewrite_body_images(cleaned, "100vw")) == []


def test_the_rewritten_body_is_kept_and_a_changed_body_is_rewritten(news):
    name = body_picture()
    body = clean_html(f'<img src="/media/{name}" alt="Ảnh">', image_size=lambda src: (800, 450))
    first = pictures.rewrite_body_images(body, "100vw")
    with mock.patch.object(pictures, "renditions", side_effect=AssertionError("rewritten again")):
        assert pictures.rewrite_body_images(body, "100vw") == first
    changed = body.replace('alt="Ảnh"', 'alt="Ảnh mới"')
    assert 'alt="Ảnh mới"' in pictures.rewrite_body_images(changed, "100vw")


def test_saving_an_article_makes_its_body_pictures_renditions(news):
    name = body_picture((1000, 500))
    make_article(news["category"], body=f'<img src="/media/{name}" alt="Ảnh">')
    pictures.forget()
    with mock.patch("sorl.thumbnail.default.engine.create", side_effect=AssertionError("made on a page")):
        assert pictures.renditions(f"/media/{name}", "wide") is not None


def test_a_body_picture_that_is_gone_is_left_as_the_sanitiser_wrote_it():
    body = '<img src="/media/news/body/khong-con.jpg" alt="" width="10" height="10" loading="lazy">'
    assert pictures.rewrite_body_images(body, "100vw") == body
