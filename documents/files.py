"""The rules for documents' attached files; the mechanism is dolisa_site.uploads.

The extension and the browser's content type are only the uploader's claim; a
renamed executable or HTML page must not be published as "a decision". The
content must be PDF, Word, Excel or OpenDocument (see uploads.detect_document).
"""

from dolisa_site.uploads import OFFICE_DOCUMENTS, DocumentRules, GeneratedName

MAX_ATTACHMENT_SIZE = 20 * 1024 * 1024
RULES = DocumentRules(kinds=OFFICE_DOCUMENTS, max_bytes=MAX_ATTACHMENT_SIZE)
ATTACHMENT_NAME = GeneratedName("documents", "file")


def validate_attachment(uploaded):
    """Refuse anything over the size limit or not an accepted document by content."""
    RULES.validate(uploaded)


validate_attachment.upload_rules = RULES
