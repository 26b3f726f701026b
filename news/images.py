"""The rules for pictures in articles (covers and pictures inside bodies); the mechanism is dolisa_site.uploads."""

from dolisa_site.images import upload_to
from dolisa_site.uploads import GeneratedName, ImageRules

RULES = ImageRules(formats=("JPEG", "PNG", "WEBP", "GIF"), max_bytes=8 * 1024 * 1024)
COVER_NAME = GeneratedName("news/covers", "cover_image")


def validate_image_file(upload):
    return RULES.validate(upload)


validate_image_file.upload_rules = RULES

_covers = upload_to("news/covers")


def cover_upload_to(instance, filename):
    """Superseded by COVER_NAME; migration 0001 names it."""
    return _covers(instance, filename)
