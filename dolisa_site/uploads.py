"""Every uploaded file, in every app: proven by its content, limited in size,
stored under a generated name, and served so that it can never run as the portal.

A file's name and the browser's content type are the uploader's claims; the
bytes are the proof. Pictures must decode whole with Pillow (the pixel count is
checked before decoding, so a small file cannot expand into gigabytes of
memory). Documents must carry the signature of an allowed type, and the
ZIP-based ones the container entry that names what they are: OOXML's
[Content_Types].xml main part, OpenDocument's `mimetype`. The stored name is
generated from the content's type, never from the uploader's name (often
personal data, and never trusted for its extension); a field `<file>_name`
beside a file field keeps the original name as a label, offered again when
the file is downloaded.

Media responses carry `X-Content-Type-Options: nosniff` and a sandboxing
Content-Security-Policy, and everything but pictures is sent as a download
(serve() below when Django serves media; docs/deploy/nginx.conf in production).

Each app declares its fields' rules (ImageRules, DocumentRules) in a module
of its own and hands the model field a validator function and a
GeneratedName; `manage.py check_uploads` lists stored files that break them.
"""

import filecmp
import logging
import mimetypes
import re
import struct
import uuid
import zipfile
from dataclasses import dataclass
from functools import cache as memoize
from pathlib import PurePosixPath
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.views import static
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

# Pillow's format name → the stored extension.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}

PDF, DOC, DOCX, XLS, XLSX, ODT, ODS = "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"
DOCUMENT_TYPES = {
    PDF: "application/pdf",
    DOC: "application/msword",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLS: "application/vnd.ms-excel",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ODT: "application/vnd.oasis.opendocument.text",
    ODS: "application/vnd.oasis.opendocument.spreadsheet",
}
OFFICE_DOCUMENTS = (PDF, DOC, DOCX, XLS, XLSX, ODT, ODS)
# What a stored file's extension says it is: the only types media is ever served as.
SERVED_TYPES = {**IMAGE_TYPES, **DOCUMENT_TYPES}

SANDBOX_POLICY = "default-src 'none'; sandbox"
MAX_LABEL_LENGTH = 255


def _refuse(kind, name, reason, message, code, **params):
    logger.warning("Refused %s upload %r: %s", kind, name, reason)
    raise ValidationError(message, code=code, params=params)


def _refuse_if_too_large(kind, upload, max_bytes, message):
    """The size is known before anything is read: refuse first, and cheaply."""
    if upload.size > max_bytes:
        _refuse(
            kind,
            getattr(upload, "name", ""),
            f"{upload.size} bytes exceeds the limit of {max_bytes}",
            message,
            "too_large",
            size=filesizeformat(upload.size),
            limit=filesizeformat(max_bytes),
        )


def is_stored(value):
    """True for a file already in storage: it was checked when it arrived and is not checked again on every save."""
    return getattr(value, "_committed", False) is True


class _Rules:
    """What every kind of upload rule answers besides validate()."""

    def problem(self, handle, size):
        """Why a stored file breaks these rules (in English, for the operator), or None."""
        try:
            self.validate(_StoredUpload(handle, size))
        except ValidationError as error:
            return f"{error.code}: {' '.join(error.messages)}"
        return None


