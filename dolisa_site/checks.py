from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Every process serving the site needs one shared cache: login throttling,
    visitor counts and cache invalidation all live there."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache", "FileBasedCache")):
        # Local memory is per process; the file cache is not atomic (incr() is a read and a write).
        return [
            Warning(
                "The cache is not shared safely by the processes serving the site.",
                hint="Set REDIS_URL in production.",
                id="dolisa.W001",
            )
        ]
    if backend.endswith("MachineCache"):
        return [
            Warning(
                "The cache is shared by the processes of this machine only (VAR_DIR/cache).",
                hint="Set REDIS_URL in production, and whenever more than one machine serves the site.",
                id="dolisa.W001",
            )
        ]
    return []
