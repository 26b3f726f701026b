"""CPU time one counted page view costs, measured in isolation.

Runs the counting middleware around a trivial view for N requests from
rotating visitors against the bench's Redis (index 7), and reports the CPU
time spent per request in this process and in redis-server, minus the same
loop without the middleware. Run by bench/stats_bench.sh with its
environment; alone:

    REDIS_URL=redis://127.0.0.1:6379/7 SECRET_KEY=… .venv/bin/python bench/stats_cost.py [N]
"""

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dolisa_site.settings")

import django

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from stats.middleware import VisitorStatsMiddleware  # noqa: E402

AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
HZ = os.sysconf("SC_CLK_TCK")


class Visitor:
    is_staff = False


def redis_seconds():
    pid = subprocess.run(["pgrep", "-x", "redis-server"], capture_output=True, text=True).stdout.split()[0]
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


def requests(count):
    factory = RequestFactory()
    made = []
    for number in range(count):
        request = factory.get(
            "/", HTTP_USER_AGENT=AGENT, HTTP_X_FORWARDED_FOR=f"10.{number % 200}.{number // 200 % 250}.9"
        )
        request.user = Visitor()
        made.append(request)
    return made


def cpu_per_request(handler, batch):
    process, server = time.process_time(), redis_seconds()
    for request in batch:
        handler(request)
    return (time.process_time() - process) / len(batch), (redis_seconds() - server) / len(batch)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    page = lambda request: HttpResponse("<!doctype html><p>trang</p>")  # noqa: E731
    counting = VisitorStatsMiddleware(page)
    counting(requests(1)[0])  # connect, load the Lua script, fetch the day's salt
    bare_app, _bare_redis = cpu_per_request(page, requests(count))
    app, server = cpu_per_request(counting, requests(count))
    print(
        f"counting CPU per page view: {1e6 * (app - bare_app):.0f} µs in the app process, "
        f"{1e6 * server:.0f} µs in Redis"
    )
    print(f"total {1e3 * (app - bare_app + server):.3f} ms")


if __name__ == "__main__":
    main()
