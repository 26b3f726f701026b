"""Imports through the admin, run in the background by the task worker.

The admin's upload page stores the file on a queued ImportRun and enqueues
run_import (django-tasks, database backend: `manage.py db_worker` runs it, see
docs/deploy); no web request waits on an import. The worker fills in that
same ImportRun, which then is the import's report, and tells the status page
how far it has got through the "progress" cache (the import's own
transaction keeps its database writes out of sight until it commits).
`manage.py import_dossiers FILE` still imports at once, in the foreground.
"""

import logging
import time

from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .importing import BATCH, DossierImporter, ProcedureImporter
from .models import ImportRun

logger = logging.getLogger(__name__)

IMPORTERS = {ImportRun.Kind.DOSSIERS: DossierImporter, ImportRun.Kind.PROCEDURES: ProcedureImporter}
PROGRESS_TIMEOUT = 3600
REPORT_EVERY_SECONDS = 0.5

# Where the import is, as a share of the whole: reading the file, checking its
# rows, saving them in batches, then refreshing the figures (rollups).
PHASES = {
    "queued": (0, 0),
    "reading": (0, 10),
    "rows": (10, 45),
    "saving": (45, 75),
    "figures": (75, 99),
}


def progress_key(run_id):
    return f"procedures:import-progress:{run_id}"


def read_progress(run_id):
    """{"phase", "done", "total", "percent"} as the worker last told it, or None."""
    try:
        return caches["progress"].get(progress_key(run_id))
    except Exception as exc:  # a file cache on a full disk, say: the page still shows the state
        logger.warning("Import %s: progress unreadable: %s: %s", run_id, type(exc).__name__, exc)
        return None


class Progress:
    """Tells the status page how far an import has got, at most every REPORT_EVERY_SECONDS."""

    def __init__(self, run_id):
        self.run_id = run_id
        self.phase_name, self.done, self.total = "queued", 0, 0
        self._last = 0.0

    def report(self, phase, done=0, total=0, force=False):
        self.phase_name, self.done, self.total = phase, done, total
        now = time.monotonic()
        if not force and now - self._last < REPORT_EVERY_SECONDS:
            return
        self._last = now
        low, high = PHASES[phase]
        percent = low + (high - low) * (min(done, total) / total if total else 0)
        value = {"phase": phase, "done": done, "total": total, "percent": round(percent)}
        try:
            caches["progress"].set(progress_key(self.run_id), value, PROGRESS_TIMEOUT)
        except Exception as exc:  # progress is a courtesy; the import goes on
            logger.warning("Import %s: progress not recorded: %s: %s", self.run_id, type(exc).__name__, exc)

    def rows(self, iterable, total=0, desc=""):
        """The importer's progress hook around its row loop."""
        self.report("rows", 0, total, force=True)
        for number, item in enumerate(iterable, start=1):
            if number % 100 == 0:
                self.report("rows", number, total)
            yield item
        self.report("rows", total, total, force=True)


class ReportingImport:
    """Mixed into an importer: fills the queued ImportRun and reports each phase."""

    def __init__(self, run, progress):
        super().__init__(progress=progress.rows)
        self.queued_run, self.reporter = run, progress
        self._saved = 0

    def load(self, body, positions):
        self._rows = len(body)
        return super().load(body, positions)

    def save(self, records, result):
        if not self._saved:
            self.reporter.report("saving", 0, self._rows, force=True)
        super().save(records, result)
        self._saved += len(records)
        self.reporter.report("saving", self._saved, self._rows, force=len(records) < BATCH)

    def finish(self):
        self.reporter.report("figures", force=True)
        super().finish()


def importer_for(run, progress):
    base = IMPORTERS[run.kind]
    return type(f"Reporting{base.__name__}", (ReportingImport, base), {})(run, progress)


@task()
def run_import(run_id):
    """Import the file an ImportRun holds; the ImportRun becomes the import's report."""
    # Without the file: the importer saves the run, and a deferred field is left out of that save.
    run = ImportRun.objects.defer("upload").get(pk=run_id)
    if run.state != ImportRun.State.QUEUED:
        logger.warning("Import %s is %s, not queued: not run again", run_id, run.state)
        return run_id
    data = bytes(ImportRun.objects.filter(pk=run_id).values_list("upload", flat=True).get())
    run.state, run.started_at = ImportRun.State.RUNNING, timezone.now()
    ImportRun.objects.filter(pk=run_id).update(state=run.state, started_at=run.started_at)
    progress = Progress(run_id)
    progress.report("reading", force=True)
    logger.info("Import %s of %r (%s, %d bytes) started", run_id, run.file_name, run.kind, len(data))
    try:
        importer_for(run, progress).run(run.file_name, data, user=run.user)
    except Exception:
        logger.exception("Import %s of %r stopped by an error; nothing was imported", run_id, run.file_name)
        ImportRun.objects.filter(pk=run_id).update(
            state=ImportRun.State.FAILED,
            finished_at=timezone.now(),
            upload=b"",
            refused=_(
                "The import stopped because of an error on the server; nothing was imported. Try again, or ask "
                "the site administrator to look at the server log."
            ),
        )
        raise
    finally:
        forget_progress(run_id)
    # The file is dropped once imported: what it held is in the tables, and its report here.
    ImportRun.objects.filter(pk=run_id).update(state=ImportRun.State.DONE, finished_at=timezone.now(), upload=b"")
    return run_id


def forget_progress(run_id):
    try:
        caches["progress"].delete(progress_key(run_id))
    except Exception as exc:
        logger.warning("Import %s: progress not cleared: %s: %s", run_id, type(exc).__name__, exc)