# --- Pictures -------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageRules(_Rules):
    formats: tuple  # Pillow format names, e.g. ("JPEG", "PNG")
    max_bytes: int
    max_pixels: int = 40_000_000  # a 7,000 × 5,700 photo; more is a camera original or a bomb
    min_side: int = 16

    @property
    def extensions(self):
        return {EXTENSIONS[image_format] for image_format in self.formats}

    def validate(self, upload):
        """Raise ValidationError unless the upload is a whole image within the rules; return its format.

        A file already stored is not opened again (None is returned): saving a
        form that merely shows it must not depend on re-reading it.
        """
        if is_stored(upload):
            return None
        name = getattr(upload, "name", "")
        _refuse_if_too_large("image", upload, self.max_bytes, _("The image is %(size)s; the limit is %(limit)s."))
        try:
            upload.seek(0)
            with Image.open(upload) as image:
                image_format, (width, height) = image.format, image.size
                if width * height > self.max_pixels:
                    _refuse(
                        "image",
                        name,
                        f"{width}x{height} pixels exceeds the limit of {self.max_pixels}",
                        _(
                            "The image is %(width)s × %(height)s pixels; please reduce it to at most "
                            "%(megapixels)s megapixels."
                        ),
                        "too_many_pixels",
                        width=width,
                        height=height,
                        megapixels=self.max_pixels // 1_000_000,
                    )
                if image_format not in self.formats:
                    _refuse(
                        "image",
                        name,
                        f"format {image_format} is not accepted",
                        _("Only these picture types can be uploaded: %(formats)s."),
                        "format",
                        formats=", ".join(self.formats),
                    )
                if min(width, height) < self.min_side:
                    _refuse(
                        "image",
                        name,
                        f"{width}x{height} pixels is too small",
                        _(
                            "The image is too small (%(width)s × %(height)s pixels); each side needs at "
                            "least %(min_side)s pixels."
                        ),
                        "too_small",
                        width=width,
                        height=height,
                        min_side=self.min_side,
                    )
                image.load()  # decodes every byte: a truncated file fails here
        except ValidationError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            _refuse(
                "image",
                name,
                f"not a decodable image ({type(exc).__name__}: {exc})",
                _("The file is not a valid image or is damaged. Please choose a %(formats)s picture."),
                "invalid_image",
                formats=", ".join(self.formats),
            )
        finally:
            upload.seek(0)
        return image_format


# --- Documents ------------------------------------------------------------------------

_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
_OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_ODF_TYPES = {DOCUMENT_TYPES[ODT]: ODT, DOCUMENT_TYPES[ODS]: ODS}
_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'([A-Za-z]+)\s*=\s*"([^"]*)"')
_CONTENT_TYPES_LIMIT = 512 * 1024


def detect_document(upload):
    """The document kind ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods") from the file's bytes, or None."""
    try:
        upload.seek(0)
        head = upload.read(8)
        if head.startswith(b"%PDF-"):
            return PDF
        if head == _OLE2_SIGNATURE:
            return _ole_kind(upload)
        if head.startswith(_ZIP_SIGNATURE):
            return _zip_kind(upload)
        return None
    except (OSError, ValueError, struct.error, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError):
        return None
    finally:
        upload.seek(0)


def _zip_kind(upload):
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        entries = archive.infolist()
        names = {entry.filename for entry in entries}
        # OpenDocument: the first entry is "mimetype", stored uncompressed, naming the type.
        first = entries[0] if entries else None
        if first is not None and first.filename == "mimetype" and first.file_size <= 100:
            kind = _ODF_TYPES.get(archive.read(first).decode("ascii", "replace").strip())
            return kind if kind and "content.xml" in names else None
        # OOXML: [Content_Types].xml gives the main part its content type; the part must exist.
        if "[Content_Types].xml" in names:
            with archive.open("[Content_Types].xml") as handle:
                content_types = handle.read(_CONTENT_TYPES_LIMIT)
            for match in _OVERRIDE.finditer(content_types):
                attributes = dict(_ATTRIBUTE.findall(match.group(1)))
                kind = _OOXML_MAIN_TYPES.get(attributes.get(b"ContentType", b"").decode("ascii", "replace"))
                part = attributes.get(b"PartName", b"").decode("utf-8", "replace").lstrip("/")
                if kind and part in names:
                    return kind
    return None


_FREE_OR_END = 0xFFFFFFFA  # sector numbers from here on are markers, not sectors


def _ole_kind(upload):
    """DOC or XLS from an OLE2 compound file's directory: a WordDocument or a Workbook stream."""
    streams = _ole_stream_names(upload)
    if "WordDocument" in streams:
        return DOC
    if "Workbook" in streams or "Book" in streams:
        return XLS
    return None


