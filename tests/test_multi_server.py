"""Several servers, one site: two gunicorn servers (production settings) on their own ports and
one background worker share one PostgreSQL database and one Redis, behind one nginx
(deploy/nginx.conf, rendered with both servers in its upstream), with a real SMTP server
(aiosmtpd) for the mail, all on loopback:

- a page stored in the cache by server A is served by server B (the page cache is shared);
- an editor publishes through A's admin and a reader of B sees the change at once, never the
  stored page;
- a contact message sent through B is delivered by the worker to the SMTP server, and marked
  delivered; sent while the mail server is down it waits, and is delivered once it is back;
- with server A stopped, nginx keeps serving every page from B.

PostgreSQL only (the PostgreSQL pass of ``make test`` runs it): several processes writing one
SQLite file is not the set-up this describes. The servers work on a database of their own,
made from the seeded test database as a template and dropped at the end.
"""

from __future__ import annotations

import getpass
import http.cookies
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from deploy import render_nginx

from .conftest import contact_form_data, free_port, redis_up, require_service
from .test_worker import (
    EDITOR,
    SMTPServer,
    copy_of_test_database,
    delete_cache_keys,
    manage,
    prepare,
    site_env,
    start,
    start_worker,
    stop,
    tail,
    wait_until,
)

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
NEW_NAME = "Renamed Through Server A"

