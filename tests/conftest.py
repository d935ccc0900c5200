"""Shared fixtures: the demo site is seeded once per test session and every test reads it.

Tests run inside transactions that roll back, so the seeded content is the same for
each of them; tests that need more content build it with the factories the seed uses.
"""

from __future__ import annotations

import os
import shutil
import socket

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

LANGUAGES = ["en", "lv", "lt", "et", "ru"]
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_service(available: bool, what: str) -> None:
    """Skip with a clear message on a developer's machine; fail under CI, never skip silently."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true but is not available.")
    pytest.skip(f"{what} is not available here; install it (see README) to run this test.")


def redis_up(port: int = 6379) -> bool:
    """Whether a Redis server answers on loopback (tests that need one call require_service)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def contact_form_data(**overrides) -> dict:
    """What a person fills in on a profile's contact form."""
    data = {
        "name": "Maija Pētersone",
        "email": "maija@example.net",
        "message": "Hello! We run Roma mediation in Jelgava and would like to compare notes with you.",
        "website": "",
    }
    return {**data, **overrides}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Outside any transaction, as `make run` does: wagtail-localize publishes
    # translations on commit, which a per-test transaction would postpone.
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a page cached while another test's rolled-back
    rows existed must not be served to the next test (a rollback sends no signals)."""
    from django.core.cache import cache

    cache.clear()


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def soup():
    return html


def chromium_path() -> str | None:
    return shutil.which("chromium") or (os.path.exists("/usr/bin/chromium") and "/usr/bin/chromium") or None


def pytest_collection_modifyitems(config, items):
    # Browser tests start their own server and are the slowest: run them last.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    metrics = config.stash.get("search_metrics", None) if hasattr(config.stash, "get") else None
    if metrics:
        terminalreporter.section("search relevance")
        terminalreporter.write_line(
            f"{metrics['queries']} queries: recall@5 = {metrics['recall@5']}, MRR = {metrics['MRR']}"
        )
        for miss in metrics["misses"]:
            terminalreporter.write_line(f"  miss: {miss}")
