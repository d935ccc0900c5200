"""Background work: e-mail goes through the queue and survives a mail server that is down;
imports from the admin run as jobs with a progress page; the queue's state is reported.

The tasks run on the immediate backend here (TASK_BACKEND's default outside production); the
real worker and the database queue are exercised end to end in tests/test_worker.py and
tests/test_multi_server.py.
"""

from __future__ import annotations

import asyncio
import datetime
import io
import json

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.test import override_settings
from django.utils import timezone

from background import mail as outbox
from background import queue
from background.models import OutgoingMail
from background.tasks import deliver_mail
from exchange import jobs
from exchange.models import ImportedRecord, PendingImport
from network.models import ContactMessage, PractitionerContact, PractitionerPage, Visibility

from .conftest import contact_form_data, free_port, html

pytestmark = pytest.mark.django_db


def hidden_contact() -> PractitionerContact:
    return (
        PractitionerContact.objects.filter(email_visibility=Visibility.HIDDEN, page__live=True)
        .exclude(email="")
        .select_related("page")
        .first()
    )


class SMTPServer:
    """A real SMTP server on loopback (aiosmtpd), started and stopped by the test."""

    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.messages: list = []
        server = self

        class Handler:
            async def handle_DATA(self, _server, _session, envelope):
                server.messages.append(envelope)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def smtp_on(port: int, **extra):
    return override_settings(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=5,
        **extra,
    )


def make_due(*mails: OutgoingMail) -> None:
    OutgoingMail.objects.filter(pk__in=[m.pk for m in mails]).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


# E-mail ---------------------------------------------------------------------------------------


def test_contact_message_with_the_mail_server_down_is_accepted_retried_and_delivered(admin_client, client):
    contact = hidden_contact()
    port = free_port()
    with smtp_on(port):
        response = client.post(contact.page.url, contact_form_data())
        # The sender is told it will be delivered; nothing they typed is lost.
        assert response.status_code == 200
        notice = html(response).select_one(".notice--success").get_text()
        assert "will be delivered" in notice
        record = ContactMessage.objects.get(recipient=contact)
        assert not record.delivered
        to_them, copy = record.mails.order_by("pk")
        assert (to_them.kind, copy.kind) == ("contact", "contact copy")
        assert to_them.status == OutgoingMail.Status.FAILING and to_them.attempts == 1
        assert "compare notes" in to_them.message["body"]
        assert to_them.next_attempt_at > timezone.now()
        # The moderators' log says it is failing.
        listing = admin_client.get("/admin/snippets/network/contactmessage/").content.decode()
        assert "failing: 1 try so far" in listing

        with SMTPServer(port) as server:
            make_due(to_them, copy)
            assert outbox.sweep(grace=datetime.timedelta(0)) == 2
            delivered = {tuple(m.rcpt_tos): m.content.decode() for m in server.messages}
    assert set(delivered) == {(contact.email,), ("maija@example.net",)}
    assert "compare notes" in delivered[(contact.email,)]
    assert "Reply-To: maija@example.net" in delivered[(contact.email,)]
    to_them.refresh_from_db()
    record.refresh_from_db()
    assert to_them.status == OutgoingMail.Status.DELIVERED and to_them.attempts == 2
    # No message text is kept once it is delivered.
    assert to_them.message == {} and OutgoingMail.objects.get(pk=copy.pk).message == {}
    assert record.delivered
    listing = admin_client.get("/admin/snippets/network/contactmessage/").content.decode()
    assert "failing" not in listing and "delivered" in listing


def test_a_mail_that_never_gets_through_is_given_up_and_its_text_dropped(admin_client):
    port = free_port()
    contact = hidden_contact()
    record = ContactMessage.objects.create(
        recipient=contact, sender_name="A", sender_email="a@example.net", sender_fingerprint="x"
    )
    with smtp_on(port, MAIL_MAX_ATTEMPTS=3):
        queued = outbox.queue_message(
            EmailMessage("Hi", "secret words", to=[contact.email]), kind="contact", contact_message=record
        )
        for _ in range(2):
            make_due(queued)
            assert outbox.deliver(queued.pk) in ("failing", "given_up")
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.GIVEN_UP and queued.attempts == 3
    assert queued.message == {} and "Connection" in queued.last_error
    # Nothing left to send: a late retry does nothing.
    assert outbox.deliver(queued.pk) == "skipped"
    listing = admin_client.get("/admin/snippets/network/contactmessage/").content.decode()
    assert "given up after 3 tries" in listing
    dashboard = admin_client.get("/admin/").content.decode()
    assert "given up this week" in dashboard


