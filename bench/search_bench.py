"""Search benchmark: index build time and query latency at 1k, 10k and 100k documents.

    .venv/bin/python bench/search_bench.py                      # SQLite, 1k and 10k
    .venv/bin/python bench/search_bench.py --sizes 1000 10000 100000 \\
        --postgres postgres://USER:PASSWORD@127.0.0.1:5432/postgres

Each run uses a fresh database (a temporary SQLite file, or a new PostgreSQL database
created next to the one named), generates synthetic documents in all five languages from
the demo texts, builds the search entries and the backend's index, then runs a fixed set
of queries through the same engine as the site and prints p50/p95 latency. It prints a
table; it asserts nothing (targets live here, not in the test suite).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("lv", "bēgļi"),
    ("lv", "begli pašvaldība"),
    ("lt", "pabėgėliai"),
    ("lt", "romu mediatorius"),
    ("et", "pagulane"),
    ("et", "loimumine kava"),
    ("ru", "беженцы"),
    ("ru", "ромский медиатор"),
    ("en", "housing refugee families"),
    ("en", "one-stop shop"),
    # Typos and the other alphabet: the correction path (issue 20).
    ("lv", "imigrnti"),
    ("en", "refugess"),
    ("ru", "bezhency"),
]


def worker(size: int) -> dict:
    """Runs inside a subprocess whose DATABASE_URL points at an empty database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nbnet.settings.dev")
    django.setup()
    import random

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    from search.engine import search
    from search.models import SearchEntry
    from search.text import index_terms

    call_command("migrate", verbosity=0)
    texts = json.loads((ROOT / "practices" / "demo_translations.json").read_text(encoding="utf-8"))
    pool = {"en": list(texts)} | {
        lang: [t[lang] for t in texts.values()] for lang in ("lv", "lt", "et", "ru")
    }
    rng = random.Random(size)
    content_type = ContentType.objects.get_for_model(SearchEntry)
    languages = list(pool)

    started = time.perf_counter()
    batch = []
    for number in range(size):
        language = languages[number % len(languages)]
        title = rng.choice(pool[language])[:200]
        text = " ".join(rng.choice(pool[language]) for _ in range(4))
        batch.append(
            SearchEntry(
                item_type=content_type,
                item_id=number + 1,
                group_key=f"bench-{number // len(languages)}",
                language=language,
                kind="practice",
                title=title,
                summary=text[:300],
                url=f"/{language}/bench/{number}/",
                text=text,
                title_terms=index_terms(title, language),
                terms=index_terms(text, language),
            )
        )
        if len(batch) == 2000:
            SearchEntry.objects.bulk_create(batch)
            batch = []
    SearchEntry.objects.bulk_create(batch)
    from search import vocabulary

    vocabulary.recount()  # entries written in bulk: count the vocabulary once
    entries_seconds = time.perf_counter() - started
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load on a live site: fresh planner statistics, and
        # the GIN indexes' pending lists (up to 4 MB of entries not yet merged, which every
        # query reads through: 2-5 ms per index at 100k) merged into the indexes.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    index_seconds = time.perf_counter() - started

    from django.http import QueryDict

    search("warm up", "en", QueryDict(""))
    search("imigrnti", "lv", QueryDict(""))  # loads the vocabulary once, as the first query of a process does
    timings = []
    for _round in range(5):
        for language, query in QUERIES:
            started = time.perf_counter()
            search(query, language, QueryDict(""))
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "entries_s": round(entries_seconds, 1),
        "index_s": round(index_seconds, 1),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
    }


def run(size: int, database_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "ERROR"}
    output = subprocess.run(
        [sys.executable, __file__, "--worker", str(size)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def postgres_database(base_url: str, name: str) -> str:
    parts = urlsplit(base_url)
    admin = urlunsplit(parts)
    subprocess.run(
        ["psql", admin, "-q", "-c", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"],
        check=True,
        capture_output=True,
    )
    return urlunsplit(parts._replace(path=f"/{name}"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--postgres", help="a PostgreSQL URL whose server may create benchmark databases")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return
    print(f"{'database':<10} {'documents':>9} {'entries s':>10} {'index s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for size in args.sizes:
        targets = []
        with tempfile.TemporaryDirectory() as tmp:
            targets.append(("sqlite", f"sqlite:///{tmp}/bench.sqlite3"))
            if args.postgres:
                targets.append(("postgres", postgres_database(args.postgres, f"nbnet_bench_{size}")))
            for name, url in targets:
                figures = run(size, url)
                print(
                    f"{name:<10} {size:>9} {figures['entries_s']:>10} {figures['index_s']:>8} "
                    f"{figures['p50_ms']:>8} {figures['p95_ms']:>8}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
