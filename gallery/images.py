"""The rules for gallery photos: larger than article pictures, no GIFs."""

from dolisa_site.images import ImageRules, upload_to

RULES = ImageRules(formats=("JPEG", "PNG", "WEBP"), max_bytes=15 * 1024 * 1024, min_side=200)
_photos = upload_to("gallery")


def validate_photo(uploaded):
    RULES.validate(uploaded)


def photo_path(instance, filename):
    return _photos(instance, filename)
