"""Settings shared by every environment. Values from the environment come from ``ENV``."""

import importlib.util
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .environment import ENV, SEARCH_BACKENDS, database_key_prefix, redis_cache

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = ENV.secret_key
DEBUG = bool(ENV.debug)
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins

INSTALLED_APPS = [
    "home",
    "network",
    "practices",
    "guides",
    "search",
    "editorial",
    "exchange",
    "background",
    "follows",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: a hit is answered here (or before Django, by nbnet/wsgi.py's front), and a page
    # is stored with the headers every middleware below added (security headers included).
    "nbnet.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below the page cache, so pages are stored compressed once and served as they are.
    "nbnet.middleware.TextGZipMiddleware",
    # Locales are read once per request (home/locales.py).
    "home.locales.LocaleMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: picks the language from the URL prefix, and
    # redirects unprefixed URLs to the visitor's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "nbnet.middleware.SiteCSPMiddleware",  # django-csp; previews framable by the admin
    "nbnet.request_guards.RequestGuardMiddleware",  # unreadable charsets: a 400, not a 500
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out login attempt into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nbnet.urls"

# Whole pages for anonymous readers (nbnet/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = ENV.page_cache_seconds
# Parts shared by every page (menu, home links; nbnet.page_cache.fragment); 0 turns it off.
FRAGMENT_CACHE_SECONDS = ENV.fragment_cache_seconds

if ENV.cache_url and ENV.cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": redis_cache(
            ENV.cache_url, ENV.cache_key_prefix or database_key_prefix(ENV.database_url), ENV.cache_timeout
        )
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "nbnet"}}
# After a failed cache call the cache is skipped for this long in that worker (nbnet/cache_breaker.py).
CACHE_DOWN_SECONDS = ENV.cache_down_seconds

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "nbnet.wsgi.application"

DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=ENV.db_conn_max_age)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a live site's database (the embedded default, `make serve`): in its default
    # rollback journal, readers block a writer, and a publish under reader load failed with
    # "database is locked" (a 503, measured by `make bench-live`). Write-ahead logging lets
    # readers and one writer work at once; IMMEDIATE transactions take the write lock when
    # they start, so two writers (a publish, the background worker's index updates) wait for
    # each other (up to `timeout` seconds) instead of failing on a read-to-write upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation -------------------------------------------------------
