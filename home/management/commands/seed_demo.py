"""Build the demo site in all five languages. Deterministic and idempotent: a second run changes nothing."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization

from editorial.roles import setup_roles
from guides import demo as guides_demo
from home import demo as home_demo
from home.seeding import MissingDemoTranslation, analyze_database, ensure_locales, target_languages
from nbnet import invalidation
from network import demo as network_demo
from practices import demo as practices_demo
from practices import demo_summaries as library_demo

# Each app contributes a ``build()`` that returns counts of what it changed; later
# sections add theirs here, after the pages they hang under.
BUILDERS = [
    ("home", home_demo.build),
    ("network", network_demo.build),
    ("knowledge base", practices_demo.build),
    ("library summaries", library_demo.build),
    ("guides", guides_demo.build),
]


class Command(BaseCommand):
    help = "Create or update the demo content (home, sections, translations) and rebuild the indexes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-index", action="store_true", help="Do not rebuild the search and reference indexes."
        )

    def handle(self, *args, **options):
        # Hundreds of pages: the page cache is renewed once, at the end, not page by page.
        with invalidation.bulk():
            self._seed(options)

    def _seed(self, options):
        changed = 0
        # No transaction around the whole build: wagtail-localize publishes
        # translations on commit, and a deferred publish of a parent page would
        # write back a stale tree (children count) after its children were added.
        try:
            for name, build in BUILDERS:
                counts = build()
                changed += sum(counts.values())
                summary = ", ".join(f"{value} {key}" for key, value in counts.items())
                self.stdout.write(f"{name}: {summary}")
        except MissingDemoTranslation as error:
            raise CommandError(str(error)) from error
        self._keep_trees_in_sync()
        roles = setup_roles()  # groups and the moderation workflow of the sections just built
        changed += roles["groups"] + roles["workflow pages"]
        if changed and not options["skip_index"]:
            self.stdout.write("Rebuilding the search and reference indexes…")
            call_command("rebuild_search", verbosity=0)  # our entries, then Wagtail's update_index
            call_command("rebuild_references_index", verbosity=0)
            analyze_database()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo content is up to date." if changed else "Demo content was already up to date."
            )
        )

    def _keep_trees_in_sync(self) -> None:
        """New English pages get aliases in every language until they are translated."""
        locales = ensure_locales()
        source = Locale.get_default()
        for language in target_languages():
            LocaleSynchronization.objects.get_or_create(
                locale=locales[language], defaults={"sync_from": source}
            )
