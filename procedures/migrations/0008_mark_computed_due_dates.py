"""Mark as computed the due dates of dossiers stored before 0006 that the rule would compute.

0006 added Dossier.due_computed with False for every existing row, so no calendar change moves
those due dates: until then nothing recorded whether a due date was counted (the file or the
official left it blank) or given. The row itself cannot tell; this marks a dossier computed when

- its due_computed is False (nothing is ever unmarked: the rows written since 0006 are right), and
- its stored due date is exactly (17:00 local time on the computed day) what the rule computes
  from its received date and its procedure's processing days (workdays.Calendar, as due dates are
  computed today: the national calendar under the department's Holiday rows as they are now).

Why this rule is safe: a marked dossier's due date is already the computed one, so nothing moves
now, no figure changes and no rollup needs recounting; the marking only lets later changes of the
calendar move it, as they move every date the importer or the admin computes.

What it cannot know, and accepts:
- A due date given in a file that equals the computed one (provincial systems count by the same
  rule: 97% of the file dates in the shared sample do) is marked too. Should a later calendar
  change move it, importing that file again restores the file's date and unmarks it (the importer
  compares due_computed and due_at).
- A due date computed before 0006 with a calendar then missing a holiday (an empty Holiday table,
  before the national calendar existed: Tết 2026) differs from today's rule and stays unmarked and
  as it is, as does any given date that differs. Importing the file again recomputes the blank ones.
- A procedure whose processing days changed since the dossier came in no longer matches: unmarked.

Reversing it changes nothing: the field stays (0006 made it), and a marked date is a computed one.
"""

from django.db import migrations

from procedures.workdays import Calendar, national

CHUNK = 2000
# Holiday.kind values (the historical model has no Kind class).
DAY_OFF, WORKING_DAY, ORDINARY = "nghi", "lam-bu", "binh-thuong"


def calendar_now(Holiday):
    rows = list(Holiday.objects.values_list("date", "kind"))
    return Calendar(
        days_off=[day for day, kind in rows if kind == DAY_OFF],
        working_days=[day for day, kind in rows if kind == WORKING_DAY],
        ordinary_days=[day for day, kind in rows if kind == ORDINARY],
        national=national(),
    )


def mark_computed(apps, schema_editor):
    Dossier = apps.get_model("procedures", "Dossier")
    calendar = calendar_now(apps.get_model("procedures", "Holiday"))
    candidates = (
        Dossier.objects.filter(due_computed=False)
        .order_by()
        .values_list("pk", "received_at", "due_at", "procedure__processing_days")
    )
    computed = []
    for pk, received_at, due_at, processing_days in candidates.iterator(chunk_size=CHUNK):
        if due_at == calendar.due_at(received_at, processing_days):
            computed.append(pk)
    for start in range(0, len(computed), 500):
        # update(), not save(): updated_at and the rollups stay as they are, nothing else changed.
        Dossier.objects.filter(pk__in=computed[start : start + 500]).update(due_computed=True)


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0007_import_in_background"),
    ]

    operations = [migrations.RunPython(mark_computed, migrations.RunPython.noop)]
