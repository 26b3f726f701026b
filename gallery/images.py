"""The rules for gallery photos: larger than article pictures, no GIFs; the mechanism is dolisa_site.uploads."""

from dolisa_site.images import upload_to
from dolisa_site.uploads import GeneratedName, ImageRules

RULES = ImageRules(formats=("JPEG", "PNG", "WEBP"), max_bytes=15 * 1024 * 1024, min_side=200)
PHOTO_NAME = GeneratedName("gallery", "image")


def validate_photo(uploaded):
    RULES.validate(uploaded)


validate_photo.upload_rules = RULES

_photos = upload_to("gallery")


def photo_path(instance, filename):
    """Superseded by PHOTO_NAME; migration 0001 names it."""
    return _photos(instance, filename)
