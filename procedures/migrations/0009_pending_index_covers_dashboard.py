"""The pending dossiers' partial index also holds procedure and channel.

The dashboard counts the pending dossiers live (within the deadline, overdue,
overdue by field), filtered by procedure, field, level or channel. With those
columns in the index the counts are answered from the index alone instead of
visiting every pending row scattered over a table of a million dossiers. The
new index is built before the old one (due_at only) is dropped, so the
overdue list always has one.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0008_mark_computed_due_dates"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("status__in", ("dang-xu-ly", "cho-bo-sung"))),
                fields=["due_at", "procedure", "channel"],
                name="proc_dossier_pending",
            ),
        ),
        migrations.RemoveIndex(
            model_name="dossier",
            name="proc_dossier_pending_due",
        ),
    ]
