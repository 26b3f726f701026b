"""Load the demo content and make sure the local demo has an administrator.

Run by the README's first command on every start, so it must leave existing
data alone: a fixture file is loaded only while every model it fills is still
empty, and an existing administrator keeps their password.

The demo must look current on whatever day it is first loaded, so the dated
fixtures are moved forward in time as they are loaded (see REDATED).
"""

import json
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, call_command
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

DEMO_ADMIN = "admin"
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Redate:
    """How one fixture's dates follow the day the demo is first loaded.

    `written_as_of` is the moment the fixture describes as "now": nothing in it
    that has already happened is later. Loading moves every date and time of
    the listed models forward by the largest multiple of `step_days` that keeps
    that moment at or before the real now, so the newest content is recent and
    nothing that happened is dated in the future. Whole weeks keep weekdays, so
    a dossier received on a Monday is still received on a Monday; the visitor
    statistics move by days, so their last day is today.
    """

    written_as_of: datetime
    models: tuple
    step_days: int = 7

    def shift(self, now):
        steps = (now - self.written_as_of) // timedelta(days=self.step_days)
        return timedelta(days=steps * self.step_days)


REDATED = {
    "20_news.json": Redate(datetime(2025, 11, 18, 8, 0, tzinfo=LOCAL), ("news.article", "news.comment")),
    # The results widget shows the last 12 months: from this moment back, they
    # hold exactly the 2026 dossiers (the example figures 298 / 283 / 270 / 283 / 0),
    # and the 2025 ones before them stay history for the dashboard.
    "30_procedures_dossiers.json": Redate(datetime(2026, 11, 30, 0, 0, tzinfo=LOCAL), ("procedures.dossier",)),
    "40_stats.json": Redate(datetime(2026, 11, 21, 0, 0, tzinfo=LOCAL), ("stats.dailystat",), step_days=1),
    "60_questions.json": Redate(datetime(2025, 11, 21, 0, 0, tzinfo=LOCAL), ("questions.question",)),
    "70_polls.json": Redate(datetime(2025, 11, 21, 0, 0, tzinfo=LOCAL), ("polls.poll",)),
    # The open draft closes three to four weeks after the first load, the closed one weeks before it.
    "91_consultations.json": Redate(
        datetime(2026, 11, 30, 8, 0, tzinfo=LOCAL), ("consultations.draft", "consultations.comment")
    ),
    # Written as of its second week's Monday: that week is the current one whenever the demo is first loaded.
    "90_schedule.json": Redate(datetime(2026, 11, 30, 0, 0, tzinfo=LOCAL), ("schedule.week", "schedule.item")),
    # The recruitment notice's deadline stays about three weeks after the first load.
    "92_disclosures.json": Redate(datetime(2026, 11, 30, 8, 0, tzinfo=LOCAL), ("disclosures.disclosure",)),
}


def redate_rows(rows, rule, now):
    """The fixture rows with the dates of the rule's models moved forward."""
    shift = rule.shift(now)
    for row in rows:
        if row["model"] not in rule.models:
            continue
        model = apps.get_model(row["model"])
        for name, value in row["fields"].items():
            if value is None:
                continue
            field = model._meta.get_field(name)
            if isinstance(field, models.DateTimeField):
                row["fields"][name] = (parse_datetime(value) + shift).isoformat()
            elif isinstance(field, models.DateField):
                row["fields"][name] = (parse_date(value) + shift).isoformat()
    return rows


class Command(BaseCommand):
    help = "Load the demo fixtures into empty tables and create the demo administrator."

    def handle(self, *args, **options):
        fixtures_dir = Path(settings.BASE_DIR) / "fixtures"
        now = timezone.now()
        for fixture in sorted(fixtures_dir.glob("*.json")):
            self.load_once(fixture, now)
        self.copy_media(fixtures_dir / "media", Path(settings.MEDIA_ROOT))
        self.ensure_admin()

    def load_once(self, fixture, now):
        rows = json.loads(fixture.read_text(encoding="utf-8"))
        labels = {row["model"] for row in rows}
        if any(apps.get_model(label).objects.exists() for label in labels):
            self.stdout.write(f"Skipped {fixture.name}: its tables already hold data.")
            return
        rule = REDATED.get(fixture.name)
        if rule is None:
            call_command("loaddata", str(fixture), verbosity=0)
        else:
            with tempfile.TemporaryDirectory() as folder:
                redated = Path(folder) / fixture.name
                redated.write_text(json.dumps(redate_rows(rows, rule, now), ensure_ascii=False), encoding="utf-8")
                call_command("loaddata", str(redated), verbosity=0)
        self.stdout.write(f"Loaded {fixture.name}.")

    def copy_media(self, source, target):
        for path in source.rglob("*"):
            destination = target / path.relative_to(source)
            if path.is_file() and not destination.exists():
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)

    def ensure_admin(self):
        User = get_user_model()
        password_file = Path(settings.VAR_DIR) / "demo-admin-password.txt"
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(DEMO_ADMIN, "", password)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n", encoding="utf-8")
            password_file.chmod(0o600)
        admin_url = f"http://127.0.0.1:8000/{settings.ADMIN_URL}"
        self.stdout.write("")
        if password_file.exists():
            password = password_file.read_text(encoding="utf-8").strip()
            self.stdout.write(self.style.SUCCESS(f"Admin: {admin_url}  user: {DEMO_ADMIN}  password: {password}"))
        else:
            self.stdout.write(
                f"Admin: {admin_url}  (an administrator already exists; "
                "reset a password with: .venv/bin/python manage.py changepassword USERNAME)"
            )