def test_retries_wait_longer_each_time_up_to_two_hours(settings):
    settings.MAIL_RETRY_SECONDS = 60
    delays = [outbox.retry_delay(n).total_seconds() for n in range(1, 10)]
    assert delays[:4] == [60, 120, 240, 480]
    assert delays[-1] == 7200 and delays == sorted(delays)


def test_a_delivery_is_not_sent_twice_at_once():
    queued = outbox.queue_message(EmailMessage("Hi", "once", to=["x@example.net"]))
    assert len(mail.outbox) == 1  # delivered at once on the immediate queue
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.DELIVERED
    # A second task for the same mail (a retry and the sweep racing) sends nothing.
    deliver_mail.enqueue(queued.pk)
    assert len(mail.outbox) == 1


def test_a_task_whose_record_was_deleted_meanwhile_does_nothing():
    queued = outbox.queue_message(EmailMessage("Hi", "gone", to=["x@example.net"]))
    OutgoingMail.objects.filter(pk=queued.pk).delete()
    assert outbox.deliver(queued.pk) == "skipped"
    assert jobs.run_import_job.call(987654) == "gone"


def test_mail_sent_by_wagtail_and_django_goes_through_the_queue():
    """EMAIL_BACKEND is the queue (pytest-django swaps it for the in-memory one; ask for it)."""
    connection = get_connection("background.mail.QueuedEmailBackend")
    sent = EmailMessage("Moderation", "A page awaits your review.", to=["editor@example.net"])
    sent.content_subtype = "plain"
    assert connection.send_messages([sent]) == 1
    queued = OutgoingMail.objects.get(kind="site")
    assert queued.status == OutgoingMail.Status.DELIVERED
    assert mail.outbox[-1].subject == "Moderation" and mail.outbox[-1].to == ["editor@example.net"]


def test_a_message_keeps_its_html_part_and_reply_to_through_the_queue():
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives("Ž", "plain ā", to=["a@example.net"], reply_to=["r@example.net"])
    message.attach_alternative("<p>html ā</p>", "text/html")
    outbox.queue_message(message)
    sent = mail.outbox[-1]
    assert sent.alternatives == [("<p>html ā</p>", "text/html")]
    assert sent.reply_to == ["r@example.net"] and sent.subject == "Ž"


# Imports as jobs ------------------------------------------------------------------------------

CSV = (
    "kind,key,language,name,country,city,organisation,role\n"
    "practitioner,job-test-1,en,Ieva Job,LV,Riga,,Mediator\n"
    "practitioner,job-test-2,en,Aivars Job,LV,Riga,,Social worker\n"
)


def upload(admin_client, content: str = CSV, name: str = "people.csv", **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"file": SimpleUploadedFile(name, content.encode(), "text/csv"), **fields}
    return admin_client.post("/admin/exchange/import/", data)


