"""What the first paint waits for (issue 12, Lighthouse mobile): site.css and nothing else.

The home page, an article and the procedures catalogue link one stylesheet in
<head>; every script file there is deferred; the one inline script (the
reader's text size) is allowed by its hash in the page's own policy; the header
banner, the largest thing painted on a page without a lead picture, is
preloaded. See dolisa_site/inline_assets.py.
"""

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dolisa_site import inline_assets, pictures
from news.tests.factories import make_article, make_category, uploaded_image
from procedures.tests.factories import make_procedure, make_sector

from .factories import make_menu, make_profile
from .upload_samples import image_bytes

pytestmark = pytest.mark.django_db

PAGES = ["home", "article", "catalogue"]


@pytest.fixture(autouse=True)
def _fresh_memory():
    pictures.forget()
    yield
    pictures.forget()


@pytest.fixture
def site():
    make_menu()
    banner = SimpleUploadedFile("banner.jpg", image_bytes((1600, 200), "JPEG"), content_type="image/jpeg")
    make_profile(banner=banner)
    category = make_category()
    article = make_article(
        category, title="Hội chợ việc làm", is_featured=True, cover_image=uploaded_image(size=(1200, 675))
    )
    make_procedure("1.000001", "Giải quyết hưởng trợ cấp thất nghiệp", make_sector(), 20)
    return {"home": "/", "article": article.get_absolute_url(), "catalogue": "/thu-tuc-hanh-chinh/"}


class _Head(HTMLParser):
    """The elements of <head>: (tag, attributes, text of a <script> or <style>)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.elements, self._in_head, self._open = [], False, None

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self._in_head = True
        elif self._in_head:
            self.elements.append([tag, dict(attrs), ""])
            self._open = self.elements[-1] if tag in ("script", "style") else None

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if tag in ("script", "style"):
            self._open = None


def head_of(html):
    parser = _Head()
    parser.feed(html)
    return parser.elements


def script_src(response):
    policy = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    return policy["script-src"].split()


def sha256_source(text):
    return "'sha256-{}'".format(base64.b64encode(hashlib.sha256(text.encode()).digest()).decode())


def executable(attrs):
    return attrs.get("type", "text/javascript") in ("text/javascript", "module", "")


@pytest.mark.parametrize("name", PAGES)
def test_only_site_css_and_no_script_file_block_the_first_paint(client, site, name):
    response = client.get(site[name])
    assert response.status_code == 200
    head = head_of(response.content.decode())
    blocking = [
        attrs["href"]
        for tag, attrs, _ in head
        if tag == "link" and attrs.get("rel") == "stylesheet" and attrs.get("media", "all") != "print"
    ]
    assert blocking == ["/static/site/css/site.css"]
    scripts = [attrs for tag, attrs, _ in head if tag == "script" and "src" in attrs]
    assert scripts and all("defer" in attrs or "async" in attrs for attrs in scripts), scripts


@pytest.mark.parametrize("name", PAGES)
def test_every_inline_script_is_allowed_by_the_pages_policy_and_nothing_else_inline(client, site, name):
    response = client.get(site[name])
    sources = script_src(response)
    head = head_of(response.content.decode())
    inline = [text for tag, attrs, text in head if tag == "script" and "src" not in attrs and executable(attrs)]
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    assert any("dolisa.fontStep" in text for text in inline)  # the text size, before the first paint
    assert all(sha256_source(text) in sources for text in inline)
    # Inline scripts in the body would need a hash too: there are none.
    body = response.content.decode().split("</head>", 1)[1]
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", body)


def test_the_page_styles_it_writes_inline_are_its_own_small_stylesheet(client, site):
    head = head_of(client.get(site["catalogue"]).content.decode())
    [style] = [text for tag, _, text in head if tag == "style"]
    assert ".procedure-list" in style and style == inline_assets.stylesheet_source("procedures/procedures.css")


@pytest.mark.parametrize("name", PAGES)
def test_the_banner_is_preloaded_as_the_copy_the_header_paints(client, site, name):
    html = client.get(site[name]).content.decode()
    preloads = [attrs for tag, attrs, _ in head_of(html) if tag == "link" and attrs.get("as") == "image"]
    [banner] = preloads
    assert banner["rel"] == "preload" and banner["fetchpriority"] == "high" and banner["type"] == "image/webp"
    # Exactly the URL image-set() picks: the browser uses the preloaded copy, never fetches a second one.
    masthead = re.search(r'class="masthead" style="([^"]*)"', html).group(1)
    assert f"image-set(url('{banner['href']}') type('image/webp')" in masthead


def test_the_lead_picture_of_the_home_page_and_the_article_cover_come_first(client, site):
    for name, css_class in (("home", "lead-story__img"), ("article", "article__cover-img")):
        html = client.get(site[name]).content.decode()
        lead = re.search(rf'<img [^>]*class="{css_class}"[^>]*>', html).group(0)
        assert 'fetchpriority="high"' in lead and 'loading="eager"' in lead and 'width="' in lead


def test_a_script_the_policy_does_not_know_cannot_be_written_inline():
    with pytest.raises(inline_assets.InlineAssetError):
        inline_assets.script_source("site/js/site.js")


@pytest.mark.parametrize(
    "text",
    [
        '.a { background: url("x.png"); }',  # read against the page's address once inline
        '@import "other.css";',
        ".a { content: '</style><script>'; }",
        ".a { color: red; }\n" * 2000,  # over STYLESHEET_MAX_BYTES: better linked and cached
    ],
)
def test_a_stylesheet_unfit_to_inline_is_refused(tmp_path, settings, text):
    (tmp_path / "unfit.css").write_text(text)
    settings.STATICFILES_DIRS = [str(tmp_path)]
    inline_assets._stylesheet_source.cache_clear()
    try:
        with pytest.raises(inline_assets.InlineAssetError):
            inline_assets.stylesheet_source("unfit.css")
    finally:
        inline_assets._stylesheet_source.cache_clear()