def _ole_stream_names(upload):
    """The names of the streams in an OLE2 compound file; every loop is bounded by the file's size."""
    upload.seek(0)
    header = upload.read(512)
    if len(header) < 512:
        return set()
    (sector_shift,) = struct.unpack_from("<H", header, 0x1E)
    if sector_shift not in (9, 12):
        return set()
    sector_size = 1 << sector_shift
    max_sectors = max(upload.size // sector_size, 1)
    per_sector = sector_size // 4
    num_fat, first_directory = struct.unpack_from("<II", header, 0x2C)
    first_difat, num_difat = struct.unpack_from("<II", header, 0x44)
    if num_fat > max_sectors or num_difat > max_sectors:
        return set()

    def sector(number):
        upload.seek((number + 1) * sector_size)
        data = upload.read(sector_size)
        if len(data) != sector_size:
            raise ValueError("sector beyond the end of the file")
        return data

    difat = list(struct.unpack_from("<109I", header, 0x4C))
    following = first_difat
    for _hop in range(num_difat):
        if following >= _FREE_OR_END:
            break
        numbers = struct.unpack(f"<{per_sector}I", sector(following))
        difat.extend(numbers[:-1])
        following = numbers[-1]
    fat = []
    for number in difat[:num_fat]:
        if number < _FREE_OR_END:
            fat.extend(struct.unpack(f"<{per_sector}I", sector(number)))
    names, seen, current = set(), set(), first_directory
    while current < _FREE_OR_END and current not in seen and len(seen) <= max_sectors:
        seen.add(current)
        data = sector(current)
        for offset in range(0, sector_size, 128):
            (length,) = struct.unpack_from("<H", data, offset + 0x40)
            if data[offset + 0x42] == 2 and 2 <= length <= 64:  # a stream
                names.add(data[offset : offset + length - 2].decode("utf-16-le", "replace"))
        current = fat[current] if current < len(fat) else _FREE_OR_END
    return names


@dataclass(frozen=True)
class DocumentRules(_Rules):
    kinds: tuple  # e.g. OFFICE_DOCUMENTS
    max_bytes: int

    @property
    def extensions(self):
        return set(self.kinds)

    def names(self):
        return ", ".join(kind.upper() for kind in self.kinds)

    def validate(self, upload):
        """Raise ValidationError unless the upload's content is one of the allowed kinds; return the kind.

        A file already stored is not read again (None is returned).
        """
        if is_stored(upload):
            return None
        name = getattr(upload, "name", "")
        _refuse_if_too_large("document", upload, self.max_bytes, _("The file is %(size)s; the limit is %(limit)s."))
        kind = detect_document(upload)
        if kind not in self.kinds:
            _refuse(
                "document",
                name,
                f"content is {kind.upper() if kind else 'not an accepted document'}, allowed: {self.names()}",
                _(
                    "This file is not an accepted document (%(kinds)s); its content was checked, not its name. "
                    "Save it in one of these formats and upload it again."
                ),
                "not_a_document",
                kinds=self.names(),
            )
        return kind


class _StoredUpload:
    """A stored file opened for checking, looking like an upload to the rules."""

    _committed = False

    def __init__(self, handle, size):
        self.handle, self.size, self.name = handle, size, getattr(handle, "name", "")

    def seek(self, *args):
        return self.handle.seek(*args)

    def read(self, *args):
        return self.handle.read(*args)

    def tell(self):
        return self.handle.tell()

    def seekable(self):
        return True


def rules_of(field):
    """The upload rules a model field validates with (its validator's `upload_rules`), or None."""
    for function in field.validators:
        rules = getattr(function, "upload_rules", None)
        if rules is not None:
            return rules
    return None


# --- Stored names ---------------------------------------------------------------------


def generated_name(folder, extension):
    """ "news/body/2026/03/<random>.jpg"; `extension` may also be a Pillow format name ("PNG")."""
    extension = EXTENSIONS.get(extension, extension)
    today = timezone.localdate()
    return f"{folder}/{today:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def extension_from_content(upload):
    """The extension the bytes prove ("pdf", "png"...), or "bin" for anything else."""
    kind = detect_document(upload)
    if kind:
        return kind
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            return EXTENSIONS.get(image.format, "bin")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return "bin"
    finally:
        upload.seek(0)


GENERATED_STEM = re.compile(r"^[0-9a-f]{32}$")


@deconstructible
class GeneratedName:
    """An upload_to: a random name in `folder`, with the extension the content proves.

    The upload is read from the instance's `field`, so even a file saved
    without validation (a script, a shell) can never be stored as .html.
    """

    def __init__(self, folder, field):
        self.folder, self.field = folder, field

    def __call__(self, instance, filename):
        upload = getattr(instance, self.field)
        return generated_name(self.folder, extension_from_content(upload.file))

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and (self.folder, self.field) == (other.folder, other.field)


def original_name(name):
    """The uploader's file name without any folder, shortened to fit a label field."""
    name = PurePosixPath(str(name).replace("\\", "/")).name.strip()
    if len(name) > MAX_LABEL_LENGTH:
        stem, dot, extension = name.rpartition(".")
        name = (stem[: MAX_LABEL_LENGTH - len(extension) - 1] + dot + extension) if dot else name[:MAX_LABEL_LENGTH]
    return name


@memoize
def labelled_fields(model):
    """[(file field name, label field name)] of a model: a file field `x` beside a field `x_name`."""
    names = {field.name for field in model._meta.concrete_fields}
    return [
        (field.name, f"{field.name}_name")
        for field in model._meta.concrete_fields
        if isinstance(field, FileField) and f"{field.name}_name" in names
    ]


@receiver(pre_save, dispatch_uid="dolisa_site.uploads.remember_original_names")
def remember_original_names(sender, instance, raw=False, **kwargs):
    """A new upload's own name becomes its label before the stored name is generated."""
    if raw:
        return
    for field_name, label_name in labelled_fields(sender):
        upload = getattr(instance, field_name)
        if upload and not upload._committed:
            setattr(instance, label_name, original_name(upload.name))


def label_for(path):
    """The original name of a stored file, from the record that holds it, or None."""
    for model in apps.get_models():
        for field_name, label_name in labelled_fields(model):
            label = model._default_manager.filter(**{field_name: path}).values_list(label_name, flat=True).first()
            if label:
                return label
    return None


# --- Review of what is stored ------------------------------------------------------


@dataclass(frozen=True)
class StoredProblem:
    path: str
    model: str  # "documents.Attachment", or "-" for a file no record names
    field: str
    record: str  # "pk=12"
    reason: str  # English, for the operator


def _content_problem(handle, size, extension, rules):
    """Why a stored file's bytes break its rules or do not match its extension, or None."""
    if rules is not None:
        with translation.override(None):  # the operator's report is in English
            problem = rules.problem(handle, size)
        if problem:
            return problem
        handle.seek(0)
    if extension in DOCUMENT_TYPES:
        kind = detect_document(handle)
        if kind != extension:
            return f"the content is {kind.upper() if kind else 'not an accepted document'}, not .{extension}"
    elif extension in IMAGE_TYPES:
        found = extension_from_content(handle)
        if found != extension:
            return f"the content is {'not a picture' if found == 'bin' else found.upper()}, not .{extension}"
    return None


def _is_demo_content(storage, name):
    """A file shipped with the demo content (fixtures/media): named by the project, not by an uploader."""
    shipped = settings.BASE_DIR / "fixtures" / "media" / name
    try:
        return shipped.is_file() and filecmp.cmp(shipped, storage.path(name), shallow=False)
    except (NotImplementedError, OSError):
        return False


def check_stored(storage, name, rules):
    """The reasons a stored file breaks the upload rules (empty when it does not)."""
    if not storage.exists(name):
        return ["the record names a file that is not in storage"]
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    size = storage.size(name)
    reasons = []
    if rules is None:
        reasons.append("the field has no upload rules")
    elif extension not in rules.extensions:
        allowed = ", ".join(sorted(rules.extensions))
        reasons.append(f"the stored extension .{extension} is not one of the field's types ({allowed})")
    if extension not in SERVED_TYPES:
        reasons.append(f".{extension or '(none)'} files are never served as themselves")
    with storage.open(name, "rb") as handle:
        problem = _content_problem(handle, size, extension, rules)
    if problem:
        reasons.append(problem)
    if not GENERATED_STEM.match(PurePosixPath(name).stem) and not _is_demo_content(storage, name):
        reasons.append("the stored name is not generated (it may carry the uploader's file name)")
    return reasons


def _walk(storage, folder=""):
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}{sub}/")


