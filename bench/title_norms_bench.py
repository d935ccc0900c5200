"""What indexing one page costs as the search index grows: modelsearch's own title-norm refresh
against ``search.backend``'s (issue 17).

    .venv/bin/python bench/title_norms_bench.py [--sizes 100000 500000] [--rounds 5]

On a scratch copy of the demo database (``db.sqlite3``, from ``make setup``), it fills the
index with filler entries up to each size and indexes one practitioner's page again, as a
publish does, with each index class, printing the median milliseconds. It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="title-norms-"))
    shutil.copy(ROOT / "db.sqlite3", scratch / "db.sqlite3")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'db.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nbnet.settings.dev")
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from network.models import PractitionerPage
    from search import backend as ours

    backend = get_search_backend()
    page = PractitionerPage.objects.filter(locale__language_code="en").first()
    filler = ContentType.objects.get_for_model(IndexEntry).pk
    theirs_class = backend.index_class.__mro__[2]  # under WrittenEntriesTitleNorms
    ours_class = backend.index_class
    print(f"{'index entries':>14} | {'modelsearch ms':>14} | {'search.backend ms':>17}")
    try:
        for size in sorted(args.sizes):
            missing = size - IndexEntry.objects.count()
            offset = 10**8 + IndexEntry.objects.filter(content_type_id=filler).count()
            for start in range(0, max(missing, 0), 10_000):
                IndexEntry.objects.bulk_create(
                    IndexEntry(
                        content_type_id=filler,
                        object_id=str(offset + start + i),
                        title=f"Practitioner {start + i} in a municipality",
                        autocomplete="",
                        body="",
                        title_norm=1.0,
                    )
                    for i in range(min(10_000, missing - start))
                )
            figures = []
            for index_class in (theirs_class, ours_class):
                backend.index_class = index_class
                ours.forget_average()
                backend.add(page)  # the first one reads the average once
                spent = []
                for _ in range(args.rounds):
                    started = time.perf_counter()
                    backend.add(page)
                    spent.append(1000 * (time.perf_counter() - started))
                figures.append(statistics.median(spent))
            print(f"{IndexEntry.objects.count():>14,} | {figures[0]:>14.1f} | {figures[1]:>17.1f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
