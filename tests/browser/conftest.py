"""A real server and a real browser: the demo site served by `manage.py runserver` on its
own SQLite database, driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import chromium_path, free_port, require_service

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test thread; the tests here do
# not touch the database themselves, the server process does.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def site_env(workdir: Path) -> dict[str, str]:
    """The environment of a site served as `make run` serves it, from ``workdir``'s database
    and media."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nbnet.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Iterator[str]:
    """Migrate and seed a fresh SQLite database, then serve it as `make run` does."""
    workdir = tmp_path_factory.mktemp("live-site")
    env = site_env(workdir)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "-v0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=900)
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        # A file, not a pipe: a pipe nobody reads fills up after ~700 requests and stops the server.
        stderr=open(workdir / "server.log", "wb"),  # noqa: SIM115
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/en/", timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    break
        except OSError as error:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                stderr = (workdir / "server.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the test server did not start: {stderr}") from error
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    require_service(executable is not None, "Debian Chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
