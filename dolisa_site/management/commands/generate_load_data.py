"""Content at scale for the benchmarks: articles, dossiers and a year of visitor statistics.

Each app generates its own data with its own command (generate_load_news,
generate_load_dossiers, generate_load_stats: apps never import each other);
this one runs them in order, after the demo content they build on (its
categories, pictures and their renditions, procedures and holidays). Every step is idempotent and
sized by the options, so

    manage.py generate_load_data --articles 1000 --dossiers 10000
    manage.py generate_load_data                      # 100,000 and 1,000,000

switch one database between the small and the large archive. Use a throw-away
database: the statistics of the generated days are written over.
"""

import time
from io import StringIO

from django.apps import apps
from django.core.management import BaseCommand, call_command, get_commands


class Command(BaseCommand):
    help = "Generate benchmark data: --articles articles, --dossiers dossiers, --stats-days days of statistics."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--dossiers", type=int, default=1_000_000)
        parser.add_argument("--stats-days", type=int, default=365)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--skip-demo", action="store_true", help="Do not load the demo content first.")

    def handle(self, *args, **options):
        common = {"verbosity": options["verbosity"], "seed": options["seed"], "stdout": self.stdout}
        steps = []
        if not options["skip_demo"]:
            # It prints whatever the verbosity; quiet means quiet.
            demo_output = self.stdout if options["verbosity"] >= 1 else StringIO()
            steps.append(("setup_demo", {"verbosity": options["verbosity"], "stdout": demo_output}))
            if "prepare_pictures" in get_commands():
                # The demo pictures' renditions, which the generated articles reuse.
                steps.append(("prepare_pictures", {"verbosity": options["verbosity"], "stdout": demo_output}))
        if apps.is_installed("news"):
            steps.append(("generate_load_news", {**common, "articles": options["articles"]}))
        if apps.is_installed("procedures"):
            steps.append(("generate_load_dossiers", {**common, "dossiers": options["dossiers"]}))
        if apps.is_installed("stats"):
            # After the articles: it reads which articles were published when.
            steps.append(("generate_load_stats", {**common, "days": options["stats_days"]}))
        for name, arguments in steps:
            started = time.monotonic()
            call_command(name, **arguments)
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {name}: {time.monotonic() - started:.1f} s")
