"""Write the buffered visitor counts to the database; run by a timer."""

from django.core.management import BaseCommand, CommandError

from stats.flush import flush


class Command(BaseCommand):
    help = "Write the page views and visitors counted in the cache to the database."

    def handle(self, *args, **options):
        try:
            written = flush()
        except Exception as exc:
            raise CommandError(
                f"Flush failed; the counts stay in the cache for the next run: {type(exc).__name__}: {exc}"
            )
        if written is None:
            self.stdout.write("Another process is flushing the visitor counts; nothing to do.")
        elif options["verbosity"] >= 1:
            self.stdout.write(f"Flushed {written} page views.")