def test_an_admin_import_is_a_job_with_a_dry_run_then_the_import(admin_client):
    response = upload(admin_client)
    job = PendingImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/exchange/import/{job.pk}/")
    job.refresh_from_db()
    assert job.status == PendingImport.Status.CHECKED and job.dry_run
    page = admin_client.get(response["Location"])
    doc = html(page)
    assert "Dry run" in doc.select_one("#import-summary").get_text()
    assert doc.select_one(f"form[action$='/exchange/import/{job.pk}/run/']")
    assert not PractitionerPage.objects.filter(title="Ieva Job").exists()
    response = admin_client.post(f"/admin/exchange/import/{job.pk}/run/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == PendingImport.Status.DONE and not job.dry_run
    assert bytes(job.content) == b""  # the file is not kept once imported
    doc = html(admin_client.get(response["Location"]))
    assert "Imported" in doc.select_one("#import-summary").get_text()
    assert [td.get_text() for td in doc.select("tr.import-create td:nth-of-type(5)")] == [
        "Ieva Job",
        "Aivars Job",
    ]
    assert ImportedRecord.objects.filter(key__startswith="job-test-").count() == 2
    # Confirming again (the back button) imports nothing twice.
    admin_client.post(f"/admin/exchange/import/{job.pk}/run/")
    assert PractitionerPage.objects.filter(title="Ieva Job", locale__language_code="en").count() == 1


def test_a_waiting_import_has_a_page_that_refreshes_itself_and_says_no_worker_runs(admin_client, admin_user):
    job = PendingImport.objects.create(
        user=admin_user,
        filename="big.csv",
        content=CSV.encode(),
        status=PendingImport.Status.QUEUED,
        queued_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    response = admin_client.get(f"/admin/exchange/import/{job.pk}/")
    doc = html(response)
    assert doc.select_one("meta[http-equiv=refresh]")["content"] == "2"
    assert "no-store" in response["Cache-Control"]
    status = doc.select_one("#import-status").get_text(" ", strip=True)
    assert "waiting to be checked" in status and "No background worker" in status
    # Running, with progress from the worker.
    PendingImport.objects.filter(pk=job.pk).update(status=PendingImport.Status.RUNNING, dry_run=False)
    cache.set(jobs.progress_key(job.pk), (3, 10))
    doc = html(admin_client.get(f"/admin/exchange/import/{job.pk}/"))
    assert doc.select_one("progress")["value"] == "3" and doc.select_one("progress")["max"] == "10"
    assert "3 of 10 rows done" in doc.select_one("#import-status").get_text(" ", strip=True)
    # A second import while this one runs is refused, with the reason, and nothing is stored.
    response = upload(admin_client)
    assert response.status_code == 200
    error = html(response).select_one(".error-message").get_text()
    assert "Another import is running (big.csv" in error
    assert PendingImport.objects.count() == 1
    # A running import cannot be cancelled from under the worker.
    admin_client.post(f"/admin/exchange/import/{job.pk}/cancel/")
    assert PendingImport.objects.filter(pk=job.pk).exists()


def test_a_file_that_is_not_csv_or_json_is_refused_at_once_in_the_editors_language(admin_client):
    response = upload(admin_client, content="\x00\x01binary", name="x.csv", **{"kind": "practitioner"})
    assert response.status_code == 200
    assert html(response).select_one(".error-message")
    assert not PendingImport.objects.exists()


def test_another_editors_import_page_is_not_shown(client, admin_user, django_user_model):
    job = PendingImport.objects.create(user=admin_user, filename="a.csv", content=b"x", status="done")
    other = django_user_model.objects.create_superuser("other", "other@example.net", "pw")
    client.force_login(other)
    assert client.get(f"/admin/exchange/import/{job.pk}/", follow=True).status_code == 404


# The queue's state ------------------------------------------------------------------------------


def test_health_reports_the_queue():
    from django.test import Client

    data = json.loads(Client().get("/health/").content)
    assert data["queue"]["backend"] == "immediate"
    assert data["queue"]["status"] == "ok" and data["queue"]["oldest_age_seconds"] == 0


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, TASK_QUEUE_MAX_AGE=60)
def test_with_the_database_queue_and_no_worker_the_age_of_waiting_tasks_is_reported(admin_client):
    from django.test import Client

    # (django_tasks resets its backends when TASKS changes.)
    queued = outbox.queue_message(EmailMessage("Hi", "later", to=["x@example.net"]))
    assert mail.outbox == []  # not sent in the request
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=3))
    state = queue.state()
    assert state.backend == "database" and state.waiting == 1 and state.stalled
    data = json.loads(Client().get("/health/").content)
    assert data["queue"]["status"] == "stalled" and data["queue"]["oldest_age_seconds"] >= 170
    dashboard = html(admin_client.get("/admin/")).get_text(" ", strip=True)
    assert "1 background task is waiting since" in dashboard
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.QUEUED


def test_aiosmtpd_is_importable_for_the_end_to_end_tests():
    # Guards the dev dependency the worker and multi-server tests start their SMTP server with.
    import aiosmtpd  # noqa: F401

    assert asyncio.get_event_loop_policy()


# Large exports ---------------------------------------------------------------------------------


def test_a_large_export_is_prepared_in_the_background_and_downloaded_from_its_page(
    admin_client, monkeypatch, client, django_user_model
):
    from exchange import admin_views
    from exchange.models import ExportJob

    monkeypatch.setattr(admin_views, "EXPORT_INLINE_RECORDS", 10)
    response = admin_client.get("/admin/exchange/export/?format=json&kind=practitioner")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/exchange/export/{job.pk}/")
    page = html(admin_client.get(response["Location"]))
    assert "The export is ready" in page.select_one("#export-status").get_text()
    assert not page.select_one("meta[http-equiv=refresh]")
    download = admin_client.get(response["Location"] + "?download=1")
    assert download["Content-Disposition"].startswith('attachment; filename="practitioner-')
    data = json.loads(download.content)
    names = {row["name"] for row in data["records"]["practitioner"]}
    assert PractitionerPage.objects.filter(locale__language_code="en").first().title in names
    # Small exports are still answered at once.
    monkeypatch.setattr(admin_views, "EXPORT_INLINE_RECORDS", 5000)
    small = admin_client.get("/admin/exchange/export/?format=csv&kind=organisation")
    assert small["Content-Type"].startswith("text/csv") and ExportJob.objects.count() == 1
    # Only the editor who asked sees it.
    other = django_user_model.objects.create_superuser("other-exporter", "o@example.net", "pw")
    client.force_login(other)
    assert client.get(response["Location"] + "?download=1", follow=True).status_code == 404


