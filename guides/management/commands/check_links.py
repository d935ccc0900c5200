"""Check the external links of guides and help points, and list what is due for review."""

from django.core.management.base import BaseCommand

from guides import link_checker, review


class Command(BaseCommand):
    help = (
        "Check every external link used by guides and help points (results shown to editors in the admin's "
        "“Guides to review” report), and print the broken links and the guides and help points not verified "
        "for six months."
    )

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for each server.")
        parser.add_argument("--no-network", action="store_true", help="Only report what is due for review.")

    def handle(self, *args, **options):
        if not options["no_network"]:
            urls = link_checker.collect()
            self.stdout.write(f"Checking {len(urls)} links…")
            results = link_checker.check_all(urls, timeout=options["timeout"])
            broken = [result for result in results if not result.ok]
            self.stdout.write(f"{len(results) - len(broken)} working, {len(broken)} broken.")
            for result in broken:
                self.stdout.write(f"BROKEN {result.url} — {result.status or result.error}")
        guides = list(review.due_guides())
        points = list(review.due_help_points())
        self.stdout.write(f"{len(guides)} guides and {len(points)} help points not verified for six months.")
        for guide in guides:
            self.stdout.write(f"GUIDE {guide.title} — last verified {guide.last_verified or 'never'}")
        for point in points:
            verified = point.last_verified or "never"
            self.stdout.write(f"HELP POINT {point.display_name} ({point.city}) — last verified {verified}")
