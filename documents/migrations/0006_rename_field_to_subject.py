"""A document's "lĩnh vực" is its subject (issue 13: names that say what they hold).

Renames in place, rows kept: the table, the documents' column and the content type follow the
model; the permissions take the new name so the groups keep their rights over it.
"""

from django.db import migrations

from dolisa_site import roles


class Migration(migrations.Migration):
    dependencies = [("documents", "0005_search_text_padded")]
    operations = [
        migrations.RenameModel("Field", "Subject"),
        migrations.RenameField("document", "field", "subject"),
        roles.renamed_model_permissions("documents", "field", "subject"),
    ]