# Renditions made by sorl-thumbnail from checked pictures.
DERIVED_FOLDERS = ("cache/",)


def stored_problems(storage=None):
    """Every stored upload that breaks the rules: each file field's files, then files no record names."""
    storage = storage or default_storage
    claimed = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, FileField):
                continue
            rules = rules_of(field)
            rows = model._default_manager.exclude(**{field.attname: ""}).exclude(**{f"{field.attname}__isnull": True})
            for pk, name in rows.values_list("pk", field.attname).iterator():
                claimed.add(name)
                for reason in check_stored(storage, name, rules):
                    yield StoredProblem(name, model._meta.label, field.name, f"pk={pk}", reason)
    try:
        names = sorted(_walk(storage))
    except FileNotFoundError:
        names = []
    for name in names:
        if name in claimed or name.startswith(DERIVED_FOLDERS):
            continue
        extension = PurePosixPath(name).suffix.lower().lstrip(".")
        if extension not in SERVED_TYPES:
            yield StoredProblem(name, "-", "-", "-", f"no record names it, and .{extension} is not an upload type")
            continue
        with storage.open(name, "rb") as handle:
            problem = _content_problem(handle, storage.size(name), extension, None)
        if problem:
            yield StoredProblem(name, "-", "-", "-", f"no record names it, and {problem}")


