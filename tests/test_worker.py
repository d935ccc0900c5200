"""The background worker for real: ``manage.py worker`` in its own process, on the database queue
(TASK_BACKEND=database), with the production settings, a Redis cache and a real SMTP server.

- a worker killed (SIGKILL) in the middle of an import leaves nothing of it in the database and
  the job marked running; the next worker sees its predecessor is gone, queues the import again
  and runs it to the end;
- a mail queued while the mail server is down is tried, fails, and is delivered by the worker
  once the server is back.

Each test works on a copy of the seeded test database that the subprocesses share (SQLite: a
file; PostgreSQL: a database made from the test database as a template), so it runs in both
passes of ``make test``. The helpers here are used by tests/test_multi_server.py too.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import pickle
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest

from .conftest import free_port, redis_up, require_service

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/13"
# Seconds: a worker process starts in a few seconds, but the machine may be busy.
STARTUP_TIMEOUT = 90


# A copy of the seeded database that other processes can use ---------------------------------


class Database:
    """The copy: its URL for the site's processes, and plain queries for the test (written
    with %s placeholders; each query on a connection of its own, in autocommit)."""

    def __init__(self, url: str, vendor: str, path: Path | None = None):
        self.url = url
        self.vendor = vendor
        self.path = path

    def rows(self, query: str, params: tuple = ()) -> list[tuple]:
        if self.vendor == "sqlite":
            # A worker killed in a write leaves a journal behind: this connection rolls it back.
            with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as db:
                return db.execute(query.replace("%s", "?").replace("%%", "%"), params).fetchall()
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as db:
            return db.execute(query, params).fetchall()

    def value(self, query: str, params: tuple = ()):
        rows = self.rows(query, params)
        return rows[0][0] if rows else None

    def json(self, query: str, params: tuple = ()):
        value = self.value(query, params)
        return json.loads(value) if isinstance(value, str | bytes) else value


def _postgres_url(db: dict, name: str) -> str:
    credentials = f"{quote(db['USER'] or '', safe='')}:{quote(db['PASSWORD'] or '', safe='')}"
    return f"postgresql://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@contextlib.contextmanager
def copy_of_test_database(django_db_blocker, prefix: str) -> Iterator[Database]:
    """The seeded test database copied for the site's processes, removed afterwards. SQLite: a
    file made with SQLite's backup; PostgreSQL: ``CREATE DATABASE … TEMPLATE`` the test
    database, on the same server with the same role (which the CI gives CREATEDB)."""
    from django.db import connection, connections

    with django_db_blocker.unblock():
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix=f"{prefix}-db-"))
            path = folder / "db.sqlite3"
            with contextlib.closing(sqlite3.connect(path)) as copy:
                connection.connection.backup(copy)
            try:
                yield Database(f"sqlite:///{path}", "sqlite", path)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            return
        assert connection.vendor == "postgresql", connection.vendor
        import psycopg
        from psycopg import sql

        settings = connection.settings_dict
        template = settings["NAME"]
        name = f"{prefix.replace('-', '_')}_{secrets.token_hex(4)}"
        # A template must have no other session: this process's own goes first.
        connections.close_all()
        with psycopg.connect(_postgres_url(settings, "postgres"), autocommit=True) as server:
            for attempt in range(60):
                try:
                    server.execute(
                        sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                            sql.Identifier(name), sql.Identifier(template)
                        )
                    )
                    break
                except psycopg.errors.ObjectInUse:
                    if attempt == 59:
                        sessions = server.execute(
                            "SELECT pid, application_name, state, left(query, 80) FROM pg_stat_activity "
                            "WHERE datname = %s",
                            [template],
                        ).fetchall()
                        pytest.fail(
                            f"Could not copy the test database {template} to {name}: PostgreSQL copies a "
                            f"template only while nobody else is connected to it, and these sessions "
                            f"are: {sessions}"
                        )
                    # A server of an earlier test may still be closing its session.
                    time.sleep(0.5)
        try:
            yield Database(_postgres_url(settings, name), "postgresql")
        finally:
            with psycopg.connect(_postgres_url(settings, "postgres"), autocommit=True) as server:
                server.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


# The site's processes -----------------------------------------------------------------------


def site_env(database: Database, folder: Path, smtp_port: int, **extra: str) -> dict[str, str]:
    """Production settings on the copy, the database queue, Redis (DB 13) under a key prefix of
    this test's own, and mail through SMTP on loopback."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nbnet.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database.url,
        "TASK_BACKEND": "database",
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"nbnet-{folder.name}",
        "PROXY_COUNT": "1",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": "false",
        "EMAIL_USE_SSL": "false",
        "EMAIL_TIMEOUT": "5",
        # A failed delivery is tried again after 1 s, then 2, 4, ...
        "MAIL_RETRY_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


