"""Recreate the site's search entries from what is published, then the backend's index."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = "Rebuild the search entries of every published item, then the search backend's index."

    def add_arguments(self, parser):
        parser.add_argument("--entries-only", action="store_true", help="Skip Wagtail's update_index.")

    def handle(self, *args, **options):
        count = indexing.rebuild(
            progress=lambda line: self.stdout.write(line) if options["verbosity"] > 1 else None
        )
        self.stdout.write(f"{count} search entries.")
        if not options["entries_only"]:
            call_command("update_index", verbosity=0)
            self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
