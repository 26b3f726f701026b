"""The nginx sample's micro-cache, run for real in front of the live server, and the exact
counting of the pages it answers itself (stats/proxylog.py, manage.py count_cached_views).

The http-level part and the application location are cut out of
docs/deploy/nginx.conf as they are; only the upstream, the file paths and the
listening address are replaced.
"""

import gzip
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from dolisa_site.tests.nginx_sample import NGINX_CONF, location_block
from dolisa_site.tests.redis_servers import free_port
from stats import proxylog
from stats.flush import flush
from stats.models import DailyStat, LogPosition, ObjectDailyView

from .conftest import BROWSER, GOOGLEBOT

HTTP_START = "# --- Micro-cache (http level)"
HTTP_END = "# --- End of micro-cache (http level)"


class Nginx:
    def __init__(self, folder, upstream):
        self.folder = folder
        self.port = free_port()
        self.cached_log = folder / "dolisa-cached.log"
        conf = NGINX_CONF.read_text()
        http_part = conf[conf.index(HTTP_START) : conf.index(HTTP_END)]
        http_part = http_part.replace("/var/cache/nginx/dolisa", str(folder / "cache"))
        compression = conf[conf.index("    # --- Compression") : conf.index("    # --- Static files")]
        app = location_block(conf, "# --- Everything else: the Django application")
        app = app.replace("/var/log/nginx/", f"{folder}/").replace("http://dolisa_app", f"http://{upstream}")
        # Run as root (a CI container), the workers would otherwise drop to "nobody" and not reach tmp_path.
        user = "user root; " if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            f"daemon off; {user}worker_processes 1; pid {folder}/nginx.pid; error_log {folder}/error.log;\n"
            "events {}\n"
            f"http {{ client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;\n"
            f"fastcgi_temp_path {folder}/fcgi; uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;\n"
            f"include /etc/nginx/mime.types;\n{http_part}\n"
            f"server {{ listen 127.0.0.1:{self.port};\n{compression}\n{app}\n}} }}\n"
        )

    def start(self):
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen([binary, "-c", str(self.folder / "nginx.conf"), "-p", str(self.folder)])
        for _attempt in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)  # waiting for a server process to listen, not for a page
        raise RuntimeError((self.folder / "error.log").read_text())

    def stop(self):
        """A graceful stop: nginx writes out its buffered log lines."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            self.process.wait(timeout=10)

    def get(self, path, method="GET", **headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"User-Agent": BROWSER, **{name.replace("_", "-"): value for name, value in headers.items()}}
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, response.headers, body


@pytest.fixture
def nginx(live_server, tmp_path, settings):
    if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
        pytest.skip("nginx is not installed")
    # The visitor's own address as nginx appends it: the client here sends one
    # in X-Forwarded-For, as a load balancer would, so two proxies are trusted.
    settings.TRUSTED_PROXY_COUNT = 2
    server = Nginx(tmp_path, urlsplit(live_server.url).netloc)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def article(transactional_db):
    Category = apps.get_model("news", "Category")
    Article = apps.get_model("news", "Article")
    section = Category.objects.create(name="Lao động - Việc làm")
    now = timezone.now()
    return Article.objects.create(
        title="Hội chợ việc làm thu hút hơn 3.500 lượt người lao động",
        category=section,
        summary="Tóm tắt.",
        body="<p>Nội dung.</p>",
        status="published",
        publish_at=now - timedelta(hours=1),
        first_published_at=now - timedelta(hours=1),
    )


def counted():
    flush()
    return DailyStat.objects.aggregate(page_views=Sum("page_views", default=0), visitors=Sum("visitors", default=0))


def object_views(label, pk, field="views"):
    return ObjectDailyView.objects.filter(model_label=label, object_id=pk).aggregate(total=Sum(field, default=0))[
        "total"
    ]


def test_the_whole_sample_is_valid_nginx(tmp_path):
    """nginx -t on the sample as an operator installs it, with a throw-away certificate."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(binary) or not shutil.which("openssl"):
        pytest.skip("nginx or openssl is not installed")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = NGINX_CONF.read_text()
    for original in ("/etc/ssl/dolisa/", "/var/log/nginx/", "/var/cache/nginx/"):
        site = site.replace(original, f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    user = "user root; " if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user}pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; client_body_temp_path {tmp_path}/body; "
        f"proxy_temp_path {tmp_path}/proxy; fastcgi_temp_path {tmp_path}/fcgi; uwsgi_temp_path {tmp_path}/uwsgi; "
        f"scgi_temp_path {tmp_path}/scgi;\ninclude {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run(
        [binary, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db(transaction=True)
def test_cached_pages_are_served_by_nginx_and_every_visit_is_counted_exactly_once(nginx, article):
    url = article.get_absolute_url()
    statuses = []
    for number in range(12):
        status, headers, body = nginx.get(url, X_Forwarded_For=f"10.1.0.{number % 4}")
        assert status == 200 and article.title in body.decode()
        assert "X-Viewed-Object" not in headers  # Django's note to nginx never leaves it
        statuses.append(headers["X-Cache-Status"])
    assert statuses[0] == "MISS" and set(statuses[1:]) == {"HIT"}
    # Answered from the cache, none of these is a page view (as Django would judge them).
    assert nginx.get(url, User_Agent=GOOGLEBOT)[1]["X-Cache-Status"] == "HIT"
    assert nginx.get(url, Sec_Purpose="prefetch")[1]["X-Cache-Status"] == "HIT"
    assert nginx.get(url, method="HEAD")[0] == 200
    assert nginx.get("/khong-co-trang-nay/")[0] == 404
    nginx.stop()
    # nginx logs the requests it answered from its cache, and only those.
    logged = [json.loads(entry) for entry in nginx.cached_log.read_text().splitlines()]
    assert [entry["cache"] for entry in logged] == ["HIT"] * 13

    # Django counted the one request that reached it.
    assert counted()["page_views"] == 1
    call_command("count_cached_views", str(nginx.cached_log), verbosity=0)
    assert counted() == {"page_views": 12, "visitors": 4}
    assert object_views("news.article", article.pk) == 12
    assert object_views("news.category", article.category_id, "views_within") == 12
    article.refresh_from_db()
    assert article.view_count == 12

    # Read once: the position is kept.
    call_command("count_cached_views", str(nginx.cached_log), verbosity=0)
    assert counted()["page_views"] == 12
    assert LogPosition.objects.get().offset == nginx.cached_log.stat().st_size


@pytest.mark.django_db(transaction=True)
def test_staff_sessions_messages_votes_and_cookies_always_reach_django(nginx, article, make_staff):
    staff = Client()
    staff.force_login(make_staff())
    session = staff.cookies[django_settings.SESSION_COOKIE_NAME].value
    url = "/tin-tuc/"
    for cookie in (f"sessionid={session}", "messages=abc", "theme=dark; tham-do-1=2"):
        assert nginx.get(url, Cookie=cookie)[1]["X-Cache-Status"] == "BYPASS"
    # Nothing they got was stored for the next anonymous visitor.
    assert nginx.get(url)[1]["X-Cache-Status"] == "MISS"
    assert nginx.get(url)[1]["X-Cache-Status"] == "HIT"
    # A response that sets a cookie (a form's CSRF token) is never stored.
    for _attempt in range(2):
        status, headers, _body = nginx.get("/ma-bieu-mau/")
        assert status == 200 and headers["X-Cache-Status"] == "MISS" and "Set-Cookie" in headers
    nginx.stop()
    assert not nginx.cached_log.exists() or "BYPASS" not in nginx.cached_log.read_text()


@pytest.mark.django_db(transaction=True)
def test_html_leaves_nginx_compressed(nginx, article):
    status, headers, body = nginx.get(article.get_absolute_url(), Accept_Encoding="gzip")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert article.title in gzip.decompress(body).decode()
    status, headers, body = nginx.get(article.get_absolute_url(), Accept_Encoding="gzip")
    assert headers["X-Cache-Status"] == "HIT" and headers["Content-Encoding"] == "gzip"
    # A client that takes no compression gets its own copy, uncompressed.
    status, headers, body = nginx.get(article.get_absolute_url())
    assert "Content-Encoding" not in headers and article.title in body.decode()


# --- The log reader on its own ---------------------------------------------------------------


def line(**fields):
    entry = {
        "time": f"{time.time():.3f}",
        "status": "200",
        "method": "GET",
        "uri": "/tin-tuc/bai-viet/",
        "host": "sldtbxh.example.gov.vn",
        "cache": "HIT",
        "type": "text/html; charset=utf-8",
        "viewed": "",
        "forwarded": "198.51.100.7",
        "agent": BROWSER,
    }
    entry.update(fields)
    return (json.dumps(entry) + "\n").encode()


@pytest.fixture
def log(tmp_path):
    return tmp_path / "dolisa-cached.log"


def read(log):
    call_command("count_cached_views", str(log), verbosity=0)
    return counted()["page_views"]


@pytest.mark.django_db
def test_only_page_views_answered_from_the_cache_are_counted(log, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    log.write_bytes(
        line()
        + line(cache="STALE")
        + line(cache="UPDATING", status="304")
        + line(cache="MISS")  # Django counted it
        + line(cache="BYPASS")
        + line(method="HEAD")
        + line(status="404")
        + line(type="application/rss+xml")
        + line(uri="/rss/")
        + line(uri="/static/site.css", type="text/css")
        + line(agent=GOOGLEBOT)
        + line(agent="")
        + line(purpose="prefetch")
        + b"not json\n"
    )
    assert read(log) == 3


@pytest.mark.django_db
def test_the_viewed_object_and_the_visitor_are_counted_as_django_would(log, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    log.write_bytes(
        line(viewed="news.article:12 news.category:3", forwarded="10.0.0.1")
        + line(viewed="news.article:12 news.category:3", forwarded="10.0.0.2")
        + line(viewed="news.article:12 news.category:3", forwarded="10.0.0.1")
        + line(viewed="news.category:3", forwarded="forged, 10.0.0.3")
    )
    assert read(log) == 4
    assert counted()["visitors"] == 3
    assert object_views("news.article", 12) == 3
    assert object_views("news.category", 3) == 1
    assert object_views("news.category", 3, "views_within") == 3


@pytest.mark.django_db
def test_each_line_is_counted_once_across_runs_a_line_being_written_and_a_rotation(log):
    log.write_bytes(line() + line() + line()[:40])  # the last line is still being written
    assert read(log) == 2
    with log.open("ab") as handle:
        handle.write(line()[40:] + line())
    assert read(log) == 4
    assert read(log) == 4
    # logrotate renames the file, nginx writes one more line to it, then reopens the new one.
    log.rename(f"{log}.1")
    with open(f"{log}.1", "ab") as handle:
        handle.write(line())
    log.write_bytes(line() + line())
    assert read(log) == 7
    assert read(log) == 7
    # Truncated in place (copytruncate): read again from the start.
    log.write_bytes(line())
    assert read(log) == 8


@pytest.mark.django_db
def test_no_log_yet_is_not_an_error(log):
    assert read(log) == 0
    assert proxylog.parse_viewed("news.article:x") is None
    assert proxylog.parse_viewed("") is None
