"""Make a PostgreSQL benchmark database once: the demo content, optionally seed_scale on top.

    .venv/bin/python bench/live_postgres.py nbnet_demo
    .venv/bin/python bench/live_postgres.py nbnet_large --practitioners 100000 --practices 20000

Idempotent. Creates the role of ``--url`` (with CREATEDB, through ``--admin-url``) when it
cannot sign in, and the database when it is missing; then migrates (cheap when nothing is
new: a database made before a new migration gets it), and, unless the database's comment says
it is complete, runs ``seed_demo`` and ``seed_scale`` (both idempotent) and writes that
comment. The comment lives with the database, so a dropped database is rebuilt and an
interrupted build is resumed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent


def connect(url: str, dbname: str = "postgres") -> psycopg.Connection:
    return psycopg.connect(url.rstrip("/") + "/" + dbname, autocommit=True, connect_timeout=10)


def ensure_role(url: str, admin_url: str) -> None:
    try:
        connect(url).close()
        return
    except psycopg.OperationalError:
        pass
    parts = urlsplit(url)
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as admin:
        exists = admin.execute("select 1 from pg_roles where rolname = %s", [parts.username]).fetchone()
        statement = (
            "alter role {} login createdb password {}"
            if exists
            else "create role {} login createdb password {}"
        )
        admin.execute(
            sql.SQL(statement).format(sql.Identifier(parts.username), sql.Literal(parts.password or ""))
        )
    print(f"role {parts.username}: {'password reset' if exists else 'created'}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("name", help="database name, e.g. nbnet_demo")
    parser.add_argument(
        "--url", default=os.environ.get("LIVE_POSTGRES_URL", "postgres://nbnet:nbnet@127.0.0.1:5432")
    )
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("LIVE_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a superuser, only used to create the role when it is missing",
    )
    parser.add_argument(
        "--practitioners", type=int, default=0, help="seed_scale on top of the demo (0: none)"
    )
    parser.add_argument("--practices", type=int, default=0)
    args = parser.parse_args()

    url = args.url.rstrip("/")
    ensure_role(url, args.admin_url)
    with connect(url) as server:
        found = server.execute(
            "select shobj_description(oid, 'pg_database') from pg_database where datname = %s", [args.name]
        ).fetchone()
        if not found:
            server.execute(sql.SQL("create database {}").format(sql.Identifier(args.name)))
            print(f"database {args.name}: created")
    complete = f"nbnet bench: seed_demo, seed_scale {args.practitioners}/{args.practices}"
    env = {**os.environ, "DATABASE_URL": f"{url}/{args.name}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the development settings, as `make setup` uses

    def manage(*command: str) -> None:
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)

    manage("migrate", "--noinput", "-v0")
    if found and found[0] == complete:
        print(f"database {args.name}: up to date ({complete})")
        return
    manage("seed_demo")
    if args.practitioners or args.practices:
        manage("seed_scale", "--practitioners", str(args.practitioners), "--practices", str(args.practices))
    with connect(url, args.name) as database:
        database.execute(
            sql.SQL("comment on database {} is {}").format(sql.Identifier(args.name), sql.Literal(complete))
        )
    print(f"database {args.name}: complete ({complete})")


if __name__ == "__main__":
    main()
