"""Unique slugs on the one Vietnamese slug rule (dolisa_site.text.vietnamese_slugify).

A title becomes its slug ("Lao động" → "lao-dong"); when that slug is taken, the next free of
"lao-dong-2", "lao-dong-3", … is used. The row being saved never collides with itself.
"""

from django.db import models

from .text import vietnamese_slugify


def unique_slug(instance_or_model, text, field="slug", max_length=180, exclude_pk=None, fallback="", also_taken=None):
    """A free slug for `text` in `field` of the model (or of the instance's model).

    - `max_length` bounds the slug made from the text (cut at a word boundary); the numbered
      form never exceeds the field's own max_length: the base is shortened to fit the suffix.
    - `exclude_pk` (by default the instance's pk) is the row whose own slug is no collision.
    - `fallback` is the slug of a text that has no letters or digits.
    - `also_taken`, a query of rows with the same `field`, holds slugs that count as taken too
      (old addresses still redirected).
    """
    if isinstance(instance_or_model, models.Model):
        model = type(instance_or_model)
        if exclude_pk is None:
            exclude_pk = instance_or_model.pk
    else:
        model = instance_or_model
    field_length = model._meta.get_field(field).max_length
    base = vietnamese_slugify(text, max_length=min(max_length, field_length or max_length)) or fallback

    def taken_like(stem):
        queries = [model._default_manager.exclude(pk=exclude_pk), *([also_taken] if also_taken is not None else [])]
        lookup = {f"{field}__startswith": stem}
        return {slug for query in queries for slug in query.filter(**lookup).values_list(field, flat=True)}

    taken = taken_like(base)
    candidate, number = base, 2
    while candidate in taken:
        suffix, stem = f"-{number}", base
        if field_length and len(base) + len(suffix) > field_length:
            stem = vietnamese_slugify(base, max_length=field_length - len(suffix)) or base[: field_length - len(suffix)]
            taken |= taken_like(stem)
        candidate, number = f"{stem}{suffix}", number + 1
    return candidate
