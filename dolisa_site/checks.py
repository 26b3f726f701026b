from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Several processes need a shared cache: login throttling, visitor counts
    and cache invalidation all live there."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache", "FileBasedCache")):
        return [
            Warning(
                "The cache is local to each process.",
                hint="Set REDIS_URL in production, or run exactly one application process.",
                id="dolisa.W001",
            )
        ]
    return []
