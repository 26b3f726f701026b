"""Page throughput of the portal, side by side with a minimal Django view (run it as bench/run).

What it does, in one run (docs/benchmarks.md explains the method):

1. Services: its own PostgreSQL database (created if missing) and a
   redis-server it starts on a free port; or, with --embedded, the embedded
   default (SQLite and the machine-wide cache) in a folder of its own.
2. Data: migrate, collectstatic, `manage.py generate_load_data` at the sizes
   asked for (idempotent: a second run at the same sizes adds nothing).
3. Servers: gunicorn with 2 sync workers, production settings (DEBUG off),
   visitor counting on, once with the page cache on and once with
   PAGE_CACHE=off; and, with the same gunicorn settings, the minimal view:
   a constant 30 KB HTML body without the portal's middleware
   (bench/minimal_settings.py). The portal servers also serve that view
   through their middleware (bench/bench_urls.py), one row of the table.
4. Load: for every page, wrk on the minimal view and then on the page,
   back to back, so the ratio of the two is taken under the same machine
   load; requests come from 5,000 visitors (bench/stats_visitors.lua).
5. nginx: Debian's nginx with the sample configuration's micro-cache
   (docs/deploy/nginx.conf) in front of the cache-on gunicorn, against the
   same nginx serving a static copy of the same page; then the exact-counting
   check: page views counted (Django + count_cached_views) = requests served.
6. Memory: every gunicorn worker's RSS, sampled each second for the whole run.

It prints a table and writes it as Markdown (var/bench-run/results-*.md) for
docs/benchmarks.md. Everything it starts, it stops.
"""

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
NGINX_CONF = ROOT / "docs" / "deploy" / "nginx.conf"
VISITORS_SCRIPT = BENCH / "stats_visitors.lua"
MINIMAL = "/__bench__/minimal/"
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
NGINX_PAGES = ("home", "category", "article")
SECRET = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


# --- wrk ---------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass
class Load:
    rps: float
    p99_ms: float
    requests: int
    errors: str = ""


def parse_wrk(output):
    """Requests/s, 99th percentile latency, requests completed and errors from `wrk --latency` output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", output, flags=re.M)
    errors = []
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors.append(f"{non_2xx.group(1)} non-2xx")
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if sockets and any(int(value) for value in sockets.groups()):
        errors.append("socket errors " + "/".join(sockets.groups()))
    return Load(rps, float(p99.group(1)) * UNITS[p99.group(2)] if p99 else float("nan"), requests, ", ".join(errors))


def wrk(url, options, headers=(), log=None, seconds=None):
    seconds = seconds or options.seconds
    command = ["wrk", f"-t{options.threads}", f"-c{options.connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "10s", "-s", str(VISITORS_SCRIPT)]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if log is not None:
        log.write(f"$ {' '.join(command)} {url}\n{output}\n")
    return parse_wrk(output)


# --- Processes -----------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Started:
    """Every process this run starts, stopped at the end whatever happens."""

    def __init__(self):
        self.processes = []

    def start(self, command, log_path, env=None, **kwargs):
        log = open(log_path, "ab")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, **kwargs)
        self.processes.append((process, log))
        return process

    def stop(self, process, sig=signal.SIGTERM, timeout=30):
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def stop_all(self):
        for process, log in reversed(self.processes):
            self.stop(process)
            log.close()


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def fetch(url, headers=None):
    """A GET with exactly the headers wrk sends (no Accept-Encoding, which urllib would add):
    it warms the same cache entry, and nginx keeps one per Accept-Encoding (Vary)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    connection.putrequest("GET", parts.path + (f"?{parts.query}" if parts.query else ""), skip_accept_encoding=True)
    for name, value in {"User-Agent": BROWSER, **(headers or {})}.items():
        connection.putheader(name, value)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{url} answered {response.status}")
    return body


