"""First views of the directory and the practice index after a change, with and without facet
indexes (home/facet_index.py), on the 100k databases.

    .venv/bin/python bench/facet_bench.py --sqlite bench-large.sqlite3 \
        --postgres postgres://nbnet:nbnet@127.0.0.1:5432/nbnet_large --rounds 3

For each database and each mode ("sql": counts and ordered ids from SQL, as before; "index":
from the facet index) a child process (dev settings, DEBUG off, the page cache off so every
view is built, fragments and indexes in Redis, CACHE_URL, DB 5 by default) repeats, per URL:
publish a change of one generated practitioner or practice (its title), timing the publish and,
in "index" mode, the index update it runs after the commit (the publisher's cost); then the
first view of the URL, CPU ms (``time.process_time``: this process only, so on PostgreSQL
the server's own work is left out; wall ms includes it) and wall ms. Titles are put back at
the end. It prints ranges over the rounds; it asserts nothing. The SQLite database is copied
first (``--copy``) so the original is not edited.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URLS = [
    ("directory, no filter", "/en/network/", "people"),
    ("directory, country+theme, page 20", "/en/network/?country=LV&theme=roma-inclusion&page=20", "people"),
    ("practice index", "/en/practices/", "practices"),
    (
        "practice index, theme+status, page 10",
        "/en/practices/?theme=employment&status=ongoing&page=10",
        "practices",
    ),
]


def child(mode: str, rounds: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client
    from wagtail.models import Page

    from home import facet_index
    from network.models import PractitionerPage
    from practices.models import PracticePage

    facet_index.connect()  # idempotent (HomeConfig.ready may already have)
    if mode == "sql":
        facet_index._connected[0] = False
    spent = {"cpu": 0.0, "wall": 0.0}
    apply = facet_index._apply

    def timed_apply(*args, **kwargs):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return apply(*args, **kwargs)
        finally:
            spent["cpu"] += time.process_time() - cpu
            spent["wall"] += time.perf_counter() - wall

    facet_index._apply = timed_apply
    models = {"people": PractitionerPage, "practices": PracticePage}
    pages = {
        kind: list(
            model.objects.live()
            .filter(locale__language_code="en", slug__startswith="gen-")
            .order_by("pk")[:rounds]
        )
        for kind, model in models.items()
    }
    originals = {page.pk: page.title for kind in pages for page in pages[kind]}
    client = Client(HTTP_HOST="localhost")
    for _label, url, _kind in URLS:  # warm: imports, connections, indexes built once
        client.get(url)
        client.get(url)
    results = []
    try:
        for number in range(rounds):
            for label, url, kind in URLS:
                page = Page.objects.get(pk=pages[kind][number].pk).specific
                page.title = f"{originals[page.pk]} {label[:1]}{number}"
                spent.update(cpu=0.0, wall=0.0)
                cpu, wall = time.process_time(), time.perf_counter()
                page.save_revision().publish()
                publish = (time.process_time() - cpu, time.perf_counter() - wall)
                cpu, wall = time.process_time(), time.perf_counter()
                response = client.get(url)
                first = (time.process_time() - cpu, time.perf_counter() - wall)
                assert response.status_code == 200, (url, response.status_code)
                cpu, wall = time.process_time(), time.perf_counter()
                client.get(url)
                second = (time.process_time() - cpu, time.perf_counter() - wall)
                results.append(
                    {
                        "label": label,
                        "first": [1000 * v for v in first],
                        "second": [1000 * v for v in second],
                        "publish": [1000 * v for v in publish],
                        "update": [1000 * spent["cpu"], 1000 * spent["wall"]],
                    }
                )
    finally:
        for pk, title in originals.items():
            page = Page.objects.get(pk=pk).specific
            if page.title != title:
                page.title = title
                page.save_revision().publish()
    print("RESULTS " + json.dumps(results))


def run(database_url: str, mode: str, rounds: int, cache_url: str) -> list[dict]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nbnet.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "CACHE_KEY_PREFIX": f"facet-bench-{abs(hash(database_url))}",
        "PAGE_CACHE_SECONDS": "0",
    }
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--rounds", str(rounds)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in out.stdout.splitlines():
        if line.startswith("RESULTS "):
            return json.loads(line[8:])
    raise SystemExit(f"{mode} on {database_url} failed:\n{out.stdout[-3000:]}\n{out.stderr[-5000:]}")


def span(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"{low:.0f}" if round(low) == round(high) else f"{low:.0f}–{high:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite", default="bench-large.sqlite3")
    parser.add_argument("--postgres", default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--copy", default=str(Path(tempfile.gettempdir(), "facet-bench.sqlite3")))
    parser.add_argument("--child", default=None)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.rounds)
        return
    databases = []
    if args.sqlite:
        if args.copy:
            shutil.copyfile(ROOT / args.sqlite, args.copy)
        databases.append(("SQLite", f"sqlite:///{Path(args.copy or ROOT / args.sqlite).resolve()}"))
    if args.postgres:
        databases.append(("PostgreSQL", args.postgres))
    columns = ["database", "URL", "mode", "first view CPU ms", "first view wall ms"]
    columns += ["publisher: index update CPU / wall ms", "publish, total wall ms"]
    print("| " + " | ".join(columns) + " |")
    print("|---" * len(columns) + "|")
    for name, url in databases:
        for mode in ("sql", "index"):
            rows = run(url, mode, args.rounds, args.cache_url)
            for label, _url, _kind in URLS:
                mine = [row for row in rows if row["label"] == label]
                first_cpu = span([row["first"][0] for row in mine])
                first_wall = span([row["first"][1] for row in mine])
                update = (
                    f"{span([row['update'][0] for row in mine])} / {span([row['update'][1] for row in mine])}"
                    if mode == "index"
                    else "–"
                )
                publish = span([row["publish"][1] for row in mine])
                print(
                    f"| {name} | {label} | {mode} | {first_cpu} | {first_wall} | {update} | {publish} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