# English is the default and the source language of editors' content; the others are
# translated with wagtail-localize. Ukrainian is for newcomers: the guides, help points and
# their interface are translated, other pages show the English original with a notice
# (home/i18n.py). A right-to-left language added here gets dir="rtl" (base.html).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("lv", "Latviešu"),
    ("lt", "Lietuvių"),
    ("et", "Eesti"),
    ("ru", "Русский"),
    ("uk", "Українська"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True
# Dates and times in each language's own order, with a 24-hour clock (nbnet/formats/).
FORMAT_MODULE_PATH = ["nbnet.formats"]
# The language cookie only remembers an explicit choice made with the switcher.
LANGUAGE_COOKIE_NAME = "nbnet_language"

# Static and media -----------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = ENV.static_root
STATIC_URL = "/static/"
MEDIA_ROOT = ENV.media_root
MEDIA_URL = ENV.media_url
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if ENV.media_storage == "s3":
    if importlib.util.find_spec("boto3") is None:
        raise ImproperlyConfigured('MEDIA_STORAGE=s3 needs the S3 client: pip install ".[s3]"')
    # Uploaded images and documents on S3-compatible object storage (django-storages), so
    # that several web servers and workers share them. Configuration only: no S3 server runs
    # in this project's tests; the local-disk path is the one tested.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ENV.s3_bucket,
            "endpoint_url": ENV.s3_endpoint_url,
            "region_name": ENV.s3_region,
            "access_key": ENV.s3_access_key_id,
            "secret_key": ENV.s3_secret_access_key,
            "custom_domain": ENV.s3_custom_domain,
            # Private by default: Wagtail serves documents through its own view.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail -----------------------------------------------------------------------
# Every e-mail the site sends, Wagtail's included, is queued and delivered by a background
# task with retries (background/mail.py); EMAIL_DELIVERY_BACKEND is what really sends it.
EMAIL_BACKEND = "background.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = ENV.email_backend or "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = ENV.email_timeout
MAIL_RETRY_SECONDS = ENV.mail_retry_seconds
MAIL_MAX_ATTEMPTS = ENV.mail_max_attempts
EMAIL_HOST = ENV.email_host
EMAIL_PORT = ENV.email_port
EMAIL_HOST_USER = ENV.email_host_user
EMAIL_HOST_PASSWORD = ENV.email_host_password
EMAIL_USE_TLS = ENV.email_use_tls
EMAIL_USE_SSL = ENV.email_use_ssl
DEFAULT_FROM_EMAIL = ENV.default_from_email
SERVER_EMAIL = ENV.default_from_email

# Background tasks ---------------------------------------------------------------
# Django's task framework (the django_tasks backport Wagtail 8 uses for its search index,
# reference index and file clean-up). TASK_BACKEND=database queues tasks in the database for
# the worker (`make worker`); "immediate" runs them in the request (development, tests).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[ENV.task_backend or "immediate"]}}
TASK_QUEUE_MAX_AGE = ENV.task_queue_max_age
LINK_CHECK_DAYS = ENV.link_check_days

# Retention (network/management/commands/expire_personal_data.py, SECURITY.md).
CONTACT_LOG_DAYS = ENV.contact_log_days

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account_home"

# Wagtail ----------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Nordic-Baltic Integration Network"
WAGTAILADMIN_BASE_URL = ENV.base_url
ADMIN_PATH = ENV.admin_path.strip("/")

# Content Security Policy (django-csp): public pages load nothing inline and nothing from
# elsewhere. Wagtail's admin relies on inline scripts and styles, so it is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [f"/{ADMIN_PATH}/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Login throttling (django-axes) for the admin and the public sign-in: after
# AXES_FAILURE_LIMIT failed attempts for one user name from one address, that pair is
# locked out for AXES_COOLOFF_TIME (hours) and gets a 429 page in the reader's language.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = ENV.login_failure_limit
AXES_COOLOFF_TIME = ENV.login_cooloff_minutes / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "nbnet.views.login_locked_out"
# The client's address behind proxies, the same for every limit (nbnet/client.py).
AXES_CLIENT_IP_CALLABLE = "nbnet.client.client_ip_for_axes"
AXES_VERBOSE = False
# No log of successful sign-ins: it would be one more copy of people's addresses to erase.
AXES_DISABLE_ACCESS_LOG = True
# The user name a failed sign-in is recorded under, cut to django-axes' column (255): a longer
# one was a DataError (500) on PostgreSQL (nbnet/request_guards.py).
AXES_USERNAME_CALLABLE = "nbnet.request_guards.axes_username"
# Open API (Wagtail API v2 on Django REST framework), read-only and rate-limited per client
# address (or per account when signed in); see exchange/api.py.
API_RATE_LIMIT = ENV.api_rate_limit
# The search API (/api/search/, /api/search/suggest/), per client address or account.
SEARCH_API_RATE_LIMIT = ENV.search_api_rate_limit
# Reverse proxies of ours in front of the site: nbnet.client.client_ip reads the client's
# address from X-Forwarded-For only when this is above 0, and then only their entries.
PROXY_COUNT = ENV.proxy_count
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": ["exchange.throttling.ApiRateThrottle"],
    # Not read: ApiRateThrottle.get_ident asks nbnet.client; kept equal so nothing else in
    # DRF ever trusts X-Forwarded-For on its own (None would mean "trust it whole").
    "NUM_PROXIES": ENV.proxy_count,
}
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = ENV.base_url
# Largest file the admin's import screen accepts (the command has no limit).
IMPORT_MAX_BYTES = ENV.import_max_mb * 1024 * 1024

WAGTAILDOCS_DOCUMENT_MODEL = "practices.Publication"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "ppt", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every uploaded image is decoded and written again (home/images.py): the stored name takes the
# extension of its real format, EXIF/GPS and other metadata are dropped, and a damaged file or a
# pixel bomb is refused with a message. These are the formats it re-encodes.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.images.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Pillow's own limit (~89 million pixels) would let one decode take ~270 MB of memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# The database backend searches our own language-aware terms (search.text), so on
# PostgreSQL it must not stem or drop stop words a second time: the "simple" config.
_DATABASE_SEARCH = {"BACKEND": SEARCH_BACKENDS["database"], "SEARCH_CONFIG": "simple"}
if ENV.search_url:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": SEARCH_BACKENDS[ENV.search_backend],
            "URLS": [ENV.search_url],
            "INDEX_PREFIX": ENV.search_index_prefix,
            "TIMEOUT": 5,
        },
        # Used by the site search when the search server does not answer.
        "fallback": _DATABASE_SEARCH,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": _DATABASE_SEARCH}

# Machine translation: DeepL when a key is set (or MACHINE_TRANSLATOR=deepl), wagtail-localize's
# offline dummy translator when asked for (the tests use it), otherwise none. Machine-made
# translations show readers a notice until a person reviews them (editorial.translation_status).
_MACHINE_TRANSLATOR = ENV.machine_translator.lower() or ("deepl" if ENV.deepl_api_key else "none")
if _MACHINE_TRANSLATOR == "deepl":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": ENV.deepl_api_key or ""},
    }
elif _MACHINE_TRANSLATOR == "dummy":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }
else:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# The language a guide's printout shows next to the reader's, by country: the official
# language where the site has it, otherwise the default language (English), which
# offices in the Nordic countries read.
OFFICIAL_LANGUAGES = {"LV": "lv", "LT": "lt", "EE": "et"}

# Logging: to stderr, no tracebacks in responses (DEBUG is off outside dev).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
}
