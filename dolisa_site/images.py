"""The department's own pictures: logo, header banner, leaders' portraits, link logos.

The rules themselves live in dolisa_site.uploads, with every other upload's;
this module only sets their limits. `ImageRules`, `generated_name`, `upload_to`
and `EXTENSIONS` are re-exported for the code and migrations that name them here.
"""

from .uploads import EXTENSIONS, GeneratedName, ImageRules, generated_name

SITE_PICTURES = ImageRules(formats=("JPEG", "PNG", "WEBP", "GIF"), max_bytes=5 * 1024 * 1024)


def validate_site_picture(upload):
    SITE_PICTURES.validate(upload)


validate_site_picture.upload_rules = SITE_PICTURES


def site_picture(field):
    """The upload_to of one of the site's picture fields."""
    return GeneratedName("site", field)


def upload_to(folder):
    """Superseded by uploads.GeneratedName; kept for migrations that name it."""

    def name_for(instance, filename):
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
        return generated_name(folder, extension if extension in EXTENSIONS.values() else "jpg")

    return name_for


_site_pictures = upload_to("site")


def site_picture_path(instance, filename):
    """Superseded by site_picture(); migration 0005 names it."""
    return _site_pictures(instance, filename)
