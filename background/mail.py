"""Every e-mail goes through the task queue, and none is lost when the mail server is down.

``queue_message`` stores the message in the outbox (``OutgoingMail``) and enqueues
``background.tasks.deliver_mail``; the task sends it through ``EMAIL_DELIVERY_BACKEND`` (SMTP in
production) and, when that fails, tries again after ``MAIL_RETRY_SECONDS``, then twice as long
each time (at most two hours apart), until ``MAIL_MAX_ATTEMPTS`` tries have failed. The text is
removed from the outbox as soon as the message is delivered or given up.

``QueuedEmailBackend`` is ``EMAIL_BACKEND``: mail sent by Wagtail (moderation notifications,
password resets) and by Django's ``send_mail`` takes the same way.

Written here rather than taken from django-mailer or django-post-office: both bring a queue of
their own (a cron command, or Celery), and the site has one queue already, Django's task
framework, which Wagtail uses too.
"""

from __future__ import annotations

import base64
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from .models import OutgoingMail

logger = logging.getLogger(__name__)

MAX_RETRY_DELAY = datetime.timedelta(hours=2)


def serialise(message: EmailMessage) -> dict:
    data = {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [],
    }
    for attachment in message.attachments:
        if isinstance(attachment, tuple | list) and len(attachment) == 3:
            name, content, mimetype = attachment
            raw = content.encode() if isinstance(content, str) else bytes(content)
            data["attachments"].append([name, base64.b64encode(raw).decode(), mimetype])
    return data


def deserialise(data: dict, connection) -> EmailMessage:
    message = EmailMultiAlternatives(
        data["subject"],
        data["body"],
        data["from_email"],
        data["to"],
        bcc=data["bcc"],
        cc=data["cc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
        connection=connection,
    )
    for name, content, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(content), mimetype)
    return message


def queue_message(message: EmailMessage, *, kind: str = "other", contact_message=None) -> OutgoingMail:
    """Put ``message`` in the outbox and ask the queue to deliver it. Never raises for a mail
    server that is down: the delivery is the task's business."""
    mail = OutgoingMail.objects.create(
        kind=kind[:20], contact_message=contact_message, message=serialise(message)
    )
    # Straight away, not on commit: with the database queue the task row joins the mail's
    # transaction (the worker sees both or neither); the immediate queue sends it now.
    enqueue_delivery(mail.pk)
    return mail


def enqueue_delivery(mail_id: int, run_after: datetime.datetime | None = None) -> bool:
    """Ask the task queue to deliver one mail; False when the queue cannot take it (the mail
    stays in the outbox and the worker's sweep delivers it)."""
    from .tasks import deliver_mail

    task = deliver_mail
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return False  # the immediate backend: the worker's sweep tries it again when due
        task = task.using(run_after=run_after)
    try:
        task.enqueue(mail_id)
    except Exception:  # the queue is unreachable: the outbox keeps the mail for the sweep
        logger.exception("e-mail %s could not be queued", mail_id)
        return False
    return True


def retry_delay(attempts: int) -> datetime.timedelta:
    """After ``attempts`` failed tries: MAIL_RETRY_SECONDS, doubling, at most two hours."""
    seconds = settings.MAIL_RETRY_SECONDS * 2 ** min(attempts - 1, 20)
    return min(datetime.timedelta(seconds=seconds), MAX_RETRY_DELAY)


def _lease() -> datetime.timedelta:
    # While one task sends a mail, no other picks it up; if that task's worker dies, the
    # mail is due again when the lease ends.
    return datetime.timedelta(seconds=3 * (settings.EMAIL_TIMEOUT or 20) + 60)


def deliver(mail_id: int) -> str:
    """Try to send one queued mail once. Returns what happened: "delivered", "failing",
    "given_up", or "skipped" (already done, deleted, or being sent by another task)."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(
        pk=mail_id,
        status__in=(OutgoingMail.Status.QUEUED, OutgoingMail.Status.FAILING),
        next_attempt_at__lte=now,
    ).update(next_attempt_at=now + _lease())
    if not claimed:
        return "skipped"
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        deserialise(mail.message, connection).send()
    except Exception as error:  # smtplib errors, refused, timed out, DNS: try again later
        mail.attempts += 1
        mail.last_error = f"{type(error).__name__}: {error}"[:300]
        if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
            mail.status = OutgoingMail.Status.GIVEN_UP
            mail.finished_at = timezone.now()
            mail.message = {}
            logger.error("e-mail %s given up after %s tries: %s", mail.pk, mail.attempts, mail.last_error)
        else:
            mail.status = OutgoingMail.Status.FAILING
            mail.next_attempt_at = timezone.now() + retry_delay(mail.attempts)
            logger.warning("e-mail %s not delivered (try %s): %s", mail.pk, mail.attempts, mail.last_error)
        mail.save(
            update_fields=["attempts", "last_error", "status", "finished_at", "message", "next_attempt_at"]
        )
        if mail.status == OutgoingMail.Status.FAILING:
            enqueue_delivery(mail.pk, run_after=mail.next_attempt_at)
        return mail.status
    mail.attempts += 1
    mail.status = OutgoingMail.Status.DELIVERED
    mail.finished_at = timezone.now()
    mail.message = {}
    mail.last_error = ""
    mail.save(update_fields=["attempts", "status", "finished_at", "message", "last_error"])
    if mail.contact_message_id:
        _mark_contact_delivered(mail)
    return mail.status


def _mark_contact_delivered(mail: OutgoingMail) -> None:
    from network.models import ContactMessage

    if mail.kind == "contact":
        ContactMessage.objects.filter(pk=mail.contact_message_id).update(delivered=True)


def due(grace: datetime.timedelta = datetime.timedelta(0)):
    """Mails whose next try is due (``grace`` later than planned: their own retry task was
    lost, or the queue could not take it)."""
    return OutgoingMail.objects.filter(
        status__in=(OutgoingMail.Status.QUEUED, OutgoingMail.Status.FAILING),
        next_attempt_at__lte=timezone.now() - grace,
    )


def sweep(grace: datetime.timedelta = datetime.timedelta(minutes=2)) -> int:
    """Deliver (through the queue) every mail that is overdue. Run by the worker every minute."""
    count = 0
    for mail_id in due(grace).values_list("pk", flat=True)[:500]:
        enqueue_delivery(mail_id)
        count += 1
    return count


class QueuedEmailBackend(BaseEmailBackend):
    """``EMAIL_BACKEND``: messages are queued, not sent in the request."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            queue_message(message, kind="site")
            count += 1
        return count
