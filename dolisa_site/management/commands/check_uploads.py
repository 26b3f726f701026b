"""List the stored uploads that break the upload rules, for a person to review.

Files stored before the rules (or dropped into MEDIA_ROOT by hand) may be of
a type that is not allowed, not what their extension says, too large, or
named with the uploader's file name. Nothing is changed or deleted: each line
names the file, the record holding it and why, and the exit status is 1 when
there is anything to review (so a timer or a deploy script can alert).
"""

from django.core.management.base import BaseCommand, CommandError

from dolisa_site.uploads import stored_problems


class Command(BaseCommand):
    help = "List stored uploads that break the upload rules (path, model, field, record, reason); exit 1 if any."

    def handle(self, *args, **options):
        problems = list(stored_problems())
        if not problems:
            self.stdout.write("Every stored upload follows the upload rules.")
            return
        self.stdout.write("path\tmodel\tfield\trecord\treason")
        for problem in problems:
            self.stdout.write("\t".join([problem.path, problem.model, problem.field, problem.record, problem.reason]))
        files = len({problem.path for problem in problems})
        raise CommandError(f"{files} stored file(s) break the upload rules; review the list above.", returncode=1)
