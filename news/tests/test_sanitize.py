"""The body allow-list, against payloads from the OWASP XSS filter evasion cheat sheet and friends."""

import re

import pytest

from news.sanitize import clean_html

from .factories import make_article

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="/media/a.jpg" onerror="alert(1)">',
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
    "&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<form action="https://evil.example"><input name=p></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
    '<p style="behavior:url(x.htc)">x</p>',
    '<p style="width: expression(alert(1))">x</p>',
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    "<marquee onstart=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    '<base href="https://evil.example/">',
    '"><script>alert(1)</script>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<img src=x onerror=alert(1)>-->",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<img src="https://tracker.example/pixel.gif">',
    '<img src="//tracker.example/pixel.gif">',
    '<img src="/media/../../etc/passwd">',
    '<a href="#" onclick="alert(1)">x</a>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<td onmouseover="alert(1)">x</td>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]

DANGEROUS = re.compile(
    r"<\s*(script|iframe|object|embed|form|input|svg|math|style|link|meta|base|body|video|marquee|details)\b"
    r"|\son[a-z]+\s*=|javascript:|vbscript:|data:|expression\(|position\s*:|behavior\s*:|evil\.example|tracker\.example",
    re.IGNORECASE,
)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_known_xss_payloads_are_neutralised(payload):
    cleaned = clean_html(payload)
    assert not DANGEROUS.search(cleaned), cleaned


def test_editor_markup_survives():
    body = (
        '<h2>Kết quả</h2><p style="text-align:center;">Đoạn <strong>đậm</strong>, <i>nghiêng</i>, '
        '<a href="https://dichvucong.gov.vn/">cổng</a>, <a href="mailto:so@example.vn">thư</a>, '
        '<a href="tel:02003000003">gọi</a>.</p><blockquote><p>Trích dẫn</p></blockquote>'
        '<ol><li>Một</li></ol><figure class="table"><table><thead><tr><th>Huyện</th></tr></thead>'
        '<tbody><tr><td colspan="2">12</td></tr></tbody></table></figure>'
    )
    cleaned = clean_html(body)
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
@pytest.mark.parametrize("payload", XSS_PAYLOADS[:12])
def test_every_save_sanitises_the_body(payload):
    article = make_article(body=f"<p>Trước</p>{payload}<p>Sau</p>")
    article.refresh_from_db()
    assert not DANGEROUS.search(article.body)
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