# Marked so that pytest-django creates and seeds the test database even when only this file runs.
pytestmark = pytest.mark.django_db


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One visitor of one address, with its own cookies. They are sent back whatever their
    Secure flag says: the servers talk plain HTTP on loopback, as behind a TLS terminator.
    Every request names the host nginx passes on (``Host: 127.0.0.1``, without the port), so
    that both servers, asked directly, answer for the same site, as they do behind nginx
    (stored pages are keyed by host)."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(_NoRedirects)

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"Host": "127.0.0.1", **(headers or {})}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            content = response.read().decode(errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = http.cookies.SimpleCookie()
                cookie.load(header)
                for name, morsel in cookie.items():
                    self.cookies[name] = morsel.value
            return SimpleNamespace(status=response.status, headers=response.headers, text=content)

    def get(self, path: str, **headers):
        return self.request(path, headers=headers)

    def post(self, path: str, data: dict, **headers):
        return self.request(path, data=data, headers=headers)


def form_data(page_html: str, selector: str) -> dict[str, list[str]]:
    """What a browser would send for the form as it stands, from the rendered page."""
    form = BeautifulSoup(page_html, "html.parser").select_one(selector)
    assert form is not None, f"no {selector} in the page"
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        kind = field.get("type", "text")
        if field.name == "input" and kind in ("submit", "button", "file", "image", "reset"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            value = [field.text]
        elif field.name == "select":
            value = [option.get("value", option.text) for option in field.find_all("option", selected=True)]
        else:
            value = [field.get("value", "on" if kind in ("checkbox", "radio") else "")]
        data.setdefault(name, []).extend(value)
    return data


def _path(url: str) -> str:
    return urlsplit(url).path


def _someone_shown_on_a_practice() -> SimpleNamespace:
    """A live English profile with an e-mail address (it has the contact form, so it is never
    stored) and a practice page that shows the person's name (stored for readers)."""
    from practices.models import PracticePage

    for practice in PracticePage.objects.live().filter(locale__language_code="en", contacts__isnull=False):
        for person in practice.contacts.all():
            person = person.specific
            if not person.live:
                continue
            contact = person.contact
            if contact and contact.email:
                return SimpleNamespace(
                    pk=person.pk,
                    title=person.title,
                    profile=_path(person.url),
                    practice=_path(practice.url),
                    email=contact.email,
                    contact_id=contact.pk,
                )
    pytest.fail("the demo data has no practice showing a practitioner with an e-mail address")


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    import socket

    def listening() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            return False

    wait_until(listening, 90, f"{log.stem} listens on {port}", ((process, log),), every=0.1)


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass (make test runs it with TEST_POSTGRES_URL)")
    require_service(NGINX is not None, "nginx (apt-get install nginx)")
    require_service(redis_up(), "Redis on 127.0.0.1:6379")
    with django_db_blocker.unblock():
        person = _someone_shown_on_a_practice()
    # Not pytest's tmp_path: nginx's worker user must be able to read the media folder.
    folder = Path(tempfile.mkdtemp(prefix="nbnet-multi-"))
    folder.chmod(0o755)
    for sub in ("media", "run", "log"):
        (folder / sub).mkdir()
        (folder / sub).chmod(0o755)
    smtp = SMTPServer(free_port()).start()
    processes: dict[str, subprocess.Popen] = {}
    try:
        with copy_of_test_database(django_db_blocker, "nbnet-multi") as database:
            env = site_env(database, folder, smtp.port)
            password = prepare(env)
            manage(env, "collectstatic", "--noinput", "-v0")
            ports = {"a": free_port(), "b": free_port(), "nginx": free_port()}
            logs = {
                name: folder / "log" / f"{name}.log" for name in ("server-a", "server-b", "worker", "nginx")
            }
            for name in ("a", "b"):
                server = [GUNICORN, "nbnet.wsgi", "-b", f"127.0.0.1:{ports[name]}", "-w", "1"]
                server += ["--timeout", "60", "--graceful-timeout", "3"]
                processes[name] = start(server, env, logs[f"server-{name}"])
            processes["worker"] = start_worker(env, logs["worker"])
            # deploy/nginx.conf's upstream holds "server {{UPSTREAM}};": both servers go in it.
            values = render_nginx.values_for(
                server_name="127.0.0.1 localhost",
                upstream=f"127.0.0.1:{ports['a']};\n        server 127.0.0.1:{ports['b']}",
                media_root=str(folder / "media"),
                run_dir=str(folder / "run"),
                log_dir=str(folder / "log"),
                user=getpass.getuser(),
                listen=f"127.0.0.1:{ports['nginx']}",
            )
            (folder / "nginx.conf").write_text(render_nginx.render(values))
            processes["nginx"] = start(
                [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
                env,
                logs["nginx"],
            )
            for name, port in (("a", ports["a"]), ("b", ports["b"]), ("nginx", ports["nginx"])):
                log = logs["nginx" if name == "nginx" else f"server-{name}"]
                _wait_for_port(port, processes[name], log)
            site = SimpleNamespace(
                a=f"http://127.0.0.1:{ports['a']}",
                b=f"http://127.0.0.1:{ports['b']}",
                nginx=f"http://127.0.0.1:{ports['nginx']}",
                db=database,
                smtp=smtp,
                person=person,
                password=password,
                processes=processes,
                logs=logs,
            )
            for base in (site.a, site.b):  # the first request of a server loads the whole site
                wait_until(
                    lambda base=base: Browser(base).get("/health/").status == 200, 60, f"{base} answers"
                )
            yield site
    finally:
        stop(*processes.values())
        smtp.stop()
        delete_cache_keys(f"nbnet-{folder.name}")
        shutil.rmtree(folder, ignore_errors=True)


def _watched(stack, *names: str):
    return tuple((stack.processes[name], stack.logs[key]) for name, key in names)


def test_both_servers_report_the_shared_database_queue(stack):
    for base in (stack.a, stack.b):
        health = json.loads(Browser(base).get("/health/").text)
        assert health["status"] == "ok", health
        assert health["queue"]["backend"] == "database", health["queue"]


def test_a_page_stored_through_server_a_is_served_by_server_b(stack):
    path = stack.person.practice
    first = Browser(stack.a).get(path)
    assert first.status == 200 and stack.person.title in first.text
    again = Browser(stack.b).get(path)
    assert again.status == 200 and again.headers["X-Page-Cache"] == "hit"
    assert again.text == first.text


def test_an_editor_publishes_through_a_and_a_reader_of_b_sees_it_at_once(stack):
    person = stack.person
    reader = Browser(stack.b)
    reader.get(person.practice)
    before = reader.get(person.practice)
    assert before.headers["X-Page-Cache"] == "hit" and person.title in before.text

    editor = Browser(stack.a)
    login = editor.get("/admin/login/")
    data = form_data(login.text, "form[method=post]")
    data.update(username=[EDITOR], password=[stack.password], next=["/admin/"])
    signed_in = editor.post("/admin/login/", data)
    assert signed_in.status == 302, signed_in.text[:2000]
    edit = editor.get(f"/admin/pages/{person.pk}/edit/")
    assert edit.status == 200
    data = form_data(edit.text, "#page-edit-form")
    data["title"] = [NEW_NAME]
    data["action-publish"] = ["1"]
    published = editor.post(f"/admin/pages/{person.pk}/edit/", data)
    assert published.status == 302, BeautifulSoup(published.text, "html.parser").select(".error-message")

    after = reader.get(person.practice)
    assert after.status == 200 and after.headers["X-Page-Cache"] != "hit"
    assert NEW_NAME in after.text and person.title not in after.text
    assert reader.get(person.practice).headers["X-Page-Cache"] == "hit"  # stored anew
    profile = BeautifulSoup(reader.get(person.profile).text, "html.parser")
    assert profile.select_one("h1").get_text(strip=True) == NEW_NAME
    # The tasks the publication queued through A (search and reference index) are run by the worker.
    wait_until(
        lambda: json.loads(Browser(stack.b).get("/health/").text)["queue"]["waiting"] == 0,
        90,
        "the worker runs the tasks queued by the publication",
        _watched(stack, ("worker", "worker")),
        every=0.5,
    )


def _send_contact_message(base: str, path: str, **fields):
    visitor = Browser(base)
    page = visitor.get(path)
    assert page.status == 200
    data = form_data(page.text, "form[action='#contact']")
    for name, value in contact_form_data(**fields).items():
        data[name] = [value]
    response = visitor.post(path, data)
    assert response.status == 200, response.text[:2000]
    assert BeautifulSoup(response.text, "html.parser").select_one(".notice--success"), "no success notice"


def _delivered(stack, sender: str):
    return stack.db.value("SELECT delivered FROM network_contactmessage WHERE sender_email = %s", (sender,))


def test_a_contact_message_through_b_is_delivered_by_the_worker(stack):
    person = stack.person
    text = "Sent through server B and delivered by the worker on its own."
    _send_contact_message(stack.b, person.profile, email="first.sender@example.net", message=text)
    assert _delivered(stack, "first.sender@example.net") is not None
    received = wait_until(
        lambda: stack.smtp.received(person.email, text),
        30,
        "the worker delivers the message to the SMTP server",
        _watched(stack, ("worker", "worker")),
    )
    assert len(received) == 1 and "Reply-To: first.sender@example.net" in received[0]
    assert wait_until(lambda: stack.smtp.received("first.sender@example.net", text), 30, "the sender's copy")
    wait_until(lambda: _delivered(stack, "first.sender@example.net"), 10, "the message is marked delivered")


def test_with_the_mail_server_down_a_message_waits_and_is_delivered_once_it_is_back(stack):
    person = stack.person
    text = "Sent through server B while the mail server was down."
    stack.smtp.stop()
    try:
        _send_contact_message(stack.b, person.profile, email="second.sender@example.net", message=text)

        def attempt():
            rows = stack.db.rows(
                "SELECT m.status, m.attempts FROM background_outgoingmail m "
                "JOIN network_contactmessage c ON c.id = m.contact_message_id "
                "WHERE c.sender_email = %s AND m.kind = 'contact'",
                ("second.sender@example.net",),
            )
            return rows and rows[0][0] == "failing" and rows[0]

        wait_until(
            attempt, 30, "the worker tries the message and fails", _watched(stack, ("worker", "worker"))
        )
        assert _delivered(stack, "second.sender@example.net") is False
        assert not stack.smtp.received(person.email, text)
    finally:
        stack.smtp.start()
    # MAIL_RETRY_SECONDS=1: the next try is at most a few seconds away.
    wait_until(
        lambda: stack.smtp.received(person.email, text),
        30,
        "the worker delivers the message once the mail server is back",
        _watched(stack, ("worker", "worker")),
    )
    wait_until(lambda: _delivered(stack, "second.sender@example.net"), 10, "the message is marked delivered")


def test_with_server_a_stopped_nginx_keeps_serving_from_b(stack):
    paths = ["/en/", stack.person.practice, stack.person.profile, "/health/"]
    through_nginx = Browser(stack.nginx)
    assert all(through_nginx.get(path).status == 200 for path in paths)
    stop(stack.processes["a"])
    assert stack.processes["a"].returncode is not None
    started = time.monotonic()
    statuses = [Browser(stack.nginx).get(path).status for _ in range(5) for path in paths]
    assert statuses == [200] * len(statuses), (statuses, tail(stack.logs["nginx"]))
    assert time.monotonic() - started < 30
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(stack.a + "/health/", timeout=5)  # noqa: S310 (loopback)
    # And a form still works: a message sent through nginx is taken by B and delivered.
    text = "Sent through nginx while server A was stopped."
    _send_contact_message(stack.nginx, stack.person.profile, email="third.sender@example.net", message=text)
    wait_until(lambda: stack.smtp.received(stack.person.email, text), 30, "delivered with server A stopped")


def test_nothing_was_written_to_the_test_database(stack):
    """The servers worked on their own copy: the seeded test database is as it was."""
    from network.models import ContactMessage, PractitionerPage

    assert not ContactMessage.objects.filter(sender_email__endswith=".sender@example.net").exists()
    assert not PractitionerPage.objects.filter(title=NEW_NAME).exists()
