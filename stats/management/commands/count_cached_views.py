"""Count the page views nginx's micro-cache answered itself, from its log (stats/proxylog.py).

    manage.py count_cached_views /var/log/nginx/dolisa-cached.log            # once (a timer, a test)
    manage.py count_cached_views /var/log/nginx/dolisa-cached.log --follow   # as a service

Run beside docs/deploy/nginx.conf's micro-cache, as docs/deploy/dolisa-cached-views.service does.
"""

import logging
import signal
import time

from django.core.management import BaseCommand, CommandError

from stats import clock
from stats.flush import flush_after_response, is_due
from stats.proxylog import count_log

logger = logging.getLogger(__name__)


class Stop(Exception):
    pass


def _stop(signum, frame):
    raise Stop


class Command(BaseCommand):
    help = "Count the page views nginx answered from its micro-cache, from the log nginx writes of them."

    def add_arguments(self, parser):
        parser.add_argument("log", help="The log file nginx writes cached page views to.")
        parser.add_argument("--follow", action="store_true", help="Keep reading as nginx writes (a service).")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between reads with --follow.")

    def handle(self, *args, **options):
        if not options["follow"]:
            try:
                lines, counted, _born = count_log(options["log"])
            except OSError as exc:
                raise CommandError(f"Cannot read {options['log']}: {exc}")
            # What this process counted is flushed before it ends, wherever the buffer lives.
            if counted:
                flush_after_response()
            if options["verbosity"] >= 1:
                self.stdout.write(f"{lines} lines read, {counted} page views counted.")
            return
        signal.signal(signal.SIGTERM, _stop)
        oldest = None
        try:
            while True:
                try:
                    lines, counted, born = count_log(options["log"])
                except OSError as exc:
                    logger.error("Visitor statistics: cannot read %s: %s", options["log"], exc)
                    lines, counted, born = 0, 0, None
                if born is not None:
                    oldest = born  # the buffer's oldest unflushed count, as record() reports it
                # As the middleware does: the buffer is flushed once its oldest count is old enough.
                if oldest is not None and is_due(oldest, clock.now()):
                    flush_after_response()
                    oldest = None
                if options["verbosity"] >= 2 and lines:
                    self.stdout.write(f"{lines} lines read, {counted} page views counted.")
                time.sleep(options["interval"])
        except (Stop, KeyboardInterrupt):
            if oldest is not None:
                flush_after_response()
