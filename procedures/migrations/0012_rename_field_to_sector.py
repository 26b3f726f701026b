"""A procedure's "lĩnh vực" is its sector: a model named Field read as Django's own (issue 13: names that
say what they hold).

Renames in place, rows kept: the table, the procedures' column and the content type follow the model;
the permissions take the new name so the groups keep their rights over it.
"""

from django.db import migrations

from dolisa_site import roles


class Migration(migrations.Migration):
    dependencies = [("procedures", "0011_rename_procedureform_to_downloadableform")]
    operations = [
        migrations.RenameModel("Field", "Sector"),
        migrations.RenameField("procedure", "field", "sector"),
        roles.renamed_model_permissions("procedures", "field", "sector"),
    ]
