"""Create the four staff groups; each app's migrations grant their permissions."""

from django.db import migrations

from dolisa_site import roles

MENU_PERMISSIONS = [
    "dolisa_site.view_menuitem",
    "dolisa_site.add_menuitem",
    "dolisa_site.change_menuitem",
    "dolisa_site.delete_menuitem",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in roles.ROLES:
        Group.objects.get_or_create(name=name)
    # Reviewers run the newsroom, and the menu lists its categories.
    roles.grant(apps, roles.REVIEWER, MENU_PERMISSIONS)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=roles.ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dolisa_site", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