# --- Serving --------------------------------------------------------------------------


def content_disposition(label):
    """ "attachment" with the label in both the plain and the RFC 5987 form."""
    ascii_name = label.encode("ascii", "ignore").decode().replace('"', "").replace("\\", "").strip()
    ascii_name = re.sub(r"[\x00-\x1f\x7f;]", "", ascii_name) or "tep"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(label, safe='')}"


def serve(request, path):
    """Media for the local demo (SERVE_MEDIA): pictures inline, everything else as a download, nothing as script."""
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    extension = PurePosixPath(path).suffix.lower().lstrip(".")
    if extension == "jpeg":
        extension = "jpg"
    if extension not in IMAGE_TYPES:
        label = label_for(path) or PurePosixPath(path).name
        response.headers["Content-Disposition"] = content_disposition(label)
    # Only the allowed types keep their type; anything else (an old upload, a
    # file dropped into the folder) is an opaque download.
    response.headers["Content-Type"] = SERVED_TYPES.get(extension, "application/octet-stream")
    response.headers.pop("Content-Encoding", None)
    # Like nginx in production: renditions (sorl's cache/ folder) are named by
    # their content and never change; uploads get new names when replaced, but
    # a day lets a withdrawn file drop out of browsers' caches.
    renditions = path.startswith(getattr(settings, "THUMBNAIL_PREFIX", "cache/"))
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if renditions else "public, max-age=86400"
    return media_headers(response)


def media_headers(response):
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = SANDBOX_POLICY
    return response


mimetypes.add_type("image/webp", ".webp")


# --- Request size ---------------------------------------------------------------------


class RequestBodyLimitMiddleware:
    """Refuse a request body over its limit before anything reads it, with a 413 page.

    Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE and the field counts)
    do not count files, so without nginx a visitor could otherwise send any
    amount to any form. Visitors' forms take no files; staff get the larger
    limit that nginx's client_max_body_size also sets.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then either
        if length > settings.REQUEST_MAX_SIZE_PUBLIC:
            user = getattr(request, "user", None)
            is_staff = bool(user and user.is_authenticated and user.is_staff)
            limit = settings.REQUEST_MAX_SIZE_STAFF if is_staff else settings.REQUEST_MAX_SIZE_PUBLIC
            if length > limit:
                logger.warning(
                    "Refused a %d-byte request body to %s from %s: the limit is %d bytes",
                    length,
                    request.path[:200],
                    "staff" if is_staff else "a visitor",
                    limit,
                )
                return render(request, "413.html", {"limit": limit}, status=413)
        return self.get_response(request)
