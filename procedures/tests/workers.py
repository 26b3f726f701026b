"""The task worker, run in the test process."""

from unittest import mock

from django_tasks_db.management.commands import db_worker


def run_worker():
    """What `manage.py db_worker --batch` does: run every queued task, then stop."""
    # Between tasks the worker closes connections that outlived their age, as a
    # request does; inside the test's transaction that would end the test.
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        db_worker.Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()
