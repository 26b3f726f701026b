"""Models with exactly one row: the site profile, the about page, the results widget's
settings, the counter baseline (like Wagtail's BaseGenericSetting).

``Model.load()`` gives the row, or an unsaved one holding the defaults until someone
saves it: reading never writes, so a page view creates no rows and two first views
never race to insert one. The admin's list page creates the row (``get_or_create``)
and goes straight to its form (``SingletonAdmin``). Saving any instance writes the one
row; deleting it is refused.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect

from . import caching

SINGLETON_PK = 1


class SingletonDeleteError(Exception):
    """A singleton's row is edited, never deleted: everything reading it expects it."""


class SingletonModel(models.Model):
    """Abstract base of a model with one row (pk 1)."""

    # A name for dolisa_site.caching ("site:profile"): load() is then kept in the cache
    # until the row changes. None: every load() reads the table.
    singleton_cache_name = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = SINGLETON_PK  # there is only ever one row
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise SingletonDeleteError(f"The {self._meta.label} row cannot be deleted, only edited.")

    @classmethod
    def singleton_defaults(cls):
        """Field values of the row before anyone saved it (beyond the fields' own defaults)."""
        return {}

    @classmethod
    def load(cls):
        """The row; the defaults (unsaved) until it is saved. Reading writes nothing."""
        if cls.singleton_cache_name:
            return caching.cached(cls.singleton_cache_name, cls._load, shows=[cls])
        return cls._load()

    @classmethod
    def _load(cls):
        return cls.objects.filter(pk=SINGLETON_PK).first() or cls(pk=SINGLETON_PK, **cls.singleton_defaults())

    @classmethod
    def get_or_create_row(cls):
        """The row, written with the defaults if it is not there yet (for the admin, not for pages)."""
        return cls.objects.get_or_create(pk=SINGLETON_PK, defaults=cls.singleton_defaults())[0]


class SingletonAdmin(admin.ModelAdmin):
    """The admin of a SingletonModel: the list page goes straight to the row's form;
    the row is never added a second time nor deleted."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        row = self.model.get_or_create_row()
        return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", row.pk)
