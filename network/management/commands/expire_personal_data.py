"""Delete personal data the site no longer needs, as SECURITY.md promises. Run it daily (cron).

- contact-form records (who wrote to whom, when) older than ``CONTACT_LOG_DAYS``: they serve
  moderation and the rate limits, which look back one day at most;
- sign-ups never confirmed, once their confirmation link has expired
  (``PASSWORD_RESET_TIMEOUT``): an address typed by someone, never shown to be theirs;
- expired sessions (Django's ``clearsessions``);
- e-mail delivered or given up longer ago than ``CONTACT_LOG_DAYS``, and finished background
  task records past their time (``background.queue.prune_finished``; the worker does it hourly).

Failed sign-in records (django-axes) are removed by axes itself once the lockout has passed.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from background.queue import prune_finished
from network.models import ContactMessage, PractitionerContact


class Command(BaseCommand):
    help = "Delete contact-form records, unconfirmed sign-ups and sessions past their retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted.")

    def handle(self, *args, dry_run: bool = False, **options):
        now = timezone.now()
        messages = ContactMessage.objects.filter(
            created_at__lt=now - datetime.timedelta(days=settings.CONTACT_LOG_DAYS)
        )
        # An unconfirmed sign-up has no usable password and has never signed in; an account
        # an editor linked to a profile is kept (it is the person's, confirmed or not).
        unconfirmed = (
            get_user_model()
            .objects.filter(
                is_active=False,
                last_login__isnull=True,
                date_joined__lt=now - datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
            )
            .exclude(pk__in=PractitionerContact.objects.filter(user__isnull=False).values("user"))
        )
        # set_unusable_password() stores "!" and random characters: no password was ever chosen.
        unconfirmed = unconfirmed.filter(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        counts = {"contact-form records": messages.count(), "unconfirmed sign-ups": unconfirmed.count()}
        if not dry_run:
            messages.delete()
            unconfirmed.delete()
            call_command("clearsessions")
            counts.update(prune_finished(now))
        verb = "would delete" if dry_run else "deleted"
        for what, count in counts.items():
            self.stdout.write(f"{verb} {count} {what}")
