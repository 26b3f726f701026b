"""Files for upload tests: each accepted document type built as its program writes it, and hostile ones.

The OLE2 builder writes a real compound file (header, FAT, directory), the way
Word (.doc) and Excel (.xls) store their streams; .xlsx comes from openpyxl,
the OpenDocument and .docx containers hold the entries their programs write.
"""

import io
import struct
import zipfile

from openpyxl import Workbook
from PIL import Image

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _directory_entry(name, kind, start=_END, size=0, child=_FREE):
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _FREE, _FREE, child)
        + b"\x00" * 16  # CLSID
        + b"\x00" * 4  # state bits
        + b"\x00" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def ole_bytes(stream="WordDocument"):
    """An OLE2 compound file with one stream: "WordDocument" (.doc), "Workbook" (.xls)..."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([_FREE] * 108))
    fat = struct.pack("<128I", _FAT, _END, _END, *([_FREE] * 125))
    directory = (
        _directory_entry("Root Entry", 5, child=1)
        + _directory_entry(stream, 2, start=2, size=512)
        + _directory_entry("", 0)
        + _directory_entry("", 0)
    )
    data = b"\x00" * 512
    return bytes(header) + fat + directory + data


def _zip(entries, stored_first=False):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, content) in enumerate(entries):
            compression = zipfile.ZIP_STORED if stored_first and number == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=compression)
    return buffer.getvalue()


def docx_bytes(main_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"):
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override ContentType="{main_type}" PartName="/word/document.xml"/></Types>'
    )
    return _zip([("[Content_Types].xml", content_types), ("word/document.xml", "<w:document/>")])


def xlsx_bytes():
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Mẫu tờ khai"
    workbook.save(buffer)
    return buffer.getvalue()


def odf_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    return _zip(
        [("mimetype", mimetype), ("content.xml", "<office:document-content/>"), ("META-INF/manifest.xml", "<m/>")],
        stored_first=True,
    )


ACCEPTED_DOCUMENTS = {
    "pdf": PDF_BYTES,
    "doc": ole_bytes("WordDocument"),
    "xls": ole_bytes("Workbook"),
    "docx": docx_bytes(),
    "xlsx": xlsx_bytes(),
    "odt": odf_bytes(),
    "ods": odf_bytes("application/vnd.oasis.opendocument.spreadsheet"),
}

# What each hostile file would do if it ran as the portal: ask for this marker
# address and rename the page, so a test can tell that it did not.
MARKER_PATH = "/__script-ran__/"
SCRIPT = f"fetch('{MARKER_PATH}' + location.pathname); document.title = 'SCRIPT RAN';"
HOSTILE_FILES = {
    "esc.html": f"<!doctype html><title>x</title><script>{SCRIPT}</script><script src='esc.js'></script>".encode(),
    "esc.js": SCRIPT.encode(),
    "esc.svg": (f'<svg xmlns="http://www.w3.org/2000/svg" onload="{SCRIPT}"><script>{SCRIPT}</script></svg>').encode(),
    "esc.xml": (
        f'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>{SCRIPT}</script></html>'
    ).encode(),
}
# Files that pass the content checks but carry the same script: a PDF and a
# GIF with an HTML page inside.
POLYGLOT_PDF = PDF_BYTES + b"\n" + HOSTILE_FILES["esc.html"]


def polyglot_image(size=(240, 240)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#3366aa").save(buffer, "PNG")
    return buffer.getvalue() + HOSTILE_FILES["esc.html"]


def image_bytes(size=(240, 240), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#3366aa").save(buffer, image_format)
    return buffer.getvalue()
