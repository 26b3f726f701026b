"""The rules for pictures in articles (covers and pictures inside bodies)."""

from dolisa_site.images import ImageRules, upload_to

RULES = ImageRules(formats=("JPEG", "PNG", "WEBP", "GIF"), max_bytes=8 * 1024 * 1024)
_covers = upload_to("news/covers")


def validate_image_file(upload):
    return RULES.validate(upload)


def cover_upload_to(instance, filename):
    return _covers(instance, filename)