class MemorySampler(threading.Thread):
    """RSS of each gunicorn worker, once a second."""

    def __init__(self, masters):
        super().__init__(daemon=True)
        self.masters = masters  # label -> master pid
        self.samples = {}  # (label, pid) -> [kB]
        self.halt = threading.Event()

    def run(self):
        while not self.halt.wait(1.0):
            for label, master in self.masters.items():
                for pid in children(master) or [master]:
                    rss = rss_kb(pid)
                    if rss:
                        self.samples.setdefault((label, pid), []).append(rss)

    def summary(self):
        rows = []
        for (label, pid), values in sorted(self.samples.items()):
            rows.append((label, pid, values[0] / 1024, max(values) / 1024, values[-1] / 1024, len(values)))
        return rows

    def mark(self):
        """How many samples each worker has so far: the start of a stretch to summarise later."""
        return {key: len(values) for key, values in self.samples.items()}

    def growth(self, since):
        """Per worker, over the samples after `since`: RSS in the first and the last minute
        (medians, so one garbage collection does not decide), the peak, and the samples."""
        rows = []
        for (label, pid), values in sorted(self.samples.items()):
            stretch = values[since.get((label, pid), 0) :]
            if len(stretch) < 2:
                continue
            minute = min(60, len(stretch) // 2)
            rows.append(
                (
                    label,
                    pid,
                    statistics.median(stretch[:minute]) / 1024,
                    statistics.median(stretch[-minute:]) / 1024,
                    max(stretch) / 1024,
                    len(stretch),
                )
            )
        return rows


def children(pid):
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
        return [int(child) for child in found.split()]


def rss_kb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


# --- Setting up ----------------------------------------------------------------------------------


def ensure_wrk():
    if shutil.which("wrk"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("Installing Debian's wrk …", flush=True)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
    if not shutil.which("wrk"):
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, capture_output=True)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)


def base_env(options, folder):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(
        DOLISA_ENV_FILE=os.devnull,
        SECRET_KEY=SECRET,
        DEBUG="off",
        SECURE_SSL_REDIRECT="off",
        SERVE_MEDIA="off",
        LOG_LEVEL="WARNING",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # wrk's X-Forwarded-For is the visitor (bench/stats_visitors.lua).
        TRUSTED_PROXY_COUNT="1",
        VAR_DIR=str(folder / "var"),
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        PYTHONPATH=os.pathsep.join([str(BENCH), env_path()]),
        DJANGO_SETTINGS_MODULE="bench_settings",
    )
    if not options.embedded:
        env["DATABASE_URL"] = f"postgres://{options.pg_user}@{options.pg_host}:{options.pg_port}/{options.database}"
    return env


def env_path():
    return os.environ.get("PYTHONPATH", "")


