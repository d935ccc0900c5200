"""Import speed: practitioner rows per second, dry run and real, at the sizes asked for.

    .venv/bin/python bench/import_bench.py --rows 1000 --rows 50000
    .venv/bin/python bench/import_bench.py --rows 1000 \\
        --database-url postgres://nbnet:nbnet@127.0.0.1:5432/nbnet_importbench

Per database (a SQLite file in /tmp by default, or PostgreSQL: the database named in the URL is
dropped and created again by this script, the role needs CREATEDB) it builds a template once:
``migrate`` and ``seed_demo --skip-index`` (the demo's countries, cities, themes, target groups,
spoken languages, organisations and the directory page, in five languages, with the language
trees kept in sync as on the site), then for each ``--rows`` copies it to a scratch database and,
in a fresh process with the production settings (DEBUG off; tasks run in the process unless
``--task-backend`` says otherwise; the page cache in Redis under a key prefix of this run's own,
deleted at the end), generates a practitioners CSV of that many rows (names, roles, biographies,
organisations, cities, countries, themes, target groups, languages, contact details for some,
and for about one person in four translation rows in one or two of lv/lt/et/ru) and times
``exchange.importer.run_import`` four times:

1. dry run;            2. real import (published);
3. dry run again;      4. real import again (every row "unchanged").

It prints a table of wall seconds, the worker process's CPU seconds (the importer's Python and,
on SQLite, the database's work; PostgreSQL's own is not in it) and rows per second (wall) with
what the report counted. ``--budget`` (for the passes named by ``--budget-pass``, default all)
stops a pass after that many seconds (the import is rolled back; the rate is over the rows done
so far, marked ``~``, and the later passes are skipped when the real import did not finish).
``--profile DIR`` writes a cProfile file per pass. It asserts nothing: speed targets live here,
not in the test suite.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = "sqlite:////tmp/nbnet-importbench.sqlite3"
PASSES = [
    ("dry run", {"dry_run": True}),
    ("import", {"dry_run": False}),
    ("dry run again", {"dry_run": True}),
    ("import again", {"dry_run": False}),
]
COLUMNS = [
    "key",
    "language",
    "name",
    "role",
    "organisation",
    "city",
    "country",
    "bio",
    "themes",
    "target_groups",
    "languages",
    "open_to_exchange",
    "looking_for_partners",
    "last_confirmed",
    "email",
    "phone",
    "email_visibility",
    "phone_visibility",
]
FIRST = {
    "f": [
        "Anna",
        "Ilze",
        "Līga",
        "Marta",
        "Ieva",
        "Rasa",
        "Kristina",
        "Liis",
        "Kadri",
        "Mari",
        "Sofia",
        "Inga",
    ],
    "m": ["Jānis", "Andris", "Mantas", "Tomas", "Lukas", "Jonas", "Priit", "Toomas", "Mikk", "Erik", "Pavel"],
}
LAST = {
    "f": ["Ozola", "Kalniņa", "Bērziņa", "Liepiņa", "Kazlauskienė", "Petraitienė", "Tamm", "Saar", "Kask"],
    "m": ["Ozols", "Kalniņš", "Bērziņš", "Liepiņš", "Kazlauskas", "Petraitis", "Tamm", "Saar", "Kask"],
}
TRANSLATIONS = ["lv", "lt", "et", "ru"]


# --- Inside the worker process (DATABASE_URL points at the scratch database) -------------------------


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed() -> None:
    """Migrate and load the demo structure: builds the template database."""
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", "--skip-index", verbosity=0, stdout=io.StringIO())


def generate(rows: int, seed_value: int = 2026) -> bytes:
    """A practitioners CSV of ``rows`` rows, from the taxonomies and organisations in the database."""
    from network import demo_data
    from network.models import City, Organisation, SpokenLanguage, TargetGroup, Theme

    rng = random.Random(seed_value)
    cities = [
        (slug, code)
        for slug, code in City.objects.filter(locale__language_code="en").values_list("slug", "country__code")
        if slug in demo_data.CITIES
    ]
    organisations: dict[str, list[str]] = {}
    for slug, code in Organisation.objects.filter(locale__language_code="en").values_list(
        "slug", "country__code"
    ):
        organisations.setdefault(code, []).append(slug)
    themes = list(Theme.objects.filter(locale__language_code="en").values_list("slug", flat=True))
    focus = [slug for slug in themes if slug in demo_data.FOCUS]
    groups = list(TargetGroup.objects.filter(locale__language_code="en").values_list("slug", flat=True))
    spoken = list(SpokenLanguage.objects.values_list("code", flat=True))
    roles = list(demo_data.ROLES)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    written, person = 0, 0
    while written < rows:
        person += 1
        gender = rng.choice("fm")
        index = 0 if gender == "m" else 1
        name = f"{rng.choice(FIRST[gender])} {rng.choice(LAST[gender])}"
        city, country = rng.choice(cities)
        _code, english_city, *translated_cities = demo_data.CITIES[city]
        city_in = {"en": f"in {english_city}"} | {
            lang: pair[1] for lang, pair in zip(TRANSLATIONS, translated_cities, strict=True)
        }
        role = rng.choice(roles)
        person_themes = [rng.choice(focus), *rng.sample(themes, rng.randint(0, 2))]
        person_themes = list(dict.fromkeys(person_themes))
        texts = {}
        for position, lang in enumerate(["en", *TRANSLATIONS]):
            display_m, display_f, sentence_m, sentence_f = demo_data.ROLES[role][lang]
            sentence = (sentence_m, sentence_f)[index].replace("{city}", city_in[lang])
            texts[lang] = (
                (display_m, display_f)[index],
                f"{sentence} {demo_data.FOCUS[person_themes[0]][position]}",
            )
        key = f"bench-{person:06d}"
        with_contact = rng.random() < 0.3
        email = f"{key}@example.org" if with_contact else ""
        phone = f"+371 5550 {person % 10000:04d}" if with_contact and rng.random() < 0.5 else ""
        writer.writerow(
            [
                key,
                "en",
                name,
                texts["en"][0],
                rng.choice(organisations.get(country, [""])) if rng.random() < 0.8 else "",
                city,
                country,
                texts["en"][1],
                "|".join(person_themes),
                "|".join(rng.sample(groups, rng.randint(1, 2))),
                "|".join(rng.sample(spoken, rng.randint(1, 3))),
                rng.choice(["yes", "no"]),
                rng.choice(["yes", "no", ""]),
                f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                email,
                phone,
                rng.choice(["members", "hidden", "public"]) if email else "",
                "hidden" if phone else "",
            ]
        )
        written += 1
        if rng.random() < 0.25:
            for lang in rng.sample(TRANSLATIONS, rng.randint(1, 2)):
                if written >= rows:
                    break
                role_text, bio = texts[lang]
                writer.writerow([key, lang, name, role_text, "", "", "", bio] + [""] * (len(COLUMNS) - 8))
                written += 1
    return out.getvalue().encode()


class OutOfTime(Exception):
    pass


def worker(rows: int, budget: float, budget_passes: list[str], profile_dir: str | None) -> dict:
    _setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation

    from exchange.importer import run_import

    call_command("migrate", "--noinput", verbosity=0)  # cheap when the template is current
    with connection.cursor() as cursor:  # planner statistics, as a live site has them
        cursor.execute("ANALYZE")
    data = generate(rows)
    results = []
    for name, options in PASSES:
        if results and name.startswith("import again") and results[1]["partial"]:
            break
        if results and name == "dry run again" and results[1]["partial"]:
            break
        started, cpu = time.perf_counter(), time.process_time()
        state = {"done": 0, "calls": 0, "tenth": 0}
        limit = budget if budget and (not budget_passes or name in budget_passes) else 0

        def progress(done, total, state=state, started=started, name=name, limit=limit):
            state["done"], state["calls"] = done, state["calls"] + 1
            if limit and time.perf_counter() - started > limit:
                raise OutOfTime
            tenth = done * 10 // max(1, total)
            if tenth > state["tenth"]:
                state["tenth"] = tenth
                print(f"  {name}: {done}/{total} in {time.perf_counter() - started:.0f} s", file=sys.stderr)

        profiler = None
        if profile_dir:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        with translation.override("en"):
            report = run_import(
                data, filename="bench.csv", kind="practitioner", publish=True, progress=progress, **options
            )
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if profiler is not None:
            profiler.disable()
            path = Path(profile_dir) / f"import-{connection.vendor}-{rows}-{name.replace(' ', '-')}.prof"
            profiler.dump_stats(path)
            print(f"  profile: {path}", file=sys.stderr)
        partial = bool(report.file_error)
        done = state["done"] if partial else len(report.rows)
        rejected = [(row.line, row.reasons) for row in report.rows if row.rejected][:3]
        results.append(
            {
                "pass": name,
                "seconds": round(seconds, 1),
                "cpu": round(cpu, 1),
                "rows": done,
                "rate": round(done / seconds, 1) if seconds else 0.0,
                "partial": partial,
                "progress_calls": state["calls"],
                "create": report.created,
                "update": report.updated,
                "unchanged": report.unchanged,
                "reject": report.rejected,
                "rejected_sample": rejected,
                "file_error": report.file_error[:200]
                if partial and "OutOfTime" not in report.file_error
                else "",
            }
        )
    return {"vendor": connection.vendor, "rows": rows, "passes": results}


# --- The driver: scratch databases, one worker process per size ---------------------------------------


def _environment(database_url: str, options) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "ERROR",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "import-bench-only-" + uuid.uuid4().hex),
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS", "testserver"),
        "SECURE_SSL_REDIRECT": "false",
    }
    env.setdefault("DJANGO_SETTINGS_MODULE", "nbnet.settings.production")
    env.setdefault("CACHE_URL", "redis://127.0.0.1:6379/7")
    env["CACHE_KEY_PREFIX"] = f"import-bench-{uuid.uuid4().hex[:8]}"
    if options.task_backend:
        env["TASK_BACKEND"] = options.task_backend
    return env


def _call(env: dict, *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *arguments],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return done.stdout


def _delete_cache_keys(env: dict) -> None:
    url = env.get("CACHE_URL", "")
    if not url.startswith("redis://"):
        return
    try:
        import redis

        client = redis.Redis.from_url(url, socket_timeout=2)
        for key in client.scan_iter(match=f"*{env['CACHE_KEY_PREFIX']}*", count=1000):
            client.delete(key)
    except Exception as error:  # only tidying up
        print(f"(cache keys not deleted: {error})", file=sys.stderr)


class Sqlite:
    def __init__(self, url: str):
        self.path = Path(urlsplit(url).path)
        self.template = self.path.with_name(self.path.stem + "-template" + self.path.suffix)
        self.label = "sqlite"

    def template_exists(self) -> bool:
        return self.template.exists()

    def template_url(self) -> str:
        return f"sqlite:///{self.template}"

    def drop_template(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(self.template) + suffix).unlink(missing_ok=True)

    def scratch(self) -> str:
        self.drop()
        shutil.copyfile(self.template, self.path)
        return f"sqlite:///{self.path}"

    def drop(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)


class Postgres:
    def __init__(self, url: str):
        self.parts = urlsplit(url)
        self.name = self.parts.path.strip("/")
        if not self.name:
            raise SystemExit("--database-url must name the scratch database, e.g. …/nbnet_importbench")
        self.template = f"{self.name}_template"
        self.label = "postgresql"

    def _server(self):
        import psycopg

        admin = urlunsplit(self.parts._replace(path="/postgres", scheme="postgresql"))
        return psycopg.connect(admin, autocommit=True, connect_timeout=10)

    def _exists(self, name: str) -> bool:
        with self._server() as server:
            return bool(server.execute("select 1 from pg_database where datname = %s", [name]).fetchone())

    def _run(self, *statements) -> None:
        with self._server() as server:
            for statement in statements:
                server.execute(statement)

    def _url(self, name: str) -> str:
        return urlunsplit(self.parts._replace(path=f"/{name}"))

    def template_exists(self) -> bool:
        return self._exists(self.template)

    def template_url(self) -> str:
        from psycopg import sql

        if not self.template_exists():
            self._run(sql.SQL("create database {}").format(sql.Identifier(self.template)))
        return self._url(self.template)

    def drop_template(self) -> None:
        from psycopg import sql

        self._run(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(self.template)))

    def scratch(self) -> str:
        from psycopg import sql

        self.drop()
        self._run(
            sql.SQL("create database {} template {}").format(
                sql.Identifier(self.name), sql.Identifier(self.template)
            )
        )
        return self._url(self.name)

    def drop(self) -> None:
        from psycopg import sql

        self._run(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(self.name)))


def _mark(result: dict) -> str:
    return ("~" if result["partial"] else "") + f"{result['rate']:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rows", type=int, action="append", help="rows in the file (repeatable); default 1000"
    )
    parser.add_argument(
        "--database-url",
        action="append",
        help=f"scratch database (repeatable): sqlite:////path or postgres://…/name; default {DEFAULT_SQLITE}",
    )
    parser.add_argument("--budget", type=float, default=0, help="seconds at most per pass (0: no limit)")
    parser.add_argument(
        "--budget-pass",
        action="append",
        choices=[name for name, _options in PASSES],
        help="the passes --budget applies to (repeatable; default: all)",
    )
    parser.add_argument("--profile", metavar="DIR", help="write a cProfile file per pass into DIR")
    parser.add_argument(
        "--task-backend",
        choices=["immediate", "database"],
        default="immediate",
        help="TASK_BACKEND for the import (default immediate: Wagtail's index tasks run in the import)",
    )
    parser.add_argument(
        "--reuse-template",
        action="store_true",
        help="keep the seeded template database and reuse it next time",
    )
    parser.add_argument("--keep", action="store_true", help="keep the last scratch database")
    parser.add_argument("--seed-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.seed_worker:
        seed()
        return
    if options.worker:
        print(json.dumps(worker(options.worker, options.budget, options.budget_pass or [], options.profile)))
        return

    sizes = options.rows or [1000]
    table = []
    for url in options.database_url or [DEFAULT_SQLITE]:
        database = Postgres(url) if url.startswith(("postgres://", "postgresql://")) else Sqlite(url)
        if not (options.reuse_template and database.template_exists()):
            database.drop_template()
            started = time.perf_counter()
            print(
                f"{database.label}: building the template (migrate, seed_demo)…", file=sys.stderr, flush=True
            )
            _call(_environment(database.template_url(), options), "--seed-worker")
            print(
                f"{database.label}: template built in {time.perf_counter() - started:.0f} s", file=sys.stderr
            )
        try:
            for rows in sizes:
                env = _environment(database.scratch(), options)
                print(f"{database.label}: {rows} rows…", file=sys.stderr, flush=True)
                arguments = ["--worker", str(rows), "--budget", str(options.budget)]
                for name in options.budget_pass or []:
                    arguments += ["--budget-pass", name]
                if options.profile:
                    Path(options.profile).mkdir(parents=True, exist_ok=True)
                    arguments += ["--profile", str(Path(options.profile).resolve())]
                try:
                    output = _call(env, *arguments)
                finally:
                    _delete_cache_keys(env)
                result = json.loads(output.strip().splitlines()[-1])
                table.append((database.label, result))
                for item in result["passes"]:
                    if item["rejected_sample"] or item["file_error"]:
                        print(
                            f"  {item['pass']}: {item['rejected_sample']} {item['file_error']}",
                            file=sys.stderr,
                        )
                _print_table(table)
                if not options.keep or rows != sizes[-1]:
                    database.drop()
        finally:
            if not options.reuse_template:
                database.drop_template()


def _print_table(table) -> None:
    header = (
        f"{'database':<11}{'rows':>7}  {'pass':<14}{'seconds':>9}{'cpu s':>8}{'rows/s':>9}"
        f"{'create':>8}{'update':>8}{'unchanged':>10}{'reject':>8}"
    )
    print(header)
    for label, result in table:
        for item in result["passes"]:
            print(
                f"{label:<11}{result['rows']:>7}  {item['pass']:<14}{item['seconds']:>9}{item['cpu']:>8}"
                f"{_mark(item):>9}"
                f"{item['create']:>8}{item['update']:>8}{item['unchanged']:>10}{item['reject']:>8}"
            )
    print(flush=True)


if __name__ == "__main__":
    main()
