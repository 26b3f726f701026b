"""Every user-facing string has a Vietnamese translation, compiled."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
PO = BASE / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_catalog_has_no_untranslated_fuzzy_or_obsolete_entries():
    catalog = polib.pofile(str(PO))
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalog.obsolete_entries()] == [], "run: bin/messages"


def _entries(catalog):
    """(context, msgid) → translation; the same msgid may appear under several contexts."""
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in catalog
        if entry.msgid and not entry.obsolete
    }


def test_compiled_catalog_matches_the_source():
    source = _entries(polib.pofile(str(PO)))
    compiled = _entries(polib.mofile(str(PO.with_suffix(".mo"))))
    assert compiled == source, "run: bin/messages"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext (bin/test installs it)")
def test_the_catalog_holds_exactly_the_strings_in_the_code(tmp_path):
    """makemessages on a copy of the code finds no msgid the catalog lacks, and every msgid the
    catalog holds is still used somewhere."""
    copy = tmp_path / "src"
    shutil.copytree(BASE, copy, ignore=shutil.ignore_patterns(".venv", "var", ".git", "__pycache__", "node_modules"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--ignore=var", "--no-obsolete", "--verbosity=0"],
        cwd=copy,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "dolisa_site.test_settings"},
    )
    extracted = set(_entries(polib.pofile(str(copy / PO.relative_to(BASE)))))
    existing = set(_entries(polib.pofile(str(PO))))
    assert sorted(extracted - existing) == [], "run bin/messages and translate the new strings"
    assert sorted(existing - extracted) == [], "unused: run bin/messages"
