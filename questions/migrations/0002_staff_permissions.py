"""Who answers citizens' questions.

Cán bộ một cửa answer and publish them: they already handle citizens'
requests and know the procedures asked about. Người duyệt tin may do the same
and also keep the list of topics, since they decide what the site shows.
Nobody adds or deletes a question in the admin: questions come from citizens.
"""

from django.db import migrations

from dolisa_site import roles

ONE_STOP = ["questions.view_question", "questions.change_question", "questions.view_topic"]
REVIEWER = ONE_STOP + ["questions.add_topic", "questions.change_topic", "questions.delete_topic"]


def grant(apps, schema_editor):
    roles.grant(apps, roles.ONE_STOP_OFFICER, ONE_STOP)
    roles.grant(apps, roles.REVIEWER, REVIEWER)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.ONE_STOP_OFFICER, ONE_STOP)
    roles.revoke(apps, roles.REVIEWER, REVIEWER)


class Migration(migrations.Migration):
    dependencies = [("questions", "0001_initial"), ("dolisa_site", "0002_staff_groups")]
    operations = [migrations.RunPython(grant, revoke)]
