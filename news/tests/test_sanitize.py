"""The body allow-list, against payloads from the OWASP XSS filter evasion cheat sheet and friends."""

import pytest

from dolisa_site.tests.html_safety import XSS_PAYLOADS, problems
from news.sanitize import clean_html

from .factories import make_article


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_the_check_flags_every_payload_left_as_it_is(payload):
    """Without this, a check that never fires would let any sanitiser pass."""
    assert problems(payload)


def test_the_check_passes_what_editors_write():
    assert not problems(
        '<h2>Kết quả</h2><p style="text-align:center">Đoạn <a href="https://dichvucong.gov.vn/" '
        'rel="noopener noreferrer">cổng</a> <a href="/tin-tuc/">tin</a> <a href="mailto:so@example.vn">thư</a></p>'
        '<figure class="image"><img src="/media/news/body/a.png" srcset="/media/a-360.webp 360w, '
        '/media/a-720.webp 720w" alt="" width="640" height="360" loading="lazy"></figure>'
    )


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_known_xss_payloads_are_neutralised(payload):
    cleaned = clean_html(payload)
    assert problems(cleaned) == [], cleaned


def test_editor_markup_survives():
    body = (
        '<h2>Kết quả</h2><p style="text-align:center;">Đoạn <strong>đậm</strong>, <i>nghiêng</i>, '
        '<a href="https://dichvucong.gov.vn/">cổng</a>, <a href="mailto:so@example.vn">thư</a>, '
        '<a href="tel:02003000003">gọi</a>.</p><blockquote><p>Trích dẫn</p></blockquote>'
        '<ol><li>Một</li></ol><figure class="table"><table><thead><tr><th>Huyện</th></tr></thead>'
        '<tbody><tr><td colspan="2">12</td></tr></tbody></table></figure>'
    )
    cleaned = clean_html(body)
    assert problems(cleaned) == []
    for part in (
        "<h2>Kết quả</h2>",
        'style="text-align:center"',
        "<strong>đậm</strong>",
        "<blockquote>",
        'href="https://dichvucong.gov.vn/"',
        'href="mailto:so@example.vn"',
        'href="tel:02003000003"',
        '<figure class="table">',
        '<td colspan="2">12</td>',
        'rel="noopener noreferrer"',
    ):
        assert part in cleaned


def test_local_images_get_their_size_and_lazy_loading():
    cleaned = clean_html(
        '<figure class="image"><img src="/media/news/body/a.png" alt="Ảnh"></figure>', image_size=lambda src: (640, 360)
    )
    assert '<img src="/media/news/body/a.png" alt="Ảnh" width="640" height="360" loading="lazy">' in cleaned


def test_images_missing_from_the_media_are_dropped():
    assert "<img" not in clean_html('<img src="/media/news/khong-co.png">', image_size=lambda src: None)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_every_save_sanitises_the_body(payload):
    article = make_article(body=f"<p>Trước</p>{payload}<p>Sau</p>")
    article.refresh_from_db()
    assert problems(article.body) == [], article.body
    assert "<p>Trước</p>" in article.body


def test_a_paste_from_word_keeps_tables_and_lists_but_not_office_markup():
    word = (
        '<p class="MsoNormal" style="mso-margin-top-alt:auto;font-family:Calibri"><o:p>Danh sách</o:p></p>'
        '<ol style="margin-top:0cm" start="1" type="1">'
        '<li class="MsoNormal" style="mso-list:l0 level1 lfo1">Huyện Đông Hải</li>'
        '<li class="MsoNormal">Huyện Thanh Lâm</li></ol>'
        '<table class="MsoTableGrid" border="1" style="border-collapse:collapse;mso-yfti-tbllook:1184">'
        '<tr style="mso-yfti-irow:0"><td width="200" valign="top" style="width:150pt;mso-border-alt:solid">'
        '<p class="MsoNormal">120</p></td></tr>'
        "</table><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->"
    )
    cleaned = clean_html(word)
    assert '<ol type="1" start="1"><li>Huyện Đông Hải</li><li>Huyện Thanh Lâm</li></ol>' in cleaned
    assert "<table>" in cleaned and "<td" in cleaned and "120" in cleaned
    for junk in ("mso-", "MsoNormal", "o:p", "w:WordDocument", "font-family", "<!--"):
        assert junk not in cleaned
