"""bench/run, the page benchmark: the parts that can be checked without loading the machine.

It runs by hand, so nothing else would notice when a change breaks it: its
wrk parsing, the nginx configuration it builds from docs/deploy/nginx.conf
(checked by nginx itself), the minimal view and its command line.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings

BENCH = Path(settings.BASE_DIR) / "bench"

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    15.20ms    4.10ms  80.00ms   90.00%
    Req/Sec   530.10     40.00   610.00     70.00%
  Latency Distribution
     50%   14.00ms
     75%   16.00ms
     90%   19.00ms
     99%    1.20s
  10560 requests in 10.01s, 300.00MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:   1054.95
Transfer/sec:     29.97MB
"""


@pytest.fixture(scope="module")
def run_module():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_wrk_figures_are_read_with_their_units_and_errors(run_module):
    load = run_module.parse_wrk(WRK_OUTPUT)
    assert (load.rps, load.p99_ms, load.requests) == (1054.95, 1200.0, 10560)
    assert load.errors == "7 non-2xx, socket errors 0/0/0/2"
    clean = WRK_OUTPUT.replace("  Socket errors: connect 0, read 0, write 0, timeout 2\n", "").replace(
        "  Non-2xx or 3xx responses: 7\n", ""
    )
    assert run_module.parse_wrk(clean.replace("1.20s", "850.00us")).p99_ms == pytest.approx(0.85)
    assert run_module.parse_wrk(clean).errors == ""


def test_the_nginx_configuration_it_builds_from_the_sample_is_valid(run_module, tmp_path):
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        pytest.skip("nginx is not installed")
    conf = run_module.nginx_conf(tmp_path, 8001, 8002, 8003)
    assert "proxy_cache dolisa_pages;" in conf and "server 127.0.0.1:8001;" in conf
    directives = "\n".join(line for line in conf.splitlines() if not line.strip().startswith("#"))
    assert "/var/log/nginx" not in directives and "/var/cache/nginx" not in directives
    (tmp_path / "nginx.conf").write_text(conf)
    result = subprocess.run(
        [binary, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_minimal_view_is_30_kb_of_html_alone_and_beside_every_page_of_the_portal(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    for name in ("bench_urls", "minimal_urls", "minimal_settings"):
        sys.modules.pop(name, None)
    import bench_urls
    import minimal_settings
    import minimal_urls

    from dolisa_site.urls import urlpatterns

    assert len(minimal_urls.BODY) == 30 * 1024
    response = minimal_urls.minimal(None)
    assert response["Content-Type"].startswith("text/html") and response.content == minimal_urls.BODY
    assert minimal_settings.MIDDLEWARE == [] and minimal_settings.ROOT_URLCONF == "minimal_urls"
    assert bench_urls.urlpatterns[1:] == urlpatterns


def test_the_command_line_parses_and_explains_itself():
    subprocess.run(["bash", "-n", str(BENCH / "run")], check=True)
    assert os.access(BENCH / "run", os.X_OK)
    result = subprocess.run([str(BENCH / "run"), "--help"], capture_output=True, text=True, check=True)
    assert "--embedded" in result.stdout and "--articles" in result.stdout and "nginx" in result.stdout


def test_the_soak_reports_each_workers_growth_from_its_first_to_its_last_minute(run_module):
    sampler = run_module.MemorySampler({})
    sampler.samples = {("cache on", 11): [90 * 1024] * 30}
    since = sampler.mark()
    # During the soak: a first minute at 91 MB, a spike, a last minute at 95 MB.
    sampler.samples[("cache on", 11)] += [91 * 1024] * 60 + [140 * 1024] + [95 * 1024] * 60
    sampler.samples[("cache off", 12)] = [80 * 1024] * 3  # a worker that started during the soak
    rows = {(label, pid): rest for label, pid, *rest in sampler.growth(since)}
    assert rows[("cache on", 11)] == [91.0, 95.0, 140.0, 121]
    assert rows[("cache off", 12)][:2] == [80.0, 80.0]
    report = run_module.Report(
        started=datetime(2026, 12, 1, 15, 0),
        machine={"cpu": "CPU", "cores": 2, "memory": "4 GB", "load_before": "0", "load_after": "0", "software": ""},
        options={"mode": "PostgreSQL + Redis", "threads": 2, "connections": 16, "seconds": 10, "server": "gunicorn",
                 "workers": 2},
        data={"articles": 1, "published": 1, "dossiers": 1},
    )  # fmt: skip
    report.soak, report.soak_seconds = sampler.growth(since), 300
    assert "| cache on | 11 | 91.0 MB | 95.0 MB | +4.0 MB | 140 MB | 121 |" in report.markdown()