def ensure_database(options):
    exists = subprocess.run(
        [
            "psql",
            "-h",
            options.pg_host,
            "-p",
            str(options.pg_port),
            "-U",
            options.pg_user,
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{options.database}'",
            "postgres",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run(
            ["createdb", "-h", options.pg_host, "-p", str(options.pg_port), "-U", options.pg_user, options.database],
            check=True,
        )


def manage(env, *arguments, capture=False):
    command = [str(PYTHON), str(ROOT / "manage.py"), *arguments]
    if capture:
        return subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    return None


DISCOVER = r"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import NoReverseMatch, reverse
from dolisa_site import roles
from news.models import Article, Category
from procedures.models import Dossier
from news.views import PER_PAGE


def url(name, suffix=""):
    try:
        return reverse(name) + suffix
    except NoReverseMatch:
        return None


published = Article.objects.published()
article = published.newest_first().only("slug").first()
category = max(Category.objects.top_level(), key=lambda c: published.in_category(c).count())
pages = max(1, published.in_category(category).count() // PER_PAGE)
User = get_user_model()
leader, _ = User.objects.get_or_create(username="bench-lanh-dao", defaults={"is_staff": True})
leader.groups.add(Group.objects.get(name=roles.LEADER))
client = Client()
client.force_login(leader)
found = {
    "home": "/",
    "category": category.get_absolute_url(),
    "deep category": category.get_absolute_url() + "?page=%d" % min(500, max(1, pages // 2)),
    "article": article.get_absolute_url(),
    "search": url("news:search", "?q=lao+%C4%91%E1%BB%99ng"),
    "sitemap": url("sitemap"),
    "procedures catalogue": url("procedures:catalogue"),
    "dashboard (signed in)": url("admin:procedures_dashboard"),
}
print(json.dumps({
    "pages": {name: path for name, path in found.items() if path},
    "session": client.cookies["sessionid"].value,
    "articles": Article.objects.count(),
    "published": published.count(),
    "dossiers": Dossier.objects.count(),
}))
"""

PAGE_VIEWS = (
    "from stats.flush import flush; from stats.models import DailyStat; from django.db.models import Sum; "
    "flush(); print(DailyStat.objects.aggregate(total=Sum('page_views', default=0))['total'])"
)


def page_views(env):
    return int(manage(env, "shell", "-c", PAGE_VIEWS, capture=True).strip().splitlines()[-1])


def start_gunicorn(started, env, folder, label, page_cache, options, settings="bench_settings", probe="/healthz"):
    port = free_port()
    server_env = {**env, "PAGE_CACHE": "on" if page_cache else "off", "DJANGO_SETTINGS_MODULE": settings}
    if options.server == "runserver":
        # The minimal view's settings have no middleware, which the admin's system checks refuse.
        command = [
            str(PYTHON),
            str(ROOT / "manage.py"),
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            "--skip-checks",
        ]
    else:
        command = [
            str(GUNICORN), "dolisa_site.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", str(options.workers), "--timeout", "60", "--log-level", "warning",
        ]  # fmt: skip
    process = started.start(command, folder / f"server-{label}.log", env=server_env, cwd=ROOT)
    wait_until_up(f"http://127.0.0.1:{port}{probe}")
    return port, process


# --- nginx ---------------------------------------------------------------------------------------


def location_block(conf, marker):
    """The `location … { … }` block that starts at or after `marker`, braces balanced
    (also the tests' reader of the sample: dolisa_site/tests/nginx_sample.py)."""
    start = conf.index("location", conf.index(marker))
    depth, position = 0, start
    while True:
        char = conf[position]
        depth += char == "{"
        depth -= char == "}"
        position += 1
        if char == "}" and depth == 0:
            return conf[start:position]


def nginx_conf(folder, upstream_port, port, static_port):
    """The sample's micro-cache (http part and application location) and compression,
    plus a server answering the static copies."""
    conf = NGINX_CONF.read_text()
    http_part = conf[conf.index("# --- Micro-cache (http level)") : conf.index("# --- End of micro-cache")]
    http_part = http_part.replace("/var/cache/nginx/dolisa", str(folder / "nginx-cache"))
    compression = conf[conf.index("    # --- Compression") : conf.index("    # --- Static files")]
    app = location_block(conf, "# --- Everything else: the Django application")
    app = app.replace("/var/log/nginx/", f"{folder}/nginx-").replace("http://dolisa_app", "http://dolisa_bench")
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off; worker_processes auto; pid {folder}/nginx.pid; error_log {folder}/nginx-error.log;\n"
        "events { worker_connections 1024; }\n"
        f"http {{ client_body_temp_path {folder}/nginx-body; proxy_temp_path {folder}/nginx-proxy;\n"
        f"fastcgi_temp_path {folder}/nginx-fcgi; uwsgi_temp_path {folder}/nginx-uwsgi; "
        f"scgi_temp_path {folder}/nginx-scgi;\n"
        "include /etc/nginx/mime.types;\n"
        f"upstream dolisa_bench {{ server 127.0.0.1:{upstream_port}; }}\n"
        f"{http_part}\n"
        f"server {{ listen 127.0.0.1:{port};\n{compression}\n{app}\n}}\n"
        f"server {{ listen 127.0.0.1:{static_port};\n{compression}\n"
        f"  location / {{ root {folder}/static-copies; default_type text/html; try_files $uri/index.html =404;\n"
        f"    access_log {folder}/nginx-access.log; }}\n}}\n"
        "}\n"
    )


# --- Reporting ----------------------------------------------------------------------------------


@dataclass
class Row:
    variant: str
    page: str
    path: str
    page_load: Load
    minimal_load: Load

    @property
    def ratio(self):
        return self.page_load.rps / self.minimal_load.rps if self.minimal_load.rps else float("nan")


@dataclass
class NginxRow:
    page: str
    cached: Load
    static: Load

    @property
    def ratio(self):
        return self.cached.rps / self.static.rps if self.static.rps else float("nan")


@dataclass
class Report:
    started: datetime
    machine: dict
    options: dict
    data: dict
    rows: list = field(default_factory=list)
    nginx_rows: list = field(default_factory=list)
    counting: str = ""
    memory: list = field(default_factory=list)
    soak: list = field(default_factory=list)
    soak_seconds: int = 0

    def markdown(self):
        out = [f"### Run {self.started:%Y-%m-%d %H:%M} ({self.options['mode']})", ""]
        out.append(
            f"Machine: {self.machine['cpu']} × {self.machine['cores']}, {self.machine['memory']}, "
            f"load average {self.machine['load_before']} before, {self.machine['load_after']} after; "
            f"{self.machine['software']}."
        )
        out.append(
            f"Data: {self.data['articles']:,} articles ({self.data['published']:,} published), "
            f"{self.data['dossiers']:,} dossiers. wrk -t{self.options['threads']} -c{self.options['connections']} "
            f"-d{self.options['seconds']}s per figure; {self.options['server']}, {self.options['workers']} workers."
        )
        out += [
            "",
            "| cache | page | requests/s | p99 | minimal view req/s (same moment) | share of minimal | errors |",
        ]
        out.append("| --- | --- | ---: | ---: | ---: | ---: | --- |")
        for row in self.rows:
            out.append(
                f"| {row.variant} | {row.page} | {row.page_load.rps:,.0f} | {row.page_load.p99_ms:.0f} ms | "
                f"{row.minimal_load.rps:,.0f} | {row.ratio:.3f} | {row.page_load.errors or '–'} |"
            )
        if self.nginx_rows:
            out += ["", "| nginx | micro-cache req/s | p99 | static copy req/s | p99 | share of static | errors |"]
            out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
            for row in self.nginx_rows:
                out.append(
                    f"| {row.page} | {row.cached.rps:,.0f} | {row.cached.p99_ms:.1f} ms | {row.static.rps:,.0f} | "
                    f"{row.static.p99_ms:.1f} ms | {row.ratio:.3f} | "
                    f"{', '.join(filter(None, [row.cached.errors, row.static.errors])) or '–'} |"
                )
        if self.counting:
            out += ["", f"Counting through nginx: {self.counting}"]
        if self.memory:
            out += [
                "",
                "| server | worker | RSS at start | peak | at end | samples |",
                "| --- | --- | ---: | ---: | ---: | ---: |",
            ]
            for label, pid, first, peak, last, samples in self.memory:
                out.append(f"| {label} | {pid} | {first:.0f} MB | {peak:.0f} MB | {last:.0f} MB | {samples} |")
        if self.soak:
            out += [
                "",
                f"Soak: {self.soak_seconds} s of load without a pause, the pages in turn.",
                "",
                "| server | worker | RSS, first minute | last minute | growth | peak | samples |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
            ]
            for label, pid, first, last, peak, samples in self.soak:
                out.append(
                    f"| {label} | {pid} | {first:.1f} MB | {last:.1f} MB | {last - first:+.1f} MB | {peak:.0f} MB | "
                    f"{samples} |"
                )
        return "\n".join(out) + "\n"


def machine_facts():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    versions = [f"Python {platform.python_version()}"]
    for command, pattern in (
        (["nginx", "-v"], r"nginx/([\d.]+)"),
        (["redis-server", "--version"], r"v=([\d.]+)"),
        (["wrk", "--version"], r"wrk (\S+)"),
    ):
        try:
            result = subprocess.run(command, capture_output=True, text=True)
            found = re.search(pattern, result.stdout + result.stderr)
            if found:
                versions.append(f"{command[0]} {found.group(1)}")
        except OSError:
            pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "software": versions}


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- The run ------------------------------------------------------------------------------------


def parse_options(argv=None):
    parser = argparse.ArgumentParser(
        prog="bench/run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000, help="generated articles (default 100,000)")
    parser.add_argument("--dossiers", type=int, default=1_000_000, help="generated dossiers (default 1,000,000)")
    parser.add_argument("--stats-days", type=int, default=365)
    parser.add_argument("--skip-load", action="store_true", help="use the data as it is (no generate_load_data)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk -d, per figure")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t")
    parser.add_argument("--connections", type=int, default=16, help="wrk -c")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--server", choices=("gunicorn", "runserver"), default="gunicorn")
    parser.add_argument("--embedded", action="store_true", help="SQLite and the machine-wide cache, no PostgreSQL")
    parser.add_argument("--database", default="dolisa_bench", help="PostgreSQL database (created if missing)")
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--redis-url", help="use this Redis instead of starting a redis-server on a free port")
    parser.add_argument("--variants", default="on,off", help="page cache variants: on, off or both (default)")
    parser.add_argument("--pages", help="comma-separated page names to load (default: all)")
    parser.add_argument("--no-nginx", action="store_true", help="skip the nginx micro-cache case")
    parser.add_argument(
        "--soak", type=int, default=0, help="then load the portal this many seconds without a pause: memory growth"
    )
    parser.add_argument("--folder", type=Path, default=ROOT / "var" / "bench-run", help="where it keeps its files")
    parser.add_argument("--markdown", type=Path, help="also write the Markdown table here")
    return parser.parse_args(argv)


def main(argv=None):
    options = parse_options(argv)
    started_at = datetime.now()
    folder = options.folder.resolve() / ("embedded" if options.embedded else options.database)
    folder.mkdir(parents=True, exist_ok=True)
    ensure_wrk()
    env = base_env(options, folder)
    started = Started()
    try:
        return run(options, started_at, folder, env, started)
    finally:
        started.stop_all()


def run(options, started_at, folder, env, started):
    machine = machine_facts()
    machine["load_before"] = load_average()
    if not options.embedded:
        ensure_database(options)
        server = subprocess.run(
            ["psql", "-h", options.pg_host, "-p", str(options.pg_port), "-U", options.pg_user, "-tAc",
             "SHOW server_version", options.database],
            capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        machine["software"].append(f"PostgreSQL {server[0] if server else '?'}")
        if options.redis_url:
            env["REDIS_URL"] = options.redis_url
        else:
            redis_port = free_port()
            redis_dir = folder / "redis"
            redis_dir.mkdir(exist_ok=True)
            started.start(
                ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", str(redis_dir)],
                folder / "redis.log",
            )  # fmt: skip
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
            for _attempt in range(100):
                if subprocess.run(["redis-cli", "-p", str(redis_port), "ping"], capture_output=True).returncode == 0:
                    break
                time.sleep(0.1)
    else:
        machine["software"].append("SQLite")
    machine["software"] = ", ".join(machine["software"])
    print(f"Preparing {'the embedded default' if options.embedded else options.database} …", flush=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    if not options.skip_load:
        manage(
            env, "generate_load_data", "--articles", str(options.articles), "--dossiers", str(options.dossiers),
            "--stats-days", str(options.stats_days),
        )  # fmt: skip
    discovered = json.loads(manage(env, "shell", "-c", DISCOVER, capture=True).strip().splitlines()[-1])
    pages = discovered["pages"]
    if options.pages:
        wanted = [name.strip() for name in options.pages.split(",")]
        pages = {name: path for name, path in pages.items() if name in wanted}
    pages["minimal view, portal middleware"] = MINIMAL
    staff_headers = [f"Cookie: sessionid={discovered['session']}"]
    variants = [name.strip() for name in options.variants.split(",")]

    minimal_port, _minimal = start_gunicorn(
        started, env, folder, "minimal", False, options, "minimal_settings", probe=MINIMAL
    )
    minimal_url = f"http://127.0.0.1:{minimal_port}{MINIMAL}"
    servers = {}
    for variant in variants:
        port, process = start_gunicorn(started, env, folder, f"cache-{variant}", variant == "on", options)
        servers[variant] = (port, process)
    sampler = MemorySampler({f"cache {variant}": process.pid for variant, (_port, process) in servers.items()})
    sampler.start()
    report = Report(
        started=started_at,
        machine=machine,
        options={
            "mode": "embedded default" if options.embedded else "PostgreSQL + Redis",
            "threads": options.threads,
            "connections": options.connections,
            "seconds": options.seconds,
            "server": options.server,
            "workers": options.workers if options.server == "gunicorn" else 1,
        },
        data=discovered,
    )
    with open(folder / "wrk.log", "a") as wrk_log:
        for variant in variants:
            port, _process = servers[variant]
            base = f"http://127.0.0.1:{port}"
            for name, path in pages.items():
                headers = staff_headers if "signed in" in name else []
                # One request first: the cache-on figures are for a warm page (the page cache's purpose).
                fetch(base + path, {"Cookie": headers[0][8:]} if headers else None)
                minimal = wrk(minimal_url, options, log=wrk_log)
                loaded = wrk(base + path, options, headers=headers, log=wrk_log)
                row = Row(f"{variant}", name, path, loaded, minimal)
                report.rows.append(row)
                print(
                    f"cache {variant:<3} {name:<22} {loaded.rps:9.1f} req/s  p99 {loaded.p99_ms:7.1f} ms  "
                    f"minimal {minimal.rps:8.1f}  share {row.ratio:.3f}  {loaded.errors}",
                    flush=True,
                )
        if not options.no_nginx and "on" in servers and shutil.which("nginx"):
            nginx_case(options, env, folder, started, servers["on"][0], pages, report, wrk_log)
        if options.soak:
            soak(options, servers, pages, sampler, report, wrk_log)
    sampler.halt.set()
    sampler.join()
    report.memory = sampler.summary()
    machine["load_after"] = load_average()
    markdown = report.markdown()
    print()
    print(markdown)
    target = options.markdown or folder.parent / f"results-{started_at:%Y%m%d-%H%M%S}.md"
    target.write_text(markdown)
    print(f"Written to {target}")
    return 0


SOAK_STRETCH = 30  # seconds of wrk per page in turn


def soak(options, servers, pages, sampler, report, wrk_log):
    """Load the portal servers without a pause for options.soak seconds, every page in turn
    (anonymous pages only), and keep each worker's memory over that time: the growth check."""
    print(f"Soak: {options.soak} s of load on the portal servers …", flush=True)
    since = sampler.mark()
    anonymous = [path for name, path in pages.items() if "signed in" not in name]
    deadline = time.monotonic() + options.soak
    turn = 0
    while time.monotonic() < deadline:
        for variant, (port, _process) in servers.items():
            path = anonymous[turn % len(anonymous)]
            left = max(1, min(SOAK_STRETCH, int(deadline - time.monotonic())))
            wrk(f"http://127.0.0.1:{port}{path}", options, log=wrk_log, seconds=left)
        turn += 1
    report.soak_seconds = options.soak
    report.soak = sampler.growth(since)


def nginx_case(options, env, folder, started, upstream_port, pages, report, wrk_log):
    port, static_port = free_port(), free_port()
    for stale in ("nginx-dolisa-cached.log", "nginx-access.log"):
        (folder / stale).unlink(missing_ok=True)
    shutil.rmtree(folder / "nginx-cache", ignore_errors=True)
    shutil.rmtree(folder / "static-copies", ignore_errors=True)
    (folder / "nginx.conf").write_text(nginx_conf(folder, upstream_port, port, static_port))
    nginx = started.start(["nginx", "-c", str(folder / "nginx.conf"), "-p", str(folder)], folder / "nginx.log")
    wait_until_up(f"http://127.0.0.1:{port}/healthz")
    cached_log = folder / "nginx-dolisa-cached.log"
    before = page_views(env)
    counted_requests, runs = 0, 0
    for name in NGINX_PAGES:
        if name not in pages:
            continue
        path = pages[name]
        # The static copy is the very page nginx serves (as wrk asks for it: uncompressed).
        copy = folder / "static-copies" / path.strip("/").split("?")[0] / "index.html"
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(fetch(f"http://127.0.0.1:{port}{path}"))
        counted_requests += 1
        cached = wrk(f"http://127.0.0.1:{port}{path}", options, log=wrk_log)
        static = wrk(f"http://127.0.0.1:{static_port}{path.split('?')[0]}", options, log=wrk_log)
        counted_requests += cached.requests
        runs += 1
        row = NginxRow(name, cached, static)
        report.nginx_rows.append(row)
        print(
            f"nginx {name:<10} micro-cache {cached.rps:9.1f} req/s p99 {cached.p99_ms:6.1f} ms  "
            f"static {static.rps:9.1f} req/s p99 {static.p99_ms:6.1f} ms  share {row.ratio:.3f}",
            flush=True,
        )
    # A graceful stop writes out nginx's buffered log lines; then they are counted.
    started.stop(nginx, signal.SIGQUIT)
    manage(env, "count_cached_views", str(cached_log), "--verbosity", "0")
    counted = page_views(env) - before
    in_flight = options.connections * runs  # wrk stops with up to one request per connection unanswered
    exact = counted_requests <= counted <= counted_requests + in_flight
    report.counting = (
        f"{counted_requests:,} page requests answered to wrk, {counted:,} page views counted "
        f"(Django and count_cached_views; up to {in_flight} more may be requests wrk left in flight): "
        + ("exact." if exact else "**MISMATCH**.")
    )
    print(report.counting, flush=True)


if __name__ == "__main__":
    sys.exit(main())
