"""The rules for the duty sections' attached files; the mechanism is dolisa_site.uploads.

An estimate or a tender notice is a PDF, Word, Excel or OpenDocument file by its content,
never by its name (see uploads.detect_document), as for documents.
"""

from dolisa_site.uploads import OFFICE_DOCUMENTS, DocumentRules, GeneratedName

MAX_ATTACHMENT_SIZE = 20 * 1024 * 1024
RULES = DocumentRules(kinds=OFFICE_DOCUMENTS, max_bytes=MAX_ATTACHMENT_SIZE)
ATTACHMENT_NAME = GeneratedName("disclosures", "file")


def validate_attachment(uploaded):
    """Refuse anything over the size limit or not an accepted document by content."""
    RULES.validate(uploaded)


validate_attachment.upload_rules = RULES