def test_an_export_that_is_being_prepared_refreshes_itself(admin_client, admin_user):
    from exchange.models import ExportJob

    job = ExportJob.objects.create(user=admin_user, kind="", format="json")
    page = html(admin_client.get(f"/admin/exchange/export/{job.pk}/"))
    assert page.select_one("meta[http-equiv=refresh]")["content"] == "2"
    assert "prepared in the background" in page.select_one("#export-status").get_text()
    assert admin_client.get(f"/admin/exchange/export/{job.pk}/?download=1").status_code == 200
    assert "attachment" not in admin_client.get(f"/admin/exchange/export/{job.pk}/?download=1").get(
        "Content-Disposition", ""
    )


def test_a_queue_that_cannot_take_the_import_gets_a_clear_answer_and_nothing_is_kept(
    admin_client, monkeypatch
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("the queue's database is gone")

    # Every task's enqueue (tasks are frozen dataclasses: their class is patched).
    monkeypatch.setattr(type(jobs.run_import_job), "enqueue", unreachable)
    response = upload(admin_client)
    assert response.status_code == 200
    assert "cannot take the import just now" in html(response).select_one(".error-message").get_text()
    assert not PendingImport.objects.exists()


def test_a_queue_that_cannot_take_a_mail_keeps_it_for_the_sweep(monkeypatch):
    from background import tasks

    def unreachable(*args, **kwargs):
        raise ConnectionError("the queue's database is gone")

    monkeypatch.setattr(type(tasks.deliver_mail), "enqueue", unreachable)
    queued = outbox.queue_message(EmailMessage("Hi", "kept", to=["x@example.net"]))
    assert mail.outbox == []
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.QUEUED and queued.message["body"] == "kept"
    monkeypatch.undo()
    make_due(queued)
    assert outbox.sweep(grace=datetime.timedelta(0)) == 1
    assert mail.outbox[-1].body == "kept"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, CONTACT_LOG_DAYS=90)
def test_finished_mail_and_task_rows_are_deleted_when_their_time_is_up_and_not_before():
    from django.core.management import call_command
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    old_delivered = outbox.queue_message(EmailMessage("Old", "x", to=["old@example.net"]))
    recent_delivered = outbox.queue_message(EmailMessage("New", "x", to=["new@example.net"]))
    old_failing = outbox.queue_message(EmailMessage("Still", "x", to=["still@example.net"]))
    OutgoingMail.objects.filter(pk=old_delivered.pk).update(
        status=OutgoingMail.Status.DELIVERED, finished_at=now - datetime.timedelta(days=91)
    )
    OutgoingMail.objects.filter(pk=recent_delivered.pk).update(
        status=OutgoingMail.Status.DELIVERED, finished_at=now - datetime.timedelta(days=89)
    )
    # Still being retried: kept whatever its age.
    OutgoingMail.objects.filter(pk=old_failing.pk).update(
        status=OutgoingMail.Status.FAILING, created_at=now - datetime.timedelta(days=200)
    )
    tasks = list(DBTaskResult.objects.order_by("pk"))
    assert len(tasks) == 3  # one delivery task per mail, waiting for a worker
    DBTaskResult.objects.filter(pk=tasks[0].pk).update(
        status=TaskResultStatus.SUCCESSFUL,
        finished_at=now - datetime.timedelta(days=queue.TASK_RESULT_DAYS + 1),
    )
    DBTaskResult.objects.filter(pk=tasks[1].pk).update(
        status=TaskResultStatus.FAILED, finished_at=now - datetime.timedelta(days=queue.TASK_RESULT_DAYS - 1)
    )
    out = io.StringIO()
    call_command("expire_personal_data", stdout=out)
    assert "deleted 1 e-mail records" in out.getvalue()
    assert "deleted 1 finished task records" in out.getvalue()
    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == {recent_delivered.pk, old_failing.pk}
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {tasks[1].pk, tasks[2].pk}
    # Nothing more is due: a second run (the worker's hourly one) deletes nothing.
    assert queue.prune_finished() == {"e-mail records": 0, "finished task records": 0}
