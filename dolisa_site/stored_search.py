"""Data migrations of the stored search forms (dolisa_site.text.search_form()).

When the stored form changes, every app holding one rewrites its rows the same way: in the
database, a batch of rows at a time by primary key, on SQLite and PostgreSQL alike.
"""

from django.db import migrations
from django.db.models import F, Max, TextField, Value
from django.db.models.functions import Concat, Trim

BATCH = 2000


def _in_batches(model, change):
    last = model.objects.aggregate(last=Max("pk"))["last"] or 0
    for start in range(0, last + 1, BATCH):
        change(model.objects.filter(pk__gte=start, pk__lt=start + BATCH))


def pad_search_text(app_label, model_name):
    """The operation that pads a folded `search_text` to " word word " (what a save now stores), so the
    one search rule (text.matching(): every word of the query begins a word) finds " word" in it;
    reversing trims it back. Rows already padded are left as they are, so it may run twice."""

    def pad(apps, schema_editor):
        def change(rows):
            rows.exclude(search_text="").exclude(search_text__startswith=" ").update(
                search_text=Concat(Value(" "), F("search_text"), Value(" "), output_field=TextField())
            )

        _in_batches(apps.get_model(app_label, model_name), change)

    def trim(apps, schema_editor):
        _in_batches(apps.get_model(app_label, model_name), lambda rows: rows.update(search_text=Trim("search_text")))

    return migrations.RunPython(pad, trim)
