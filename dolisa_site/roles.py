"""The staff groups and how apps grant them permissions.

Groups are created by a data migration (dolisa_site 0002); each app's own
migrations then grant exactly the permissions its group needs, so every
grant is written down next to the models it concerns.
"""

from django.db import migrations

EDITOR = "Biên tập viên"
REVIEWER = "Người duyệt tin"
ONE_STOP_OFFICER = "Cán bộ một cửa"
LEADER = "Lãnh đạo"
# The office drafts what the department publishes on its own account: the leaders' weekly schedule,
# the duty sections, the drafts put out for comment; a reviewer publishes them.
OFFICE = "Văn phòng"
ROLES = (EDITOR, REVIEWER, ONE_STOP_OFFICER, LEADER, OFFICE)


def grant(apps, group_name, permissions):
    """Give a group permissions named "app_label.codename" (inside a migration).

    Permissions are normally created after all migrations have run; creating
    them here lets a migration grant a permission for a model it just made.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    labels = {name.split(".", 1)[0] for name in permissions}
    for label in labels:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    group, _created = Group.objects.get_or_create(name=group_name)
    for name in permissions:
        app_label, codename = name.split(".", 1)
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, group_name, permissions):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return
    for name in permissions:
        app_label, codename = name.split(".", 1)
        group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


def _rename_permissions(apps, app_label, old_model, new_model):
    Permission = apps.get_model("auth", "Permission")
    for action in ("add", "change", "delete", "view"):
        Permission.objects.filter(content_type__app_label=app_label, codename=f"{action}_{old_model}").update(
            codename=f"{action}_{new_model}"
        )


def renamed_model_permissions(app_label, old_model, new_model):
    """The migration operation, after a RenameModel, that gives the model's permissions its new name.

    Django renames the content type with the model but keeps the old codenames, so the
    groups and users holding "change_<old>" would no longer pass a check for "change_<new>".
    """
    return migrations.RunPython(
        lambda apps, schema_editor: _rename_permissions(apps, app_label, old_model, new_model),
        lambda apps, schema_editor: _rename_permissions(apps, app_label, new_model, old_model),
    )
