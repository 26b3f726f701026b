"""The rules for the files of a draft put out for comment; the mechanism is dolisa_site.uploads.

A draft and the summary of the comments on it are published in the department's
name, so, like documents' attachments, their content must be PDF, Word, Excel
or OpenDocument whatever the file's name says (see uploads.detect_document).
"""

from dolisa_site.uploads import OFFICE_DOCUMENTS, DocumentRules, GeneratedName

MAX_FILE_SIZE = 20 * 1024 * 1024
RULES = DocumentRules(kinds=OFFICE_DOCUMENTS, max_bytes=MAX_FILE_SIZE)
ATTACHMENT_NAME = GeneratedName("consultations", "file")
SUMMARY_FILE_NAME = GeneratedName("consultations", "comments_summary_file")


def validate_file(uploaded):
    """Refuse anything over the size limit or not an accepted document by content."""
    RULES.validate(uploaded)


validate_file.upload_rules = RULES
