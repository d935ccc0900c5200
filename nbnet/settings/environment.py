"""Every environment variable the site reads, in one typed place.

Settings modules import ``ENV`` from here and never call ``os.environ`` themselves, so
the README's table of variables can be checked against this one file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from environs import Env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

_env = Env()
# A local ".env" file is optional; real deployments set the environment.
_env.read_env(BASE_DIR / ".env", recurse=False)

SEARCH_BACKENDS = {
    "database": "search.backend",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}


def database_key_prefix(database_url: str) -> str:
    """A cache key prefix of its own for each database (a digest: the URL may hold a password)."""
    return "nbnet-" + hashlib.sha256(database_url.encode()).hexdigest()[:12]


def redis_cache(url: str, key_prefix: str = "nbnet", timeout: float = 0.25) -> dict:
    """The cache settings for a Redis URL.

    django-redis, not Django's own Redis backend: Wagtail keeps its site lookups in the
    cache, and IGNORE_EXCEPTIONS lets the site run uncached when Redis does not answer.
    A Redis that fails or hangs is skipped for CACHE_DOWN_SECONDS after one call has waited
    ``timeout`` seconds (nbnet.cache_breaker), and redis-py does not retry on its own.
    """
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    from nbnet.cache_breaker import connection_class

    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            "IGNORE_EXCEPTIONS": True,
            "CONNECTION_POOL_KWARGS": {
                "connection_class": connection_class(url),
                "retry": Retry(NoBackoff(), 0),
            },
        },
    }


@dataclass(frozen=True)
class Environment:
    # Core
    secret_key: str | None = _env.str("SECRET_KEY", None)
    debug: bool | None = _env.bool("DEBUG", None)
    allowed_hosts: list[str] = field(
        default_factory=lambda: _env.list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
    )
    csrf_trusted_origins: list[str] = field(default_factory=lambda: _env.list("CSRF_TRUSTED_ORIGINS", []))
    base_url: str = _env.str("BASE_URL", "http://127.0.0.1:8000")
    admin_path: str = _env.str("ADMIN_PATH", "admin")
    # Login throttling: failed attempts before a lockout, and how long it lasts.
    login_failure_limit: int = _env.int("LOGIN_FAILURE_LIMIT", 5)
    login_cooloff_minutes: int = _env.int("LOGIN_COOLOFF_MINUTES", 15)
    # Reverse proxies of ours in front of the site (nginx alone: 1). The client's address for
    # every per-address limit is then the PROXY_COUNT-th entry from the right of
    # X-Forwarded-For; with 0, REMOTE_ADDR and the header is ignored (nbnet/client.py).
    proxy_count: int = _env.int("PROXY_COUNT", 0, validate=lambda v: v >= 0)
    # Machine translation in wagtail-localize's editor: "deepl" (needs DEEPL_API_KEY), "dummy"
    # (wagtail-localize's offline test translator: reverses words) or "none"; by default DeepL
    # when a key is set, otherwise none.
    machine_translator: str = _env.str("MACHINE_TRANSLATOR", "")
    deepl_api_key: str | None = _env.str("DEEPL_API_KEY", None)
    # Storage
    database_url: str = _env.str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    db_conn_max_age: int = _env.int("DB_CONN_MAX_AGE", 60)
    media_root: str = _env.str("MEDIA_ROOT", str(BASE_DIR / "media"))
    media_url: str = _env.str("MEDIA_URL", "/media/")
    # Where uploaded images and documents are kept: "local" (MEDIA_ROOT, shared between the
    # web servers by a network disk) or "s3" (S3-compatible object storage through
    # django-storages, configured by the S3_* variables below).
    media_storage: str = _env.str("MEDIA_STORAGE", "local", validate=lambda v: v in ("local", "s3"))
    s3_bucket: str = _env.str("S3_BUCKET", "")
    s3_endpoint_url: str | None = _env.str("S3_ENDPOINT_URL", None)
    s3_region: str | None = _env.str("S3_REGION", None)
    s3_access_key_id: str | None = _env.str("S3_ACCESS_KEY_ID", None)
    s3_secret_access_key: str | None = _env.str("S3_SECRET_ACCESS_KEY", None)
    s3_custom_domain: str | None = _env.str("S3_CUSTOM_DOMAIN", None)
    static_root: str = _env.str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
    # Cache: this process's memory by default; redis://host:6379/0 for a shared cache.
    cache_url: str | None = _env.str("CACHE_URL", None)
    # Keys of one database's pages and fragments; two sites (or the demo and the 100k
    # benchmark database) sharing a Redis must not read each other's: by default derived
    # from DATABASE_URL.
    cache_key_prefix: str | None = _env.str("CACHE_KEY_PREFIX", None)
    # A cache call waits at most this long (seconds); after a failure the cache is skipped
    # for CACHE_DOWN_SECONDS in that worker, and pages are built uncached meanwhile.
    cache_timeout: float = _env.float("CACHE_TIMEOUT", 0.25)
    cache_down_seconds: float = _env.float("CACHE_DOWN_SECONDS", 10)
    page_cache_seconds: int = _env.int("PAGE_CACHE_SECONDS", 600)
    fragment_cache_seconds: int = _env.int("FRAGMENT_CACHE_SECONDS", 600)
    # Search: the database backend unless SEARCH_URL names a server.
    search_backend: str = _env.str("SEARCH_BACKEND", "database", validate=lambda v: v in SEARCH_BACKENDS)
    search_url: str | None = _env.str("SEARCH_URL", None)
    search_index_prefix: str = _env.str("SEARCH_INDEX_PREFIX", "nbnet_")
    # E-mail (Django's own backends)
    email_backend: str | None = _env.str("EMAIL_BACKEND", None)
    email_host: str = _env.str("EMAIL_HOST", "localhost")
    email_port: int = _env.int("EMAIL_PORT", 25)
    email_host_user: str = _env.str("EMAIL_HOST_USER", "")
    email_host_password: str = _env.str("EMAIL_HOST_PASSWORD", "")
    email_use_tls: bool = _env.bool("EMAIL_USE_TLS", False)
    email_use_ssl: bool = _env.bool("EMAIL_USE_SSL", False)
    default_from_email: str = _env.str("DEFAULT_FROM_EMAIL", "network@localhost")
    # Seconds an SMTP connection may take before the delivery is counted as failed and retried.
    email_timeout: int = _env.int("EMAIL_TIMEOUT", 20)
    # Every e-mail is queued (background/mail.py) and delivered by a task: a failed delivery is
    # tried again after MAIL_RETRY_SECONDS, then twice as long each time (at most two hours
    # apart), and given up after MAIL_MAX_ATTEMPTS tries.
    mail_retry_seconds: int = _env.int("MAIL_RETRY_SECONDS", 60, validate=lambda v: v >= 1)
    mail_max_attempts: int = _env.int("MAIL_MAX_ATTEMPTS", 12, validate=lambda v: v >= 1)
    # Background tasks (Django's task framework, the django_tasks backport): "immediate" runs
    # each task inside the request that asks for it (development, tests); "database" queues it
    # in the database (django-tasks-db) for `make worker`. Production defaults to "database".
    task_backend: str | None = _env.str(
        "TASK_BACKEND", None, validate=lambda v: v in ("immediate", "database")
    )
    # /health/ reports the queue as "stalled" when the oldest task due has waited longer than
    # this (seconds): no worker is running, or the workers cannot keep up.
    task_queue_max_age: int = _env.int("TASK_QUEUE_MAX_AGE", 600)
    # The link check of guides and help points runs by itself every this many days.
    link_check_days: int = _env.int("LINK_CHECK_DAYS", 7, validate=lambda v: v >= 1)
    # Production hardening
    secure_ssl_redirect: bool = _env.bool("SECURE_SSL_REDIRECT", True)
    secure_hsts_seconds: int = _env.int("SECURE_HSTS_SECONDS", 31_536_000)
    # Open API: requests per client address (anonymous) or account, e.g. "60/minute", "1000/day".
    api_rate_limit: str = _env.str("API_RATE_LIMIT", "60/minute")
    # Search API (/api/search/ and its autocomplete together): requests per client address or
    # account; the autocomplete asks once per pause in typing.
    search_api_rate_limit: str = _env.str("SEARCH_API_RATE_LIMIT", "120/minute")
    # Contact-form records (who wrote to whom, when) are deleted after this many days by
    # `manage.py expire_personal_data`.
    contact_log_days: int = _env.int("CONTACT_LOG_DAYS", 90)
    # Admin import screen: largest upload in MB.
    import_max_mb: int = _env.int("IMPORT_MAX_MB", 5)
    log_level: str = _env.str("LOG_LEVEL", "WARNING")


ENV = Environment()
