"""The demo's duty sections: believable on any first day, every row and file within the rules."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files import File
from django.core.management import call_command
from django.utils.dateparse import parse_datetime

from disclosures.files import RULES
from disclosures.models import Disclosure, DisclosureSection
from dolisa_site.management.commands.setup_demo import REDATED, redate_rows
from dolisa_site.text import search_form

FIXTURE = "92_disclosures.json"
RULE = REDATED[FIXTURE]
MEDIA = Path(settings.BASE_DIR) / "fixtures" / "media"


def rows(model):
    every = json.loads((Path(settings.BASE_DIR) / "fixtures" / FIXTURE).read_text(encoding="utf-8"))
    return [row for row in every if row["model"] == model]


@pytest.mark.parametrize("later", [timedelta(0), timedelta(days=6, hours=23), timedelta(days=17), timedelta(days=900)])
def test_the_recruitment_notice_is_open_and_nothing_is_published_later_on_any_first_day(later):
    now = RULE.written_as_of + later
    items = [row["fields"] for row in redate_rows(rows("disclosures.disclosure"), RULE, now)]
    assert all(parse_datetime(item["published_at"]) <= now for item in items)
    deadlines = [parse_datetime(item["closes_at"]) for item in items if item["kind"] == "thong-bao-tuyen-dung"]
    assert deadlines and all(deadline > now + timedelta(days=14) for deadline in deadlines)


@pytest.mark.django_db
def test_every_section_has_two_to_four_items_each_within_the_rules():
    call_command("loaddata", str(Path(settings.BASE_DIR) / "fixtures" / FIXTURE), verbosity=0)
    for section in DisclosureSection:
        assert 2 <= Disclosure.objects.in_section(section).count() <= 4, section
    for item in Disclosure.objects.all():
        item.full_clean()
        assert item.search_text == search_form(f"{item.title} {item.summary}")


def test_the_demo_files_are_real_pdfs_within_the_upload_rules():
    attachments = rows("disclosures.attachment")
    items = {row["pk"]: row["fields"] for row in rows("disclosures.disclosure")}
    assert any(items[row["fields"]["item"]]["kind"] == "du-toan" for row in attachments), "the 2026 estimate's PDF"
    for row in attachments:
        path = MEDIA / row["fields"]["file"]
        with path.open("rb") as handle:
            RULES.validate(File(handle, name=path.name))
        assert path.read_bytes().startswith(b"%PDF-")
        fields = row["fields"]
        assert (fields["title"], fields["kind"], fields["size"]) == (path.name, "pdf", path.stat().st_size), (
            "what Attachment.save() records of an upload"
        )
