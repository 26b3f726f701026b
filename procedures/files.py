"""The rules for procedures' downloadable forms (mẫu đơn, tờ khai); the mechanism is dolisa_site.uploads."""

from dolisa_site.uploads import OFFICE_DOCUMENTS, DocumentRules, GeneratedName

RULES = DocumentRules(kinds=OFFICE_DOCUMENTS, max_bytes=10 * 1024 * 1024)
FORM_NAME = GeneratedName("procedures/forms", "file")


def validate_form_file(uploaded):
    RULES.validate(uploaded)


validate_form_file.upload_rules = RULES
