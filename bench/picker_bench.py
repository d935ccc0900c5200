"""What choosing a person costs an editor at scale (issue 24): the practice editor's size and the
picker's search, with 100k practitioners.

    .venv/bin/python bench/picker_bench.py [--practitioners 100000] [--rounds 5]

On a scratch copy of the demo database (``db.sqlite3``, from ``make setup``; ``--database URL``
for a PostgreSQL database already holding the data), it adds synthetic practitioners
(``home.scale``, as ``make bench-serve-large``), then, signed in as a moderator, times the
practice editor and ``/admin/pickers/people/?q=`` for a full name, a surname, a prefix of
four letters, a lower-case non-ASCII surname and a name nobody has, printing the median
milliseconds, the answer's size and the number of results. It asserts nothing.
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
    parser.add_argument("--practitioners", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database", default="")
    args = parser.parse_args()

    scratch = None
    if args.database:
        os.environ["DATABASE_URL"] = args.database
    else:
        scratch = Path(tempfile.mkdtemp(prefix="picker-bench-"))
        shutil.copy(ROOT / "db.sqlite3", scratch / "db.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'db.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nbnet.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from wagtail.models import Locale

    from editorial import roles
    from home import scale
    from network.models import PractitionerPage
    from practices.models import PracticePage

    try:
        started = time.perf_counter()
        scale.build(args.practitioners, 0, lambda message: None)
        built = time.perf_counter() - started
        total = PractitionerPage.objects.count()
        print(f"practitioners: {total:,} (built in {built:.0f} s)")
        user, _ = get_user_model().objects.get_or_create(username="picker-bench")
        user.groups.add(Group.objects.get(name=roles.MODERATORS))
        client = Client()
        client.force_login(user)
        practice = PracticePage.objects.filter(locale=Locale.get_default()).order_by("pk").first()
        person = PractitionerPage.objects.filter(locale=Locale.get_default()).order_by("-pk").first()
        surname = person.title.split()[-1]
        cases = [
            ("practice editor", f"/admin/pages/{practice.pk}/edit/", {}),
            ("search: full name", "/admin/pickers/people/", {"q": person.title}),
            ("search: surname", "/admin/pickers/people/", {"q": surname}),
            ("search: 4-letter prefix", "/admin/pickers/people/", {"q": surname[:4]}),
            ("search: žukauskas", "/admin/pickers/people/", {"q": "žukauskas"}),
            ("search: nobody", "/admin/pickers/people/", {"q": "Zzyzx Qwerty"}),
        ]
        print(f"{'request':<24} | {'median ms':>9} | {'bytes':>9} | results")
        for label, url, params in cases:
            spent, response = [], None
            for _ in range(args.rounds):
                begun = time.perf_counter()
                response = client.get(url, params)
                spent.append(1000 * (time.perf_counter() - begun))
            results = len(response.json()["results"]) if url.startswith("/admin/pickers/") else "-"
            print(f"{label:<24} | {statistics.median(spent):>9.0f} | {len(response.content):>9,} | {results}")
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
