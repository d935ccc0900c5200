"""Production settings refuse to start without a secret; the environment is read in one place."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_with(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with(
        {"DJANGO_SETTINGS_MODULE": "nbnet.settings.production"}, "import django; django.setup()"
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_starts_with_a_secret_key_and_reads_the_environment():
    result = run_with(
        {
            "DJANGO_SETTINGS_MODULE": "nbnet.settings.production",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "network.example.org,www.network.example.org",
            "DATABASE_URL": "postgres://user@db.internal:5432/network",
            "ADMIN_PATH": "editors",
        },
        "import django; django.setup(); from django.conf import settings as s;"
        "from django.urls import reverse;"
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'], s.SESSION_COOKIE_SECURE,"
        " reverse('wagtailadmin_home'))",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "['network.example.org',",
        "'www.network.example.org']",
        "django.db.backends.postgresql",
        "True",
        "/editors/",
    ]


def test_settings_modules_never_read_os_environ_directly():
    for path in (ROOT / "nbnet" / "settings").glob("*.py"):
        if path.name == "environment.py":
            continue
        assert "os.environ" not in path.read_text(), (
            f"{path.name} reads the environment outside environment.py"
        )


def test_production_queues_tasks_and_mail_and_can_keep_media_on_s3():
    """TASK_BACKEND defaults to the database queue in production; every e-mail goes through the
    outbox; MEDIA_STORAGE=s3 selects django-storages' S3 backend with the S3_* variables
    (configuration only: no S3 server runs in the tests)."""
    result = run_with(
        {
            "DJANGO_SETTINGS_MODULE": "nbnet.settings.production",
            "SECRET_KEY": "x" * 60,
            "MEDIA_STORAGE": "s3",
            "S3_BUCKET": "network-media",
            "S3_ENDPOINT_URL": "https://s3.example.org",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        },
        "import django; django.setup(); from django.conf import settings as s;"
        "d = s.STORAGES['default'];"
        "print(s.TASKS['default']['BACKEND'], s.EMAIL_BACKEND, s.EMAIL_DELIVERY_BACKEND, d['BACKEND'],"
        " d['OPTIONS']['bucket_name'], d['OPTIONS']['endpoint_url'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django_tasks_db.DatabaseBackend",
        "background.mail.QueuedEmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "storages.backends.s3.S3Storage",
        "network-media",
        "https://s3.example.org",
    ]
    immediate = run_with(
        {
            "DJANGO_SETTINGS_MODULE": "nbnet.settings.production",
            "SECRET_KEY": "x" * 60,
            "TASK_BACKEND": "immediate",
        },
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.TASKS['default']['BACKEND'], s.STORAGES['default']['BACKEND'])",
    )
    assert immediate.stdout.split() == [
        "django_tasks.backends.immediate.ImmediateBackend",
        "django.core.files.storage.FileSystemStorage",
    ]
