"""Attachments are proven to be PDF or Word files by their content.

The extension and the browser's content type are only the uploader's claim; a
renamed executable or HTML page must not be published as "a decision". PDF
and legacy .doc files start with fixed signatures; .docx is a ZIP archive
that must hold a Word document part.
"""

import logging
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

MAX_ATTACHMENT_SIZE = 20 * 1024 * 1024
PDF, DOC, DOCX = "pdf", "doc", "docx"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_kind(uploaded):
    """ "pdf", "doc" or "docx" from the file's bytes, or None."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head == _OLE2_SIGNATURE:
        kind = DOC
    elif head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                kind = DOCX
        except (zipfile.BadZipFile, OSError):
            kind = None
    uploaded.seek(0)
    return kind


def validate_attachment(uploaded):
    """Refuse anything over the size limit or not a PDF/DOC/DOCX by content."""
    if uploaded.size > MAX_ATTACHMENT_SIZE:
        logger.warning("Refused document attachment %r: %d bytes exceeds the limit", uploaded.name, uploaded.size)
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(MAX_ATTACHMENT_SIZE)},
        )
    if detect_kind(uploaded) is None:
        logger.warning("Refused document attachment %r: content is not PDF, DOC or DOCX", uploaded.name)
        raise ValidationError(
            _("This file is not a PDF or Word document (its content was checked, not its name)."),
            code="not_a_document",
        )
