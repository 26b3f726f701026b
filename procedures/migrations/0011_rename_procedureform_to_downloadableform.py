"""A procedure's downloadable forms (mẫu đơn, tờ khai) are DownloadableForm (issue 13: names that say
what they hold).

Renames in place, rows and stored files kept (the files' directory is unchanged): the table and the
content type follow the model; the permissions take the new name so the groups keep their rights over it.
"""

from django.db import migrations

from dolisa_site import roles


class Migration(migrations.Migration):
    dependencies = [("procedures", "0010_search_text_padded")]
    operations = [
        migrations.RenameModel("ProcedureForm", "DownloadableForm"),
        roles.renamed_model_permissions("procedures", "procedureform", "downloadableform"),
    ]
