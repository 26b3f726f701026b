"""Imports through the admin run in the background (issue 10, finding 6c).

The upload page stores the file and enqueues the import on the database task
queue (django-tasks); the request returns at once. The worker (`manage.py
db_worker`) is run here in-process, as the command runs it: its Worker class
in batch mode, which takes every queued task and stops (workers.py). The status page follows
the import through the progress cache and then shows the report.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from procedures import tasks
from procedures.importing import DossierImporter, ProcedureImporter
from procedures.models import Dossier, ImportRun

from .workers import run_worker

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
IMPORT_DOSSIERS = "/admin/procedures/dossier/nhap/"


@pytest.fixture
def officer(one_stop_officer):
    client = Client()
    client.force_login(one_stop_officer)
    return client


@pytest.fixture
def catalogue():
    ProcedureImporter().run("thu-tuc-mau.csv", (DATA / "thu-tuc-mau.csv").read_bytes())


@pytest.fixture
def worker():
    return run_worker


def upload(client, name, content):
    return client.post(IMPORT_DOSSIERS, {"file": SimpleUploadedFile(name, content)})


def status_page(client, run):
    return client.get(f"/admin/procedures/importrun/{run.pk}/change/").content.decode()


def progress(client, run):
    return client.get(f"/admin/procedures/importrun/{run.pk}/tien-do/").json()


def test_the_upload_returns_at_once_and_the_worker_imports(officer, catalogue, worker, monkeypatch):
    calls = []
    real_run = DossierImporter.run
    monkeypatch.setattr(DossierImporter, "run", lambda self, *a, **k: calls.append(1) or real_run(self, *a, **k))

    response = upload(officer, "ho-so-loi.csv", (DATA / "ho-so-loi.csv").read_bytes())

    run = ImportRun.objects.get(kind=ImportRun.Kind.DOSSIERS)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/procedures/importrun/{run.pk}/change/"
    # Nothing was imported while the request ran: the file waits for the worker.
    assert calls == [] and not Dossier.objects.exists()
    assert run.state == ImportRun.State.QUEUED and bytes(run.upload) == (DATA / "ho-so-loi.csv").read_bytes()
    assert DBTaskResult.objects.get().task_path == "procedures.tasks.run_import"
    page = status_page(officer, run)
    assert 'id="import-progress"' in page and "procedures/import-progress.js" in page
    assert "Đang chờ" in page  # waiting for the worker
    assert progress(officer, run)["finished"] is False

    worker()

    run.refresh_from_db()
    assert calls == [1]
    assert run.state == ImportRun.State.DONE and run.finished_at and bytes(run.upload) == b""
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Dossier.objects.count() == 6
    page = status_page(officer, run)
    assert 'id="import-progress"' not in page
    assert "thêm mới 6, cập nhật 0, không đổi 0, bị loại 7" in page
    assert 'id="rejected-rows"' in page and "9.999999" in page
    assert progress(officer, run) == {"state": "xong", "finished": True, "percent": 100, "text": "Đã xong."}


def test_the_status_page_sees_the_progress_while_the_worker_imports(officer, catalogue, worker, monkeypatch):
    upload(officer, "ho-so-mau.xlsx", (DATA / "ho-so-mau.xlsx").read_bytes())
    run = ImportRun.objects.get(kind=ImportRun.Kind.DOSSIERS)
    seen = []
    real_report = tasks.Progress.report

    def report(self, phase, done=0, total=0, force=False):
        real_report(self, phase, done, total, force=True)
        seen.append((phase, progress(officer, run)))  # what the page's script is told at that moment

    monkeypatch.setattr(tasks.Progress, "report", report)
    worker()

    phases = [phase for phase, _ in seen]
    assert phases[0] == "reading" and phases[-1] == "figures"
    assert {"rows", "saving"} <= set(phases)
    percents = [answer["percent"] for _, answer in seen]
    assert percents == sorted(percents) and 0 < percents[-1] < 100
    assert all(answer["finished"] is False for _, answer in seen)
    rows = [answer["text"] for phase, answer in seen if phase == "rows"]
    assert "1.500" in rows[-1]  # "…1.500 of 1.500", Vietnamese digit grouping
    assert progress(officer, run)["finished"] is True
    assert ImportRun.objects.get(kind=ImportRun.Kind.DOSSIERS).created == 1500


def test_a_refused_file_is_reported_when_the_worker_is_done(officer, worker):
    upload(officer, "bao-cao.xlsx", b"this is not a workbook")
    worker()
    run = ImportRun.objects.get(kind=ImportRun.Kind.DOSSIERS)
    assert run.state == ImportRun.State.DONE and run.refused
    page = status_page(officer, run)
    assert "bị từ chối" in page and "Excel" in page


def test_an_error_in_the_worker_marks_the_import_failed(officer, catalogue, worker, monkeypatch, caplog):
    def broken(self, body, positions):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DossierImporter, "load", broken)
    upload(officer, "ho-so-loi.csv", (DATA / "ho-so-loi.csv").read_bytes())
    worker()
    run = ImportRun.objects.get(kind=ImportRun.Kind.DOSSIERS)
    assert run.state == ImportRun.State.FAILED
    assert DBTaskResult.objects.get().status == "FAILED"
    assert not Dossier.objects.exists()
    assert "stopped by an error; nothing was imported" in caplog.text
    page = status_page(officer, run)
    assert "không có dữ liệu nào được nhập" in page and 'id="import-progress"' not in page


def test_an_import_waiting_long_for_the_worker_says_so(officer, catalogue, time_machine):
    upload(officer, "ho-so-loi.csv", (DATA / "ho-so-loi.csv").read_bytes())
    run = ImportRun.objects.get(kind=ImportRun.Kind.DOSSIERS)
    time_machine.move_to(timezone.now() + timedelta(minutes=10))
    assert "db_worker" in progress(officer, run)["text"]


def test_only_importers_see_the_progress(client, editor, officer, catalogue):
    upload(officer, "ho-so-loi.csv", (DATA / "ho-so-loi.csv").read_bytes())
    run = ImportRun.objects.get(kind=ImportRun.Kind.DOSSIERS)
    client.force_login(editor)
    assert client.get(f"/admin/procedures/importrun/{run.pk}/tien-do/").status_code == 403
