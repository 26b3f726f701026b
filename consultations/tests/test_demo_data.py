"""The demo's drafts: one open and one closed whatever day the demo is first loaded."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.dateparse import parse_datetime

from dolisa_site.management.commands.setup_demo import REDATED, redate_rows

FIXTURE = "91_consultations.json"
RULE = REDATED[FIXTURE]


def rows():
    return json.loads((Path(settings.BASE_DIR) / "fixtures" / FIXTURE).read_text(encoding="utf-8"))


@pytest.mark.parametrize("later", [timedelta(0), timedelta(days=6, hours=23), timedelta(days=17), timedelta(days=900)])
def test_one_draft_is_open_and_one_closed_on_any_first_day(later):
    now = RULE.written_as_of + later
    redated = redate_rows(rows(), RULE, now)
    drafts = {row["pk"]: row["fields"] for row in redated if row["model"] == "consultations.draft"}
    moments = {pk: (parse_datetime(f["open_from"]), parse_datetime(f["open_until"])) for pk, f in drafts.items()}
    assert moments[1][0] <= now < moments[1][1]
    assert moments[2][1] < now and drafts[2]["comments_summary"]
    sent = [parse_datetime(row["fields"]["created_at"]) for row in redated if row["model"] == "consultations.comment"]
    assert sent and all(moment <= now for moment in sent)


def test_the_demo_files_are_real_pdfs():
    media = Path(settings.BASE_DIR) / "fixtures" / "media"
    files = [row["fields"]["file"] for row in rows() if row["model"] == "consultations.attachment"]
    files += [row["fields"]["comments_summary_file"] for row in rows() if row["model"] == "consultations.draft"]
    for name in filter(None, files):
        assert (media / name).read_bytes().startswith(b"%PDF-"), name
