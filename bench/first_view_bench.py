"""What one publish costs readers: the first view of each page after a practitioner is published.

    DATABASE_URL=sqlite:///$PWD/bench-large.sqlite3 CACHE_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python bench/first_view_bench.py [--rounds 3] [--slug ilze-kalnina]

In one process, with the production settings and the page cache in Redis (a key prefix of the
run's own), it stores a set of pages, publishes a new title of one practitioner (as the admin
does: a revision published in a transaction) and asks for each page again, printing whether it
was renewed (``miss``) or still stored (``hit``) and its CPU and wall milliseconds: the
directory, filtered and not, the practitioner's organisation and another one, the practice
index, a guide. Then the title is put back. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nbnet.settings.production")
os.environ.setdefault("SECRET_KEY", "first-view-bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/7")
os.environ["CACHE_KEY_PREFIX"] = f"first-view-{uuid.uuid4().hex[:8]}"


def timed(call):
    cpu, wall = time.process_time(), time.perf_counter()
    result = call()
    return result, 1000 * (time.process_time() - cpu), 1000 * (time.perf_counter() - wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--slug", default="ilze-kalnina", help="the English practitioner to publish")
    options = parser.parse_args()

    import django

    django.setup()
    from django.db import transaction
    from django.test import Client

    from network.models import Organisation, PractitionerPage

    client = Client()
    person = PractitionerPage.objects.live().get(locale__language_code="en", slug=options.slug)
    organisations = Organisation.objects.filter(locale=person.organisation.locale)
    other = organisations.exclude(pk=person.organisation_id)[0]
    urls = [
        "/en/network/",
        "/en/network/?country=LV&theme=roma-inclusion&page=20",
        f"/en/network/organisations/{person.organisation.slug}/",
        f"/en/network/organisations/{other.slug}/",
        "/en/practices/",
        "/en/practices/?theme=employment&status=ongoing&page=10",
        "/lv/guides/",
    ]
    for url in urls * 2:
        client.get(url)
    original = person.title

    def publish(title: str) -> None:
        person.title = title
        with transaction.atomic():
            person.save_revision().publish()

    try:
        for number in range(options.rounds):
            _result, cpu, wall = timed(lambda n=number: publish(f"{original} ({n})"))
            print(f"round {number + 1}: publish {cpu:.0f} ms CPU, {wall:.0f} ms wall")
            for url in urls:
                response, cpu, wall = timed(lambda u=url: client.get(u))
                state = response.get("X-Page-Cache", "-")
                print(f"  {url[:62]:62} {response.status_code} {state:4} {cpu:7.1f} ms CPU {wall:7.1f} wall")
    finally:
        publish(original)
        from django.core.cache import cache

        if hasattr(cache, "delete_pattern"):  # django-redis: this run's keys only (its prefix)
            cache.delete_pattern("*")


if __name__ == "__main__":
    main()