def manage(env: dict, *arguments: str, timeout: float = 300) -> str:
    """``manage.py …`` in a process of its own; its output, or a failure that shows it."""
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        pytest.fail(f"manage.py {arguments[0]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def shell(env: dict, code: str) -> str:
    return manage(env, "shell", "--no-imports", "-c", code)


EDITOR = "background-test-editor"
# Run in the copy before anything else: an editor to act as, and the weekly link check marked
# as done just now, so that a worker's first task is not a check of the guides' external links
# (over the internet, which a test should not need).
PREPARE = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from guides.models import LinkCheck

get_user_model().objects.create_superuser("{username}", "{username}@example.net", "{password}")
LinkCheck.objects.create(url="https://example.org/", ok=True, status=200, checked_at=timezone.now())
"""


def prepare(env: dict, username: str = EDITOR, password: str = "") -> str:
    password = password or secrets.token_urlsafe(16)
    shell(env, PREPARE.format(username=username, password=password))
    return password


def start(arguments: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "ab") as output:
        return subprocess.Popen(arguments, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    return start([sys.executable, "manage.py", "worker", "--interval", "0.2", "--no-startup-delay"], env, log)


def stop(*processes: subprocess.Popen | None) -> None:
    for process in processes:
        if process is not None and process.poll() is None:
            process.terminate()
    for process in processes:
        if process is None:
            continue
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_until(
    check: Callable[[], object],
    timeout: float,
    what: str,
    processes: tuple[tuple[subprocess.Popen, Path], ...] = (),
    every: float = 0.25,
):
    """``check()``'s first true value within ``timeout`` seconds; otherwise a failure that says
    what did not happen and shows the logs of the processes that should have done it."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        for process, log in processes:
            if process.poll() is not None:
                pytest.fail(f"{what}: {log.stem} exited with {process.returncode}:\n{tail(log)}")
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {log.stem}:\n{tail(log)}" for _process, log in processes)
            pytest.fail(f"{what}: not within {timeout:.0f} s\n{logs}")
        time.sleep(every)


def delete_cache_keys(prefix: str) -> None:
    import redis

    with contextlib.suppress(Exception):  # only tidying up
        client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)


def cache_value(prefix: str, key: str):
    """A value the site stored in the cache (django-redis: ``PREFIX:VERSION:KEY``, pickled)."""
    import redis

    raw = redis.Redis.from_url(REDIS_URL, socket_timeout=2).get(f"{prefix}:1:{key}")
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        return pickle.loads(raw)  # noqa: S301 (written by the site under this test's own prefix)


class SMTPServer:
    """A real SMTP server on loopback (aiosmtpd in a thread); it can be stopped and started
    again on the same port."""

    def __init__(self, port: int):
        self.port = port
        self.messages: list = []
        self.lock = threading.Lock()
        self.controller = None

    def start(self) -> SMTPServer:
        from aiosmtpd.controller import Controller

        server = self

        class Handler:
            async def handle_DATA(self, _server, _session, envelope):
                with server.lock:
                    server.messages.append(envelope)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def received(self, recipient: str, text: str = "") -> list[str]:
        """The messages received for ``recipient`` (with ``text`` in them), as text."""
        with self.lock:
            found = [
                envelope.content.decode(errors="replace")
                for envelope in self.messages
                if recipient in envelope.rcpt_tos
            ]
        return [content for content in found if text in content]


