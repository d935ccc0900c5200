"""gunicorn's settings for every way this project runs it (``make serve``, ``make serve-proxy``,
the Procfile, the benchmarks, the production tests): gunicorn reads ``./gunicorn.conf.py`` from
the directory it starts in. Command-line flags and ``GUNICORN_CMD_ARGS`` still override these.

Threaded workers (``gthread``): an editor's publish or a cold first view holds its thread for a
few hundred milliseconds, mostly waiting on the database and Redis. With sync workers it held a
whole worker, so with two workers a single editor took half the site away from readers
(``make bench-live``: the p99 of readers doubled while an editor published). With threads the
other requests of that worker go on meanwhile. Django keeps one database connection per thread.
"""

import os

# WEB_CONCURRENCY is gunicorn's own name for the number of worker processes (and Heroku's).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
# Behind nginx (deploy/nginx.conf) slow clients are buffered by the proxy; 30 s is gunicorn's
# default, kept: nothing long runs inside a request (imports and mail go to the task worker).
timeout = 30
