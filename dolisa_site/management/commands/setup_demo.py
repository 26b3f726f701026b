"""Load the demo content and make sure the local demo has an administrator.

Run by the README's first command on every start, so it must leave existing
data alone: a fixture file is loaded only while every model it fills is still
empty, and an existing administrator keeps their password.
"""

import json
import secrets
import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, call_command

DEMO_ADMIN = "admin"


class Command(BaseCommand):
    help = "Load the demo fixtures into empty tables and create the demo administrator."

    def handle(self, *args, **options):
        fixtures_dir = Path(settings.BASE_DIR) / "fixtures"
        for fixture in sorted(fixtures_dir.glob("*.json")):
            self.load_once(fixture)
        self.copy_media(fixtures_dir / "media", Path(settings.MEDIA_ROOT))
        self.ensure_admin()

    def load_once(self, fixture):
        labels = {row["model"] for row in json.loads(fixture.read_text(encoding="utf-8"))}
        if any(apps.get_model(label).objects.exists() for label in labels):
            self.stdout.write(f"Skipped {fixture.name}: its tables already hold data.")
            return
        call_command("loaddata", str(fixture), verbosity=0)
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
