"""Personal data past its retention period is deleted by `manage.py expire_personal_data`."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from network.models import ContactMessage, PractitionerContact

pytestmark = pytest.mark.django_db

User = get_user_model()


def _message(contact, days_ago: int) -> ContactMessage:
    return ContactMessage.objects.create(
        recipient=contact,
        sender_name="Anna",
        sender_email=f"anna{days_ago}@example.org",
        sender_fingerprint="x",
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def _signup(username: str, days_ago: float) -> User:
    user = User.objects.create_user(username=username, email=username)
    user.is_active = False
    user.set_unusable_password()
    user.date_joined = timezone.now() - datetime.timedelta(days=days_ago)
    user.save()
    return user


def test_old_contact_records_and_expired_signups_go_recent_ones_stay(settings):
    settings.CONTACT_LOG_DAYS = 90
    settings.PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
    contact = PractitionerContact.objects.exclude(email="").first()
    old, recent = _message(contact, 91), _message(contact, 89)
    expired, pending = _signup("expired@example.org", 4), _signup("pending@example.org", 1)
    member = User.objects.create_user(username="member@example.org", password="a long password 123")

    out = io.StringIO()
    call_command("expire_personal_data", "--dry-run", stdout=out)
    assert "would delete 1 contact-form records" in out.getvalue()
    assert "would delete 1 unconfirmed sign-ups" in out.getvalue()
    assert ContactMessage.objects.filter(pk=old.pk).exists()

    call_command("expire_personal_data", stdout=io.StringIO())
    assert not ContactMessage.objects.filter(pk=old.pk).exists()
    assert ContactMessage.objects.filter(pk=recent.pk).exists()
    assert not User.objects.filter(pk=expired.pk).exists()
    assert User.objects.filter(pk__in=[pending.pk, member.pk]).count() == 2


def test_an_account_linked_to_a_profile_is_never_expired(settings):
    settings.PASSWORD_RESET_TIMEOUT = 3600
    contact = PractitionerContact.objects.filter(user__isnull=True).first()
    user = _signup("listed@example.org", 30)
    contact.user = user
    contact.save()
    call_command("expire_personal_data", stdout=io.StringIO())
    assert User.objects.filter(pk=user.pk).exists()
