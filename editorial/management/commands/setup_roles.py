"""Create or update the editorial roles (groups and permissions) and the moderation workflow."""

from django.core.management.base import BaseCommand

from editorial.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create or update the groups Administrators, Editors (per country), Moderators, Translators and "
        "Practitioners with their permissions, and the moderation workflow of the content sections."
    )

    def handle(self, *args, **options):
        counts = setup_roles()
        self.stdout.write(
            self.style.SUCCESS(
                f"Roles are set up ({counts['groups']} groups created, "
                f"{counts['workflow pages']} sections newly moderated)."
            )
        )
