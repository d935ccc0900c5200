"""Add many synthetic practitioners and practices to the demo site, for benchmarks at size."""

from django.core.management.base import BaseCommand, CommandError

from home import scale
from home.seeding import analyze_database
from network.models import NetworkIndexPage


class Command(BaseCommand):
    help = (
        "Add generated practitioners and practices (English, with search entries) to the demo site, "
        "written in batches with bulk inserts. Run seed_demo first. Numbers are totals: a second run "
        "with the same numbers adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--practitioners", type=int, default=100_000)
        parser.add_argument("--practices", type=int, default=20_000)

    def handle(self, *args, **options):
        if options["practitioners"] < 0 or options["practices"] < 0:
            raise CommandError("The numbers must not be negative.")
        if not NetworkIndexPage.objects.exists():
            raise CommandError("No demo site here: run `manage.py seed_demo` first.")
        made = scale.build(
            options["practitioners"], options["practices"], progress=lambda line: self.stdout.write(line)
        )
        analyze_database()
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {made['practitioners']:,} practitioners and {made['practices']:,} practices."
            )
        )
