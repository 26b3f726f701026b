"""Make the renditions of every stored picture that has none yet (dolisa_site/pictures.py).

Pictures saved through the admin get theirs when saved; this is for the ones
that arrived otherwise: the demo's fixtures, bulk loads, a site upgraded from
before renditions. Safe to run again: what exists is only looked up.
"""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from dolisa_site import pictures


class Command(BaseCommand):
    help = "Make the WebP renditions of every stored picture (covers, body pictures, gallery, site pictures)."

    def handle(self, *args, **options):
        jobs = []
        for model in pictures.prepared_models():
            for field, kinds in pictures.fields_of(model):
                names = model._default_manager.exclude(**{field: ""}).values_list(field, flat=True).distinct()
                jobs += [(name, kinds) for name in names.iterator() if name]
            for field in pictures.html_fields_of(model):
                rows = model._default_manager.filter(**{f"{field}__contains": "<img"}).values_list(field, flat=True)
                jobs += [(src, ("wide",)) for markup in rows.iterator() for src in pictures.body_image_sources(markup)]
        jobs = list(dict.fromkeys(jobs))
        missing = 0
        # tqdm redraws one line with "\r"; Django's stderr wrapper would end each redraw with a newline.
        for source, kinds in tqdm(jobs, file=sys.stderr, unit="picture", disable=options["verbosity"] < 1):
            if pictures.prepare(source, kinds) is None:
                missing += 1
        self.stdout.write(
            f"Renditions ready for {len(jobs) - missing} picture(s); "
            f"{missing} without (missing, or not a still picture)."
        )