# The tests ------------------------------------------------------------------------------------

ROWS = 60
IMPORT_SCRIPT = """
import sys
from django.contrib.auth import get_user_model
from exchange import jobs
from exchange.models import PendingImport

job = PendingImport.objects.create(
    user=get_user_model().objects.get(username="{editor}"),
    filename="people.csv",
    content=open(r"{path}", "rb").read(),
    kind="practitioner",
    publish=True,
)
jobs.enqueue(job, dry_run=False)
print("JOB", job.pk)
"""


COLUMNS = "key language name role city country bio themes target_groups languages open_to_exchange"


def practitioners_csv(rows: int) -> bytes:
    """New practitioners, one row each (the format of docs/import-examples/practitioners.csv)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS.split())
    for n in range(rows):
        person = [f"killed-worker-{n:03d}", "en", f"Killedworker Person {n:03d}", "Mediator", "riga", "LV"]
        writer.writerow([*person, "Imported by the worker, twice.", "education", "youth", "lv|en", "yes"])
    return out.getvalue().encode()


# Marked so that pytest-django creates and seeds the test database even when only this file runs;
# the tests themselves read the copies, outside that transaction.
pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def running_site(django_db_blocker) -> Iterator[SimpleNamespace]:
    """A copy of the seeded database, a folder for logs, and the site's environment."""
    require_service(redis_up(), "Redis on 127.0.0.1:6379")
    folder = Path(tempfile.mkdtemp(prefix="nbnet-worker-"))
    (folder / "media").mkdir()
    smtp_port = free_port()
    try:
        with copy_of_test_database(django_db_blocker, "nbnet-worker") as database:
            env = site_env(database, folder, smtp_port)
            try:
                yield SimpleNamespace(
                    db=database, folder=folder, env=env, smtp_port=smtp_port, prefix=env["CACHE_KEY_PREFIX"]
                )
            finally:
                delete_cache_keys(env["CACHE_KEY_PREFIX"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# One copy per test, each made before its test's transaction opens (module scope): PostgreSQL
# copies a template only while nobody is connected to it.
@pytest.fixture(scope="module")
def import_site(django_db_setup, django_db_blocker):
    with running_site(django_db_blocker) as site:
        yield site


@pytest.fixture(scope="module")
def mail_site(django_db_setup, django_db_blocker):
    with running_site(django_db_blocker) as site:
        yield site


def test_a_worker_killed_mid_import_leaves_nothing_and_the_next_worker_runs_it_again(import_site):
    site = import_site
    db = site.db
    prepare(site.env)
    records_before = db.value("SELECT count(*) FROM exchange_importedrecord")
    pages_before = db.value("SELECT count(*) FROM wagtailcore_page")
    (site.folder / "people.csv").write_bytes(practitioners_csv(ROWS))
    output = shell(site.env, IMPORT_SCRIPT.format(path=site.folder / "people.csv", editor=EDITOR))
    job = int(output.split("JOB", 1)[1].split()[0])
    assert db.value("SELECT status FROM exchange_pendingimport WHERE id = %s", (job,)) == "queued"

    first_log, second_log = site.folder / "worker-1.log", site.folder / "worker-2.log"
    first = start_worker(site.env, first_log)
    second = None
    try:
        # The import is under way: the worker has said (in the shared cache) that rows are done.
        done, total = wait_until(
            lambda: (
                (progress := cache_value(site.prefix, f"import-progress:{job}"))
                and progress[0] >= 5
                and progress
            ),
            STARTUP_TIMEOUT + 60,
            "the worker reports progress of the import",
            ((first, first_log),),
            every=0.1,
        )
        assert total == ROWS and done < total, f"the import ended before the worker could be killed ({done})"
        first.kill()
        first.wait()

        # Nothing of it landed: the import runs in one transaction, which died with the worker.
        assert db.value("SELECT status FROM exchange_pendingimport WHERE id = %s", (job,)) == "running"
        assert db.value("SELECT count(*) FROM exchange_importedrecord") == records_before
        assert db.value("SELECT count(*) FROM wagtailcore_page") == pages_before
        assert db.value("SELECT count(*) FROM wagtailcore_page WHERE title LIKE 'Killedworker Person%%'") == 0
        assert db.rows(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
            ("exchange.jobs.run_import_job",),
        ) == [("RUNNING",)]

        # The next worker knows its predecessor is gone, queues the import again and runs it.
        second = start_worker(site.env, second_log)
        wait_until(
            lambda: (
                db.value("SELECT status FROM exchange_pendingimport WHERE id = %s", (job,))
                in ("done", "failed")
            ),
            STARTUP_TIMEOUT + 240,
            "the next worker finishes the import",
            ((second, second_log),),
            every=0.5,
        )
    finally:
        stop(first, second)

    assert db.value("SELECT status FROM exchange_pendingimport WHERE id = %s", (job,)) == "done", tail(
        second_log
    )
    report = db.json("SELECT report FROM exchange_pendingimport WHERE id = %s", (job,))
    assert report["committed"] and not report["file_error"], report["file_error"]
    assert (report["created"], report["updated"], report["rejected"]) == (ROWS, 0, 0)
    keys = db.rows("SELECT key FROM exchange_importedrecord WHERE key LIKE 'killed-worker-%%' ORDER BY key")
    assert [key for (key,) in keys] == [f"killed-worker-{number:03d}" for number in range(ROWS)]
    assert db.value("SELECT count(*) FROM exchange_importedrecord") == records_before + ROWS
    titles = {
        title
        for (title,) in db.rows("SELECT title FROM wagtailcore_page WHERE title LIKE 'Killedworker Person%%'")
    }
    assert titles == {f"Killedworker Person {number:03d}" for number in range(ROWS)}
    # One task, taken up by both workers in turn.
    status, workers = db.rows(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
        ("exchange.jobs.run_import_job",),
    )[0]
    workers = json.loads(workers) if isinstance(workers, str) else workers
    assert status == "SUCCESSFUL" and len(workers) == 2 and workers[0] != workers[1]
    assert "queued again" in tail(second_log, 400)  # recover_abandoned said so


SEND_MAIL = """
from django.core.mail import send_mail
from background.models import OutgoingMail

send_mail("Worker test", "Sent by the worker once the mail server is back.", None, ["reader@example.net"])
print("MAIL", OutgoingMail.objects.latest("pk").pk)
"""


def test_the_worker_delivers_a_queued_mail_once_the_mail_server_is_back(mail_site):
    site = mail_site
    db = site.db
    prepare(site.env)
    smtp = SMTPServer(site.smtp_port)  # not started: the mail server is down
    output = shell(site.env, SEND_MAIL)
    mail = int(output.split("MAIL", 1)[1].split()[0])

    def mail_row():
        return db.rows(
            "SELECT status, attempts, last_error FROM background_outgoingmail WHERE id = %s", (mail,)
        )[0]

    # Queued, not sent, by the process that asked for it.
    assert mail_row()[:2] == ("queued", 0)
    log = site.folder / "worker.log"
    worker = start_worker(site.env, log)
    try:
        _status, attempts, error = wait_until(
            lambda: (row := mail_row())[0] == "failing" and row,
            STARTUP_TIMEOUT,
            "the worker tries the mail and fails",
            ((worker, log),),
        )
        assert attempts >= 1 and "refused" in error.lower(), error
        smtp.start()
        try:
            wait_until(
                lambda: mail_row()[0] == "delivered",
                40,
                "the worker delivers the mail once the server is back",
                ((worker, log),),
            )
            received = smtp.received("reader@example.net", "Sent by the worker once the mail server is back.")
        finally:
            smtp.stop()
    finally:
        stop(worker)
    assert len(received) == 1 and "Subject: Worker test" in received[0]
    _status, attempts, _error = mail_row()
    assert attempts >= 2
    # No text is kept once delivered.
    assert db.json("SELECT message FROM background_outgoingmail WHERE id = %s", (mail,)) == {}
