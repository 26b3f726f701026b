"""Two-level trees: the main menu's entries and the news categories.

An entry's parent must be a top-level entry, an entry with children stays at the top level,
and no entry is its own parent. Each model declares its own `parent` (a ForeignKey to "self",
related_name "children", limited to top-level entries) and says the rule in its own words.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models


class TwoLevelQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)


class TwoLevelTree(models.Model):
    """Abstract base of a model whose entries are top level or children of a top-level entry."""

    # The messages name the model's entries ("menu entry", "category"): set by each model.
    parent_not_top_level_message = None
    has_children_message = None

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if not self.parent_id:
            return
        if self.parent_id == self.pk or self.parent.parent_id:
            raise ValidationError({"parent": self.parent_not_top_level_message})
        if self.pk and self.children.exists():
            raise ValidationError({"parent": self.has_children_message})


class TwoLevelInline(admin.TabularInline):
    """The children of a top-level entry, edited on its page; a child's page offers none to add."""

    fk_name = "parent"
    extra = 0

    def has_add_permission(self, request, obj=None):
        return not (obj is not None and obj.parent_id) and super().has_add_permission(request, obj)
