"""Uploaded pictures: proven to be images by decoding, stored under generated names.

A file's extension and the browser's content type are claims; Pillow decoding
the whole file is the proof. The pixel count is checked before decoding, so a
small file cannot expand into gigabytes of memory. Generated names keep the
uploaders' file names (often personal data) out of public addresses.
"""

import logging
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


@dataclass(frozen=True)
class ImageRules:
    formats: tuple  # Pillow format names, e.g. ("JPEG", "PNG")
    max_bytes: int
    max_pixels: int = 40_000_000  # a 7,000 × 5,700 photo; more is a camera original or a bomb
    min_side: int = 16

    def validate(self, upload):
        """Raise ValidationError unless the upload is a whole image within the rules; return its format."""
        name = getattr(upload, "name", "")
        if upload.size > self.max_bytes:
            self._refuse(
                name,
                f"{upload.size} bytes exceeds the limit of {self.max_bytes}",
                _("The image is %(size)s; the limit is %(limit)s."),
                "too_large",
                size=filesizeformat(upload.size),
                limit=filesizeformat(self.max_bytes),
            )
        try:
            upload.seek(0)
            with Image.open(upload) as image:
                image_format, (width, height) = image.format, image.size
                if width * height > self.max_pixels:
                    self._refuse(
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
                    self._refuse(
                        name,
                        f"format {image_format} is not accepted",
                        _("Only these picture types can be uploaded: %(formats)s."),
                        "format",
                        formats=", ".join(self.formats),
                    )
                if min(width, height) < self.min_side:
                    self._refuse(
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
            self._refuse(
                name,
                f"not a decodable image ({type(exc).__name__}: {exc})",
                _("The file is not a valid image or is damaged. Please choose a %(formats)s picture."),
                "invalid_image",
                formats=", ".join(self.formats),
            )
        finally:
            upload.seek(0)
        return image_format

    @staticmethod
    def _refuse(name, reason, message, code, **params):
        logger.warning("Refused image upload %r: %s", name, reason)
        raise ValidationError(message, code=code, params=params)


def generated_name(folder, image_format):
    """ "news/2026/03/<random>.jpg" for an image of the given Pillow format."""
    today = timezone.localdate()
    return f"{folder}/{today:%Y/%m}/{uuid.uuid4().hex}.{EXTENSIONS.get(image_format, 'jpg')}"


def upload_to(folder):
    """An upload_to that keeps only the (already verified) extension."""

    def name_for(instance, filename):
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
        image_format = {"jpeg": "JPEG", **{value: key for key, value in EXTENSIONS.items()}}.get(extension, "JPEG")
        return generated_name(folder, image_format)

    return name_for


# The department's own pictures: logo, banner, leaders' portraits, link logos.
SITE_PICTURES = ImageRules(formats=("JPEG", "PNG", "WEBP", "GIF"), max_bytes=5 * 1024 * 1024)
_site_pictures = upload_to("site")


def validate_site_picture(upload):
    SITE_PICTURES.validate(upload)


def site_picture_path(instance, filename):
    return _site_pictures(instance, filename)
