"""Store the search text padded like news's, for the one search rule (dolisa_site.stored_search)."""

from django.db import migrations

from dolisa_site.stored_search import pad_search_text


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_upload_rules")]
    operations = [pad_search_text("documents", "document")]
