"""The sample nginx configuration (docs/deploy/nginx.conf), cut into the parts tests run for real."""

from pathlib import Path

from django.conf import settings

NGINX_CONF = Path(settings.BASE_DIR) / "docs" / "deploy" / "nginx.conf"


def location_block(conf, marker):
    """The `location … { … }` block that starts at or after `marker`, braces balanced."""
    start = conf.index("location", conf.index(marker))
    depth, position = 0, start
    while True:
        char = conf[position]
        depth += char == "{"
        depth -= char == "}"
        position += 1
        if char == "}" and depth == 0:
            return conf[start:position]
