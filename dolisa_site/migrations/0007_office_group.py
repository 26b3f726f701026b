"""The office's group (roles.OFFICE): it drafts the weekly schedule, the duty sections and the drafts
for comment, which reviewers publish; the apps' own migrations grant its permissions."""

from django.db import migrations

from dolisa_site import roles


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=roles.OFFICE)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=roles.OFFICE).delete()


class Migration(migrations.Migration):
    dependencies = [("dolisa_site", "0006_upload_rules")]
    operations = [migrations.RunPython(create_group, remove_group)]
