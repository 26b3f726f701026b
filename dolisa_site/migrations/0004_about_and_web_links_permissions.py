"""Người duyệt tin keep the about page, the leadership, the units and the web links:
they already decide what the site says in the department's name."""

from django.db import migrations

from dolisa_site import roles

PERMISSIONS = ["dolisa_site.view_aboutpage", "dolisa_site.change_aboutpage"] + [
    f"dolisa_site.{action}_{model}"
    for model in ("leader", "unit", "weblinkgroup", "weblink")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    roles.grant(apps, roles.REVIEWER, PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.REVIEWER, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("dolisa_site", "0003_about_and_web_links")]
    operations = [migrations.RunPython(grant, revoke)]
