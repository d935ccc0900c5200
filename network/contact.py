"""The contact form on a practitioner's profile.

The message goes to the practitioner by e-mail (Reply-To: the sender) and a copy to
the sender; the practitioner's address is never shown. Abuse protection: a honeypot
field, length limits, and rate limits per sender address, per sender IP and per
recipient, counted from the records of sent messages.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from background.mail import queue_message
from nbnet.client import client_key

from .emails import normalize_email
from .forms import no_line_breaks
from .models import ContactMessage, PractitionerPage

logger = logging.getLogger(__name__)

# (how many, in what period) before the form refuses; the 6th message within an hour
# from the same address or IP is refused.
SENDER_LIMIT = (5, timedelta(hours=1))
RECIPIENT_LIMIT = (20, timedelta(days=1))
MESSAGE_MAX_LENGTH = 3000


class ContactForm(forms.Form):
    # The name goes into the e-mail's Subject: no line breaks (see no_line_breaks).
    name = forms.CharField(label=_("Your name"), max_length=100, validators=[no_line_breaks])
    email = forms.EmailField(label=_("Your e-mail"), max_length=254)
    message = forms.CharField(
        label=_("Message"),
        min_length=20,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # Invisible to people (hidden by CSS and from assistive technology); bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean(self):
        cleaned = super().clean()
        if "\x00" in cleaned.get("message", ""):
            self.add_error("message", _("Remove the invisible control characters from the text."))
        return cleaned


def _fingerprint(request: HttpRequest) -> str:
    # The client's address as every other limit sees it (behind a proxy, not the proxy's).
    ip = client_key(request)
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


def refusal_reason(contact, sender_email: str, fingerprint: str) -> str | None:
    now = timezone.now()
    count, period = SENDER_LIMIT
    recent = ContactMessage.objects.filter(created_at__gte=now - period)
    if (
        # Stored normalised (ContactMessage.save), compared exactly: see network/emails.py.
        recent.filter(sender_email=normalize_email(sender_email)).count() >= count
        or recent.filter(sender_fingerprint=fingerprint).count() >= count
    ):
        return gettext("You have sent several messages in a short time. Please try again in an hour.")
    count, period = RECIPIENT_LIMIT
    if ContactMessage.objects.filter(recipient=contact, created_at__gte=now - period).count() >= count:
        return gettext("This person has received many messages today. Please try again tomorrow.")
    return None


def contact_context(page: PractitionerPage, request: HttpRequest, form: ContactForm | None = None) -> dict:
    contact = page.contact
    user = getattr(request, "user", None)
    return {
        "contact": contact,
        "visible_email": contact.email_for(user) if contact else "",
        "visible_phone": contact.phone_for(user) if contact else "",
        "can_be_contacted": bool(contact and contact.email),
        "contact_form": form or ContactForm(),
    }


def _render(page, request, form, status=200, **extra) -> HttpResponse:
    context = page.get_context(request, contact_form=form)
    context.update(extra)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def handle_contact_post(page: PractitionerPage, request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST)
    contact = page.contact
    if not (contact and contact.email):
        return _render(page, request, form, status=400)
    if not form.is_valid():
        return _render(page, request, form, status=400)
    if form.cleaned_data["website"]:
        # A bot: pretend success, send nothing, keep no record.
        return _render(page, request, ContactForm(), contact_sent=True)

    data = form.cleaned_data
    fingerprint = _fingerprint(request)
    reason = refusal_reason(contact, data["email"], fingerprint)
    if reason:
        return _render(page, request, form, status=429, contact_refused=reason)

    site_name = gettext("Nordic-Baltic Integration Network")
    subject = gettext("Message from %(name)s through the %(site)s") % {
        "name": data["name"],
        "site": site_name,
    }
    body = gettext(
        "%(name)s (%(email)s) wrote to you through your profile on the %(site)s:\n\n%(message)s\n\n"
        "Reply to this e-mail to answer. Your address was not shown to the sender."
    ) % {"name": data["name"], "email": data["email"], "site": site_name, "message": data["message"]}
    copy_body = gettext(
        "This is a copy of your message to %(recipient)s, sent through the %(site)s.\n\n%(message)s"
    ) % {"recipient": page.title, "site": site_name, "message": data["message"]}
    # Queued, not sent here: the worker delivers both, and retries while the mail server is
    # down (background/mail.py). The record and its two e-mails are stored together or not at
    # all; the moderators' log shows how each delivery went.
    with transaction.atomic():
        record = ContactMessage.objects.create(
            recipient=contact,
            sender_name=data["name"],
            sender_email=data["email"],
            sender_fingerprint=fingerprint,
            length=len(data["message"]),
        )
        queue_message(
            EmailMessage(subject, body, to=[contact.email], reply_to=[data["email"]]),
            kind="contact",
            contact_message=record,
        )
        queue_message(
            EmailMessage(subject, copy_body, to=[data["email"]]), kind="contact copy", contact_message=record
        )
    return _render(page, request, ContactForm(), contact_sent=True)
